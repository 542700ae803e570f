import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import type { ReviewState, Role } from '#contracts';
import { readDocumentText } from '#collab';
import { AccessChanges, type AuthUser } from '#auth';
import type { DesksRepository, DraftEntity, DraftQuery, DraftsRepository, NewDraft } from '#persistence';
import { DEFAULT_PAGE_SIZE, DraftAccessService, DraftsService } from '#drafts';
import { strict } from '../../../test/support/strict-fake.js';
import { errorCodeOf } from '../../../test/support/error-code.js';

/** The drafts table in memory: what DraftsService reads and writes through DraftsRepository. */
class FakeDrafts implements Pick<DraftsRepository, 'findById' | 'insert' | 'list' | 'updateMetadata'> {
  readonly rows = new Map<string, DraftEntity>();
  readonly initialUpdates = new Map<string, Uint8Array | null>();
  private clock = Date.parse('2026-02-10T09:00:00.000Z');

  async findById(id: string): Promise<DraftEntity | null> {
    const row = this.rows.get(id);
    return row ? { ...row, authorIds: [...row.authorIds] } : null;
  }

  async insert(draft: NewDraft): Promise<DraftEntity> {
    const at = new Date((this.clock += 1_000));
    const row: DraftEntity = {
      id: randomUUID(),
      deskId: draft.deskId,
      language: draft.language,
      headline: draft.headline,
      body: draft.body,
      searchText: draft.searchText,
      createdBy: draft.createdBy,
      authorIds: [draft.createdBy],
      reviewState: 'draft',
      reviewRevision: 0,
      embargoUntil: null,
      headSeq: draft.initialUpdate ? 1 : 0,
      textSeq: draft.initialUpdate ? 1 : 0,
      createdAt: at,
      updatedAt: at,
    };
    this.rows.set(row.id, row);
    this.initialUpdates.set(row.id, draft.initialUpdate);
    return { ...row };
  }

  /** The repository's documented query: newest first by (createdAt, id), strictly after the cursor. */
  async list(query: DraftQuery): Promise<DraftEntity[]> {
    const key = (draft: { createdAt: Date; id: string }) => `${draft.createdAt.toISOString()} ${draft.id}`;
    return [...this.rows.values()]
      .filter((draft) => query.deskIds.includes(draft.deskId))
      .filter((draft) => !query.state || draft.reviewState === query.state)
      .filter((draft) => !query.search || draft.searchText.includes(query.search))
      .filter((draft) => !query.after || key(draft) < key(query.after))
      .sort((a, b) => key(b).localeCompare(key(a)))
      .slice(0, query.limit);
  }

  async updateMetadata(id: string, changes: Partial<Pick<DraftEntity, 'language' | 'authorIds'>>) {
    const row = this.rows.get(id);
    if (!row) return null;
    Object.assign(row, changes);
    return { ...row };
  }

  /** Sets a draft's review state, as the review workflow would. */
  review(id: string, state: ReviewState): void {
    this.rows.get(id)!.reviewState = state;
  }
}

class FakeDesks implements Pick<DesksRepository, 'members'> {
  constructor(private readonly membership: Record<string, string[]>) {}
  async members(deskId: string): Promise<string[]> {
    return this.membership[deskId] ?? [];
  }
}

const POLITICS = randomUUID();
const SPORTS = randomUUID();
const user = (role: Role, deskIds: string[], name: string = role): AuthUser => ({
  id: randomUUID(),
  email: `${name}@example.test`,
  displayName: name,
  role,
  deskIds: new Set(deskIds),
});

function setUp(users: AuthUser[]) {
  const drafts = new FakeDrafts();
  const membership: Record<string, string[]> = {};
  for (const member of users) for (const deskId of member.deskIds) (membership[deskId] ??= []).push(member.id);
  const accessChanges = new AccessChanges();
  const notified: string[][] = [];
  accessChanges.listen((userIds) => notified.push(userIds));
  const repository = strict<DraftsRepository>('DraftsRepository', drafts);
  const service = new DraftsService(
    repository,
    strict<DesksRepository>('DesksRepository', new FakeDesks(membership)),
    new DraftAccessService(repository),
    accessChanges,
  );
  return { service, drafts, notified };
}

