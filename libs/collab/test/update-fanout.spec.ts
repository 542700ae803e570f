import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { FanoutBatcher, planFanout, type Delivery, type OutgoingUpdate } from '#collab';
import { DOCUMENT_FIELDS } from '#contracts';

/** An update typed by a fresh client: `text` inserted at the start of `body`. */
function typed(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(DOCUMENT_FIELDS.body).insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

function bodyAfter(...updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText(DOCUMENT_FIELDS.body).toString();
}

describe('planFanout', () => {
  it('sends a lone update to the room without its sender', () => {
    const update = typed('مرحبا');
    expect(planFanout([{ senderId: 'a', update }])).toEqual([{ to: 'room', except: ['a'], update }]);
  });

  it('merges one sender’s updates into one message for everyone else', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getText(DOCUMENT_FIELDS.body).insert(0, 'شباط');
    doc.getText(DOCUMENT_FIELDS.body).insert(4, ' 2026');
    const deliveries = planFanout(updates.map((update) => ({ senderId: 'a', update })));
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ to: 'room', except: ['a'] });
    expect(bodyAfter(deliveries[0]!.update)).toBe('شباط 2026');
  });

  /** What each connection is sent, as the deliveries say: [connection, updates]. */
  function sentTo(deliveries: Delivery[], connections: string[]): Map<string, Uint8Array[]> {
    const sent = new Map(connections.map((id) => [id, [] as Uint8Array[]]));
    for (const delivery of deliveries) {
      const to =
        delivery.to === 'room' ? connections.filter((id) => !delivery.except.includes(id)) : delivery.connectionIds;
      for (const id of to) sent.get(id)!.push(delivery.update);
    }
    return sent;
  }

  it('gives every sender the others’ updates and never its own', () => {
    const batch: OutgoingUpdate[] = [
      { senderId: 'a', update: typed('A') },
      { senderId: 'b', update: typed('B') },
      { senderId: 'a', update: typed('C') },
    ];
    const deliveries = planFanout(batch);
    const room = deliveries.find((d): d is Extract<Delivery, { to: 'room' }> => d.to === 'room')!;
    expect(room.except.sort()).toEqual(['a', 'b']);
    const roomText = bodyAfter(room.update);
    expect([...roomText].sort().join('')).toBe('ABC');

    const sent = sentTo(deliveries, ['a', 'b', 'viewer']);
    expect(bodyAfter(...sent.get('a')!)).toBe('B');
    expect([...bodyAfter(...sent.get('b')!)].sort().join('')).toBe('AC');
    expect(bodyAfter(...sent.get('viewer')!)).toBe(roomText);
    // Each sender, with its own updates and the ones sent to it, ends where the room does.
    expect(bodyAfter(batch[0]!.update, batch[2]!.update, ...sent.get('a')!)).toBe(roomText);
    expect(bodyAfter(batch[1]!.update, ...sent.get('b')!)).toBe(roomText);
  });

  it('sends each sender’s updates once to the other senders, not a merge per sender', () => {
    const senders = Array.from({ length: 30 }, (_, i) => `s${i}`);
    const batch = senders.map((senderId, i) => ({ senderId, update: typed(String.fromCharCode(0x0627 + i)) }));
    const deliveries = planFanout(batch);
    // One message to the room, one per sender to the others: n + 1, each update in two of them.
    expect(deliveries).toHaveLength(senders.length + 1);
    for (const [i, delivery] of deliveries.slice(1).entries()) {
      expect(delivery).toEqual({
        to: 'senders',
        connectionIds: senders.filter((id) => id !== senders[i]),
        update: batch[i]!.update,
      });
    }
    const sent = sentTo(deliveries, [...senders, 'viewer']);
    const everything = bodyAfter(...sent.get('viewer')!);
    for (const [i, id] of senders.entries()) {
      expect(sent.get(id)).toHaveLength(senders.length - 1);
      expect(sent.get(id)).not.toContain(batch[i]!.update);
      expect(bodyAfter(batch[i]!.update, ...sent.get(id)!)).toBe(everything);
    }
  });
});

describe('planFanout with updates from other instances', () => {
  it('passes relayed updates to everyone, and a local sender only the others’', () => {
    const relayed = typed('R');
    expect(planFanout([{ senderId: null, update: relayed }])).toEqual([{ to: 'room', except: [], update: relayed }]);

    const deliveries = planFanout([
      { senderId: null, update: relayed },
      { senderId: 'a', update: typed('A') },
    ]);
    expect(deliveries.map((d) => (d.to === 'room' ? ['room', d.except] : ['senders', d.connectionIds]))).toEqual([
      ['room', ['a']],
      ['senders', ['a']],
    ]);
    expect(bodyAfter(deliveries[1]!.update)).toBe('R');
  });
});

describe('FanoutBatcher', () => {
  function manualBatcher() {
    const sent: [string, Delivery[]][] = [];
    const errors: string[] = [];
    let scheduled: (() => void) | null = null;
    let schedules = 0;
    const batcher = new FanoutBatcher(
      (draftId, deliveries) => {
        if (draftId === 'broken') throw new Error('emit failed');
        sent.push([draftId, deliveries]);
      },
      (_error, draftId) => errors.push(draftId),
      (flush) => {
        schedules += 1;
        scheduled = flush;
      },
    );
    return { batcher, sent, errors, runScheduled: () => scheduled?.(), schedules: () => schedules };
  }

  it('sends each draft’s updates of one turn together, once', () => {
    const { batcher, sent, runScheduled, schedules } = manualBatcher();
    batcher.add('d1', { senderId: 'a', update: typed('x') });
    batcher.add('d2', { senderId: 'b', update: typed('y') });
    batcher.add('d1', { senderId: 'c', update: typed('z') });
    expect(sent).toHaveLength(0);
    expect(schedules()).toBe(1);
    runScheduled();
    expect(sent.map(([draftId, deliveries]) => [draftId, deliveries.length])).toEqual([
      ['d1', 3],
      ['d2', 1],
    ]);
    batcher.add('d1', { senderId: 'a', update: typed('w') });
    expect(schedules()).toBe(2);
  });

  it('keeps sending other drafts when one fails', () => {
    const { batcher, sent, errors, runScheduled } = manualBatcher();
    batcher.add('broken', { senderId: 'a', update: typed('x') });
    batcher.add('d2', { senderId: 'b', update: typed('y') });
    runScheduled();
    expect(errors).toEqual(['broken']);
    expect(sent.map(([draftId]) => draftId)).toEqual(['d2']);
  });

  it('flushes on the next turn of the event loop by default', async () => {
    const sent: string[] = [];
    const batcher = new FanoutBatcher(
      (draftId) => sent.push(draftId),
      () => undefined,
    );
    batcher.add('d1', { senderId: 'a', update: typed('x') });
    expect(sent).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual(['d1']);
  });
});
