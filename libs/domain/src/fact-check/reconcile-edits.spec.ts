import { describe, expect, it } from '@jest/globals';
import type { ClaimKind, ClaimOrigin } from '#contracts';

import { extractClaims } from '../claims/extract-claims.js';
import { reconcileClaims } from './reconcile-claims.js';

/**
 * Live edits, end to end with the real extractor. A claim's anchors are modelled as offsets that
 * move with each edit (text typed at a claim's edge stays outside it; a replacement of its own
 * characters stays inside). Every claim starts with a verdict on its text as first found; its id
 * is that text.
 */
interface Live {
  id: string;
  kind: ClaimKind;
  origin: ClaimOrigin;
  start: number;
  end: number;
  checkedText: string | null;
}

/** Replace `remove` characters at the first occurrence of `find` (or at its end: `after`) by `insert`. */
interface Edit {
  find: string;
  insert: string;
  remove?: number;
  after?: boolean;
}

function move(claim: Live, at: number, remove: number, inserted: number): Live {
  const shift = (offset: number, edge: 'start' | 'end'): number => {
    if (edge === 'start' ? offset < at : offset <= at) return offset;
    if (offset >= at + remove) return offset - remove + inserted;
    return edge === 'start' ? at : at + inserted;
  };
  return {
    ...claim,
    start: shift(claim.start, 'start'),
    end: Math.max(shift(claim.start, 'start'), shift(claim.end, 'end')),
  };
}

function reconcile(body: string, claims: Live[]): { claims: Live[]; lines: string[] } {
  const tracked = claims.map((claim) => ({ ...claim, text: body.slice(claim.start, claim.end) }));
  const result = reconcileClaims(tracked, extractClaims(body, { referenceDate: '2026-02-10' }));
  const before = new Map(claims.map((claim) => [claim.id, claim]));
  const kept = result.kept.map((claim) => ({ ...before.get(claim.id)!, start: claim.start, end: claim.end }));
  const created = result.created.map(({ claim }): Live => ({
    ...claim,
    id: claim.text,
    origin: 'auto',
    checkedText: claim.text,
  }));
  const lines = [
    ...result.kept.map(
      (claim) => `kept ${claim.id}${claim.text === claim.id ? '' : ` → ${claim.text}`}${claim.stale ? ' (stale)' : ''}`,
    ),
    ...result.created.map(({ claim }) => `created ${claim.kind} ${claim.text}`),
    ...result.closed.map((id) => `closed ${id}`),
  ];
  return { claims: [...kept, ...created], lines };
}

function afterEdits(body: string, edits: Edit[]): string[] {
  let claims = reconcile(body, []).claims;
  let lines: string[] = [];
  for (const { find, insert, remove = 0, after = false } of edits) {
    const found = body.indexOf(find);
    if (found < 0) throw new Error(`fixture: «${find}» is not in the body`);
    const at = after ? found + find.length : found;
    body = body.slice(0, at) + insert + body.slice(at + remove);
    ({ claims, lines } = reconcile(
      body,
      claims.map((claim) => move(claim, at, remove, insert.length)),
    ));
  }
  return lines;
}

const AR =
  'أعلنت الوزارة الاثنين 9 شباط 2026 أن البلاد أصبحت العضو رقم 90 في المنظمة. وارتفعت الأسعار بنسبة 45 بالمئة.';
const EN = 'The ministry said on Monday, February 9, 2026 that the country became the 90th member. Prices rose 45%.';

