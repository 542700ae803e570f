import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { DOCUMENT_FIELDS } from '#contracts';
import {
  DocumentManager,
  encodeInitialDocument,
  LocalRelay,
  readDocumentText,
  type AppliedUpdate,
  type Delivery,
  type LiveDocumentExtension,
} from '#collab';
import { eventually } from '../../../test/support/raw-collab-client.js';
import { openDocumentsTestBed, TEST_MANAGER_OPTIONS, typedAtEnd, type DocumentsTestBed } from './documents-test-bed.js';

/** An extension that writes down every hook call, in the order they came. */
class Recorder implements LiveDocumentExtension {
  readonly calls: string[] = [];
  readonly applied: AppliedUpdate[] = [];

  constructor(
    readonly name: string,
    private readonly journal: string[] = [],
  ) {}

  afterLoad({ seq, doc }: { seq: number; doc: Y.Doc }): void {
    this.note(`load ${seq} ${readDocumentText(doc).body}`);
  }
  afterApply(applied: AppliedUpdate): void {
    this.applied.push(applied);
    this.note(`apply ${applied.seq} ${applied.origin} ${readDocumentText(applied.doc).body}`);
  }
  afterTextSync({ seq, text }: { seq: number; text: { body: string } }): void {
    this.note(`text ${seq} ${text.body}`);
  }
  async beforeUnload({ seq, doc }: { seq: number; doc: Y.Doc }): Promise<void> {
    this.note(`unload ${seq} ${readDocumentText(doc).body}`);
  }

  private note(call: string): void {
    this.calls.push(call);
    this.journal.push(`${this.name}: ${call}`);
  }
}

describe('live-document extensions and the read call (real database)', () => {
  let bed: DocumentsTestBed;
  const logged: { message: string; details: object }[] = [];
  const logger = {
    warn: () => undefined,
    error: (details: object, message: string) => void logged.push({ details, message }),
  };
  const managerWith = (...extensions: LiveDocumentExtension[]) => {
    const manager = new DocumentManager(bed.store, new LocalRelay(), TEST_MANAGER_OPTIONS, logger);
    for (const extension of extensions) manager.use(extension);
    return manager;
  };
  const author = () => ({ userId: bed.userId, connectionId: 'writer' });

  beforeAll(async () => {
    bed = await openDocumentsTestBed();
  });
  afterAll(async () => {
    await bed.dispose();
  });

  it('runs every hook of every extension in the order added, after the fan-out', async () => {
    const draftId = await bed.newDraft({ headline: '', body: 'في ' });
    const journal: string[] = [];
    const first = new Recorder('first', journal);
    const second = new Recorder('second', journal);
    const manager = managerWith(first, second);
    const delivered: Delivery[][] = [];
    manager.fanout.deliverTo({ deliver: (id, deliveries) => id === draftId && delivered.push(deliveries) });

    const live = (await manager.acquire(draftId))!;
    const writer = new Y.Doc();
    Y.applyUpdate(writer, manager.syncFor(live).update);
    expect(await manager.submit(live, typedAtEnd(writer, 'شباط'), author())).toBe(2);
    expect(await manager.submit(live, typedAtEnd(writer, ' 2026'), author())).toBe(3);
    await eventually(() => expect(first.calls).toContain('text 3 في شباط 2026'));
    manager.release(live);
    await manager.close();

    const texts = first.calls.filter((call) => call.startsWith('text'));
    expect(first.calls.filter((call) => !call.startsWith('text'))).toEqual([
      'load 1 في ',
      'apply 2 client في شباط',
      'apply 3 client في شباط 2026',
      'unload 3 في شباط 2026',
    ]);
    // A sync may have caught the text between the two updates (the debounce is 5 ms); the last has both.
    expect(texts.at(-1)).toBe('text 3 في شباط 2026');
    expect(texts.every((call) => ['text 2 في شباط', 'text 3 في شباط 2026'].includes(call))).toBe(true);
    expect(first.calls.indexOf('text 3 في شباط 2026')).toBeLessThan(first.calls.indexOf('unload 3 في شباط 2026'));
    expect(second.calls).toEqual(first.calls);
    // Every hook ran on `first` before `second`.
    expect(journal.filter((line) => line.includes('apply 2'))).toEqual([
      'first: apply 2 client في شباط',
      'second: apply 2 client في شباط',
    ]);
    expect(first.applied.map((applied) => [applied.connectionId, applied.userId])).toEqual([
      ['writer', bed.userId],
      ['writer', bed.userId],
    ]);
    // The fan-out, first in the list, passed both on to the room (merged: they were applied in one turn or two).
    const session = new Y.Doc();
    Y.applyUpdate(session, encodeInitialDocument({ headline: '', body: 'في ' }));
    for (const deliveries of delivered) {
      for (const delivery of deliveries) {
        expect(delivery).toMatchObject({ to: 'room', except: ['writer'] });
        Y.applyUpdate(session, delivery.update);
      }
    }
    expect(session.getText(DOCUMENT_FIELDS.body).toString()).toBe('في شباط 2026');
  });

  it('keeps storing and fanning out when an extension throws, and logs which one failed', async () => {
    const draftId = await bed.newDraft();
    const after = new Recorder('after');
    const manager = managerWith(
      {
        name: 'broken',
        afterApply: () => {
          throw new Error('boom');
        },
      },
      after,
    );
    const live = (await manager.acquire(draftId))!;
    logged.length = 0;
    expect(await manager.submit(live, typedAtEnd(new Y.Doc(), 'ok'), author())).toBe(1);
    expect(after.calls).toEqual(['load 0 ', 'apply 1 client ok']);
    expect(logged).toEqual([
      expect.objectContaining({
        message: 'a live-document extension failed',
        details: expect.objectContaining({ extension: 'broken', hook: 'afterApply', draftId }),
      }),
    ]);
    manager.release(live);
    await manager.close();
    const fresh = managerWith();
    expect(await fresh.read(draftId)).toMatchObject({ seq: 1, text: { body: 'ok' } });
    await fresh.close();
  });

  it('refuses a second extension under a name already used', async () => {
    const manager = managerWith(new Recorder('claims'));
    expect(() => manager.use(new Recorder('claims'))).toThrow('already added');
    expect(() => manager.use(new Recorder('fanout'))).toThrow('already added');
    await manager.close();
  });

  it('reads a draft as of its latest stored update, loading it when needed', async () => {
    const draftId = await bed.newDraft({ headline: 'عنوان', body: 'نص' });
    const manager = managerWith();
    expect(await manager.read(draftId)).toMatchObject({ seq: 1, text: { headline: 'عنوان', body: 'نص' } });

    const live = (await manager.acquire(draftId))!;
    const writer = new Y.Doc();
    Y.applyUpdate(writer, manager.syncFor(live).update);
    await manager.submit(live, typedAtEnd(writer, ' جديد'), author());
    const revision = (await manager.read(draftId))!;
    expect(revision.seq).toBe(2);
    expect(revision.text).toEqual({ headline: 'عنوان', body: 'نص جديد' });
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, revision.state);
    expect(readDocumentText(rebuilt)).toEqual(revision.text);
    manager.release(live);

    expect(await manager.read('00000000-0000-4000-8000-000000000000')).toBeNull();
    await manager.close();
  });
});
