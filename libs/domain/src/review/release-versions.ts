/**
 * Which version of a story a review transition releases (issue 13). Pure: the caller reads the
 * story's latest version under the draft's row lock and writes what this decides in the same
 * transaction.
 *
 * - Reaching `published` (publish, or the scheduler's release) releases version n+1: `published`
 *   the first time, `corrected` after that (a correction: same story, same uri, new version).
 * - `withdraw` releases a `canceled` version n+1 of a story that was released: receivers take it
 *   down. A scheduled draft withdrawn before its first release was never out: nothing to cancel.
 * - Every other transition releases nothing.
 */
import type { PublicationEventName, ReleasedPubStatus, ReviewState } from '#contracts';

export interface ReleasedVersion {
  event: PublicationEventName;
  version: number;
  pubStatus: ReleasedPubStatus;
}

export function decideReleasedVersion(input: {
  to: ReviewState;
  latest: { version: number } | null;
}): ReleasedVersion | null {
  const { to, latest } = input;
  const version = (latest?.version ?? 0) + 1;
  if (to === 'published') return { event: latest ? 'corrected' : 'published', version, pubStatus: 'usable' };
  if (to === 'withdrawn' && latest) return { event: 'withdrawn', version, pubStatus: 'canceled' };
  return null;
}
