import { describe, expect, it } from '@jest/globals';
import {
  failureReason,
  pluralCategory,
  saveStatus,
  shouldWarnBeforeUnload,
  type SaveInputs,
} from './save-status-state.js';

const joined: SaveInputs = {
  connected: true,
  everConnected: true,
  joined: true,
  pending: 0,
  refusal: null,
  retrying: null,
};
const locked = { code: 'LOCKED', message: 'The draft is approved' };
const limited = { code: 'RATE_LIMITED', message: 'Slow down' };

describe('saveStatus', () => {
  it('says saved only with nothing pending on a connected, joined session', () => {
    expect(saveStatus(joined)).toEqual({ kind: 'saved' });
    expect(saveStatus({ ...joined, pending: 1 })).toEqual({ kind: 'saving', pending: 1 });
    expect(saveStatus({ ...joined, joined: false })).toEqual({ kind: 'connecting' });
    expect(saveStatus({ ...joined, connected: false })).toEqual({ kind: 'offline', pending: 0 });
  });

  it('is connecting, not offline, before the first connection', () => {
    const start = { ...joined, connected: false, everConnected: false, joined: false };
    expect(saveStatus(start)).toEqual({ kind: 'connecting' });
    expect(saveStatus({ ...start, pending: 2 })).toEqual({ kind: 'saving', pending: 2 });
  });

  it('counts the changes waiting while offline', () => {
    expect(saveStatus({ ...joined, connected: false, joined: false, pending: 7 })).toEqual({
      kind: 'offline',
      pending: 7,
    });
  });

  it('puts offline before a refusal, and a refusal before saving', () => {
    expect(saveStatus({ ...joined, connected: false, refusal: locked })).toEqual({ kind: 'offline', pending: 0 });
    expect(saveStatus({ ...joined, pending: 3, refusal: locked })).toEqual({
      kind: 'refused',
      pending: 3,
      failure: locked,
    });
  });

  it('says retrying only while changes are pending', () => {
    expect(saveStatus({ ...joined, pending: 2, retrying: limited })).toEqual({
      kind: 'retrying',
      pending: 2,
      failure: limited,
    });
    expect(saveStatus({ ...joined, retrying: limited })).toEqual({ kind: 'saved' });
  });
});

describe('shouldWarnBeforeUnload', () => {
  it('warns while any change is pending', () => {
    expect(shouldWarnBeforeUnload(0)).toBe(false);
    expect(shouldWarnBeforeUnload(1)).toBe(true);
  });
});

describe('failureReason', () => {
  it('words the codes it knows and reads any other as other', () => {
    expect(failureReason('LOCKED')).toBe('LOCKED');
    expect(failureReason('TOO_LARGE')).toBe('TOO_LARGE');
    expect(failureReason('SOMETHING_NEW')).toBe('other');
  });
});

describe('pluralCategory', () => {
  it('gives Arabic its six forms', () => {
    expect([0, 1, 2, 3, 10, 11, 99, 100, 102].map((n) => pluralCategory('ar', n))).toEqual([
      'zero',
      'one',
      'two',
      'few',
      'few',
      'many',
      'many',
      'other',
      'other',
    ]);
  });

  it('gives English one and other', () => {
    expect([0, 1, 2].map((n) => pluralCategory('en', n))).toEqual(['other', 'one', 'other']);
  });
});
