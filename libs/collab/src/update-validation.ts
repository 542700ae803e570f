import * as Y from 'yjs';

export type UpdateCheck = { ok: true; empty: boolean } | { ok: false; problem: 'INVALID_UPDATE' | 'TOO_LARGE' };

// Yjs client ids are 32-bit unsigned; clocks stay far below this in any real document.
const MAX_CLIENT = 0xffffffff;
const MAX_CLOCK = 2 ** 40;

/**
 * Checks that bytes are a well-formed Yjs v1 update within the size limit, before anything is
 * stored or applied. Decoding walks every struct and the delete set, so truncated or random
 * bytes fail here rather than inside a live document. An empty update is valid and changes nothing.
 */
export function checkUpdate(update: Uint8Array, maxBytes: number): UpdateCheck {
  if (update.byteLength > maxBytes) return { ok: false, problem: 'TOO_LARGE' };
  try {
    const decoded = Y.decodeUpdate(update);
    for (const struct of decoded.structs) {
      const { client, clock } = struct.id;
      if (client < 0 || client > MAX_CLIENT || clock < 0 || clock + struct.length > MAX_CLOCK) {
        return { ok: false, problem: 'INVALID_UPDATE' };
      }
    }
    for (const [client, ranges] of decoded.ds.clients) {
      if (client < 0 || client > MAX_CLIENT || ranges.some((r) => r.clock < 0 || r.clock + r.len > MAX_CLOCK)) {
        return { ok: false, problem: 'INVALID_UPDATE' };
      }
    }
    return { ok: true, empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0 };
  } catch {
    return { ok: false, problem: 'INVALID_UPDATE' };
  }
}
