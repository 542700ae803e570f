import { describe, expect, it } from '@jest/globals';

import { extractClaims } from './extract-claims.js';
import { findNonClaims } from './non-claims.js';
import { normalise } from './normalise.js';
import { tokenise } from './tokenise.js';

/** The text of every token marked as no claim, in order. */
function marked(text: string, language: 'ar' | 'en' = 'en'): string[] {
  const normalised = normalise(text);
  const tokens = tokenise(normalised);
  const marks = findNonClaims(normalised, tokens, language);
  return marks === null ? [] : tokens.filter((_, k) => marks[k] === 1).map((token) => token.text);
}

function claims(text: string): [string, string][] {
  return extractClaims(text, { referenceDate: '2026-02-10' }).claims.map((claim) => [claim.kind, claim.text]);
}

describe('non-claims', () => {
  it('finds nothing in a text without digits', () => {
    expect(findNonClaims(normalise('no digits here'), tokenise(normalise('no digits here')), 'en')).toBeNull();
  });

  it.each([
    ['at 15h00', ['15', 'h', '00']],
    ['the 10:30 train', ['10', ':', '30']],
    [
      'see www.example.org/a/2025/11/03 now',
      ['www', '.', 'example', '.', 'org', '/', 'a', '/', '2025', '/', '11', '/', '03'],
    ],
    ['write to press2026@example.org.', ['press', '2026', '@', 'example', '.', 'org']],
    ['version 1.1.3', ['1', '.', '1', '.', '3']],
    ['host 192.168.0.1', ['192', '.', '168', '.', '0', '.', '1']],
    ['ref INV-2026-0042', ['inv', '-', '2026', '-', '0042']],
    ['call (212) 555-0147', ['(', '212', ')', '555', '-', '0147']],
    ['dial 911', ['911']],
    ['extension 204', ['204']],
    ['at 8 tonight', ['8']],
    ['10 Downing Street', ['10']],
    ['the March 14 alliance', ['march', '14', 'alliance']],
    ['London SW1A 2AA', ['sw', '1', 'a', '2', 'aa']],
  ])('%s', (text, expected) => {
    expect(marked(text)).toEqual(expected);
  });

  it.each([
    ['الساعة 3 و 18 دقيقة', ['3', '18', 'دقيقة']],
    ['الكتاب رقم 4521/ص', ['رقم', '4521', '/', 'ص']],
    ['ص.ب 1234 عمّان 11118', ['1234', '11118']],
    ['في شارع 29 أيار', ['29', 'ايار']],
    ['بكوفيد 19', ['19']],
  ])('%s', (text, expected) => {
    expect(marked(text, 'ar')).toEqual(expected);
  });

  it.each([
    ['9.2.2026', 'a dotted date'],
    ['1.500.000', 'dots grouping thousands'],
    ['2026-02-09', 'an ISO date'],
    ['a 5-year-old boy', 'a hyphenated age'],
    ['تتسع القاعة 500 شخص', 'a counted noun after a hall'],
    ['المستشفى 450 مليون', 'an amount after a definite hospital'],
    ['call 12 witnesses', 'call before a short number'],
  ])('leaves %s alone (%s)', (text) => {
    expect(marked(text, /[a-z]/i.test(text) ? 'en' : 'ar')).toEqual([]);
  });

  it('keeps the real figures around them', () => {
    expect(claims('وشارك 3 آلاف شخص في المسيرة التي انطلقت الساعة 4 عصرًا.')).toEqual([['number', '3 آلاف']]);
    expect(claims('The update, version 2.0.1, cut crash rates by 30%.')).toEqual([['percentage', '30%']]);
    expect(claims('Details at example.com/search?q=100%25 show 45 cases.')).toEqual([['number', '45']]);
  });
});
