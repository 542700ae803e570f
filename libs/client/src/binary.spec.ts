import { describe, expect, it } from '@jest/globals';
import { toUint8Array } from './binary.js';

describe('toUint8Array', () => {
  it.each([
    ['a Node Buffer', Buffer.from([1, 2, 3])],
    ['an ArrayBuffer', new Uint8Array([1, 2, 3]).buffer],
    ['a Uint8Array', new Uint8Array([1, 2, 3])],
    ['a view into a larger buffer', new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4)],
  ])('reads %s as a plain Uint8Array', (_name, value) => {
    const bytes = toUint8Array(value);
    expect(bytes?.constructor).toBe(Uint8Array);
    expect([...(bytes ?? [])]).toEqual([1, 2, 3]);
  });

  it.each([[null], ['AQID'], [[1, 2, 3]], [{ 0: 1 }]])('refuses %p', (value) => {
    expect(toUint8Array(value)).toBeNull();
  });
});
