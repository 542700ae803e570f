import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Language, Role, UserView } from '#contracts';
import { AccountsService } from '#auth';

export interface TestUser extends UserView {
  password: string;
  token: string;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates a desk through the accounts service (the same path `copydesk seed` uses). */
export async function createDesk(app: INestApplication, name = `Desk ${randomUUID().slice(0, 8)}`) {
  return app.get(AccountsService).createDesk('system', name);
}

/** Creates a user on the given desks and signs them in over HTTP. */
export async function createUser(
  app: INestApplication,
  url: string,
  role: Role,
  deskIds: string[] = [],
  displayName = `${role} ${randomUUID().slice(0, 6)}`,
): Promise<TestUser> {
  const email = `${role}.${randomUUID().slice(0, 8)}@example.test`;
  const user = await app.get(AccountsService).createUser('system', {
    email,
    password: TEST_PASSWORD,
    displayName,
    role,
    deskIds,
  });
  const login = await request(url).post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
  return { ...user, password: TEST_PASSWORD, token: login.body.accessToken };
}

export function bearer(user: { token: string }): [string, string] {
  return ['Authorization', `Bearer ${user.token}`];
}

/** Creates a draft over HTTP as `author` (an Arabic one with a headline unless told otherwise); resolves with its id. */
export async function createDraft(
  url: string,
  author: { token: string },
  fields: { body?: string; headline?: string; language?: Language } = {},
): Promise<string> {
  const response = await request(url)
    .post('/api/drafts')
    .set(...bearer(author))
    .send({
      language: fields.language ?? 'ar',
      headline: fields.headline ?? 'عنوان',
      body: fields.body ?? 'نص البداية',
    })
    .expect(201);
  return response.body.id as string;
}
