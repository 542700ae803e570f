/** Checks that every client of each draft holds the same text, and that a fresh join gets it too. */
import { CopydeskClient, type DraftSession } from '#client';
import type * as Y from 'yjs';
import { mapConcurrently, sleep, withTimeout } from './async-helpers.js';
import type { ConvergenceSummary } from './bench-result.js';

/** One client's text (headline, a newline, body) with the index of its draft. */
export type ClientText = [draftIndex: number, text: string];

export function sessionText(session: DraftSession): string {
  return `${session.headline.toString()}\n${session.body.toString()}`;
}

/** Per draft: the first client's text, and how many of its clients differ from it. */
export function disagreements(
  texts: readonly ClientText[],
): Map<number, { text: string; clients: number; differ: number }> {
  const byDraft = new Map<number, { text: string; clients: number; differ: number }>();
  for (const [draftIndex, text] of texts) {
    const group = byDraft.get(draftIndex);
    if (!group) byDraft.set(draftIndex, { text, clients: 1, differ: 0 });
    else {
      group.clients += 1;
      if (text !== group.text) group.differ += 1;
    }
  }
  return byDraft;
}

const agree = (texts: readonly ClientText[]) => [...disagreements(texts).values()].every((group) => group.differ === 0);

/**
 * `readTexts` answers the editors' texts now (they may live in worker threads); it is asked again
 * until they agree or `settleMs` passes, since deletions are not tracked by the propagation check.
 * `inspectFresh`, when given, checks the body of each draft's fresh join too (--authors' insertions).
 */
export async function checkConvergence(
  baseUrl: string,
  token: string,
  draftIds: readonly string[],
  readTexts: () => Promise<ClientText[]>,
  settleMs: number,
  inspectFresh?: (draftIndex: number, body: Y.Text) => string[],
): Promise<ConvergenceSummary> {
  const deadline = Date.now() + settleMs;
  let texts = await readTexts();
  while (!agree(texts) && Date.now() < deadline) {
    await sleep(50);
    texts = await readTexts();
  }
  const groups = disagreements(texts);
  const mismatches: string[] = [];
  await mapConcurrently(draftIds, 20, async (draftId, index) => {
    const group = groups.get(index);
    if (!group) return;
    if (group.differ > 0) {
      mismatches.push(`draft ${draftId}: ${group.differ} of ${group.clients} clients differ from the first`);
    }
    const fresh = new CopydeskClient({ baseUrl, token });
    try {
      const session = fresh.openDraft(draftId, { resyncIntervalMs: 0 });
      await withTimeout(session.whenSynced(), 30_000, 'a fresh join');
      if (sessionText(session) !== group.text) mismatches.push(`draft ${draftId}: a fresh join differs`);
      for (const problem of inspectFresh?.(index, session.body) ?? []) mismatches.push(`draft ${draftId}: ${problem}`);
    } catch (error) {
      mismatches.push(`draft ${draftId}: fresh join failed (${(error as Error).message})`);
    } finally {
      await fresh.close();
    }
  });
  return { ok: mismatches.length === 0, drafts: draftIds.length, clients: texts.length, mismatches };
}
