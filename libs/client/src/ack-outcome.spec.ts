import { describe, expect, it } from '@jest/globals';
import { awaitAck, classifyAck } from './ack-outcome.js';

describe('classifyAck', () => {
  it.each([
    [{ ok: true, n: 1 }, 'ok'],
    [{ ok: false, error: { code: 'UNAVAILABLE', message: 'db down' } }, 'retry'],
    [{ ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } }, 'retry'],
    [{ ok: false, error: { code: 'RESYNC_REQUIRED', message: 'join again' } }, 'retry'],
    [{ ok: false, error: { code: 'LOCKED', message: 'approved' } }, 'fail'],
    [{ ok: false, error: { code: 'NOT_JOINED', message: 'join first' } }, 'fail'],
    [{ ok: false, error: { code: 'SOMETHING_NEW', message: '?' } }, 'fail'],
    [undefined, 'fail'],
    ['ok', 'fail'],
  ])('sorts %p as %s', (response, kind) => {
    expect(classifyAck('update', response).kind).toBe(kind);
  });

  it('keeps the code and message of a refusal', () => {
    const outcome = classifyAck('update', { ok: false, error: { code: 'LOCKED', message: 'approved' } });
    expect(outcome).toEqual({ kind: 'fail', error: { code: 'LOCKED', message: 'approved', operation: 'update' } });
  });

  it('reports an unknown code as an invalid response', () => {
    const outcome = classifyAck('join', { ok: false, error: { code: 'SOMETHING_NEW' } });
    expect(outcome.kind === 'fail' && outcome.error.code).toBe('INVALID_RESPONSE');
  });
});

describe('awaitAck', () => {
  it('turns a timeout into a retryable NO_ACK', async () => {
    const outcome = await awaitAck('update', () => Promise.reject(new Error('operation has timed out')));
    expect(outcome).toEqual({
      kind: 'retry',
      error: { code: 'NO_ACK', message: 'operation has timed out', operation: 'update' },
    });
  });
});
