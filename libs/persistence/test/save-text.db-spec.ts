import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { normaliseForSearch } from '#domain';
import { DraftDocumentsRepository, type Database } from '#persistence';
import { recordStatements } from '../../../test/support/statement-log.js';
import { openMigratedTestDatabase } from '../../../test/support/test-database.js';

let database: Database;
let dispose: () => Promise<void>;
let repo: DraftDocumentsRepository;
let sent: string[] = [];
let user: string;
let desk: string;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
  database.dataSource.query(text, params);

async function newDraft(): Promise<string> {
  const [{ id }] = await sql<{ id: string }>(
    `INSERT INTO drafts (desk_id, language, headline, created_by, author_ids)
     VALUES ($1, 'ar', '', $2, ARRAY[$2]::uuid[]) RETURNING id`,
    [desk, user],
  );
  return id;
}

async function stored(draftId: string) {
  const [row] = await sql<{ headline: string; body: string; search_text: string; text_seq: string }>(
    'SELECT headline, body, search_text, text_seq FROM drafts WHERE id = $1',
    [draftId],
  );
  return { headline: row!.headline, body: row!.body, searchText: row!.search_text, textSeq: Number(row!.text_seq) };
}

beforeAll(async () => {
  ({ database, dispose } = await openMigratedTestDatabase());
  repo = new DraftDocumentsRepository(database.dataSource);
  [{ id: user }] = await sql<{ id: string }>(
    `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, 'Ed', 'editor', 'x') RETURNING id`,
    [`${randomUUID()}@example.test`],
  );
  [{ id: desk }] = await sql<{ id: string }>('INSERT INTO desks (name) VALUES ($1) RETURNING id', [randomUUID()]);
  recordStatements(database.dataSource, (query) => void sent.push(query));
});

afterAll(async () => {
  await dispose();
});

describe('DraftDocumentsRepository.saveText', () => {
  it('writes the texts of the drafts saved in one turn in one statement', async () => {
    const drafts = await Promise.all([newDraft(), newDraft(), newDraft()]);
    sent = [];
    await Promise.all(drafts.map((id, i) => repo.saveText(id, { headline: `H${i}`, body: `Body ${i}` }, i + 1)));
    expect(sent).toHaveLength(1);
    for (const [i, id] of drafts.entries()) {
      expect(await stored(id)).toEqual({
        headline: `H${i}`,
        body: `Body ${i}`,
        searchText: normaliseForSearch(`H${i}\nBody ${i}`),
        textSeq: i + 1,
      });
    }
  });

  it('never replaces a newer text with an older one, in one turn or across turns', async () => {
    const draftId = await newDraft();
    await Promise.all([
      repo.saveText(draftId, { headline: '', body: 'seven' }, 7),
      repo.saveText(draftId, { headline: '', body: 'five' }, 5),
    ]);
    expect(await stored(draftId)).toMatchObject({ body: 'seven', textSeq: 7 });
    await repo.saveText(draftId, { headline: '', body: 'six' }, 6);
    expect(await stored(draftId)).toMatchObject({ body: 'seven', textSeq: 7 });
    await repo.saveText(draftId, { headline: '', body: 'seven again' }, 7);
    expect(await stored(draftId)).toMatchObject({ body: 'seven again', textSeq: 7 });
  });

  it('stores NUL as U+FFFD, one for one, and ignores a draft that is gone', async () => {
    const draftId = await newDraft();
    await Promise.all([
      repo.saveText(draftId, { headline: 'a\u0000b', body: '\u0000' }, 1),
      repo.saveText(randomUUID(), { headline: 'nobody', body: '' }, 1),
    ]);
    expect(await stored(draftId)).toMatchObject({ headline: 'a\uFFFDb', body: '\uFFFD' });
  });

  it('does not deadlock with update commits locking the same drafts', async () => {
    const drafts = await Promise.all([newDraft(), newDraft(), newDraft(), newDraft()]);
    for (let round = 1; round <= 15; round++) {
      const shuffled = [...drafts].sort(() => Math.random() - 0.5);
      await Promise.all([
        ...shuffled.map((id) => repo.saveText(id, { headline: '', body: `round ${round}` }, round)),
        repo.appendUpdates(shuffled.map((draftId) => ({ draftId, data: new Uint8Array([0, 0]), userId: user }))),
        repo.appendUpdates(
          [...shuffled].reverse().map((draftId) => ({ draftId, data: new Uint8Array([0, 0]), userId: user })),
        ),
      ]);
    }
    for (const id of drafts) expect(await stored(id)).toMatchObject({ body: 'round 15', textSeq: 15 });
  });
});
