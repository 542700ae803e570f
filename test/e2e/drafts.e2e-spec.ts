import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { DraftView } from '#contracts';
import { bearer, createDesk, createUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('drafts API', () => {
  let server: TestServer;
  let politics: { id: string };
  let sports: { id: string };
  let reporter: TestUser;
  let coReporter: TestUser;
  let checker: TestUser;
  let editor: TestUser;
  let outsider: TestUser;
  let admin: TestUser;

  const post = (user: TestUser, body: object) =>
    request(server.url)
      .post('/api/drafts')
      .set(...bearer(user))
      .send(body);

  beforeAll(async () => {
    server = await startTestServer();
    politics = await createDesk(server.app, 'سياسة');
    sports = await createDesk(server.app, 'Sports');
    reporter = await createUser(server.app, server.url, 'reporter', [politics.id]);
    coReporter = await createUser(server.app, server.url, 'reporter', [politics.id]);
    checker = await createUser(server.app, server.url, 'fact_checker', [politics.id]);
    editor = await createUser(server.app, server.url, 'editor', [politics.id, sports.id]);
    outsider = await createUser(server.app, server.url, 'reporter', [sports.id]);
    admin = await createUser(server.app, server.url, 'admin');
  });
  afterAll(async () => {
    await server.close();
  });

  it('creates an Arabic draft whose text round-trips byte-exact, with SQL-looking text and emoji', async () => {
    const headline = 'سوريا تنضمّ إلى التحالف بصفتها العضو رقم 90 ‏🇸🇾';
    const body = "قال الوزير: «'; DROP TABLE drafts; --» ثم ابتسم 😀👩🏽‍💻\u200fوانتهى.";
    const created = await post(reporter, { language: 'ar', headline, body }).expect(201);
    expect(created.body).toMatchObject({
      deskId: politics.id,
      language: 'ar',
      headline,
      body,
      createdBy: reporter.id,
      authorIds: [reporter.id],
      review: { state: 'draft', revision: 0 },
      access: 'edit',
    });
    const fetched = await request(server.url)
      .get(`/api/drafts/${created.body.id}`)
      .set(...bearer(reporter))
      .expect(200);
    expect(fetched.body.headline).toBe(headline);
    expect(fetched.body.body).toBe(body);
  });

  it('gives each role the access rules describe', async () => {
    const { body: draft } = await post(reporter, { language: 'en', headline: 'Access' }).expect(201);
    const accessOf = async (user: TestUser) =>
      (
        await request(server.url)
          .get(`/api/drafts/${draft.id}`)
          .set(...bearer(user))
      ).body.access;
    expect(await accessOf(reporter)).toBe('edit');
    expect(await accessOf(editor)).toBe('edit');
    expect(await accessOf(checker)).toBe('comment');
    expect(await accessOf(coReporter)).toBe('view');
  });

  it('hides another desk’s draft as 404, exactly like a draft that does not exist', async () => {
    const { body: draft } = await post(reporter, { language: 'ar', headline: 'سري' }).expect(201);
    const hidden = await request(server.url)
      .get(`/api/drafts/${draft.id}`)
      .set(...bearer(outsider))
      .expect(404);
    const missing = await request(server.url)
      .get('/api/drafts/00000000-0000-4000-8000-000000000000')
      .set(...bearer(outsider))
      .expect(404);
    const malformed = await request(server.url)
      .get('/api/drafts/not-an-id')
      .set(...bearer(outsider))
      .expect(404);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
    expect(hidden.body.error.message).toBe(missing.body.error.message);
    expect(malformed.body.error.code).toBe('NOT_FOUND');
    await request(server.url)
      .patch(`/api/drafts/${draft.id}`)
      .set(...bearer(outsider))
      .send({ language: 'en' })
      .expect(404);
  });

  it('lists only drafts of the caller’s desks, and nothing for a desk they are not on', async () => {
    const { body: mine } = await post(reporter, { language: 'ar', headline: 'للسياسة' }).expect(201);
    const { body: theirs } = await post(outsider, { language: 'en', headline: 'For sports' }).expect(201);
    const reporterList = await request(server.url)
      .get('/api/drafts?limit=100')
      .set(...bearer(reporter))
      .expect(200);
    const ids = reporterList.body.items.map((d: DraftView) => d.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    const foreignDesk = await request(server.url)
      .get(`/api/drafts?deskId=${sports.id}`)
      .set(...bearer(reporter))
      .expect(200);
    expect(foreignDesk.body).toEqual({ items: [], nextCursor: null });
    const editorList = await request(server.url)
      .get(`/api/drafts?deskId=${sports.id}`)
      .set(...bearer(editor))
      .expect(200);
    expect(editorList.body.items.map((d: DraftView) => d.id)).toEqual([theirs.id]);
  });

  it('searches Arabic text whatever its diacritics, hamza forms and digits', async () => {
    const { body: draft } = await post(reporter, {
      language: 'ar',
      headline: 'أكّد الوزير دعم الاستقرار',
      body: 'انضمت سوريا في تشرين الثاني ٢٠٢٥ إلى التحالف.',
    }).expect(201);
    for (const q of ['اكد', 'أكّد الوزير', '2025', 'تشرين الثانى']) {
      const found = await request(server.url)
        .get('/api/drafts')
        .query({ q })
        .set(...bearer(reporter))
        .expect(200);
      expect(found.body.items.map((d: DraftView) => d.id)).toContain(draft.id);
    }
    const none = await request(server.url)
      .get('/api/drafts')
      .query({ q: '100%_' })
      .set(...bearer(reporter))
      .expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('pages with a cursor without skipping or repeating a draft', async () => {
    const desk = await createDesk(server.app);
    const writer = await createUser(server.app, server.url, 'reporter', [desk.id]);
    const created: string[] = [];
    for (let i = 0; i < 7; i++)
      created.push((await post(writer, { language: 'en', headline: `Story ${i}` }).expect(201)).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await request(server.url)
        .get('/api/drafts')
        .query({ limit: 3, ...(cursor && { cursor }) })
        .set(...bearer(writer))
        .expect(200);
      seen.push(...page.body.items.map((d: DraftView) => d.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...created].reverse());
    const bad = await request(server.url)
      .get('/api/drafts?cursor=bm9wZQ')
      .set(...bearer(writer))
      .expect(400);
    expect(bad.body.error.code).toBe('INVALID_CURSOR');
  });

  it('filters by review state', async () => {
    const inReview = await request(server.url)
      .get('/api/drafts?state=in_review')
      .set(...bearer(reporter))
      .expect(200);
    expect(inReview.body.items).toEqual([]);
    const drafts = await request(server.url)
      .get('/api/drafts?state=draft')
      .set(...bearer(reporter))
      .expect(200);
    expect(drafts.body.items.length).toBeGreaterThan(0);
  });

  it('rejects bad bodies and queries listing every bad field', async () => {
    const body = await post(reporter, { language: 'fr', headline: 7, extra: 'x', deskId: 'nope' }).expect(400);
    expect(body.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'deskId',
      'extra',
      'headline',
      'language',
    ]);
    const nulls = await post(reporter, { language: 'ar', headline: null, body: null, deskId: null }).expect(400);
    expect(nulls.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'body',
      'deskId',
      'headline',
    ]);
    const query = await request(server.url)
      .get('/api/drafts?limit=0&state=gone&sort=x')
      .set(...bearer(reporter))
      .expect(400);
    expect(query.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['limit', 'sort', 'state']);
  });

  it('lets only members of a desk start drafts there, and only reporters and editors', async () => {
    const wrongDesk = await post(reporter, { language: 'ar', deskId: sports.id }).expect(404);
    expect(wrongDesk.body.error.code).toBe('DESK_NOT_FOUND');
    const checkerTry = await post(checker, { language: 'ar' }).expect(403);
    expect(checkerTry.body.error.code).toBe('FORBIDDEN');
    const ambiguous = await post(editor, { language: 'ar' }).expect(400);
    expect(ambiguous.body.error.code).toBe('DESK_REQUIRED');
    await post(editor, { language: 'ar', deskId: sports.id }).expect(201);
  });

  it('updates metadata for those who edit, refuses viewers, and checks co-authors are on the desk', async () => {
    const { body: draft } = await post(reporter, { language: 'ar', headline: 'مشترك' }).expect(201);
    const viewer = await request(server.url)
      .patch(`/api/drafts/${draft.id}`)
      .set(...bearer(coReporter))
      .send({ language: 'en' })
      .expect(403);
    expect(viewer.body.error.code).toBe('FORBIDDEN');
    await request(server.url)
      .patch(`/api/drafts/${draft.id}`)
      .set(...bearer(reporter))
      .send({ authorIds: [reporter.id, outsider.id] })
      .expect(404);
    const updated = await request(server.url)
      .patch(`/api/drafts/${draft.id}`)
      .set(...bearer(reporter))
      .send({ authorIds: [reporter.id, coReporter.id] })
      .expect(200);
    expect(updated.body.authorIds).toEqual([reporter.id, coReporter.id]);
    const asCoAuthor = await request(server.url)
      .get(`/api/drafts/${draft.id}`)
      .set(...bearer(coReporter))
      .expect(200);
    expect(asCoAuthor.body.access).toBe('edit');
    // A field sent as null is refused, naming it, and changes nothing; an empty patch too.
    for (const patch of [{ language: null }, { authorIds: null }, {}]) {
      const refused = await request(server.url)
        .patch(`/api/drafts/${draft.id}`)
        .set(...bearer(reporter))
        .send(patch)
        .expect(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    }
    const after = await request(server.url)
      .get(`/api/drafts/${draft.id}`)
      .set(...bearer(reporter))
      .expect(200);
    expect(after.body).toMatchObject({ language: 'ar', authorIds: [reporter.id, coReporter.id] });
  });

  it('keeps admin routes to admins', async () => {
    for (const user of [reporter, editor, checker]) {
      const denied = await request(server.url)
        .post('/api/admin/users')
        .set(...bearer(user))
        .send({ email: 'x@example.test', password: 'kettle orchard violin dusk', displayName: 'X', role: 'reporter' })
        .expect(403);
      expect(denied.body.error.code).toBe('FORBIDDEN');
    }
    const created = await request(server.url)
      .post('/api/admin/users')
      .set(...bearer(admin))
      .send({
        email: 'New@Example.test',
        password: 'kettle orchard violin dusk',
        displayName: 'نور',
        role: 'reporter',
        deskIds: [sports.id],
      })
      .expect(201);
    expect(created.body).toMatchObject({ email: 'new@example.test', displayName: 'نور', role: 'reporter' });
    const dup = await request(server.url)
      .post('/api/admin/users')
      .set(...bearer(admin))
      .send({ email: 'new@example.test', password: 'kettle orchard violin dusk', displayName: 'Dup', role: 'reporter' })
      .expect(409);
    expect(dup.body.error.code).toBe('EMAIL_TAKEN');
    const desk = await request(server.url)
      .post('/api/admin/desks')
      .set(...bearer(admin))
      .send({ name: 'اقتصاد' })
      .expect(201);
    await request(server.url)
      .put(`/api/admin/desks/${desk.body.id}/members/${created.body.id}`)
      .set(...bearer(admin))
      .expect(204);
    const members = await request(server.url)
      .get(`/api/admin/desks/${desk.body.id}/members`)
      .set(...bearer(admin))
      .expect(200);
    expect(members.body.map((u: { id: string }) => u.id)).toEqual([created.body.id]);
  });
});
