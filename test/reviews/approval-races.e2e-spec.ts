import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { DraftDocumentsRepository } from '#persistence';
import { bearer, createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { RawEditor, SocketPool } from '../support/raw-collab-client.js';
import { describeWithServices } from '../support/services.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const ROUNDS = 8;

/**
 * Two settings: two instances over Redis (the writer on one, approvals on the other; updates reach
 * rooms after their commit), and one instance without Redis, where updates reach the room before
 * their commit and a watcher in the room must never hold anything the store does not end up with.
 */
const SETTINGS = [
  { name: 'on two instances', services: ['postgres', 'redis'] as const, twoInstances: true },
  { name: 'on one instance, the room hearing updates before their commit', services: [] as const, twoInstances: false },
];

for (const setting of SETTINGS)
  describeWithServices([...setting.services], `approvals racing updates ${setting.name}`, () => {
    let first: TestServer;
    let second: TestServer;
    let reporter: TestUser;
    let editor: TestUser;
    const sockets = new SocketPool();

    const act = (user: TestUser, draftId: string, action: string) =>
      request(first.url)
        .post(`/api/drafts/${draftId}/review/${action}`)
        .set(...bearer(user))
        .send({});

    beforeAll(async () => {
      // The writer types faster than the default per-session rate while approvals retry; the rate
      // limit is not what this suite is about, so it is out of the way.
      const env = { COLLAB_UPDATES_PER_SECOND: '1000', COLLAB_UPDATE_BURST: '1000' };
      first = await startTestServer({ redis: setting.twoInstances, env });
      second = setting.twoInstances
        ? await startTestServer({ redis: true, env, database: first.config.database })
        : first;
      const desk = await createDesk(first.app);
      reporter = await createUser(first.app, first.url, 'reporter', [desk.id], 'مراسلة');
      editor = await createUser(first.app, first.url, 'editor', [desk.id], 'محررة');
    });
    afterAll(async () => {
      sockets.closeAll();
      if (second !== first) await second.close();
      await first.close();
    });

    it('stores an update racing an approval before the pinned revision or refuses it LOCKED, never after', async () => {
      // No figures, dates or quotes: nothing for the gate to hold, so every approval is decided by the race alone.
      const draftId = await createDraft(first.url, reporter, { headline: 'عنوان', body: 'خبر قصير' });
      const store = first.app.get(DraftDocumentsRepository);
      await act(reporter, draftId, 'submit').expect(200);
      let lockedRefusals = 0;
      let storedWhileRacing = 0;
      for (let round = 0; round < ROUNDS; round++) {
        // A writer on the other instance types words at random intervals while the editor approves.
        const writer = new RawEditor(await sockets.open(second.url, reporter.token), draftId);
        expect(await writer.join()).toMatchObject({ ok: true });
        // A connection refused LOCKED has heard why (the unit specs check it hears it first).
        const heard: string[] = [];
        writer.socket.on('review', (event) => heard.push(`review ${event.state}`));
        // Someone else in the writer's room all along: what reaches it must be what is stored.
        const watcher = new RawEditor(await sockets.open(second.url, editor.token), draftId);
        expect(await watcher.join()).toMatchObject({ ok: true });
        // A burst of random length: approvals race it, and one wins at the latest once it ends (an
        // approval is refused CONFLICT while updates keep landing between the gate's read and its commit).
        const words = 10 + Math.floor(Math.random() * 30);
        const typed = (async () => {
          for (let word = 0; word < words; word++) {
            writer.body.insert(writer.body.length, ' كلمة');
            await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 12));
          }
        })();
        await new Promise((resolve) => setTimeout(resolve, 20));
        let approval: request.Response | null = null;
        for (let attempt = 0; attempt < 200 && !approval; attempt++) {
          const answer = await act(editor, draftId, 'approve');
          if (answer.status === 200) approval = answer;
          // An update was stored after the gate's read: the refusal says so, with the revisions it compared.
          else
            expect(answer.body.error).toMatchObject({
              code: 'CONFLICT',
              reason: 'changed',
              checked: expect.any(Number),
            });
        }
        await typed;
        // Whether or not the burst outlasted the race, a word typed now meets the lock.
        writer.body.insert(writer.body.length, ' متأخرة');
        await writer.flushed();
        expect(approval).not.toBeNull();
        const pinned = approval!.body.approvedSeq as number;

        // Nothing was stored after the revision the approval pinned; whatever came later was LOCKED.
        expect((await store.headSeqs([draftId])).get(draftId)).toBe(pinned);
        const codes = writer.acks.map((ack) => (ack.ok ? 'ok' : ack.error.code));
        expect(codes.at(-1)).not.toBe('ok');
        expect(heard).toContain('review approved');
        // After a LOCKED refusal, the writer's next updates build on what was refused: RESYNC_REQUIRED.
        expect(codes.filter((code) => !['ok', 'LOCKED', 'RESYNC_REQUIRED'].includes(code))).toEqual([]);
        lockedRefusals += codes.filter((code) => code === 'LOCKED').length;
        storedWhileRacing += codes.filter((code) => code === 'ok').length;

        // The approved copy is exactly the stored document at the pinned revision.
        const revisions = await request(first.url)
          .get(`/api/drafts/${draftId}/revisions`)
          .set(...bearer(editor))
          .expect(200);
        const approved = revisions.body.filter((revision: { kind: string }) => revision.kind === 'approved').at(-1);
        expect(approved.seq).toBe(pinned);
        const copy = await request(first.url)
          .get(`/api/drafts/${draftId}/revisions/${approved.number}`)
          .set(...bearer(editor))
          .expect(200);
        const reader = new RawEditor(await sockets.open(first.url, editor.token), draftId);
        await reader.join();
        expect(reader.body.toString()).toBe(copy.body.body);
        // Nothing the lock refused reached the room: the watcher holds the approved text and no more.
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(watcher.body.toString()).toBe(copy.body.body);

        writer.socket.disconnect();
        watcher.socket.disconnect();
        reader.socket.disconnect();
        await act(editor, draftId, 'reopen').expect(200);
      }
      // The races did happen: updates were stored while approvals were tried, and some were refused.
      expect(storedWhileRacing).toBeGreaterThan(ROUNDS);
      expect(lockedRefusals).toBeGreaterThanOrEqual(ROUNDS);
    }, 60_000);
  });
