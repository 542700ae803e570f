import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DocumentManager, readDocumentText, type AppliedUpdate, type LiveDocumentExtension } from '#collab';
import { createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { eventually, RawEditor, SocketPool } from '../support/raw-collab-client.js';
import { describeWithServices } from '../support/services.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** A second extension, beside the fan-out: writes down what its instance applied to one draft. */
class AppliedLog implements LiveDocumentExtension {
  readonly name = 'applied-log';
  readonly entries: { seq: number; origin: AppliedUpdate['origin']; body: string }[] = [];
  draftId = '';

  afterApply(applied: AppliedUpdate): void {
    if (applied.draftId !== this.draftId) return;
    this.entries.push({ seq: applied.seq, origin: applied.origin, body: readDocumentText(applied.doc).body });
  }
}

describeWithServices(['postgres', 'redis'], 'a live-document extension on two instances', () => {
  let first: TestServer;
  let second: TestServer;
  let reporter: TestUser;
  let editor: TestUser;
  const logs = { first: new AppliedLog(), second: new AppliedLog() };
  const sockets = new SocketPool();

  beforeAll(async () => {
    first = await startTestServer({ redis: true });
    second = await startTestServer({ redis: true, database: first.config.database });
    first.app.get(DocumentManager).use(logs.first);
    second.app.get(DocumentManager).use(logs.second);
    const desk = await createDesk(first.app);
    reporter = await createUser(first.app, first.url, 'reporter', [desk.id], 'مراسلة');
    editor = await createUser(first.app, first.url, 'editor', [desk.id], 'Editor');
  });
  afterAll(async () => {
    sockets.closeAll();
    await second.close();
    await first.close();
  });

  it('sees every applied update in order on every instance, while the fan-out still reaches every session', async () => {
    const draftId = await createDraft(first.url, reporter, { body: 'في' });
    logs.first.draftId = logs.second.draftId = draftId;
    const writer = new RawEditor(await sockets.open(first.url, reporter.token), draftId);
    const readerOnFirst = new RawEditor(await sockets.open(first.url, editor.token), draftId);
    const readerOnSecond = new RawEditor(await sockets.open(second.url, editor.token), draftId);
    await Promise.all([writer.join(), readerOnFirst.join(), readerOnSecond.join()]);

    const words = ['شباط', '2026', 'الـ90', '%15', 'مليون', 'دولار'];
    for (const word of words) writer.body.insert(writer.body.length, ` ${word}`);
    await writer.flushed();
    expect(writer.acks.every((ack) => ack.ok)).toBe(true);
    const finalText = writer.body.toString();

    // The initial text is update 1; the writer's six are 2..7, each seen once, in order, on both.
    const expected = words.map((_, i) => ({ seq: i + 2, body: `في ${words.slice(0, i + 1).join(' ')}` }));
    await eventually(() => expect(logs.second.entries).toHaveLength(words.length));
    expect(logs.first.entries).toEqual(expected.map((entry) => ({ ...entry, origin: 'client' })));
    expect(logs.second.entries).toEqual(expected.map((entry) => ({ ...entry, origin: 'relay' })));

    // The fan-out is unchanged: sessions on both instances converge on the writer's text.
    await eventually(() => {
      expect(readerOnFirst.body.toString()).toBe(finalText);
      expect(readerOnSecond.body.toString()).toBe(finalText);
    });
    expect(readerOnSecond.received.length).toBeGreaterThan(0);
  });
});
