import { randomUUID } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { isDomainError, type LoginBackoff, type LoginBackoffScope } from '#domain';
import type { LoginAttempt, LoginAttemptKeys, LoginThrottle } from '#auth';

/** Small budgets and short windows, so every rule shows in a few attempts and a second or two. */
export const TEST_BACKOFF: Record<LoginBackoffScope, LoginBackoff> = {
  pair: { freeFailures: 3, firstWaitSeconds: 1, maxWaitSeconds: 4, windowSeconds: 60 },
  address: { freeFailures: 6, firstWaitSeconds: 1, maxWaitSeconds: 4, windowSeconds: 60 },
  account: { freeFailures: 9, firstWaitSeconds: 1, maxWaitSeconds: 4, windowSeconds: 60 },
};

/** A fresh account and address (the Redis store outlives a test run). */
export function freshKeys(): LoginAttemptKeys {
  return { email: `${randomUUID()}@example.test`, address: randomAddress() };
}

export function randomAddress(): string {
  const byte = () => Math.floor(Math.random() * 256);
  return `10.${byte()}.${byte()}.${byte()}`;
}

/** The attempt, or the refusal's retryAfterSeconds. */
async function tryBegin(throttle: LoginThrottle, keys: LoginAttemptKeys): Promise<LoginAttempt | number> {
  try {
    return await throttle.begin(keys);
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'RATE_LIMITED') throw error;
    return error.details.retryAfterSeconds as number;
  }
}

/** `count` attempts one after another, each a wrong password; what each got. */
async function failInTurn(throttle: LoginThrottle, keys: LoginAttemptKeys, count: number): Promise<string[]> {
  const outcomes: string[] = [];
  for (let n = 0; n < count; n++) {
    const attempt = await tryBegin(throttle, keys);
    outcomes.push(typeof attempt === 'number' ? `wait ${attempt}` : 'checked');
  }
  return outcomes;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What every LoginThrottle promises, whatever store it counts in (docs/security.md, Login throttling). */
export function throttleContract(make: () => LoginThrottle): void {
  it('checks the free failures back to back, then makes the next attempt wait', async () => {
    const throttle = make();
    expect(await failInTurn(throttle, freshKeys(), 5)).toEqual(['checked', 'checked', 'checked', 'wait 1', 'wait 1']);
  });

  it('doubles the wait after each failure past the free ones', async () => {
    const throttle = make();
    const keys = freshKeys();
    await failInTurn(throttle, keys, 3);
    await sleep(1_100);
    expect(await failInTurn(throttle, keys, 2)).toEqual(['checked', 'wait 2']);
  });

  it('lets the owner in from another address while one address is made to wait', async () => {
    const throttle = make();
    const attacker = freshKeys();
    expect(await failInTurn(throttle, attacker, 10)).toContain('wait 1');
    const owner = await tryBegin(throttle, { email: attacker.email, address: randomAddress() });
    expect(typeof owner).toBe('object');
  });

  it('starts the pair afresh after a successful sign-in', async () => {
    const throttle = make();
    const keys = freshKeys();
    await failInTurn(throttle, keys, 2);
    const success = await tryBegin(throttle, keys);
    await (success as LoginAttempt).succeeded();
    expect(await failInTurn(throttle, keys, 4)).toEqual(['checked', 'checked', 'checked', 'wait 1']);
  });

  it('does not count an attempt abandoned before the password was checked', async () => {
    const throttle = make();
    const keys = freshKeys();
    for (let n = 0; n < 5; n++) await ((await tryBegin(throttle, keys)) as LoginAttempt).abandoned();
    expect(await failInTurn(throttle, keys, 4)).toEqual(['checked', 'checked', 'checked', 'wait 1']);
  });

  it('lets no more than the free failures through when forty attempts arrive at once', async () => {
    const throttle = make();
    const keys = freshKeys();
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => tryBegin(throttle, keys)));
    expect(outcomes.filter((outcome) => typeof outcome === 'object')).toHaveLength(TEST_BACKOFF.pair.freeFailures);
    // The refused ones count as nothing: one more wait and one more attempt gets through.
    await sleep(TEST_BACKOFF.pair.maxWaitSeconds * 1000 + 100);
    expect(await failInTurn(throttle, keys, 1)).toEqual(['checked']);
  });

  it('slows one address trying many accounts, not the accounts elsewhere', async () => {
    const throttle = make();
    const address = randomAddress();
    const outcomes: string[] = [];
    for (let n = 0; n < TEST_BACKOFF.address.freeFailures + 2; n++) {
      outcomes.push(...(await failInTurn(throttle, { email: `${randomUUID()}@example.test`, address }, 1)));
    }
    expect(outcomes.slice(0, TEST_BACKOFF.address.freeFailures).every((outcome) => outcome === 'checked')).toBe(true);
    expect(outcomes.at(-1)).toBe('wait 1');
    expect(await failInTurn(throttle, freshKeys(), 1)).toEqual(['checked']);
  });

  it('slows one account tried from many addresses', async () => {
    const throttle = make();
    const email = `${randomUUID()}@example.test`;
    const outcomes: string[] = [];
    for (let n = 0; n < TEST_BACKOFF.account.freeFailures + 2; n++) {
      outcomes.push(...(await failInTurn(throttle, { email, address: randomAddress() }, 1)));
    }
    expect(outcomes.slice(0, TEST_BACKOFF.account.freeFailures).every((outcome) => outcome === 'checked')).toBe(true);
    expect(outcomes.at(-1)).toBe('wait 1');
  });

  it('takes the email whatever its case and spaces', async () => {
    const throttle = make();
    const keys = freshKeys();
    await failInTurn(throttle, keys, 3);
    expect(await failInTurn(throttle, { email: ` ${keys.email.toUpperCase()} `, address: keys.address }, 1)).toEqual([
      'wait 1',
    ]);
  });
}
