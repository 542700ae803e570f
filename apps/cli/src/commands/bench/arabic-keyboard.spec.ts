import { describe, expect, it } from '@jest/globals';
import { arabicKeystrokes, keyEventFor } from './arabic-keyboard.js';
import { seededRandom } from './random-edit.js';

describe('arabicKeystrokes', () => {
  it('types Arabic words after single spaces, exactly as many keystrokes as asked, the same for a seed', () => {
    const text = arabicKeystrokes(500, seededRandom(7));
    expect(text).toHaveLength(500);
    expect(text).toMatch(/^( [\u0621-\u064a]{2,7})+ ?[\u0621-\u064a]*$/u);
    expect(text).not.toContain('  ');
    expect(arabicKeystrokes(500, seededRandom(7))).toBe(text);
    expect(arabicKeystrokes(1, seededRandom(7))).toBe(' ');
  });

  it('has a key on the Arabic keyboard for every keystroke it types', () => {
    const keys = new Set(arabicKeystrokes(5_000, seededRandom(1)));
    for (const char of keys) {
      const event = keyEventFor(char);
      expect(event).toMatchObject({ key: char, text: char });
      expect(event.windowsVirtualKeyCode).toBeGreaterThan(0);
    }
    expect(keyEventFor('ط')).toEqual({ key: 'ط', code: 'Quote', windowsVirtualKeyCode: 222, text: 'ط' });
    expect(() => keyEventFor('x')).toThrow();
  });
});
