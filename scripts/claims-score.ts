/**
 * Scores the claim extractor on the corpus: precision, recall and F1 per claim kind, per
 * finding kind and overall (a claim counts when kind, start, end and value match; a finding when
 * kind, start and end match), then the same per language (ar, en), then the false-alarm files
 * (areas ending in `-false-alarms`): the claims produced there that the case does not list.
 * Exits non-zero when the targets (F1 >= 0.97 overall, >= 0.95 per kind, no false alarm) are
 * missed. Usage: npm run claims:score [-- --verbose]
 */

// The claims index, not `#domain`: `--conditions=types` also sends zxcvbn's `require` of its
// decompressor to a .d.ts, so the domain's password checker does not load under these scripts.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- see above
import { extractClaims } from '../libs/domain/src/claims/index.js';
import { claimKey, findingKey, loadCorpus } from '../test/claims-corpus/corpus-loader.js';

const OVERALL_TARGET = 0.97;
const KIND_TARGET = 0.95;
const FALSE_ALARM_SUFFIX = '-false-alarms';
const LANGUAGES = ['ar', 'en'] as const;

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

type Tallies = Map<string, Tally>;

const all: Tallies = new Map();
const byLanguage = new Map<string, Tallies>(LANGUAGES.map((language) => [language, new Map()]));
const verbose = process.argv.includes('--verbose');

function tally(tallies: Tallies, kind: string): Tally {
  let entry = tallies.get(kind);
  if (entry === undefined) {
    entry = { tp: 0, fp: 0, fn: 0 };
    tallies.set(kind, entry);
  }
  return entry;
}

