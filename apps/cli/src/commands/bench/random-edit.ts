/** The simulated typing: short Arabic and Latin insertions at random places, sometimes a deletion. */
export type Random = () => number;

export type Edit = { kind: 'insert'; index: number; text: string } | { kind: 'delete'; index: number; length: number };

const FRAGMENTS = [
  'خبر',
  'عاجل',
  'في',
  'وزارة',
  'شباط',
  '٢٠٢٤',
  'مليون',
  'قال',
  'المصدر',
  'بيروت',
  'the',
  'news',
  'said',
  'March',
  '2024',
  'million',
  'sources',
  'minister',
  'Beirut',
  '5%',
];
const DELETE_SHARE = 0.1;

/** mulberry32: small, fast and seedable, so a run's typing can be repeated. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One edit of a text of `length` characters: a word and a space inserted, or 1-4 characters removed. */
export function nextEdit(random: Random, length: number): Edit {
  if (length > 40 && random() < DELETE_SHARE) {
    const deleted = 1 + Math.floor(random() * 4);
    return { kind: 'delete', index: Math.floor(random() * (length - deleted)), length: deleted };
  }
  const word = FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]!;
  return { kind: 'insert', index: Math.floor(random() * (length + 1)), text: `${word} ` };
}