describe('DraftsService.create', () => {
  it.each<[string, Role, string[], string | undefined, string]>([
    ['a reporter on one desk, no desk named', 'reporter', [POLITICS], undefined, 'ok'],
    ['an editor on two desks naming one', 'editor', [POLITICS, SPORTS], SPORTS, 'ok'],
    ['an editor on two desks naming none', 'editor', [POLITICS, SPORTS], undefined, 'DESK_REQUIRED'],
    ['a reporter on no desk', 'reporter', [], undefined, 'DESK_REQUIRED'],
    ['a reporter naming a desk they are not on', 'reporter', [POLITICS], SPORTS, 'DESK_NOT_FOUND'],
    ['a fact-checker', 'fact_checker', [POLITICS], undefined, 'FORBIDDEN'],
    ['an admin', 'admin', [POLITICS], POLITICS, 'FORBIDDEN'],
  ])('%s: %s', async (_, role, deskIds, deskId, expected) => {
    const caller = user(role, deskIds);
    const { service, drafts } = setUp([caller]);
    expect(await errorCodeOf(() => service.create(caller, { language: 'ar', headline: 'عنوان', deskId }))).toBe(
      expected,
    );
    expect(drafts.rows.size).toBe(expected === 'ok' ? 1 : 0);
    if (expected === 'ok') expect([...drafts.rows.values()][0]!.deskId).toBe(deskId ?? deskIds[0]);
  });

  it('makes the creator its author, with edit access, and the initial text its first update', async () => {
    const reporter = user('reporter', [POLITICS]);
    const { service, drafts } = setUp([reporter]);
    const created = await service.create(reporter, { language: 'ar', headline: 'عاجل', body: 'نص الخبر' });
    expect(created).toMatchObject({
      deskId: POLITICS,
      language: 'ar',
      headline: 'عاجل',
      body: 'نص الخبر',
      authorIds: [reporter.id],
      createdBy: reporter.id,
      review: { state: 'draft', revision: 0, embargoUntil: null },
      access: 'edit',
    });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, drafts.initialUpdates.get(created.id)!);
    expect(readDocumentText(doc)).toEqual({ headline: 'عاجل', body: 'نص الخبر' });
  });

  it('stores no first update for a draft that starts empty', async () => {
    const editor = user('editor', [POLITICS]);
    const { service, drafts } = setUp([editor]);
    const created = await service.create(editor, { language: 'en' });
    expect(created).toMatchObject({ headline: '', body: '' });
    expect(drafts.initialUpdates.get(created.id)).toBeNull();
  });
});

describe('DraftsService.list', () => {
  it('lists the caller’s desks only, each draft with the caller’s own access', async () => {
    const reporter = user('reporter', [POLITICS]);
    const checker = user('fact_checker', [POLITICS]);
    const editor = user('editor', [POLITICS, SPORTS]);
    const sportsWriter = user('reporter', [SPORTS]);
    const { service } = setUp([reporter, checker, editor, sportsWriter]);
    const politics = await service.create(reporter, { language: 'ar', headline: 'سياسة' });
    const sports = await service.create(sportsWriter, { language: 'en', headline: 'Sports' });

    const access = async (caller: AuthUser, deskId?: string) =>
      (await service.list(caller, { deskId })).items.map((draft) => [draft.headline, draft.access]);
    expect(await access(reporter)).toEqual([['سياسة', 'edit']]);
    expect(await access(checker)).toEqual([['سياسة', 'comment']]);
    expect(await access(editor)).toEqual([
      ['Sports', 'edit'],
      ['سياسة', 'edit'],
    ]);
    expect(await access(editor, SPORTS)).toEqual([['Sports', 'edit']]);
    // A desk the caller is not on lists nothing, exactly like a desk with no drafts.
    expect(await service.list(reporter, { deskId: SPORTS })).toEqual({ items: [], nextCursor: null });
    expect(await service.list(sportsWriter, {})).toMatchObject({ items: [{ id: sports.id }] });
    expect(politics.id).not.toBe(sports.id);
  });

  it.each<[number, number, string[][]]>([
    [5, 2, [['5', '4'], ['3', '2'], ['1']]],
    [
      4,
      2,
      [
        ['4', '3'],
        ['2', '1'],
      ],
    ],
    [3, 5, [['3', '2', '1']]],
    [0, 3, [[]]],
  ])('pages %i drafts %i at a time, newest first, without skipping or repeating', async (count, limit, pages) => {
    const reporter = user('reporter', [POLITICS]);
    const { service } = setUp([reporter]);
    for (let i = 1; i <= count; i++) await service.create(reporter, { language: 'en', headline: String(i) });
    const seen: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await service.list(reporter, { limit, cursor });
      seen.push(page.items.map((draft) => draft.headline));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(pages);
  });

  it('pages by the default size when no limit is given', async () => {
    const reporter = user('reporter', [POLITICS]);
    const { service } = setUp([reporter]);
    for (let i = 0; i <= DEFAULT_PAGE_SIZE; i++) await service.create(reporter, { language: 'en', headline: `${i}` });
    const first = await service.list(reporter, {});
    expect(first.items).toHaveLength(DEFAULT_PAGE_SIZE);
    expect((await service.list(reporter, { cursor: first.nextCursor! })).items).toHaveLength(1);
  });

  it.each(['bm9wZQ', 'not base64 at all!', Buffer.from('["yesterday","x"]').toString('base64url')])(
    'refuses a cursor it did not hand out (%s) as INVALID_CURSOR',
    async (cursor) => {
      const reporter = user('reporter', [POLITICS]);
      const { service } = setUp([reporter]);
      expect(await errorCodeOf(() => service.list(reporter, { cursor }))).toBe('INVALID_CURSOR');
    },
  );

  it('finds Arabic whatever its diacritics, hamza forms or digit script, and filters by review state', async () => {
    const reporter = user('reporter', [POLITICS]);
    const { service, drafts } = setUp([reporter]);
    const draft = await service.create(reporter, {
      language: 'ar',
      headline: 'أكّد الوزير',
      body: 'في تشرين الثاني ٢٠٢٥',
    });
    await service.create(reporter, { language: 'en', headline: 'Other' });
    drafts.review(draft.id, 'in_review');
    const found = async (q: string) => (await service.list(reporter, { q })).items.map((item) => item.id);
    for (const q of ['اكد', 'أكد الوزير', '2025', 'تشرين الثانى']) expect(await found(q)).toEqual([draft.id]);
    expect(await found('100%_')).toEqual([]);
    expect((await service.list(reporter, { state: 'in_review' })).items.map((item) => item.id)).toEqual([draft.id]);
    expect((await service.list(reporter, { state: 'approved' })).items).toEqual([]);
  });
});

