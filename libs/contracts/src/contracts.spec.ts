import { describe, expect, it } from '@jest/globals';
import { DRAFT_ACCESS_LEVELS } from './api.js';
import { SESSION_END_CODES } from './collab.js';
import { CLAIM_KINDS, FINDING_KINDS, WEEKDAYS } from './claims.js';
import { DOCUMENT_FIELD_NAMES, DOCUMENT_FIELDS } from './document.js';
import { CLAIMS_QUEUE_STATUSES } from './draft-claims.js';
import { CLAIMS_ERROR_CODES, ERROR_CODES, HTTP_ONLY_ERROR_CODES, SOCKET_ERROR_CODES } from './error-codes.js';
import { REVIEW_CONFLICT_REASONS, REVIEW_EVENT_KINDS } from './review.js';
import { REVISION_KINDS } from './revisions.js';
import { SECURITY_EVENT_KINDS } from './security.js';

const duplicatesIn = (list: readonly string[]) => list.filter((item, index) => list.indexOf(item) !== index);

describe('error codes', () => {
  it.each<[string, readonly string[]]>([
    ['ERROR_CODES', ERROR_CODES],
    ['SOCKET_ERROR_CODES', SOCKET_ERROR_CODES],
    ['HTTP_ONLY_ERROR_CODES', HTTP_ONLY_ERROR_CODES],
  ])('%s names each code once', (_name, list) => {
    expect(duplicatesIn(list)).toEqual([]);
  });

  it.each<[string, readonly string[]]>([
    ['SOCKET_ERROR_CODES', SOCKET_ERROR_CODES],
    ['HTTP_ONLY_ERROR_CODES', HTTP_ONLY_ERROR_CODES],
    ['CLAIMS_ERROR_CODES', CLAIMS_ERROR_CODES],
  ])('every code of %s is in ERROR_CODES', (_name, list) => {
    for (const code of list) expect(ERROR_CODES).toContain(code);
  });

  it('has no socket code among the HTTP-only ones', () => {
    expect(HTTP_ONLY_ERROR_CODES.filter((code) => (SOCKET_ERROR_CODES as readonly string[]).includes(code))).toEqual(
      [],
    );
  });

  it.each(ERROR_CODES.map((code) => [code]))('%s is an upper-case constant', (code) => {
    expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
  });
});

describe('plain lists', () => {
  it.each<[string, readonly string[]]>([
    ['DRAFT_ACCESS_LEVELS', DRAFT_ACCESS_LEVELS],
    ['CLAIM_KINDS', CLAIM_KINDS],
    ['FINDING_KINDS', FINDING_KINDS],
    ['WEEKDAYS', WEEKDAYS],
    ['DOCUMENT_FIELD_NAMES', DOCUMENT_FIELD_NAMES],
    ['SECURITY_EVENT_KINDS', SECURITY_EVENT_KINDS],
    ['SESSION_END_CODES', SESSION_END_CODES],
    ['REVIEW_EVENT_KINDS', REVIEW_EVENT_KINDS],
    ['REVIEW_CONFLICT_REASONS', REVIEW_CONFLICT_REASONS],
    ['REVISION_KINDS', REVISION_KINDS],
    ['CLAIMS_QUEUE_STATUSES', CLAIMS_QUEUE_STATUSES],
  ])('%s names each value once', (_name, list) => {
    expect(duplicatesIn(list)).toEqual([]);
  });

  // security_events.kind has a CHECK of this shape instead of a list: a new kind needs no migration.
  it.each(SECURITY_EVENT_KINDS.map((kind) => [kind]))('security event kind %s is a snake_case word', (kind) => {
    expect(kind).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('keeps the session end codes apart from the ack codes: they are never an ack', () => {
    expect(SESSION_END_CODES.filter((code) => (ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
  });

  it('lists access levels weakest first', () => {
    expect(DRAFT_ACCESS_LEVELS).toEqual(['view', 'comment', 'edit']);
  });

  it.each(WEEKDAYS.map((weekday, index) => [weekday, index] as const))(
    'lists %s at its Date#getUTCDay index %i',
    (weekday, index) => {
      const day = new Date(Date.UTC(2026, 1, 8 + index)); // 2026-02-08 is a Sunday
      expect(day.getUTCDay()).toBe(index);
      expect(day.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' }).toLowerCase()).toBe(weekday);
    },
  );
});

describe('DOCUMENT_FIELDS', () => {
  it.each(Object.entries(DOCUMENT_FIELDS))('names field %s by its own key', (key, name) => {
    expect(name).toBe(key);
  });

  it('lists every field in DOCUMENT_FIELD_NAMES, headline first', () => {
    expect(DOCUMENT_FIELD_NAMES).toEqual([DOCUMENT_FIELDS.headline, DOCUMENT_FIELDS.body]);
    expect([...DOCUMENT_FIELD_NAMES].sort()).toEqual(Object.values(DOCUMENT_FIELDS).sort());
  });
});
