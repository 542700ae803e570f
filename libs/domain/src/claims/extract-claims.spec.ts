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

// Inputs that would make a backtracking or rescanning extractor quadratic. Here they check the
// answer; the time they take is a figure of `npm run bench:claims` (docs/benchmarks.md), and a
// quadratic extractor would run past the suite's timeout on them.
describe('extractClaims on hostile input', () => {
  const read = (text: string) => extractClaims(text, { referenceDate: '2026-02-10' });

  it('reads a run of 50,000 "1," as 50,000 separate numbers, not one grouped figure', () => {
    const { claims } = read('1,'.repeat(50_000));
    expect(claims).toHaveLength(50_000);
    expect(claims.every((claim, i) => claim.kind === 'number' && claim.start === 2 * i && claim.value === 1)).toBe(
      true,
    );
  });

  it.each([
    ['open quotes', '«'.repeat(100_000)],
    ['speech verbs', 'قال '.repeat(20_000)],
    ['articles', 'الـ'.repeat(30_000)],
  ])('finds nothing in %s', (_name, text) => {
    expect(read(text)).toMatchObject({ claims: [], findings: [] });
  });

  it('reads one 400,000-character line as it reads the same text in paragraphs', () => {
    const text = buildArabicNewsText(400_000);
    const spans = (answer: ReturnType<typeof read>) => answer.claims.map(({ kind, start, end }) => [kind, start, end]);
    expect(spans(read(text.replaceAll('\n', ' ')))).toEqual(spans(read(text)));
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
