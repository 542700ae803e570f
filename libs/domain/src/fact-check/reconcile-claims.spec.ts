import { describe, expect, it } from '@jest/globals';
import type { ClaimFinding, ClaimKind, ClaimOrigin, ExtractClaimsResponse, ExtractedClaim } from '#contracts';

import { reconcileClaims, type KeptClaim, type Reconciliation, type TrackedClaim } from './reconcile-claims.js';

// Fixtures: claims and findings at a fragment of a news text, as the extractor would give them.

const BODY =
  'أعلنت الوزارة الأحد 9 شباط 2026 أن البلاد أصبحت العضو رقم 90 في المنظمة، وأن الأسعار ارتفعت للمرة الأولى بنسبة 45 بالمئة، ' +
  'بكلفة 1.5 مليون دولار. وهي اليوم عضو رقم 89. وعُقدت الجلسة في 31 شباط بحضور 1200 مندوب.';

interface Span {
  start: number;
  end: number;
  text: string;
}

/** The span of `fragment` in `body` (its `nth` occurrence), or an empty span at its start. */
function at(fragment: string, options: { nth?: number; empty?: boolean; body?: string } = {}): Span {
  const body = options.body ?? BODY;
  let start = -1;
  for (let seen = 0; seen <= (options.nth ?? 0); seen++) start = body.indexOf(fragment, start + 1);
  if (start < 0) throw new Error(`fixture: «${fragment}» is not in the body`);
  return options.empty ? { start, end: start, text: '' } : { start, end: start + fragment.length, text: fragment };
}

const number = (span: Span, value: number): ExtractedClaim => ({ kind: 'number', ...span, value });
const percentage = (span: Span, value: number): ExtractedClaim => ({ kind: 'percentage', ...span, value });
const ordinal = (span: Span, value: number, subject?: string): ExtractedClaim =>
  subject === undefined ? { kind: 'ordinal', ...span, value } : { kind: 'ordinal', ...span, value, subject };
const money = (span: Span, amount: number, currency: string): ExtractedClaim => ({
  kind: 'money',
  ...span,
  value: { amount, currency },
});
const date = (span: Span, iso: string): ExtractedClaim => ({
  kind: 'date',
  ...span,
  value: { date: iso },
  calendar: 'gregorian',
});
const quote = (span: Span, speaker: string | null): ExtractedClaim => ({
  kind: 'quote',
  ...span,
  value: { speaker },
  form: 'reported',
});

function tracked(
  id: string,
  kind: ClaimKind,
  origin: ClaimOrigin,
  span: Span,
  checkedText: string | null = null,
): TrackedClaim {
  return { id, kind, origin, ...span, checkedText };
}

function finding(kind: ClaimFinding['kind'], span: Span, claimIndex?: number): ClaimFinding {
  const { start, end, text } = span;
  const base = { kind, start, end, text, message: `${kind}: ${text}` };
  return claimIndex === undefined ? base : { ...base, claimIndex };
}

const extraction = (claims: ExtractedClaim[], findings: ClaimFinding[] = []): ExtractClaimsResponse => ({
  language: 'ar',
  claims,
  findings,
});

const EN =
  'The ministry said on Monday, February 9, 2026 that the country became the 90th member, and prices rose 45%.';
const DATE = at('الأحد 9 شباط 2026');
const DAY = at('9 شباط');
const RANK = at('رقم 90');
const RANK_89 = at('رقم 89');
const FIRST = at('الأولى');
const PCT = at('45 بالمئة');
const FORTY_FIVE = at('45');
const COST = at('1.5 مليون دولار');
const COST_WIDE = at('بكلفة 1.5 مليون دولار');
const QUOTE = at('البلاد أصبحت العضو رقم 90 في المنظمة');
const MINISTRY = at('أعلنت الوزارة');
const DELEGATES = at('1200');
const DELEGATES_WIDE = at('1200 مندوب');
const BAD_DAY = at('31 شباط');
const IN_BAD_DAY = at('في 31 شباط');
const SESSION = at('وعُقدت الجلسة في 31 شباط بحضور 1200 مندوب');

interface Summary {
  kept: string[];
  created: string[];
  closed: string[];
}

const summary = (result: Reconciliation): Summary => ({
  kept: result.kept.map((claim) => `${claim.id}: ${claim.text}`),
  created: result.created.map(({ claim }) => `${claim.kind}: ${claim.text}`),
  closed: result.closed,
});

