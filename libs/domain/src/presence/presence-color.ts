/**
 * A stable colour per user, so that a person's cursor has the same colour in every tab, on every
 * instance and after a reconnect, without anyone storing it.
 */

/**
 * Twelve hues dark enough that white label text on them, and they on a white page, meet the WCAG
 * AA contrast ratio for normal text (4.5:1); neighbours differ in hue so two cursors side by side
 * are told apart.
 */
export const PRESENCE_PALETTE: readonly string[] = [
  '#b91c1c', // red
  '#1d4ed8', // blue
  '#15803d', // green
  '#7e22ce', // purple
  '#c2410c', // orange
  '#0e7490', // cyan
  '#be185d', // pink
  '#4d7c0f', // lime
  '#4338ca', // indigo
  '#a16207', // amber
  '#0f766e', // teal
  '#a21caf', // fuchsia
];

/** FNV-1a over the id's UTF-16 code units: cheap, deterministic and well spread for UUIDs. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function presenceColorFor(userId: string): string {
  return PRESENCE_PALETTE[fnv1a(userId) % PRESENCE_PALETTE.length]!;
}
