import { describe, expect, it } from '@jest/globals';
import { baseDirection, firstStrongDirection } from './editor-direction.js';

describe('firstStrongDirection', () => {
  it.each<[string, 'rtl' | 'ltr' | null]>([
    ['قال الوزير إن الميزانية', 'rtl'],
    ['The minister said', 'ltr'],
    ['2024: قال الوزير', 'rtl'],
    ['«BBC» قالت', 'ltr'],
    ['— قالت BBC', 'rtl'],
    ['שלום', 'rtl'],
    ['Привет', 'ltr'],
    ['', null],
    ['  12,5 % — ', null],
  ])('%p: %p', (text, direction) => {
    expect(firstStrongDirection(text)).toBe(direction);
  });
});

describe('baseDirection', () => {
  it('starts Arabic drafts right to left and English ones left to right', () => {
    expect(baseDirection('ar')).toBe('rtl');
    expect(baseDirection('en')).toBe('ltr');
  });
});