describe('DraftsService.get and update', () => {
  function newsroom() {
    const author = user('reporter', [POLITICS], 'author');
    const colleague = user('reporter', [POLITICS], 'colleague');
    const checker = user('fact_checker', [POLITICS], 'checker');
    const editor = user('editor', [POLITICS], 'editor');
    const outsider = user('editor', [SPORTS], 'outsider');
    const world = setUp([author, colleague, checker, editor, outsider]);
    return { ...world, author, colleague, checker, editor, outsider };
  }

  it('shows a draft to its desk and hides it from anyone else exactly like a missing one', async () => {
    const { service, author, colleague, checker, outsider } = newsroom();
    const draft = await service.create(author, { language: 'ar', headline: 'سري' });
    expect((await service.get(colleague, draft.id)).access).toBe('view');
    expect((await service.get(checker, draft.id)).access).toBe('comment');
    const hidden = await service.get(outsider, draft.id).catch((error: Error) => error);
    const missing = await service.get(outsider, randomUUID()).catch((error: Error) => error);
    expect(hidden).toMatchObject({ code: 'NOT_FOUND' });
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: (hidden as Error).message });
  });

  it.each<[string, 'author' | 'colleague' | 'checker' | 'editor' | 'outsider', string]>([
    ['the author', 'author', 'ok'],
    ['a desk editor', 'editor', 'ok'],
    ['a fact-checker (comment access)', 'checker', 'FORBIDDEN'],
    ['a colleague (view access)', 'colleague', 'FORBIDDEN'],
    ['an editor of another desk', 'outsider', 'NOT_FOUND'],
  ])('lets %s change the language: %s', async (_, who, expected) => {
    const world = newsroom();
    const draft = await world.service.create(world.author, { language: 'ar' });
    expect(await errorCodeOf(() => world.service.update(world[who], draft.id, { language: 'en' }))).toBe(expected);
    expect(world.drafts.rows.get(draft.id)!.language).toBe(expected === 'ok' ? 'en' : 'ar');
    expect(world.notified).toEqual([]);
  });

  it('replaces the authors without repeats and tells everyone who was or is an author to re-check', async () => {
    const { service, drafts, notified, author, colleague, editor } = newsroom();
    const draft = await service.create(author, { language: 'ar' });
    await service.update(author, draft.id, { authorIds: [author.id, colleague.id, colleague.id] });
    expect(drafts.rows.get(draft.id)!.authorIds).toEqual([author.id, colleague.id]);
    expect((await service.get(colleague, draft.id)).access).toBe('edit');

    notified.length = 0;
    await service.update(editor, draft.id, { authorIds: [colleague.id] });
    expect(drafts.rows.get(draft.id)!.authorIds).toEqual([colleague.id]);
    expect(notified.map((ids) => [...ids].sort())).toEqual([[author.id, colleague.id].sort()]);
    expect((await service.get(author, draft.id)).access).toBe('view');
  });

  it('refuses co-authors who are not on the draft’s desk, changing nothing and telling nobody', async () => {
    const { service, drafts, notified, author, outsider } = newsroom();
    const draft = await service.create(author, { language: 'ar' });
    const refused = await service
      .update(author, draft.id, { language: 'en', authorIds: [author.id, outsider.id] })
      .catch((error: Error) => error);
    expect(refused).toMatchObject({ code: 'USER_NOT_FOUND' });
    expect((refused as Error).message).toContain(outsider.id);
    expect(drafts.rows.get(draft.id)).toMatchObject({ language: 'ar', authorIds: [author.id] });
    expect(notified).toEqual([]);
  });

  // An author who takes themself off the authors now has `view` (their next PATCH is FORBIDDEN).
  it('answers with the caller’s access as the change leaves it', async () => {
    const { service, author, colleague } = newsroom();
    const draft = await service.create(author, { language: 'ar' });
    const updated = await service.update(author, draft.id, { authorIds: [colleague.id] });
    expect(updated.access).toBe((await service.get(author, draft.id)).access);
  });
});