describe('reconcileClaims: which claims are kept, created and closed', () => {
  it.each<[string, TrackedClaim[], ExtractedClaim[], Summary]>([
    [
      'an untouched claim keeps its id',
      [tracked('c1', 'ordinal', 'auto', RANK)],
      [ordinal(RANK, 90, 'العضو')],
      { kept: ['c1: رقم 90'], created: [], closed: [] },
    ],
    [
      'a claim the extractor now reads wider follows it',
      [tracked('c1', 'date', 'auto', DAY)],
      [date(DATE, '2026-02-09')],
      { kept: ['c1: الأحد 9 شباط 2026'], created: [], closed: [] },
    ],
    [
      'a claim the extractor now reads narrower follows it',
      [tracked('c1', 'money', 'auto', COST_WIDE)],
      [money(COST, 1_500_000, 'USD')],
      { kept: ['c1: 1.5 مليون دولار'], created: [], closed: [] },
    ],
    [
      'a match is of the same kind only',
      [tracked('c1', 'number', 'auto', FORTY_FIVE)],
      [percentage(PCT, 45)],
      { kept: [], created: ['percentage: 45 بالمئة'], closed: ['c1'] },
    ],
    [
      'an auto claim whose text was deleted is closed, even where the extractor finds one',
      [tracked('c1', 'ordinal', 'auto', at('رقم 90', { empty: true }))],
      [ordinal(RANK, 90, 'العضو')],
      { kept: [], created: ['ordinal: رقم 90'], closed: ['c1'] },
    ],
    [
      'an auto claim the extractor no longer finds is closed',
      [tracked('c1', 'number', 'auto', DELEGATES)],
      [],
      { kept: [], created: [], closed: ['c1'] },
    ],
    [
      'each extracted claim goes to one tracked claim',
      [tracked('c1', 'percentage', 'auto', PCT), tracked('c2', 'percentage', 'auto', PCT)],
      [percentage(PCT, 45)],
      { kept: ['c1: 45 بالمئة'], created: [], closed: ['c2'] },
    ],
    [
      'a manual claim is never matched',
      [tracked('m1', 'number', 'manual', DELEGATES_WIDE)],
      [number(DELEGATES, 1200)],
      { kept: ['m1: 1200 مندوب'], created: ['number: 1200'], closed: [] },
    ],
    [
      'an extracted claim on a manual claim’s exact span is not created again, whatever its kind',
      [tracked('m1', 'number', 'manual', PCT)],
      [percentage(PCT, 45)],
      { kept: ['m1: 45 بالمئة'], created: [], closed: [] },
    ],
    [
      'a manual claim whose text was deleted is closed',
      [tracked('m1', 'quote', 'manual', at('أعلنت الوزارة', { empty: true }))],
      [],
      { kept: [], created: [], closed: ['m1'] },
    ],
    [
      'a manual claim inside an auto claim leaves both as they are',
      [tracked('q1', 'quote', 'auto', QUOTE), tracked('m1', 'ordinal', 'manual', at('العضو رقم 90'))],
      [quote(QUOTE, 'الوزارة'), ordinal(RANK, 90, 'العضو')],
      {
        kept: ['q1: البلاد أصبحت العضو رقم 90 في المنظمة', 'm1: العضو رقم 90'],
        created: ['ordinal: رقم 90'],
        closed: [],
      },
    ],
    [
      'claims the draft does not track are created, in the extraction’s order',
      [],
      [date(DATE, '2026-02-09'), ordinal(RANK, 90, 'العضو'), percentage(PCT, 45)],
      { kept: [], created: ['date: الأحد 9 شباط 2026', 'ordinal: رقم 90', 'percentage: 45 بالمئة'], closed: [] },
    ],
    [
      'kept and closed claims come in document order',
      [
        tracked('c3', 'number', 'auto', DELEGATES),
        tracked('c2', 'percentage', 'auto', PCT),
        tracked('c1', 'ordinal', 'auto', RANK),
        tracked('c0', 'date', 'auto', at('الأحد', { empty: true })),
      ],
      [number(DELEGATES, 1200), ordinal(RANK, 90, 'العضو')],
      { kept: ['c1: رقم 90', 'c3: 1200'], created: [], closed: ['c0', 'c2'] },
    ],
    [
      'kept claims come in the order of their spans now',
      [tracked('c1', 'date', 'auto', at('الوزارة الأحد 9')), tracked('m1', 'date', 'manual', at('الأحد'))],
      [date(DATE, '2026-02-09')],
      { kept: ['m1: الأحد', 'c1: الأحد 9 شباط 2026'], created: [], closed: [] },
    ],
    [
      'a manual claim does not take an extracted claim from an auto one',
      [tracked('m1', 'number', 'manual', DELEGATES_WIDE), tracked('c1', 'number', 'auto', at('200 مندوب'))],
      [number(DELEGATES, 1200)],
      { kept: ['c1: 1200', 'm1: 1200 مندوب'], created: [], closed: [] },
    ],
    [
      'English: an untouched rank is kept; a figure now read as a percentage is replaced',
      [
        tracked('c1', 'ordinal', 'auto', at('90th', { body: EN })),
        tracked('c2', 'number', 'auto', at('45', { body: EN })),
      ],
      [ordinal(at('90th', { body: EN }), 90, 'member'), percentage(at('45%', { body: EN }), 45)],
      { kept: ['c1: 90th'], created: ['percentage: 45%'], closed: ['c2'] },
    ],
  ])('%s', (_name, claims, extracted, expected) => {
    expect(summary(reconcileClaims(claims, extraction(extracted)))).toEqual(expected);
  });
});

