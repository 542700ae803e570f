import { describe, expect, it } from '@jest/globals';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('allows a burst, then refuses until tokens flow back in', () => {
    const bucket = new TokenBucket(10, 3, 0);
    expect([bucket.tryTake(0), bucket.tryTake(0), bucket.tryTake(0), bucket.tryTake(0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.tryTake(50)).toBe(false); // half a token
    expect(bucket.tryTake(100)).toBe(true); // one token after 100 ms at 10/s
    expect(bucket.tryTake(100)).toBe(false);
  });

  it('never stores more than the burst, however long it waits', () => {
    const bucket = new TokenBucket(100, 2, 0);
    const taken = [0, 0, 0].map(() => bucket.tryTake(60_000));
    expect(taken).toEqual([true, true, false]);
  });

  it('ignores a clock that goes backwards', () => {
    const bucket = new TokenBucket(1, 1, 1_000);
    expect(bucket.tryTake(1_000)).toBe(true);
    expect(bucket.tryTake(0)).toBe(false);
  });
});
