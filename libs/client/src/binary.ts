/**
 * Socket.io hands binary attachments over as a Buffer in Node and an ArrayBuffer in browsers;
 * Yjs wants a plain Uint8Array.
 */
export function toUint8Array(value: unknown): Uint8Array | null {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
  return null;
}
