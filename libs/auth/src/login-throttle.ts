import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import ipaddr from 'ipaddr.js';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { DomainError, LOGIN_BACKOFF, waitAfterFailures, type LoginBackoff, type LoginBackoffScope } from '#domain';

/** Who is signing in, as far as throttling cares: the email as typed and the client's address. */
export interface LoginAttemptKeys {
  email: string;
  address: string;
}

/** Where counts live: Redis, shared by every instance, or this process's memory. */
type LimiterFactory = (options: IRateLimiterOptions & { keyPrefix: string }) => RateLimiterAbstract;

interface Scope {
  name: LoginBackoffScope;
  backoff: LoginBackoff;
  /** Failures in the window (attempts are counted on arrival and given back unless they fail). */
  failures: RateLimiterAbstract;
  /** Closed for the wait after the latest counted attempt: one attempt gets through per wait. */
  gate: RateLimiterAbstract;
  keyOf(keys: LoginAttemptKeys): string;
}

/**
 * Login throttling per account, per client address and per pair of both (docs/security.md, Login
 * throttling), with the progressive delay of LOGIN_BACKOFF. Checked before any password work.
 * Every step is one atomic store operation, so concurrent attempts, on one instance or many, can
 * not slip through together: each is counted on arrival, and past the free failures only the one
 * that takes the gate goes on.
 */
export class LoginThrottle {
  private readonly scopes: readonly Scope[];

  constructor(limiter: LimiterFactory, backoff: Record<LoginBackoffScope, LoginBackoff> = LOGIN_BACKOFF) {
    const scope = (name: LoginBackoffScope, keyOf: (keys: LoginAttemptKeys) => string): Scope => ({
      name,
      backoff: backoff[name],
      failures: limiter({
        keyPrefix: `copydesk:login:${name}:failures`,
        points: backoff[name].freeFailures,
        duration: backoff[name].windowSeconds,
      }),
      gate: limiter({ keyPrefix: `copydesk:login:${name}:gate`, points: 1, duration: backoff[name].maxWaitSeconds }),
      keyOf,
    });
    // The pair first: an attempt it refuses takes no slot of the wider scopes.
    this.scopes = [
      scope('pair', (keys) => `${accountKey(keys.email)}:${addressKey(keys.address)}`),
      scope('address', (keys) => addressKey(keys.address)),
      scope('account', (keys) => accountKey(keys.email)),
    ];
  }

  /** Counts in this process only: the embedded database runs one instance. */
  static inMemory(backoff?: Record<LoginBackoffScope, LoginBackoff>): LoginThrottle {
    return new LoginThrottle((options) => new RateLimiterMemory(options), backoff);
  }

  /**
   * Counts in Redis, shared by every instance. While Redis is unreachable each instance counts in
   * its own memory instead: throttling weakens to per instance, sign-in keeps working.
   */
  static onRedis(redis: Redis, backoff?: Record<LoginBackoffScope, LoginBackoff>): LoginThrottle {
    return new LoginThrottle(
      (options) =>
        new RateLimiterRedis({
          ...options,
          storeClient: redis,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(options),
        }),
      backoff,
    );
  }

  /**
   * Admits one sign-in attempt, counted as a failure until it is settled; LoginThrottled
   * (RATE_LIMITED, with `retryAfterSeconds`) when it has to wait.
   */
  async begin(keys: LoginAttemptKeys): Promise<LoginAttempt> {
    const keyed = this.scopes.map((scope) => ({ scope, key: scope.keyOf(keys) }));
    const counted = await Promise.all(keyed.map(({ scope, key }) => scope.failures.penalty(key)));
    for (const [index, { scope, key }] of keyed.entries()) {
      const wait = waitAfterFailures(scope.backoff, counted[index]!.consumedPoints);
      if (wait === 0) continue;
      try {
        // Only one attempt takes an open gate; it stays closed for the wait this attempt owes.
        await scope.gate.consume(key, 1, { customDuration: Math.ceil(wait) });
      } catch (refusal) {
        // A refused attempt checks no password, so it is no failure either.
        await Promise.all(keyed.map((each) => each.scope.failures.reward(each.key)));
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        // The gate counts the attempts it refused: the taker was 1, so the first refused is 2.
        throw new LoginThrottled(retryAfterSeconds, scope.name, refusal.consumedPoints === 2);
      }
    }
    return new LoginAttempt(keyed);
  }
}

/** RATE_LIMITED from the login throttle. Which scope refused, and whether first, stays on the server. */
export class LoginThrottled extends DomainError<'RATE_LIMITED'> {
  constructor(
    readonly retryAfterSeconds: number,
    readonly scope: LoginBackoffScope,
    /** The first attempt refused in this wait: worth one line in the security log, the rest are not. */
    readonly firstOfItsWait: boolean,
  ) {
    super('RATE_LIMITED', `Too many failed sign-ins: try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

/** An admitted attempt, to be settled once the password has been checked; a wrong one leaves it counted. */
export class LoginAttempt {
  constructor(private readonly keyed: readonly { scope: Scope; key: string }[]) {}

  /** Signed in: the pair starts afresh; for the wider scopes the attempt just does not count. */
  async succeeded(): Promise<void> {
    await Promise.all(
      this.keyed.map(({ scope, key }) =>
        scope.name === 'pair'
          ? Promise.all([scope.failures.delete(key), scope.gate.delete(key)])
          : scope.failures.reward(key),
      ),
    );
  }

  /** Ended before the password decided anything (a refused body, an outage): it does not count. */
  async abandoned(): Promise<void> {
    await Promise.all(this.keyed.map(({ scope, key }) => scope.failures.reward(key)));
  }
}

/** Emails as the users table compares them; hashed so the store holds no addresses of people. */
function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);
}

/**
 * IPv4 as it is (an IPv4-mapped IPv6 address included); IPv6 by its /64, the block one
 * subscriber usually holds, so hopping through it does not buy fresh budgets.
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return 'unknown';
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(':')}::/64`;
}
