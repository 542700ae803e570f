import type { IncomingMessage } from 'node:http';
import { jsonNestingExceeds } from './json-depth.js';

/** Deeper than any request body of the API (a few levels); deep enough for any honest client. */
export const MAX_JSON_DEPTH = 32;

/** A body-parser error, as body-parser makes them: mapped to the one error shape by mapError. */
class BodyRefusal extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly type: string,
  ) {
    super(message);
  }
}

/**
 * body-parser `json` options: at most `limit` bytes, and nothing nested deeper than
 * MAX_JSON_DEPTH, checked on the raw bytes before parsing, so no caller's body is turned into
 * objects (let alone validated) when it is too deep.
 */
export function jsonBodyOptions(limit: number) {
  return {
    limit,
    verify: (_request: IncomingMessage, _response: unknown, body: Buffer, encoding: string) => {
      if (jsonNestingExceeds(utf8Of(body, encoding), MAX_JSON_DEPTH)) {
        throw new BodyRefusal(
          `The request body is nested more than ${MAX_JSON_DEPTH} levels deep`,
          400,
          'entity.too.deep',
        );
      }
    },
  };
}

function utf8Of(body: Buffer, encoding: string): Uint8Array {
  if (/^utf-?8$/i.test(encoding)) return body;
  try {
    return Buffer.from(new TextDecoder(encoding).decode(body), 'utf8');
  } catch {
    // body-parser takes any utf-*; what TextDecoder cannot read (UTF-32) is refused rather than unchecked.
    throw new BodyRefusal('Send JSON in UTF-8', 415, 'charset.unsupported');
  }
}
