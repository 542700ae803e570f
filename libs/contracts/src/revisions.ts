/**
 * A word-level diff between two revisions of a draft (issue 12, review workflow), field by field.
 * Joining the `text` of every `equal` and `delete` part gives the older revision's field; joining
 * every `equal` and `insert` part gives the newer one's. Parts split only between words (a word
 * keeps its harakat, shadda, tatweel and attached prefixes), and a run of changes between two
 * equal parts is one `delete` then one `insert`.
 */
export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

export interface RevisionDiff {
  headline: DiffPart[];
  body: DiffPart[];
}
