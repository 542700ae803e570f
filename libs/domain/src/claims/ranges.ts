import { isPunct } from './scan-context.js';
import type { Token } from './token.js';

const RANGE_WORDS: ReadonlySet<string> = new Set(['to', 'and', 'الي', 'حتي']);
const WAW = 0x0648;

/**
 * `و45`, `- 45`, `to 45`, `وعشرين`: where the second numeral of a range starts, or -1. Shared by
 * percentages and money, whose ranges are read the same way (docs/claims.md).
 */
export function rangeContinuation(tokens: readonly Token[], j: number): number {
  const token = tokens[j];
  if (token === undefined) return -1;
  if (isPunct(token, '-')) return j + 1;
  if (token.kind !== 'word') return -1;
  if (token.clitic === 'prefix' && token.text === 'و') return j + 1;
  if (token.pre === 0 && RANGE_WORDS.has(token.stem)) return j + 1;
  // `وعشرين دولاراً`, `وخمسين في المئة`: the conjunction is attached to the second numeral
  if (token.pre === 1 && token.text.charCodeAt(0) === WAW && token.info?.number !== undefined) return j;
  return -1;
}
