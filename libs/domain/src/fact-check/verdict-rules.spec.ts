import { describe, expect, it } from '@jest/globals';
import type { ErrorCode, FieldError, Role } from '#contracts';

import { isDomainError } from '../errors/domain-error.js';
import {
  canCheckClaims,
  canWaiveClaims,
  checkVerdict,
  type CheckedVerdict,
  type VerdictInput,
} from './verdict-rules.js';

const CITED = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
const SOURCE = 'https://www.moh.gov.sy/بيان-شباط-2026';
const LONG_URL = (length: number): string =>
  `https://example.com/${'a'.repeat(length - 'https://example.com/'.length)}`;
const links = (count: number) => Array.from({ length: count }, (_, i) => ({ url: `https://example.com/${i}` }));
const none = { note: null, evidence: [], citesVerdictId: null };

describe('who may check claims', () => {
  it.each<[Role, boolean, boolean]>([
    ['reporter', false, false],
    ['fact_checker', true, false],
    ['editor', true, true],
    ['admin', true, true],
  ])('%s: check %p, waive %p', (role, check, waive) => {
    expect(canCheckClaims(role)).toBe(check);
    expect(canWaiveClaims(role)).toBe(waive);
  });
});

describe('checkVerdict accepts', () => {
  it.each<[string, Role, VerdictInput, CheckedVerdict]>([
    ['a bare verdict', 'fact_checker', { status: 'verified' }, { status: 'verified', ...none }],
    [
      'every status but waived from a fact-checker',
      'fact_checker',
      { status: 'inconclusive' },
      { status: 'inconclusive', ...none },
    ],
    ['an editor’s verdict', 'editor', { status: 'false' }, { status: 'false', ...none }],
    [
      'a note, trimmed',
      'fact_checker',
      { status: 'disputed', note: '  وزارة الصحة تقول 89 عضوًا لا 90  ' },
      { status: 'disputed', ...none, note: 'وزارة الصحة تقول 89 عضوًا لا 90' },
    ],
    [
      'a blank note as none',
      'fact_checker',
      { status: 'in_progress', note: ' \n ' },
      { status: 'in_progress', ...none },
    ],
    [
      'null fields as absent',
      'fact_checker',
      { status: 'verified', note: null, evidence: null, citesVerdictId: null },
      { status: 'verified', ...none },
    ],
    [
      'a note of 4,000 characters',
      'fact_checker',
      { status: 'verified', note: 'ب'.repeat(4000) },
      { status: 'verified', ...none, note: 'ب'.repeat(4000) },
    ],
    [
      'a waiver with a note, from an editor',
      'editor',
      { status: 'waived', note: 'رأي منسوب لكاتبه، لا يحتاج تدقيقًا' },
      { status: 'waived', ...none, note: 'رأي منسوب لكاتبه، لا يحتاج تدقيقًا' },
    ],
    [
      'a waiver from an admin',
      'admin',
      { status: 'waived', note: 'Opinion piece' },
      { status: 'waived', ...none, note: 'Opinion piece' },
    ],
    [
      'evidence: URLs as written (trimmed), titles trimmed, blank titles and unknown fields dropped',
      'fact_checker',
      {
        status: 'verified',
        evidence: [
          { url: ` ${SOURCE} `, title: ' بيان وزارة الصحة ' },
          { url: 'http://example.com/report?id=90#p2', title: '  ' },
          { url: 'HTTPS://Reuters.com/world', score: 5 },
        ],
      },
      {
        status: 'verified',
        ...none,
        evidence: [
          { url: SOURCE, title: 'بيان وزارة الصحة' },
          { url: 'http://example.com/report?id=90#p2' },
          { url: 'HTTPS://Reuters.com/world' },
        ],
      },
    ],
    [
      '20 links',
      'fact_checker',
      { status: 'verified', evidence: links(20) },
      { status: 'verified', ...none, evidence: links(20) },
    ],
    [
      'a URL of 2,048 characters and a title of 300',
      'fact_checker',
      { status: 'verified', evidence: [{ url: LONG_URL(2048), title: 't'.repeat(300) }] },
      { status: 'verified', ...none, evidence: [{ url: LONG_URL(2048), title: 't'.repeat(300) }] },
    ],
    [
      'a cited verdict, its id in lower case',
      'fact_checker',
      { status: 'verified', citesVerdictId: CITED.toUpperCase() },
      { status: 'verified', ...none, citesVerdictId: CITED },
    ],
  ])('%s', (_name, role, request, expected) => {
    expect(checkVerdict(role, request)).toEqual(expected);
  });
});

/** The refusal's code and the field it names (null: none), or null when accepted. */
function refusal(role: Role, request: VerdictInput): { code: ErrorCode; field: string | null } | null {
  try {
    checkVerdict(role, request);
    return null;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const field = (error.details.fields as FieldError[] | undefined)?.[0]?.field ?? null;
    if (field !== null) expect(error.message.startsWith(`${field}: `)).toBe(true);
    return { code: error.code, field };
  }
}

