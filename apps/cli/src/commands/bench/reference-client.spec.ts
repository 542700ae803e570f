import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { DOCUMENT_FIELDS } from '#contracts';
import { pollUntil } from './async-helpers.js';
import { ErrorTally } from './error-tally.js';
import { PropagationTracker } from './propagation-tracker.js';
import { ReferenceEditor, ReferenceViewer } from './reference-client.js';
import { listenReference, type ListeningReference } from './reference-hocuspocus.js';

/** The reference server as the bench runs it, in this process, storing into a Map. */
describe('the reference clients against Hocuspocus', () => {
  const stored = new Map<string, Uint8Array>();
  let stores = 0;
  let server: ListeningReference;
  let wsUrl: string;

  beforeAll(async () => {
    server = await listenReference({
      fetch: async (documentName) => {
        if (stored.has(documentName)) return stored.get(documentName)!;
        const doc = new Y.Doc();
        doc.getText(DOCUMENT_FIELDS.body).insert(0, 'initial ');
        return Y.encodeStateAsUpdate(doc);
      },
      store: async (documentName, state) => {
        stores += 1;
        stored.set(documentName, state);
      },
    });
    wsUrl = `ws://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server.destroy();
  });

  it('carries an editor insertion to the other editor and a viewer, timed by the tracker, and stores every change', async () => {
    const tally = new ErrorTally();
    const tracker = new PropagationTracker();
    const onRemote = (doc: Y.Doc, update: Uint8Array, at: number) => tracker.applied(doc, update, at);
    const a = await ReferenceEditor.join(wsUrl, 'doc-1', 0, tally, onRemote);
    const b = await ReferenceEditor.join(wsUrl, 'doc-1', 0, tally, onRemote);
    const arrivals: [number, number][] = [];
    const viewer = await ReferenceViewer.join(wsUrl, 'doc-1', 0, tally, (clientId, clock, at) => {
      arrivals.push([clientId, clock]);
      tracker.reached('viewer', clientId, clock, at);
    });
    expect(tally.toJSON()).toEqual({});
    expect(a!.body.toString()).toBe('initial ');
    expect(b!.body.toString()).toBe('initial ');

    tracker.addEditor(a!.doc.clientID, 2);
    const storesBefore = stores;
    for (const word of ['خبر ', 'news ', 'عاجل ']) {
      a!.body.insert(a!.body.length, word);
      tracker.recordEdit(a!.doc.clientID, Y.getState(a!.doc.store, a!.doc.clientID), performance.now());
    }
    expect(await pollUntil(() => tracker.outstanding() === 0, 5_000)).toBe(true);
    expect(tracker.latenciesMs).toHaveLength(3);
    expect(b!.text()).toBe(a!.text());
    expect(viewer!.text()).toBe(a!.text());
    expect(viewer!.holds(a!.doc.clientID, Y.getState(a!.doc.store, a!.doc.clientID))).toBe(true);
    expect(arrivals.every(([clientId]) => clientId === a!.doc.clientID)).toBe(true);
    // debounce 0: a store per change, each the full state.
    expect(await pollUntil(() => stores - storesBefore >= 3, 5_000)).toBe(true);
    const fromStore = new Y.Doc();
    Y.applyUpdate(fromStore, stored.get('doc-1')!);
    expect(fromStore.getText(DOCUMENT_FIELDS.body).toString()).toBe(a!.body.toString());

    for (const client of [a!, b!, viewer!]) client.close();
  });

  it('counts a server that is not there as a failed join', async () => {
    const tally = new ErrorTally();
    const editor = await ReferenceEditor.join('ws://127.0.0.1:1', 'doc-2', 0, tally, () => undefined);
    expect(editor).toBeNull();
    expect(Object.keys(tally.toJSON())[0]).toMatch(/^CONNECT_FAILED/);
  });
});
