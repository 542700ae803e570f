/**
 * Loads the claims corpus (`test/claims-corpus/<area>.json`, format in docs/claims.md)
 * and resolves each expected claim's and finding's offsets from its text: the first occurrence at
 * or after the end of the previous one with the same text, or its 0-based `occurrence`.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '#contracts';

export interface ExpectedClaim {
  kind: string;
  text: string;
  start: number;
  end: number;
  value: unknown;
}

export interface ExpectedFinding {
  kind: string;
  text: string;
  start: number;
  end: number;
}

export interface CorpusCase {
  id: string;
  area: string;
  text: string;
  note?: string;
  language: Language;
  referenceDate: string;
  claims: ExpectedClaim[];
  findings: ExpectedFinding[];
}

export interface CorpusFile {
  file: string;
  area: string;
  cases: CorpusCase[];
}

interface RawItem {
  kind: string;
  text: string;
  value?: unknown;
  occurrence?: number;
}

interface RawCase {
  id: string;
  text: string;
  note?: string;
  language?: Language;
  referenceDate?: string;
  claims?: RawItem[];
  findings?: RawItem[];
}

interface RawFile {
  area: string;
  language?: Language;
  referenceDate?: string;
  cases: RawCase[];
}

export const CORPUS_DIR = fileURLToPath(new URL('.', import.meta.url));

export class CorpusError extends Error {
  override name = 'CorpusError';
}

function nthOccurrence(text: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

/** Positions items in list order, following the conventions' positioning rule. */
function position<T extends RawItem>(
  caseId: string,
  text: string,
  items: readonly T[],
): (T & { start: number; end: number })[] {
  const nextSearch = new Map<string, number>();
  return items.map((item) => {
    if (typeof item.text !== 'string' || item.text.length === 0) {
      throw new CorpusError(`${caseId}: a ${item.kind} has no text`);
    }
    const start =
      item.occurrence !== undefined
        ? nthOccurrence(text, item.text, item.occurrence)
        : text.indexOf(item.text, nextSearch.get(item.text) ?? 0);
    if (start < 0) {
      throw new CorpusError(
        `${caseId}: "${item.text}" (${item.kind}) is not in the text where the positioning rule looks`,
      );
    }
    const end = start + item.text.length;
    nextSearch.set(item.text, end);
    return { ...item, start, end };
  });
}

export function parseCorpusFile(file: string, json: string): CorpusFile {
  const raw = JSON.parse(json) as RawFile;
  const cases = raw.cases.map((rawCase): CorpusCase => {
    const language = rawCase.language ?? raw.language;
    const referenceDate = rawCase.referenceDate ?? raw.referenceDate;
    if (language === undefined || referenceDate === undefined) {
      throw new CorpusError(`${rawCase.id}: no language or referenceDate, in the case or the file`);
    }
    return {
      id: rawCase.id,
      area: raw.area,
      text: rawCase.text,
      note: rawCase.note,
      language,
      referenceDate,
      claims: position(rawCase.id, rawCase.text, rawCase.claims ?? []).map(({ kind, text, start, end, value }) => ({
        kind,
        text,
        start,
        end,
        value,
      })),
      findings: position(rawCase.id, rawCase.text, rawCase.findings ?? []).map(({ kind, text, start, end }) => ({
        kind,
        text,
        start,
        end,
      })),
    };
  });
  return { file, area: raw.area, cases };
}

/** Every `*.json` file of the corpus directory, sorted by name. */
export function loadCorpus(dir: string = CORPUS_DIR): CorpusFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => parseCorpusFile(name, readFileSync(join(dir, name), 'utf8')));
}

/** Canonical JSON (sorted keys) so that values compare by content. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The key a claim is compared by: kind, start, end, value. */
export function claimKey(claim: { kind: string; start: number; end: number; value: unknown }): string {
  return `${claim.kind}|${claim.start}|${claim.end}|${canonical(claim.value)}`;
}

/** The key a finding is compared by: kind, start, end. */
export function findingKey(finding: { kind: string; start: number; end: number }): string {
  return `${finding.kind}|${finding.start}|${finding.end}`;
}
