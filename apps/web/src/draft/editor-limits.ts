/**
 * Whether a change fits in one update the server accepts (`limits.maxUpdateBytes` from the join),
 * checked before the editor applies it. Pure, tested in node.
 *
 * Why before: the SDK refuses a larger change itself and takes its insertions back out of the
 * document at once, from inside the Yjs transaction the editor is still applying; y-codemirror.next
 * would then have to update the view in the middle of an update, which CodeMirror forbids (the
 * binding stops working). A paste that cannot be saved is refused before it lands instead.
 */

/** Room for what a Yjs update carries besides the inserted text (ids, lengths, the delete set). */
export const UPDATE_OVERHEAD_BYTES = 4 * 1024;

const encoder = new TextEncoder();

/** The UTF-8 size of text: what a Yjs update stores of it. */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).byteLength;
}

/** Inserting `insertedBytes` of text makes an update the server takes, given its limit (null: unknown yet). */
export function fitsInOneUpdate(insertedBytes: number, maxUpdateBytes: number | null): boolean {
  if (maxUpdateBytes === null) return true;
  return insertedBytes + UPDATE_OVERHEAD_BYTES <= maxUpdateBytes;
}

/**
 * The UTF-8 size of the inserted texts, or null when they surely fit (a UTF-16 code unit is at
 * most three bytes), so typing never pays for encoding.
 */
export function oversizeInsert(inserted: readonly string[], maxUpdateBytes: number | null): number | null {
  if (maxUpdateBytes === null) return null;
  const units = inserted.reduce((sum, text) => sum + text.length, 0);
  if (fitsInOneUpdate(units * 3, maxUpdateBytes)) return null;
  const bytes = inserted.reduce((sum, text) => sum + utf8Bytes(text), 0);
  return fitsInOneUpdate(bytes, maxUpdateBytes) ? null : bytes;
}
