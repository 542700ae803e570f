/** Checks that every client of each draft holds the same text, and that a fresh join gets it too. */
import { CopydeskClient, type DraftSession } from '#client';
import { mapConcurrently, pollUntil, withTimeout } from './async-helpers.js';
import type { SimulatedUser } from './bench-fleet.js';
import type { ConvergenceSummary } from './bench-result.js';

function text(session: DraftSession): string {
  return `${session.headline.toString()}\n${session.body.toString()}`;
}

function disagreeing(users: readonly SimulatedUser[]): number {
  const reference = text(users[0]!.session);
  return users.filter((user) => text(user.session) !== reference).length;
}

export async function checkConvergence(
  baseUrl: string,
  token: string,
  draftIds: readonly string[],
  users: readonly SimulatedUser[],
  settleMs: number,
): Promise<ConvergenceSummary> {
  const byDraft = draftIds.map((_, index) => users.filter((user) => user.draftIndex === index));
  // Deletions are not tracked by the propagation check, so give the last ones a moment.
  await pollUntil(() => byDraft.every((group) => group.length === 0 || disagreeing(group) === 0), settleMs);
  const mismatches: string[] = [];
  await mapConcurrently(draftIds, 20, async (draftId, index) => {
    const group = byDraft[index]!;
    if (group.length === 0) return;
    const differ = disagreeing(group);
    if (differ > 0) mismatches.push(`draft ${draftId}: ${differ} of ${group.length} clients differ from the first`);
    const fresh = new CopydeskClient({ baseUrl, token });
    try {
      const session = fresh.openDraft(draftId, { resyncIntervalMs: 0 });
      await withTimeout(session.whenSynced(), 30_000, 'a fresh join');
      if (text(session) !== text(group[0]!.session)) mismatches.push(`draft ${draftId}: a fresh join differs`);
    } catch (error) {
      mismatches.push(`draft ${draftId}: fresh join failed (${(error as Error).message})`);
    } finally {
      await fresh.close();
    }
  });
  return { ok: mismatches.length === 0, drafts: draftIds.length, clients: users.length, mismatches };
}
