/** Word tables are written as white-space separated text: `wordList('a b c')` is `['a', 'b', 'c']`. */
export function wordList(words: string): readonly string[] {
  return words.trim().split(/\s+/);
}
