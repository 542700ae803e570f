/**
 * The simulated typing: short Arabic and Latin insertions, sometimes a deletion, either scattered
 * over the text (the worst case for a CRDT: every edit splits an item) or the way a reporter
 * types, at a cursor that only now and then moves.
 */
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

function randomWord(random: Random): string {
  return FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]!;
}

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
  const word = randomWord(random);
  return { kind: 'insert', index: Math.floor(random() * (length + 1)), text: `${word} ` };
}

const BACKSPACE_SHARE = 0.06;
const JUMP_SHARE = 0.04;

/** A reporter at a keyboard: words typed at a cursor, a few backspaces, the cursor moved now and then. */
export class Typist {
  private cursor = 0;

  constructor(private readonly random: Random) {}

  nextEdit(length: number): Edit {
    this.cursor = Math.min(this.cursor, length);
    const roll = this.random();
    if (roll < JUMP_SHARE) this.cursor = Math.floor(this.random() * (length + 1));
    else if (roll < JUMP_SHARE + BACKSPACE_SHARE && this.cursor > 0) {
      const deleted = Math.min(this.cursor, 1 + Math.floor(this.random() * 4));
      this.cursor -= deleted;
      return { kind: 'delete', index: this.cursor, length: deleted };
    }
    const text = `${randomWord(this.random)} `;
    const edit: Edit = { kind: 'insert', index: this.cursor, text };
    this.cursor += text.length;
    return edit;
  }
}

/** An editor's source of edits in the chosen style. */
export function typingFor(style: 'cursor' | 'scattered', random: Random): (length: number) => Edit {
  if (style === 'scattered') return (length) => nextEdit(random, length);
  const typist = new Typist(random);
  return (length) => typist.nextEdit(length);
}
