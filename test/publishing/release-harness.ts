import { expect } from '@jest/globals';
import request from 'supertest';
import type { DraftClaim, Publication } from '#contracts';
import { bearer, createDesk, createUser, type TestUser } from '../support/factories.js';
import { eventually } from '../support/raw-collab-client.js';
import type { TestServer } from '../support/test-server.js';

/** The people of one desk: who writes, who checks, who approves. */
export interface Newsroom {
  deskId: string;
  reporter: TestUser;
  checker: TestUser;
  editor: TestUser;
}

export async function createNewsroom(server: TestServer): Promise<Newsroom> {
  const desk = await createDesk(server.app);
  const [reporter, checker, editor] = await Promise.all([
    createUser(server.app, server.url, 'reporter', [desk.id], 'هبة الأحمد'),
    createUser(server.app, server.url, 'fact_checker', [desk.id], 'مدقق'),
    createUser(server.app, server.url, 'editor', [desk.id], 'رئيسة التحرير'),
  ]);
  return { deskId: desk.id, reporter, checker, editor };
}

export function act(url: string, user: TestUser, draftId: string, action: string, body: object = {}) {
  return request(url)
    .post(`/api/drafts/${draftId}/review/${action}`)
    .set(...bearer(user))
    .send(body);
}

/**
 * Verifies every claim the draft has once its automatic claims have settled (they appear a
 * moment after the text is stored): the gate holds an approval until each one is checked.
 */
export async function verifyAll(url: string, checker: TestUser, draftId: string, expectedClaims = 0): Promise<void> {
  let claims: DraftClaim[] = [];
  await eventually(async () => {
    claims = await claimsOf(url, checker, draftId);
    expect(claims.length).toBeGreaterThanOrEqual(expectedClaims);
  });
  for (const claim of claims) {
    if (claim.status === 'verified' && !claim.stale) continue;
    await request(url)
      .post(`/api/drafts/${draftId}/claims/${claim.id}/verdicts`)
      .set(...bearer(checker))
      .send({ status: 'verified', evidence: [{ url: 'https://example.org/source', title: 'المصدر' }] })
      .expect(201);
  }
}

/** From in_review (or a correction's in_review) through the gate to approved. */
export async function checkAndApprove(url: string, room: Newsroom, draftId: string, expectedClaims = 0) {
  await verifyAll(url, room.checker, draftId, expectedClaims);
  await act(url, room.editor, draftId, 'approve').expect(200);
}

/** The draft's claims as the server has them now (its REST answer reconciles with the document first). */
export function claimsOf(url: string, user: TestUser, draftId: string): Promise<DraftClaim[]> {
  return answerTo(url, user, `/api/drafts/${draftId}/claims`);
}

export function publicationsOf(url: string, user: TestUser, draftId: string): Promise<Publication[]> {
  return answerTo(url, user, `/api/drafts/${draftId}/publications`);
}

/** The body of the 200 answer to `user`'s GET of `path`. */
async function answerTo<T>(url: string, user: TestUser, path: string): Promise<T> {
  return (
    await request(url)
      .get(path)
      .set(...bearer(user))
      .expect(200)
  ).body as T;
}
