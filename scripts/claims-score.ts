/**
 * Scores the claim extractor on the corpus: precision, recall and F1 per claim kind, per
 * finding kind and overall (a claim counts when kind, start, end and value match; a finding when
 * kind, start and end match). Exits non-zero when the targets (F1 >= 0.97 overall, >= 0.95 per
 * kind) are missed. Usage: npm run claims:score [-- --verbose]
 */

import { extractClaims } from '#domain';
import { claimKey, findingKey, loadCorpus } from '../test/claims-corpus/corpus-loader.js';

const OVERALL_TARGET = 0.97;
const KIND_TARGET = 0.95;

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

const tallies = new Map<string, Tally>();
const verbose = process.argv.includes('--verbose');

function tally(kind: string): Tally {
  let entry = tallies.get(kind);
  if (entry === undefined) {
    entry = { tp: 0, fp: 0, fn: 0 };
    tallies.set(kind, entry);
  }
  return entry;
}

function compare(caseId: string, expected: Map<string, string>, actual: Map<string, string>): void {
  for (const [key, kind] of actual) {
    if (expected.has(key)) tally(kind).tp++;
    else {
      tally(kind).fp++;
      if (verbose) console.log(`${caseId}  extra    ${key}`);
    }
  }
  for (const [key, kind] of expected) {
    if (!actual.has(key)) {
      tally(kind).fn++;
      if (verbose) console.log(`${caseId}  missing  ${key}`);
    }
  }
}

/** Items keyed by their comparison key, with repeats numbered (`…#0`, `…#1`). */
function keyed<T extends { kind: string }>(items: readonly T[], key: (item: T) => string): Map<string, string> {
  const map = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const item of items) {
    const base = key(item);
    const repeat = seen.get(base) ?? 0;
    seen.set(base, repeat + 1);
    map.set(`${base}#${repeat}`, item.kind);
  }
  return map;
}

let cases = 0;
let passed = 0;
for (const file of loadCorpus()) {
  for (const testCase of file.cases) {
    cases++;
    const result = extractClaims(testCase.text, { language: testCase.language, referenceDate: testCase.referenceDate });
    const before = [...tallies.values()].reduce((sum, t) => sum + t.fp + t.fn, 0);
    compare(testCase.id, keyed(testCase.claims, claimKey), keyed(result.claims, claimKey));
    compare(testCase.id, keyed(testCase.findings, findingKey), keyed(result.findings, findingKey));
    const after = [...tallies.values()].reduce((sum, t) => sum + t.fp + t.fn, 0);
    if (after === before) passed++;
  }
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
function scores(t: Tally): { precision: number; recall: number; f1: number } {
  const precision = ratio(t.tp, t.tp + t.fp);
  const recall = ratio(t.tp, t.tp + t.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

const CLAIM_KINDS = ['number', 'ordinal', 'percentage', 'money', 'date', 'quote'];
const FINDING_KINDS = ['weekday_mismatch', 'invalid_date', 'inconsistent_figure'];
const sum = (kinds: readonly string[]): Tally =>
  kinds.reduce<Tally>(
    (acc, kind) => {
      const t = tallies.get(kind) ?? { tp: 0, fp: 0, fn: 0 };
      return { tp: acc.tp + t.tp, fp: acc.fp + t.fp, fn: acc.fn + t.fn };
    },
    { tp: 0, fp: 0, fn: 0 },
  );

const rows: [string, Tally][] = [
  ...CLAIM_KINDS.map((kind): [string, Tally] => [kind, tallies.get(kind) ?? { tp: 0, fp: 0, fn: 0 }]),
  ...FINDING_KINDS.map((kind): [string, Tally] => [kind, tallies.get(kind) ?? { tp: 0, fp: 0, fn: 0 }]),
  ['claims', sum(CLAIM_KINDS)],
  ['findings', sum(FINDING_KINDS)],
  ['overall', sum([...CLAIM_KINDS, ...FINDING_KINDS])],
];

const fixed = (n: number): string => n.toFixed(3);
console.log(
  `${'kind'.padEnd(20)} ${'tp'.padStart(5)} ${'fp'.padStart(5)} ${'fn'.padStart(5)}  precision  recall     f1`,
);
let ok = true;
for (const [kind, t] of rows) {
  const s = scores(t);
  const target = kind === 'overall' ? OVERALL_TARGET : KIND_TARGET;
  const miss = t.tp + t.fp + t.fn > 0 && s.f1 < target;
  if (miss) ok = false;
  console.log(
    `${kind.padEnd(20)} ${String(t.tp).padStart(5)} ${String(t.fp).padStart(5)} ${String(t.fn).padStart(5)}  ${fixed(s.precision).padStart(9)}  ${fixed(s.recall).padStart(6)}  ${fixed(s.f1).padStart(5)}${miss ? '  < target' : ''}`,
  );
}
console.log(`\n${passed}/${cases} cases exact`);
process.exitCode = ok ? 0 : 1;
