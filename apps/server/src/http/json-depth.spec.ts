import { describe, expect, it } from '@jest/globals';
import { jsonNestingExceeds } from './json-depth.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonNestingExceeds', () => {
  it.each([
    ['a scalar', '"text"', 0],
    ['a flat object', '{"email":"a@b.c","password":"x"}', 1],
    ['an object in an array in an object', '{"evidence":[{"url":"https://x"}]}', 3],
  ])('measures %s as %i deep', (_, text, depth) => {
    expect(jsonNestingExceeds(bytes(text), depth)).toBe(false);
    expect(jsonNestingExceeds(bytes(text), depth - 1)).toBe(depth > 0);
  });

  it('takes exactly the limit and refuses one level more', () => {
    expect(jsonNestingExceeds(bytes(nested(32)), 32)).toBe(false);
    expect(jsonNestingExceeds(bytes(nested(33)), 32)).toBe(true);
    expect(jsonNestingExceeds(bytes(`{"a":${'{"a":'.repeat(40)}1${'}'.repeat(41)}`), 32)).toBe(true);
  });

  it('counts the nesting, not the number of objects side by side', () => {
    expect(jsonNestingExceeds(bytes(`[${Array(10_000).fill('{"a":[1]}').join(',')}]`), 3)).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ headline: '[[[[{{{{ \\" "[[[[ ]]' + '['.repeat(100), body: 'مرحبا {[' });
    expect(jsonNestingExceeds(bytes(text), 1)).toBe(false);
  });

  it('reads multi-byte UTF-8 without mistaking its bytes for brackets', () => {
    const text = JSON.stringify({ headline: 'عنوان 📰 ٤٥ بالمئة' });
    expect(jsonNestingExceeds(bytes(text), 1)).toBe(false);
  });

  it('stops at the first level too deep instead of reading on', () => {
    const text = nested(40) + ' and then anything at all';
    expect(jsonNestingExceeds(bytes(text), 32)).toBe(true);
  });
});
