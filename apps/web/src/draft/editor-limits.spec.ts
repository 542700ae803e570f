import { describe, expect, it } from '@jest/globals';
import { fitsInOneUpdate, oversizeInsert, UPDATE_OVERHEAD_BYTES, utf8Bytes } from './editor-limits.js';

describe('utf8Bytes', () => {
  it('counts Arabic letters as two bytes and Latin ones as one', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('كلمة')).toBe(8);
    expect(utf8Bytes('😀')).toBe(4);
  });
});

describe('fitsInOneUpdate', () => {
  it('leaves room for the update around the text', () => {
    expect(fitsInOneUpdate(1000, 262_144)).toBe(true);
    expect(fitsInOneUpdate(262_144 - UPDATE_OVERHEAD_BYTES, 262_144)).toBe(true);
    expect(fitsInOneUpdate(262_144 - UPDATE_OVERHEAD_BYTES + 1, 262_144)).toBe(false);
  });

  it('lets everything through before the limit is known', () => {
    expect(fitsInOneUpdate(10_000_000, null)).toBe(true);
  });
});

describe('oversizeInsert', () => {
  it('is null for what fits and the size for what does not', () => {
    expect(oversizeInsert(['كلمة'], 262_144)).toBeNull();
    expect(oversizeInsert(['كلمة '.repeat(60_000)], 262_144)).toBe(540_000);
    // 100 000 Latin letters: over the three-bytes bound, under the limit once counted.
    expect(oversizeInsert(['a'.repeat(100_000)], 262_144)).toBeNull();
    expect(oversizeInsert(['a'.repeat(200_000), 'b'.repeat(60_000)], 262_144)).toBe(260_000);
    expect(oversizeInsert(['a'.repeat(1_000_000)], null)).toBeNull();
  });
});
