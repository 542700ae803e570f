import { describe, expect, it } from '@jest/globals';
import { activityAt, EDITING_FOR_MS, nextActivityChangeIn, REVIEWING_FOR_MS } from './presence-activity.js';

const T = 1_000_000;

describe('activityAt', () => {
  it('is idle before anything happened', () => {
    expect(activityAt(T, { lastEditAt: null, lastMoveAt: null, visible: true })).toBe('idle');
  });

  it('is editing while typing, reviewing after a pause, idle after a longer one', () => {
    const marks = { lastEditAt: T, lastMoveAt: T, visible: true };
    expect(activityAt(T + 100, marks)).toBe('editing');
    expect(activityAt(T + EDITING_FOR_MS - 1, marks)).toBe('editing');
    expect(activityAt(T + EDITING_FOR_MS, marks)).toBe('reviewing');
    expect(activityAt(T + REVIEWING_FOR_MS, marks)).toBe('idle');
  });

  it('is reviewing while only moving the cursor', () => {
    expect(activityAt(T + 10, { lastEditAt: null, lastMoveAt: T, visible: true })).toBe('reviewing');
  });

  it('is idle in a hidden tab', () => {
    expect(activityAt(T, { lastEditAt: T, lastMoveAt: T, visible: false })).toBe('idle');
  });
});

describe('nextActivityChangeIn', () => {
  it('is when editing ends, then when reviewing ends, then never', () => {
    const marks = { lastEditAt: T, lastMoveAt: T, visible: true };
    expect(nextActivityChangeIn(T, marks)).toBe(EDITING_FOR_MS);
    expect(nextActivityChangeIn(T + EDITING_FOR_MS, marks)).toBe(REVIEWING_FOR_MS - EDITING_FOR_MS);
    expect(nextActivityChangeIn(T + REVIEWING_FOR_MS, marks)).toBeNull();
    expect(nextActivityChangeIn(T, { ...marks, visible: false })).toBeNull();
  });
});
