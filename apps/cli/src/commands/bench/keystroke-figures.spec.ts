import { describe, expect, it } from '@jest/globals';
import { ackLatencies, matchKeystrokes, savedAfterLast } from './keystroke-figures.js';

describe('matchKeystrokes', () => {
  it('times each keystroke to the first change that made the body long enough, merged changes included', () => {
    const figures = matchKeystrokes(
      4,
      [1000, 1100, 1200, 1300],
      [
        { length: 10, domAt: 1010, screenAt: 1016 },
        // Keystrokes 2 and 3 arrived in one update.
        { length: 12, domAt: 1215, screenAt: 1220 },
        { length: 13, domAt: 1309, screenAt: null },
      ],
      9,
    );
    expect(figures).toMatchObject({ arrived: 4, lost: 0 });
    expect(figures.domMs).toMatchObject({ count: 4, p50: 10, max: 115 });
    // The last change had no frame yet: no screen time for it, but it arrived.
    expect(figures.screenMs).toMatchObject({ count: 3, p50: 20, max: 120 });
  });

  it('counts keystrokes whose length never came as lost, ignoring changes that did not lengthen the body', () => {
    const figures = matchKeystrokes(
      3,
      [0, 100, 200],
      [
        { length: 5, domAt: 3, screenAt: 4 },
        { length: 6, domAt: 50, screenAt: 60 },
        { length: 6, domAt: 150, screenAt: 160 },
      ],
      5,
    );
    expect(figures).toMatchObject({ arrived: 1, lost: 2 });
    expect(figures.screenMs).toMatchObject({ count: 1, p50: 60 });
  });
});

describe('ackLatencies', () => {
  it('times each keystroke to the ack of the first update sent after its keydown, merged ones included', () => {
    const figures = ackLatencies(
      [100, 200, 210, 300],
      [
        { id: 7, at: 102 },
        // The keystroke at 210 went out with the one at 200's update still in flight: the next update carries it.
        { id: 8, at: 201 },
        { id: 9, at: 215 },
        { id: 10, at: 301 },
      ],
      [
        { id: 7, at: 105 },
        { id: 8, at: 212 },
        { id: 9, at: 230 },
      ],
    );
    expect(figures).toMatchObject({ count: 3, p50: 12, max: 20, unacked: 1 });
  });

  it('is null when the page sent no update the bench saw', () => {
    expect(ackLatencies([1, 2], [], [])).toBeNull();
  });
});

describe('savedAfterLast', () => {
  const isSaved = (text: string) => text === 'Saved';

  it('is the time from the last keystroke to the status saying Saved, null when it never did', () => {
    const statuses = [
      { text: 'Saved', at: 0 },
      { text: 'Saving…', at: 105 },
      { text: 'Saved', at: 712 },
    ];
    expect(savedAfterLast(100, statuses, isSaved)).toBe(612);
    expect(savedAfterLast(800, statuses, isSaved)).toBeNull();
    expect(savedAfterLast(undefined, statuses, isSaved)).toBeNull();
  });
});