describe('reconcileClaims: what a kept claim takes', () => {
  type Taken = Pick<KeptClaim, 'start' | 'end' | 'text' | 'value' | 'subject'>;
  const taken = ({ start, end, text }: Span, value: KeptClaim['value'], subject: string | null): Taken => ({
    start,
    end,
    text,
    value,
    subject,
  });

  it.each<[string, TrackedClaim, ExtractedClaim[], Taken]>([
    [
      'an ordinal’s value and subject',
      tracked('c1', 'ordinal', 'auto', RANK),
      [ordinal(RANK, 90, 'العضو')],
      taken(RANK, 90, 'العضو'),
    ],
    [
      'an ordinal without a subject',
      tracked('c1', 'ordinal', 'auto', FIRST),
      [ordinal(FIRST, 1)],
      taken(FIRST, 1, null),
    ],
    [
      'money: the extracted span and amount, no subject',
      tracked('c1', 'money', 'auto', COST_WIDE),
      [money(COST, 1_500_000, 'USD')],
      taken(COST, { amount: 1_500_000, currency: 'USD' }, null),
    ],
    [
      'a date',
      tracked('c1', 'date', 'auto', DAY),
      [date(DATE, '2026-02-09')],
      taken(DATE, { date: '2026-02-09' }, null),
    ],
    [
      'a quote: its speaker stays in its value',
      tracked('q1', 'quote', 'auto', QUOTE),
      [quote(QUOTE, 'الوزارة')],
      taken(QUOTE, { speaker: 'الوزارة' }, null),
    ],
    [
      'a manual claim: its own span and text, no value',
      tracked('m1', 'number', 'manual', DELEGATES_WIDE),
      [number(DELEGATES, 1200)],
      taken(DELEGATES_WIDE, null, null),
    ],
  ])('%s', (_name, claim, extracted, expected) => {
    const [kept] = reconcileClaims([claim], extraction(extracted)).kept;
    expect(kept).toMatchObject({ id: claim.id, ...expected });
  });
});

describe('reconcileClaims: stale verdicts', () => {
  it.each<[string, TrackedClaim, ExtractedClaim[], boolean]>([
    ['no verdict yet', tracked('c1', 'ordinal', 'auto', RANK, null), [ordinal(RANK, 90, 'العضو')], false],
    ['checked as it reads', tracked('c1', 'ordinal', 'auto', RANK, 'رقم 90'), [ordinal(RANK, 90, 'العضو')], false],
    [
      'checked with harakat and Arabic-Indic digits',
      tracked('c1', 'ordinal', 'auto', RANK, 'رَقْمُ ٩٠'),
      [ordinal(RANK, 90)],
      false,
    ],
    ['the figure changed since', tracked('c1', 'ordinal', 'auto', RANK, 'رقم 91'), [ordinal(RANK, 90, 'العضو')], true],
    ['a weekday and year added since', tracked('c1', 'date', 'auto', DAY, '9 شباط'), [date(DATE, '2026-02-09')], true],
    ['a manual claim whose spelling changed', tracked('m1', 'quote', 'manual', MINISTRY, 'اعلنت الوزارة'), [], true],
    [
      'a manual claim as checked, tatweel aside',
      tracked('m1', 'quote', 'manual', MINISTRY, 'أعلنـت الوزارة'),
      [],
      false,
    ],
    [
      'English: as checked',
      tracked('c1', 'percentage', 'auto', at('45%', { body: EN }), '45%'),
      [percentage(at('45%', { body: EN }), 45)],
      false,
    ],
    [
      'English: a changed figure',
      tracked('c1', 'percentage', 'auto', at('45%', { body: EN }), '54%'),
      [percentage(at('45%', { body: EN }), 45)],
      true,
    ],
  ])('%s', (_name, claim, extracted, expected) => {
    expect(reconcileClaims([claim], extraction(extracted)).kept.map((kept) => kept.stale)).toEqual([expected]);
  });
});

