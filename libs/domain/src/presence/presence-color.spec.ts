import { describe, expect, it } from '@jest/globals';
import { PRESENCE_PALETTE, presenceColorFor } from './presence-color.js';

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe('presence colours', () => {
  it.each(PRESENCE_PALETTE.map((color) => [color]))('%s meets WCAG AA (4.5:1) against white', (color) => {
    expect(color).toMatch(/^#[0-9a-f]{6}$/);
    expect(contrastWithWhite(color)).toBeGreaterThanOrEqual(4.5);
  });

  it('has no colour twice', () => {
    expect(new Set(PRESENCE_PALETTE).size).toBe(PRESENCE_PALETTE.length);
  });

  it.each([['3f2504e0-4f89-41d3-9a0c-0305e82c3301'], ['عليا'], ['']])(
    'gives user %j the same palette colour every time',
    (userId) => {
      const color = presenceColorFor(userId);
      expect(PRESENCE_PALETTE).toContain(color);
      expect(presenceColorFor(userId)).toBe(color);
    },
  );

  it('spreads many users over the whole palette', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 1_200; i++) {
      const color = presenceColorFor(`user-${i}-${(i * 2654435761) >>> 0}`);
      counts.set(color, (counts.get(color) ?? 0) + 1);
    }
    expect(counts.size).toBe(PRESENCE_PALETTE.length);
    // Roughly even: no colour gets more than twice its fair share.
    for (const count of counts.values()) expect(count).toBeLessThan((2 * 1_200) / PRESENCE_PALETTE.length);
  });
});