describe('reconcileClaims over live edits', () => {
  it.each<[string, string, Edit[], string[]]>([
    [
      'text typed before every claim moves them: ids and verdicts stay',
      AR,
      [{ find: 'أعلنت', insert: 'عاجل: ' }],
      ['kept الاثنين 9 شباط 2026', 'kept البلاد أصبحت العضو رقم 90 في المنظمة', 'kept رقم 90', 'kept 45 بالمئة'],
    ],
    [
      'a sentence added between claims: those around it stay, its claim is created',
      AR,
      [{ find: 'وارتفعت', insert: 'وحضر الجلسة 1200 مندوب. ' }],
      [
        'kept الاثنين 9 شباط 2026',
        'kept البلاد أصبحت العضو رقم 90 في المنظمة',
        'kept رقم 90',
        'kept 45 بالمئة',
        'created number 1200',
      ],
    ],
    [
      'a sentence appended: its claim is created',
      AR,
      [{ find: 'بالمئة.', after: true, insert: ' وبلغت الكلفة 1.5 مليون دولار.' }],
      [
        'kept الاثنين 9 شباط 2026',
        'kept البلاد أصبحت العضو رقم 90 في المنظمة',
        'kept رقم 90',
        'kept 45 بالمئة',
        'created money 1.5 مليون دولار',
      ],
    ],
    [
      '90 → 91: the rank keeps its id and goes stale, and so does the quote around it',
      AR,
      [{ find: '90', remove: 2, insert: '91' }],
      [
        'kept الاثنين 9 شباط 2026',
        'kept البلاد أصبحت العضو رقم 90 في المنظمة → البلاد أصبحت العضو رقم 91 في المنظمة (stale)',
        'kept رقم 90 → رقم 91 (stale)',
        'kept 45 بالمئة',
      ],
    ],
    [
      '90 → 91 → 90: typing the checked figure back un-stales',
      AR,
      [
        { find: '90', remove: 2, insert: '91' },
        { find: '91', remove: 2, insert: '90' },
      ],
      ['kept الاثنين 9 شباط 2026', 'kept البلاد أصبحت العضو رقم 90 في المنظمة', 'kept رقم 90', 'kept 45 بالمئة'],
    ],
    [
      'a word changed inside the quote only: the quote goes stale, the rank does not',
      AR,
      [{ find: 'المنظمة', remove: 7, insert: 'منظمة التجارة' }],
      [
        'kept الاثنين 9 شباط 2026',
        'kept البلاد أصبحت العضو رقم 90 في المنظمة → البلاد أصبحت العضو رقم 90 في منظمة التجارة (stale)',
        'kept رقم 90',
        'kept 45 بالمئة',
      ],
    ],
    [
      'harakat and Arabic-Indic digits typed in: nothing goes stale',
      AR,
      [{ find: 'العضو رقم 90', remove: 12, insert: 'العُضْوُ رقم ٩٠' }],
      [
        'kept الاثنين 9 شباط 2026',
        'kept البلاد أصبحت العضو رقم 90 في المنظمة → البلاد أصبحت العُضْوُ رقم ٩٠ في المنظمة',
        'kept رقم 90 → رقم ٩٠',
        'kept 45 بالمئة',
      ],
    ],
    [
      'a claim’s sentence deleted: it is closed',
      AR,
      [{ find: ' وارتفعت الأسعار بنسبة 45 بالمئة.', remove: 33, insert: '' }],
      ['kept الاثنين 9 شباط 2026', 'kept البلاد أصبحت العضو رقم 90 في المنظمة', 'kept رقم 90', 'closed 45 بالمئة'],
    ],
    [
      'English: text typed before',
      EN,
      [{ find: 'The', insert: 'BREAKING: ' }],
      ['kept Monday, February 9, 2026', 'kept the country became the 90th member', 'kept 90th', 'kept 45%'],
    ],
    [
      'English: 90th → 91st',
      EN,
      [{ find: '90th', remove: 4, insert: '91st' }],
      [
        'kept Monday, February 9, 2026',
        'kept the country became the 90th member → the country became the 91st member (stale)',
        'kept 90th → 91st (stale)',
        'kept 45%',
      ],
    ],
  ])('%s', (_name, body, edits, expected) => {
    expect(afterEdits(body, edits)).toEqual(expected);
  });
});
