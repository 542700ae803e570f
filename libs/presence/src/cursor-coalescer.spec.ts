import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { CursorCoalescer } from './cursor-coalescer.js';

describe('CursorCoalescer', () => {
  let sent: string[];
  const flush = (draftId: string, sessionId: string) => void sent.push(`${draftId}/${sessionId}@${Date.now()}`);

  beforeEach(() => {
    sent = [];
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('sends every move at once when the interval is 0', () => {
    const coalescer = new CursorCoalescer(0, flush);
    for (let i = 0; i < 5; i++) coalescer.moved('d', 's');
    expect(sent).toEqual(['d/s@0', 'd/s@0', 'd/s@0', 'd/s@0', 'd/s@0']);
  });

  it('sends the first move at once and the latest at the end of the interval', () => {
    const coalescer = new CursorCoalescer(50, flush);
    coalescer.moved('d', 's');
    for (let i = 0; i < 8; i++) {
      jest.advanceTimersByTime(6);
      coalescer.moved('d', 's');
    }
    expect(sent).toEqual(['d/s@0']);
    jest.advanceTimersByTime(50);
    expect(sent).toEqual(['d/s@0', 'd/s@50']);
  });

  it('keeps a fast typist to one send per interval', () => {
    const coalescer = new CursorCoalescer(50, flush);
    // 30 moves a second for one second.
    for (let i = 0; i < 30; i++) {
      coalescer.moved('d', 's');
      jest.advanceTimersByTime(33);
    }
    jest.advanceTimersByTime(100);
    expect(sent.length).toBeGreaterThanOrEqual(19);
    expect(sent.length).toBeLessThanOrEqual(21);
  });

  it('sends a move after a quiet spell at once', () => {
    const coalescer = new CursorCoalescer(50, flush);
    coalescer.moved('d', 's');
    jest.advanceTimersByTime(200);
    coalescer.moved('d', 's');
    expect(sent).toEqual(['d/s@0', 'd/s@200']);
  });

  it('coalesces each session on its own', () => {
    const coalescer = new CursorCoalescer(50, flush);
    coalescer.moved('d', 'a');
    coalescer.moved('d', 'b');
    coalescer.moved('e', 'a');
    expect(sent).toEqual(['d/a@0', 'd/b@0', 'e/a@0']);
  });

  it('drops a pending move when the entry went out for another reason', () => {
    const coalescer = new CursorCoalescer(50, flush);
    coalescer.moved('d', 's');
    jest.advanceTimersByTime(10);
    coalescer.moved('d', 's');
    coalescer.sentNow('d', 's');
    jest.advanceTimersByTime(100);
    expect(sent).toEqual(['d/s@0']);
  });

  it('sends nothing for a session that left', () => {
    const coalescer = new CursorCoalescer(50, flush);
    coalescer.moved('d', 's');
    coalescer.moved('d', 's');
    coalescer.forget('d', 's');
    jest.advanceTimersByTime(100);
    expect(sent).toEqual(['d/s@0']);
  });

  it('leaves no timer behind when closed', () => {
    const coalescer = new CursorCoalescer(50, flush);
    coalescer.moved('d', 's');
    coalescer.moved('d', 's');
    coalescer.close();
    expect(jest.getTimerCount()).toBe(0);
  });
});
