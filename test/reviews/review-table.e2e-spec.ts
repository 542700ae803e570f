import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { REVIEW_ACTIONS, REVIEW_STATES, type ReviewAction, type ReviewState } from '#contracts';
import { bearer, createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** The workflow's table as docs/review.md states it, written out here by hand. */
const FROM: Record<ReviewAction, ReviewState[]> = {
  submit: ['draft', 'changes_requested'],
  'request-changes': ['in_review', 'approved'],
  approve: ['in_review'],
  reopen: ['approved', 'scheduled'],
  publish: ['approved'],
  correct: ['published'],
  withdraw: ['published', 'scheduled'],
  spike: ['draft', 'in_review', 'changes_requested'],
  unspike: ['spiked'],
};
const BY: Record<ReviewAction, 'author' | 'editor' | 'either'> = {
  submit: 'author',
  'request-changes': 'editor',
  approve: 'editor',
  reopen: 'editor',
  publish: 'editor',
  correct: 'editor',
  withdraw: 'editor',
  spike: 'either',
  unspike: 'either',
};
/** How to bring a fresh draft (no claims: the gate passes) to each state, and by whom. */
const PATH: Record<ReviewState, [ReviewAction, 'author' | 'editor', object?][]> = {
  draft: [],
  in_review: [['submit', 'author']],
  changes_requested: [
    ['submit', 'author'],
    ['request-changes', 'editor', { reason: 'أعد الصياغة' }],
  ],
  approved: [
    ['submit', 'author'],
    ['approve', 'editor'],
  ],
  scheduled: [
    ['submit', 'author'],
    ['approve', 'editor'],
    ['publish', 'editor', { embargoUntil: '2099-01-01T00:00:00Z' }],
  ],
  published: [
    ['submit', 'author'],
    ['approve', 'editor'],
    ['publish', 'editor'],
  ],
  withdrawn: [
    ['submit', 'author'],
    ['approve', 'editor'],
    ['publish', 'editor'],
    ['withdraw', 'editor', { reason: 'سحب' }],
  ],
  spiked: [['spike', 'author']],
};

/** Every refused (state, action, actor) of the table over HTTP, with its code, and nothing changed. */
describe('the review table over HTTP', () => {
  let server: TestServer;
  const actors: Record<string, TestUser> = {};

  beforeAll(async () => {
    server = await startTestServer();
    const desk = await createDesk(server.app);
    actors.author = await createUser(server.app, server.url, 'reporter', [desk.id]);
    actors.reporter = await createUser(server.app, server.url, 'reporter', [desk.id]);
    actors.checker = await createUser(server.app, server.url, 'fact_checker', [desk.id]);
    actors.editor = await createUser(server.app, server.url, 'editor', [desk.id]);
    actors.admin = await createUser(server.app, server.url, 'admin', [desk.id]);
  });
  afterAll(async () => {
    await server.close();
  });

  const act = (user: TestUser, draftId: string, action: string, body: object = {}) =>
    request(server.url)
      .post(`/api/drafts/${draftId}/review/${action}`)
      .set(...bearer(user))
      .send(body);
  /** The body an allowed action needs to pass its input checks. */
  const inputs = (action: ReviewAction) => (['request-changes', 'withdraw'].includes(action) ? { reason: 'سبب' } : {});

  it.each(REVIEW_STATES.map((state) => [state]))(
    'refuses, from %s, every action the table does not give',
    async (state) => {
      const draftId = await createDraft(server.url, actors.author!, { headline: 'عنوان', body: 'نص بلا أرقام.' });
      for (const [action, by, body] of PATH[state]) await act(actors[by]!, draftId, action, body).expect(200);
      let checked = 0;
      for (const action of REVIEW_ACTIONS) {
        for (const [name, user] of Object.entries(actors)) {
          const isEditor = name === 'editor';
          const isAuthor = name === 'author';
          const mayAtAll =
            BY[action] === 'editor' ? isEditor : BY[action] === 'author' ? isAuthor : isEditor || isAuthor;
          // A refusal by the state says so (`reason: 'state'`), apart from a draft that changed under the gate.
          const expected = !mayAtAll
            ? [403, 'FORBIDDEN', undefined]
            : FROM[action].includes(state)
              ? null
              : [409, 'CONFLICT', 'state'];
          if (!expected) continue; // allowed: it would move the draft
          const answer = await act(user, draftId, action, inputs(action));
          const { code, reason } = answer.body.error ?? {};
          expect([action, name, answer.status, code, reason]).toEqual([action, name, ...expected]);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
      const review = await request(server.url)
        .get(`/api/drafts/${draftId}/review`)
        .set(...bearer(actors.editor!))
        .expect(200);
      expect(review.body.state).toBe(state);
      expect(review.body.history.filter((event: { kind: string }) => event.kind === 'transition')).toHaveLength(
        PATH[state].length,
      );
    },
  );
});