describe('reconcileClaims: findings', () => {
  /** The kinds of findings on each claim that has any: kept by id, created by text. */
  const attached = (result: Reconciliation): Record<string, string[]> =>
    Object.fromEntries(
      [
        ...result.kept.map((claim) => [claim.id, claim.findings] as const),
        ...result.created.map(({ claim, findings }) => [claim.text, findings] as const),
      ]
        .filter(([, findings]) => findings.length > 0)
        .map(([key, findings]) => [key, findings.map((found) => found.kind)]),
    );

  it.each<[string, TrackedClaim[], ExtractedClaim[], ClaimFinding[], Record<string, string[]>]>([
    [
      'by claimIndex, to the claim kept for it',
      [tracked('c1', 'date', 'auto', DAY)],
      [date(DATE, '2026-02-09')],
      [finding('weekday_mismatch', DATE, 0)],
      { c1: ['weekday_mismatch'] },
    ],
    [
      'by claimIndex, to a created claim',
      [],
      [ordinal(RANK, 90, 'العضو'), ordinal(RANK_89, 89, 'عضو')],
      [finding('inconsistent_figure', RANK_89, 1)],
      { 'رقم 89': ['inconsistent_figure'] },
    ],
    [
      'by claimIndex, to the manual claim that stands for it',
      [tracked('m1', 'date', 'manual', DATE)],
      [date(DATE, '2026-02-09')],
      [finding('weekday_mismatch', DATE, 0)],
      { m1: ['weekday_mismatch'] },
    ],
    [
      'by claimIndex, wherever its span lies',
      [tracked('c1', 'date', 'auto', DAY)],
      [date(DATE, '2026-02-09'), ordinal(RANK, 90, 'العضو')],
      [finding('weekday_mismatch', RANK, 0)],
      { c1: ['weekday_mismatch'] },
    ],
    [
      'by claimIndex to a manual claim, wherever its span lies',
      [tracked('m1', 'date', 'manual', DATE)],
      [date(DATE, '2026-02-09')],
      [finding('weekday_mismatch', RANK, 0)],
      { m1: ['weekday_mismatch'] },
    ],
    [
      'by span, to the claim that contains it',
      [tracked('m1', 'date', 'manual', IN_BAD_DAY)],
      [number(DELEGATES, 1200)],
      [finding('invalid_date', BAD_DAY)],
      { m1: ['invalid_date'] },
    ],
    [
      'by span, to the tightest claim that contains it',
      [tracked('m1', 'quote', 'manual', SESSION), tracked('m2', 'date', 'manual', IN_BAD_DAY)],
      [],
      [finding('invalid_date', BAD_DAY)],
      { m2: ['invalid_date'] },
    ],
    [
      'by span when its claimIndex names no claim',
      [tracked('m1', 'date', 'manual', IN_BAD_DAY)],
      [],
      [finding('invalid_date', BAD_DAY, 7)],
      { m1: ['invalid_date'] },
    ],
    [
      'dropped when no claim holds it',
      [tracked('c3', 'number', 'auto', DELEGATES)],
      [number(DELEGATES, 1200)],
      [finding('invalid_date', BAD_DAY)],
      {},
    ],
    [
      'never on a closed claim',
      [tracked('m1', 'date', 'manual', at('في 31 شباط', { empty: true }))],
      [],
      [finding('invalid_date', BAD_DAY)],
      {},
    ],
  ])('%s', (_name, claims, extracted, findings, expected) => {
    expect(attached(reconcileClaims(claims, extraction(extracted, findings)))).toEqual(expected);
  });
});