/** Counts into every tally given; returns the number of extra (fp) and missing (fn) items. */
function compare(
  caseId: string,
  expected: Map<string, string>,
  actual: Map<string, string>,
  into: Tallies[],
): { fp: number; fn: number } {
  let fp = 0;
  let fn = 0;
  for (const [key, kind] of actual) {
    if (expected.has(key)) for (const t of into) tally(t, kind).tp++;
    else {
      fp++;
      for (const t of into) tally(t, kind).fp++;
      if (verbose) console.log(`${caseId}  extra    ${key}`);
    }
  }
  for (const [key, kind] of expected) {
    if (!actual.has(key)) {
      fn++;
      for (const t of into) tally(t, kind).fn++;
      if (verbose) console.log(`${caseId}  missing  ${key}`);
    }
  }
  return { fp, fn };
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

interface FalseAlarmRow {
  area: string;
  cases: number;
  expected: number;
  produced: number;
  falseAlarms: number;
  missed: number;
  casesWithAlarm: number;
}

let cases = 0;
let passed = 0;
const falseAlarmRows: FalseAlarmRow[] = [];
function emptyRow(area: string): FalseAlarmRow {
  return { area, cases: 0, expected: 0, produced: 0, falseAlarms: 0, missed: 0, casesWithAlarm: 0 };
}

for (const file of loadCorpus()) {
  const alarmFile = file.area.endsWith(FALSE_ALARM_SUFFIX);
  const row = emptyRow(file.area);
  for (const testCase of file.cases) {
    cases++;
    const result = extractClaims(testCase.text, { language: testCase.language, referenceDate: testCase.referenceDate });
    const into = [all, byLanguage.get(testCase.language) ?? new Map<string, Tally>()];
    const claims = compare(testCase.id, keyed(testCase.claims, claimKey), keyed(result.claims, claimKey), into);
    const findings = compare(
      testCase.id,
      keyed(testCase.findings, findingKey),
      keyed(result.findings, findingKey),
      into,
    );
    if (claims.fp + claims.fn + findings.fp + findings.fn === 0) passed++;
    row.cases++;
    row.expected += testCase.claims.length;
    row.produced += result.claims.length;
    row.falseAlarms += claims.fp + findings.fp;
    row.missed += claims.fn + findings.fn;
    if (claims.fp + findings.fp > 0) row.casesWithAlarm++;
  }
  if (alarmFile) falseAlarmRows.push(row);
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
const EMPTY: Tally = { tp: 0, fp: 0, fn: 0 };
const sum = (tallies: Tallies, kinds: readonly string[]): Tally =>
  kinds.reduce<Tally>((acc, kind) => {
    const t = tallies.get(kind) ?? EMPTY;
    return { tp: acc.tp + t.tp, fp: acc.fp + t.fp, fn: acc.fn + t.fn };
  }, EMPTY);

function rowsOf(tallies: Tallies): [string, Tally][] {
  return [
    ...[...CLAIM_KINDS, ...FINDING_KINDS].map((kind): [string, Tally] => [kind, tallies.get(kind) ?? EMPTY]),
    ['claims', sum(tallies, CLAIM_KINDS)],
    ['findings', sum(tallies, FINDING_KINDS)],
    ['overall', sum(tallies, [...CLAIM_KINDS, ...FINDING_KINDS])],
  ];
}

const fixed = (n: number): string => n.toFixed(3);
const pad = (value: string | number, width: number): string => String(value).padStart(width);
let ok = true;

console.log(`${'kind'.padEnd(20)} ${pad('tp', 5)} ${pad('fp', 5)} ${pad('fn', 5)}  precision  recall     f1`);
for (const [kind, t] of rowsOf(all)) {
  const s = scores(t);
  const target = kind === 'overall' ? OVERALL_TARGET : KIND_TARGET;
  const miss = t.tp + t.fp + t.fn > 0 && s.f1 < target;
  if (miss) ok = false;
  console.log(
    `${kind.padEnd(20)} ${pad(t.tp, 5)} ${pad(t.fp, 5)} ${pad(t.fn, 5)}  ${pad(fixed(s.precision), 9)}  ${pad(fixed(s.recall), 6)}  ${pad(fixed(s.f1), 5)}${miss ? '  < target' : ''}`,
  );
}

// Per language: the same kinds, side by side (F1 of a kind a language does not exercise is `-`).
const languageRows = LANGUAGES.map((language) => rowsOf(byLanguage.get(language) ?? new Map()));
console.log(
  `\n${'by language'.padEnd(20)} ${LANGUAGES.map((l) => `${pad(`${l} tp`, 5)} ${pad('fp', 4)} ${pad('fn', 4)} ${pad('f1', 6)}`).join('   ')}`,
);
languageRows[0].forEach(([kind], index) => {
  const cells = languageRows.map((rows) => {
    const t = rows[index][1];
    const f1 = t.tp + t.fp + t.fn === 0 ? '-' : fixed(scores(t).f1);
    return `${pad(t.tp, 5)} ${pad(t.fp, 4)} ${pad(t.fn, 4)} ${pad(f1, 6)}`;
  });
  console.log(`${kind.padEnd(20)} ${cells.join('   ')}`);
});

console.log(
  `\n${'false alarms'.padEnd(20)} ${pad('cases', 5)} ${pad('real', 5)} ${pad('out', 5)} ${pad('alarms', 6)} ${pad('missed', 6)}  sentences with an alarm`,
);
const totals = emptyRow('total');
for (const row of [...falseAlarmRows, totals]) {
  if (row !== totals) {
    totals.cases += row.cases;
    totals.expected += row.expected;
    totals.produced += row.produced;
    totals.falseAlarms += row.falseAlarms;
    totals.missed += row.missed;
    totals.casesWithAlarm += row.casesWithAlarm;
  }
  const miss = row.falseAlarms > 0;
  if (miss) ok = false;
  console.log(
    `${row.area.padEnd(20)} ${pad(row.cases, 5)} ${pad(row.expected, 5)} ${pad(row.produced, 5)} ${pad(row.falseAlarms, 6)} ${pad(row.missed, 6)}  ${row.casesWithAlarm}${miss ? '  > target 0' : ''}`,
  );
}

console.log(`\n${passed}/${cases} cases exact`);
process.exitCode = ok ? 0 : 1;