describe('checkVerdict refuses', () => {
  const url = (value: unknown): VerdictInput => ({ status: 'verified', evidence: [{ url: value }] });
  it.each<[string, Role, VerdictInput, ErrorCode, string | null]>([
    ['a reporter', 'reporter', { status: 'verified' }, 'FORBIDDEN', null],
    ['a reporter, before reading the request', 'reporter', { status: 'nonsense' }, 'FORBIDDEN', null],
    ['a waiver from a fact-checker', 'fact_checker', { status: 'waived', note: 'لا وقت' }, 'FORBIDDEN', null],
    ['an unknown status', 'fact_checker', { status: 'true' }, 'VALIDATION_FAILED', 'status'],
    ['a status in another case', 'fact_checker', { status: 'Verified' }, 'VALIDATION_FAILED', 'status'],
    ['the status of an unchecked claim', 'fact_checker', { status: 'unchecked' }, 'VALIDATION_FAILED', 'status'],
    ['no status', 'editor', { status: undefined }, 'VALIDATION_FAILED', 'status'],
    ['a waiver without a note', 'editor', { status: 'waived' }, 'VALIDATION_FAILED', 'note'],
    ['a waiver with a blank note', 'admin', { status: 'waived', note: '\u00A0 \t' }, 'VALIDATION_FAILED', 'note'],
    ['a note that is not text', 'fact_checker', { status: 'verified', note: 90 }, 'VALIDATION_FAILED', 'note'],
    [
      'a note over 4,000 characters',
      'fact_checker',
      { status: 'verified', note: 'ب'.repeat(4001) },
      'VALIDATION_FAILED',
      'note',
    ],
    [
      'evidence that is not a list',
      'fact_checker',
      { status: 'verified', evidence: SOURCE },
      'VALIDATION_FAILED',
      'evidence',
    ],
    [
      'a single link not in a list',
      'fact_checker',
      { status: 'verified', evidence: { url: SOURCE } },
      'VALIDATION_FAILED',
      'evidence',
    ],
    [
      'more than 20 links',
      'fact_checker',
      { status: 'verified', evidence: links(21) },
      'VALIDATION_FAILED',
      'evidence',
    ],
    [
      'a link that is not an object',
      'fact_checker',
      { status: 'verified', evidence: [SOURCE] },
      'VALIDATION_FAILED',
      'evidence.0',
    ],
    [
      'a link without a url',
      'fact_checker',
      { status: 'verified', evidence: [{ title: 'بيان' }] },
      'VALIDATION_FAILED',
      'evidence.0.url',
    ],
    ['a url that is not text', 'fact_checker', url(90), 'VALIDATION_FAILED', 'evidence.0.url'],
    ['a relative URL', 'fact_checker', url('/news/2026/02/09'), 'VALIDATION_FAILED', 'evidence.0.url'],
    ['a URL without a scheme', 'fact_checker', url('www.moh.gov.sy/news'), 'VALIDATION_FAILED', 'evidence.0.url'],
    ['javascript:', 'fact_checker', url('javascript:alert(1)'), 'VALIDATION_FAILED', 'evidence.0.url'],
    ['data:', 'fact_checker', url('data:text/html,<b>90</b>'), 'VALIDATION_FAILED', 'evidence.0.url'],
    ['ftp:', 'fact_checker', url('ftp://files.example.com/report.pdf'), 'VALIDATION_FAILED', 'evidence.0.url'],
    ['https without slashes', 'fact_checker', url('https:example.com'), 'VALIDATION_FAILED', 'evidence.0.url'],
    ['https with backslashes', 'fact_checker', url('https:\\\\example.com'), 'VALIDATION_FAILED', 'evidence.0.url'],
    [
      'a user name and password',
      'fact_checker',
      url('https://editor:secret@example.com/'),
      'VALIDATION_FAILED',
      'evidence.0.url',
    ],
    ['a user name alone', 'fact_checker', url('https://editor@example.com/'), 'VALIDATION_FAILED', 'evidence.0.url'],
    ['a password alone', 'fact_checker', url('https://:secret@example.com/'), 'VALIDATION_FAILED', 'evidence.0.url'],
    ['a line break inside', 'fact_checker', url('https://exam\nple.com/'), 'VALIDATION_FAILED', 'evidence.0.url'],
    ['a URL over 2,048 characters', 'fact_checker', url(LONG_URL(2049)), 'VALIDATION_FAILED', 'evidence.0.url'],
    [
      'the second link, by its index',
      'fact_checker',
      { status: 'verified', evidence: [{ url: SOURCE }, { url: 'javascript:void(0)' }] },
      'VALIDATION_FAILED',
      'evidence.1.url',
    ],
    [
      'a title that is not text',
      'fact_checker',
      { status: 'verified', evidence: [{ url: SOURCE, title: ['بيان'] }] },
      'VALIDATION_FAILED',
      'evidence.0.title',
    ],
    [
      'a title over 300 characters',
      'fact_checker',
      { status: 'verified', evidence: [{ url: SOURCE, title: 'ع'.repeat(301) }] },
      'VALIDATION_FAILED',
      'evidence.0.title',
    ],
    [
      'a cited id that is not a UUID',
      'fact_checker',
      { status: 'verified', citesVerdictId: 'v-90' },
      'VALIDATION_FAILED',
      'citesVerdictId',
    ],
    [
      'a cited id that is not text',
      'fact_checker',
      { status: 'verified', citesVerdictId: 90 },
      'VALIDATION_FAILED',
      'citesVerdictId',
    ],
  ])('%s', (_name, role, request, code, field) => {
    expect(refusal(role, request)).toEqual({ code, field });
  });
});
