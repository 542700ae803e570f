import { describe, expect, it } from '@jest/globals';

import { buildArabicNewsText } from './benchmark-text.js';
import { ClaimsError } from './claims-error.js';
import { extractClaims, extractClaimsInSteps } from './extract-claims.js';

describe('extractClaims', () => {
  it('reports offsets into the input as given, marks included', () => {
    const text = '\u200Fوعُقِدَ الاجتماعُ يومَ الاثنينِ ٩ شباط\u200E، وارتفع الإنتاج بـ٤٥٪.';
    const { claims } = extractClaims(text, { referenceDate: '2026-02-10' });
    for (const claim of claims) expect(text.slice(claim.start, claim.end)).toBe(claim.text);
    expect(claims.map((claim) => claim.text)).toEqual(['الاثنينِ ٩ شباط', '٤٥٪']);
  });

  it.each([
    ['وقال الوزير إن الاجتماع كان مثمرًا.', 'ar'],
    ['The minister said that the talks failed.', 'en'],
    ['Reuters: قال الوزير إن 45 شخصًا قتلوا في الهجوم.', 'ar'],
    ['', 'en'],
  ])('detects the language of %j', (text, language) => {
    expect(extractClaims(text, { referenceDate: '2026-02-10' }).language).toBe(language);
  });

  it('keeps the language it is given', () => {
    expect(extractClaims('45 شخصًا', { referenceDate: '2026-02-10', language: 'en' }).language).toBe('en');
  });

  it('defaults the reference date to the UTC day of the adapter clock', () => {
    const { claims } = extractClaims('الاثنين 9 شباط', { now: new Date('2027-02-03T23:30:00Z') });
    expect(claims[0]?.value).toEqual({ date: '2027-02-09', weekday: 'monday' });
  });

  it.each([
    [{}, 'REFERENCE_DATE_REQUIRED'],
    [{ referenceDate: '2026-02-30' }, 'INVALID_REFERENCE_DATE'],
    [{ referenceDate: 'today' }, 'INVALID_REFERENCE_DATE'],
    [{ referenceDate: '2026-02-10', language: 'fr' }, 'INVALID_LANGUAGE'],
  ])('refuses %o with %s', (options, code) => {
    expect(() => extractClaims('x', options as never)).toThrow(ClaimsError);
    try {
      extractClaims('x', options as never);
    } catch (error) {
      expect((error as ClaimsError).code).toBe(code);
    }
  });

  it('lists claims in text order and points findings at them', () => {
    const { claims, findings } = extractClaims('العضو رقم 90 منذ الأحد 9 شباط 2026، ثم العضو رقم 89.', {
      referenceDate: '2026-02-10',
    });
    const starts = claims.map((claim) => claim.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const finding of findings) {
      expect(finding.claimIndex === undefined || claims[finding.claimIndex]?.start === finding.start).toBe(true);
    }
    expect(findings.map((finding) => finding.kind)).toEqual(['weekday_mismatch', 'inconsistent_figure']);
  });

  it('gives the same answer for a long text read in parts as for its paragraphs one by one', () => {
    const paragraph = buildArabicNewsText(1);
    const text = buildArabicNewsText(80_000);
    const whole = extractClaims(text, { referenceDate: '2026-02-10' });
    const single = extractClaims(paragraph, { referenceDate: '2026-02-10' });
    const firstParagraphClaims = whole.claims.filter((claim) => claim.end <= paragraph.length);
    expect(firstParagraphClaims).toEqual(single.claims);
  });

  it('is deterministic', () => {
    const text = buildArabicNewsText(5_000);
    expect(extractClaims(text, { referenceDate: '2026-02-10' })).toEqual(
      extractClaims(text, { referenceDate: '2026-02-10' }),
    );
  });
});

describe('extractClaims on hostile input', () => {
  it.each([
    ['separators', '1,'.repeat(50_000)],
    ['open quotes', '«'.repeat(100_000)],
    ['speech verbs', 'قال '.repeat(20_000)],
    ['articles', 'الـ'.repeat(30_000)],
    ['one long line', buildArabicNewsText(400_000).replaceAll('\n', ' ')],
  ])('stays linear on %s', (_name, text) => {
    const started = performance.now();
    extractClaims(text, { referenceDate: '2026-02-10' });
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe('extractClaimsInSteps', () => {
  /** Runs the steps to the end: the answer, and how many times it stopped on the way. */
  function stepped(text: string) {
    const steps = extractClaimsInSteps(text, { referenceDate: '2026-02-10' });
    let stops = 0;
    for (;;) {
      const step = steps.next();
      if (step.done) return { answer: step.value, stops };
      stops++;
    }
  }

  it.each([
    ['paragraphs', buildArabicNewsText(200_000)],
    ['one long line', buildArabicNewsText(200_000).replaceAll('\n', ' ')],
  ])('gives extractClaims’s answer in steps of bounded work (%s)', (_name, text) => {
    const { answer, stops } = stepped(text);
    expect(answer).toEqual(extractClaims(text, { referenceDate: '2026-02-10' }));
    // About one stop per thousand tokens scanned: 200,000 characters are some 30,000 tokens.
    expect(stops).toBeGreaterThan(30);
  });

  it('stops a few times only on a short text', () => {
    const { answer, stops } = stepped('Prices rose 12% in 2025.');
    expect(answer.claims.map((claim) => claim.text)).toEqual(['12%', '2025']);
    expect(stops).toBeLessThanOrEqual(4);
  });
});
