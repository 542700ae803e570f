import { describe, expect, it } from '@jest/globals';
import { hasControlCharacters } from './no-control-characters.js';

describe('hasControlCharacters', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['a bell', '\u0007'],
    ['a vertical tab', 'a\u000bb'],
    ['an escape', '\u001b[31m'],
    ['DEL', '\u007f'],
    ['a C1 control', 'a\u0085b'],
  ])('finds %s', (_, text) => {
    expect(hasControlCharacters(text)).toBe(true);
  });

  it.each([
    ['line breaks and tabs', 'first line\nsecond\r\n\tindented'],
    ['Arabic with diacritics, tatweel and bidi marks', 'عُقد الاجتماع \u200fيوم ٩ شباط\u200e ـــ'],
    ['a zero-width joiner and an emoji', 'a\u200db 📰'],
    ['the empty string', ''],
  ])('lets %s through', (_, text) => {
    expect(hasControlCharacters(text)).toBe(false);
  });
});
