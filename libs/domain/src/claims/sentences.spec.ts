import { describe, expect, it } from '@jest/globals';

import { normalise } from './normalise.js';
import { splitSentences } from './sentences.js';
import { tokenise } from './tokenise.js';

/** The text of each sentence, as the tokens cover it. */
function sentences(text: string): string[] {
  const normalised = normalise(text);
  const tokens = tokenise(normalised, 0, normalised.text.length);
  const { start, end } = splitSentences(tokens);
  const found: string[] = [];
  for (let k = 0; k < tokens.length; k = end[k]) {
    expect(start[k]).toBe(k);
    found.push(normalised.text.slice(tokens[k].start, tokens[end[k] - 1].end));
  }
  return found;
}

describe('splitSentences', () => {
  it.each([
    ['a full stop', 'One. Two.', ['one.', 'two.']],
    ['a line break', 'One\nTwo', ['one', 'two']],
    ['abbreviations', 'Dr. Ahmad met U.S. officials.', ['dr. ahmad met u.s. officials.']],
    ['a month abbreviation before a day', 'It opens on Feb. 9 again.', ['it opens on feb. 9 again.']],
    [
      'a month abbreviation before a capital',
      'It opened in Sept. Officials left.',
      ['it opened in sept.', 'officials left.'],
    ],
    ['a dotted date', 'Signed on 9.2.2026. Done.', ['signed on 9.2.2026.', 'done.']],
    ['an era marker', 'عام 1850 م. وأضاف', ['عام 1850 م.', 'واضاف']],
    ['a Hijri era marker', 'في 1 شوال 1447 هـ. وأضاف', ['في 1 شوال 1447 ه.', 'واضاف']],
    ['a single letter', 'قال د. أحمد', ['قال د. احمد']],
    ['a closing mark after the full stop', 'He said: "Stop." Then he left.', ['he said: "stop."', 'then he left.']],
    ['a closing guillemet after a question mark', 'وتساءل: «لماذا؟» ثم غادر', ['وتساءل: «لماذا؟»', 'ثم غادر']],
  ])('%s', (_name, text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });
});
