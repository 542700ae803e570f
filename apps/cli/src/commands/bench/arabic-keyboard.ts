/**
 * --web: what the reporter types, and the key events a real Arabic keyboard (the common Arabic
 * 101 layout) sends for it. Playwright's keyboard knows the US layout only: an Arabic letter would
 * be inserted without any keydown, so the bench sends the key events itself, over the DevTools
 * protocol, as the browser would get them from such a keyboard.
 */
import type { Random } from './random-edit.js';

/** The key event fields of one keystroke (Input.dispatchKeyEvent). */
export interface KeyEventFields {
  key: string;
  code: string;
  windowsVirtualKeyCode: number;
  text: string;
}

/** Each letter typed, with the physical key that gives it on an Arabic 101 keyboard. */
const ARABIC_101: Record<string, [code: string, keyCode: number]> = {
  ض: ['KeyQ', 81],
  ص: ['KeyW', 87],
  ث: ['KeyE', 69],
  ق: ['KeyR', 82],
  ف: ['KeyT', 84],
  غ: ['KeyY', 89],
  ع: ['KeyU', 85],
  ه: ['KeyI', 73],
  خ: ['KeyO', 79],
  ح: ['KeyP', 80],
  ج: ['BracketLeft', 219],
  د: ['BracketRight', 221],
  ش: ['KeyA', 65],
  س: ['KeyS', 83],
  ي: ['KeyD', 68],
  ب: ['KeyF', 70],
  ل: ['KeyG', 71],
  ا: ['KeyH', 72],
  ت: ['KeyJ', 74],
  ن: ['KeyK', 75],
  م: ['KeyL', 76],
  ك: ['Semicolon', 186],
  ط: ['Quote', 222],
  ر: ['KeyV', 86],
  ة: ['KeyM', 77],
  و: ['Comma', 188],
  ز: ['Period', 190],
  ظ: ['Slash', 191],
  ذ: ['Backquote', 192],
};

/** The letters words are made of (ة only ends a word). */
const LETTERS = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'];

/** `count` keystrokes of Arabic words, 2-6 letters each, each after a space. */
export function arabicKeystrokes(count: number, random: Random): string {
  let text = '';
  while (text.length < count) {
    text += ' ';
    const letters = 2 + Math.floor(random() * 5);
    for (let i = 0; i < letters; i += 1) text += LETTERS[Math.floor(random() * LETTERS.length)];
    if (random() < 0.15) text += 'ة';
  }
  return text.slice(0, count);
}

/** The key event of a letter or a space; throws for anything else. */
export function keyEventFor(char: string): KeyEventFields {
  if (char === ' ') return { key: ' ', code: 'Space', windowsVirtualKeyCode: 32, text: ' ' };
  const physical = ARABIC_101[char];
  if (!physical) throw new Error(`no key on the Arabic keyboard for ${JSON.stringify(char)}`);
  return { key: char, code: physical[0], windowsVirtualKeyCode: physical[1], text: char };
}
