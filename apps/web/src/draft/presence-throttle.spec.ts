import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Throttle } from './presence-throttle.js';

describe('Throttle', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('sends the first value at once and only the latest of a burst when the interval ends', () => {
    const sent: number[] = [];
    const throttle = new Throttle<number>(100, (value) => sent.push(value));
    throttle.push(1);
    throttle.push(2);
    throttle.push(3);
    expect(sent).toEqual([1]);
    jest.advanceTimersByTime(99);
    expect(sent).toEqual([1]);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual([1, 3]);
    jest.advanceTimersByTime(500);
    throttle.push(4);
    expect(sent).toEqual([1, 3, 4]);
  });

  it('sends at most one value per interval under a steady stream', () => {
    const sent: number[] = [];
    const throttle = new Throttle<number>(100, (value) => sent.push(value));
    for (let i = 0; i < 100; i++) {
      throttle.push(i);
      jest.advanceTimersByTime(10);
    }
    jest.advanceTimersByTime(100);
    expect(sent.length).toBeLessThanOrEqual(11);
    expect(sent.at(-1)).toBe(99);
  });

  it('sends nothing held after cancel', () => {
    const sent: number[] = [];
    const throttle = new Throttle<number>(100, (value) => sent.push(value));
    throttle.push(1);
    throttle.push(2);
    throttle.cancel();
    jest.advanceTimersByTime(1000);
    expect(sent).toEqual([1]);
  });
});
