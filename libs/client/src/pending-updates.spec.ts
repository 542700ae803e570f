import { describe, expect, it } from '@jest/globals';
import { PendingUpdates } from './pending-updates.js';
import { type CopydeskSessionError, type SessionError } from './session-error.js';

const LOCKED: SessionError = { code: 'LOCKED', message: 'approved', operation: 'update' };

async function state(promise: Promise<void>): Promise<string> {
  const pending = Symbol('pending');
  const settled = await Promise.race([
    promise.then(
      () => 'resolved',
      (error: unknown) => `rejected ${(error as CopydeskSessionError).code}`,
    ),
    new Promise((resolve) => setTimeout(() => resolve(pending), 0)),
  ]);
  return settled === pending ? 'pending' : String(settled);
}

describe('PendingUpdates', () => {
  it('numbers updates and forgets them once acked', () => {
    const pending = new PendingUpdates();
    expect([pending.add(), pending.add(), pending.add()]).toEqual([1, 2, 3]);
    expect(pending.settle([2])).toEqual([2]);
    expect(pending.settle([2])).toEqual([]);
    expect(pending.size).toBe(2);
    expect(pending.openUpTo(3)).toEqual([1, 3]);
    expect(pending.lastSeq).toBe(3);
  });

  it('resolves a wait once everything made before it is acked, whatever comes later', async () => {
    const pending = new PendingUpdates();
    const [a, b] = [pending.add(), pending.add()];
    const flushed = pending.waitFor();
    const c = pending.add();
    pending.settle([b]);
    expect(await state(flushed)).toBe('pending');
    pending.settle([a]);
    expect(await state(flushed)).toBe('resolved');
    expect(pending.openUpTo(c)).toEqual([c]);
  });

  it('resolves a wait at once when nothing is pending', async () => {
    expect(await state(new PendingUpdates().waitFor())).toBe('resolved');
  });

  it('rejects a wait covering a refused update, but not a later one', async () => {
    const pending = new PendingUpdates();
    const a = pending.add();
    const early = pending.waitFor();
    pending.fail([a], LOCKED);
    const b = pending.add();
    const late = pending.waitFor();
    pending.settle([b]);
    expect(await state(early)).toBe('rejected LOCKED');
    expect(await state(late)).toBe('resolved');
  });

  it('rejects every wait when abandoned', async () => {
    const pending = new PendingUpdates();
    pending.add();
    const flushed = pending.waitFor();
    pending.abandon({ code: 'CLOSED', message: 'closed', operation: 'leave' });
    expect(await state(flushed)).toBe('rejected CLOSED');
  });
});
