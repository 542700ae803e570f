import { describe, expect, it } from '@jest/globals';

import { textParts } from './text-parts.js';

function check(text: string): [number, number][] {
  const parts = textParts(text);
  // contiguous, in order, covering the whole text
  expect(parts[0]?.[0] ?? 0).toBe(0);
  parts.forEach(([from, to], i) => {
    expect(to).toBeGreaterThan(from);
    if (i > 0) expect(from).toBe(parts[i - 1]?.[1]);
  });
  expect(parts[parts.length - 1]?.[1] ?? 0).toBe(text.length);
  return parts;
}

describe('textParts', () => {
  it.each([
    ['a short text is one part', 'قال الوزير إن 45 شخصًا قتلوا.', 1],
    ['an empty text has no part', '', 0],
  ])('%s', (_name, text, count) => {
    expect(check(text)).toHaveLength(count);
  });

  it('cuts long texts at line breaks', () => {
    const text = `${'أ '.repeat(10_000)}\n`.repeat(4);
    const parts = check(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const [from] of parts.slice(1)) expect(text[from]).toBe('\n');
  });

  it('cuts a long text without line breaks after a sentence end', () => {
    const text = 'هذه جملة قصيرة. '.repeat(5_000);
    const parts = check(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const [from] of parts.slice(1)) expect(text.slice(from - 1, from + 1)).toBe('. ');
  });
});
