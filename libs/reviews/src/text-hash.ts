import { createHash } from 'node:crypto';
import type { DocumentText } from '#collab';

/** The hash an approval pins: of the headline and the body, each length-prefixed so no two texts share one. */
export function textHash(text: DocumentText): string {
  const hash = createHash('sha256');
  for (const field of [text.headline, text.body]) hash.update(`${field.length}:`).update(field);
  return `sha256:${hash.digest('hex')}`;
}
