import { describe, expect, it } from '@jest/globals';
import { SessionRenewal, type SessionEndedHandler, type SessionEndedInfo } from './session-renewal.js';

const EXPIRED: SessionEndedInfo = { code: 'SESSION_EXPIRED', message: 'expired' };

function renewal(handler: SessionEndedHandler | undefined, token = 'old') {
  const resumed: string[] = [];
  let current: string | null = token;
  const subject = new SessionRenewal(
    handler,
    () => current,
    (fresh) => {
      current = fresh;
      resumed.push(fresh);
    },
  );
  return { subject, resumed };
}

describe('SessionRenewal', () => {
  it('asks the application why the session ended and resumes with the token it gives', async () => {
    const asked: SessionEndedInfo[] = [];
    const { subject, resumed } = renewal(async (info) => {
      asked.push(info);
      return 'fresh';
    });
    await subject.ended(EXPIRED);
    expect(asked).toEqual([EXPIRED]);
    expect(resumed).toEqual(['fresh']);
  });

  it.each<[string, SessionEndedHandler]>([
    ['gives nothing', () => undefined],
    ['gives null', async () => null],
    ['gives an empty token', () => ''],
    ['gives back the token just refused', () => 'old'],
    [
      'fails',
      () => {
        throw new Error('sign-in cancelled');
      },
    ],
    ['rejects', () => Promise.reject(new Error('offline'))],
  ])('stays signed out when the application %s', async (_, handler) => {
    const { subject, resumed } = renewal(handler);
    await subject.ended({ code: 'SESSION_REVOKED', message: 'revoked' });
    expect(resumed).toEqual([]);
  });

  it('stays signed out without a handler', async () => {
    const { subject, resumed } = renewal(undefined);
    await subject.ended(EXPIRED);
    expect(resumed).toEqual([]);
  });

  it('asks once while the application is still answering, and again after', async () => {
    let answer: (token: string) => void = () => undefined;
    let asked = 0;
    const { subject, resumed } = renewal(() => {
      asked += 1;
      return new Promise<string>((resolve) => (answer = resolve));
    });
    const first = subject.ended(EXPIRED);
    await subject.ended({ code: 'UNAUTHORIZED', message: 'refused' });
    expect(asked).toBe(1);
    answer('fresh');
    await first;
    expect(resumed).toEqual(['fresh']);
    const second = subject.ended(EXPIRED);
    answer('fresher');
    await second;
    expect(asked).toBe(2);
    expect(resumed).toEqual(['fresh', 'fresher']);
  });
});
