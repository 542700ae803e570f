/**
 * A word-level diff between two revisions of a draft (issue 12, review workflow).
 *
 * Words come from `Intl.Segmenter` (granularity 'word'), which follows the Unicode word-break rules
 * (UAX #29): a segment keeps its combining marks (harakat, shadda, superscript alef), tatweel and
 * attached clitics (و، ف، ب، ل، ال) with its letters, letters and digits run together (الـ90, و3,000),
 * and each run of whitespace or each punctuation mark is a token of its own. The token arrays are
 * then diffed, so a part can only start or end between two segments: never inside a word, never
 * between a letter (or a space) and its combining mark. (A mark with nothing before it, at the start
 * of the text or of a line, is a segment of its own: there is no letter to keep it with.)
 *
 * The diff itself is jsdiff (the `diff` package, kpdecker/jsdiff), through `diffArrays`:
 * - it is the well-kept choice: maintained releases (v8 rewrote it in TypeScript, 8.0.3/8.0.4 fixed
 *   its Intl.Segmenter word diff, v9 is current), BSD-3-Clause, no dependencies, native ESM, its own
 *   type definitions (`@types/diff` is now a deprecated stub), Myers' O(ND) algorithm with a
 *   `maxEditLength` cut-off so a full rewrite cannot hold the event loop for seconds;
 * - `diffArrays` diffs any token array, so the tokens are exactly the segmenter's. jsdiff's own
 *   `diffWords({ intlSegmenter })` is not used: it folds whitespace-only changes into the equal parts
 *   (taking the newer revision's spacing), so the older revision could not be rebuilt from the parts;
 * - diff-match-patch (an old port, 1.0.5, CommonJS, no types) and fast-diff (its character-level core)
 *   diff characters: a word diff needs the "tokens to private characters" trick on top, and their
 *   character output is precisely what would split a word or detach a haraka.
 */
import { diffArrays } from 'diff';
import type { DiffPart, Language, RevisionDiff } from '#contracts';

/** The fields of a revision that are diffed. */
export interface RevisionTexts {
  headline: string;
  body: string;
}

export interface RevisionDiffOptions {
  /** The draft's language: the segmenter's locale (ICU's word rules are the same for ar and en today). */
  language?: Language;
  /**
   * The most tokens (words, spaces, punctuation) a field's diff may insert plus delete before it
   * gives up on word detail: past it, the field's changed middle (between the common start and end)
   * is one delete and one insert. Myers' cost grows with the square of this: about 70 ms at 1,000.
   */
  maxEditLength?: number;
}

export const DEFAULT_MAX_EDIT_LENGTH = 1_000;

const segmenters = new Map<Language, Intl.Segmenter>();

function segmenterFor(language: Language): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** The text's word-break segments, in order: joined, they give the text back. */
export function wordTokens(text: string, language: Language = 'ar'): string[] {
  return Array.from(segmenterFor(language).segment(text), (segment) => segment.segment);
}

/** Headline and body of `from` against those of `to`. */
export function diffRevisionTexts(
  from: RevisionTexts,
  to: RevisionTexts,
  options: RevisionDiffOptions = {},
): RevisionDiff {
  return {
    headline: diffWordsOf(from.headline, to.headline, options),
    body: diffWordsOf(from.body, to.body, options),
  };
}

/** One field: equal, delete and insert parts, never empty, never two equal parts in a row. */
export function diffWordsOf(from: string, to: string, options: RevisionDiffOptions = {}): DiffPart[] {
  if (from === to) return from ? [{ op: 'equal', text: from }] : [];
  const language = options.language ?? 'ar';
  const before = wordTokens(from, language);
  const after = wordTokens(to, language);

  // The common start and end are trimmed first: cheap, and kept whole even when the middle is too
  // changed for a word-level diff.
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before[start] === after[start]) start++;
  let end = 0;
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const removed = before.slice(start, before.length - end);
  const added = after.slice(start, after.length - end);

  const changes = diffArrays(removed, added, {
    maxEditLength: options.maxEditLength ?? DEFAULT_MAX_EDIT_LENGTH,
  }) ?? [
    { value: removed, added: false, removed: true },
    { value: added, added: true, removed: false },
  ];

  const parts = new PartsBuilder();
  parts.equal(before.slice(0, start).join(''));
  for (const change of changes) {
    const text = change.value.join('');
    if (change.added) parts.insert(text);
    else if (change.removed) parts.delete(text);
    else parts.equal(text);
  }
  parts.equal(before.slice(before.length - end).join(''));
  return parts.finish();
}

/**
 * Collects the parts, merging as it goes: between two equal parts, every deleted token goes into
 * one delete part and every inserted one into one insert part after it, so a changed word (or run
 * of words) reads as one delete then one insert. Spaces left equal between two changes (in
 * «زار الوفد دمشق» → «استقبل الرئيس الوفد» one space matches) join the change on both sides, so
 * a rewritten phrase reads as one change too; the parts still rebuild both texts. A line break
 * stays equal: a change does not run across paragraphs.
 */
class PartsBuilder {
  private readonly parts: DiffPart[] = [];
  private deleted = '';
  private inserted = '';
  /** Spaces equal on both sides, right after a change: they join the change if another follows. */
  private held = '';

  delete(text: string): void {
    this.absorbHeld();
    this.deleted += text;
  }

  insert(text: string): void {
    this.absorbHeld();
    this.inserted += text;
  }

  equal(text: string): void {
    if (!text) return;
    if ((this.deleted || this.inserted) && /^[\p{Zs}\t]+$/u.test(this.held + text)) {
      this.held += text;
      return;
    }
    this.flush();
    const last = this.parts.at(-1);
    if (last?.op === 'equal') last.text += text;
    else this.parts.push({ op: 'equal', text });
  }

  finish(): DiffPart[] {
    this.flush();
    return this.parts;
  }

  private absorbHeld(): void {
    this.deleted += this.held;
    this.inserted += this.held;
    this.held = '';
  }

  private flush(): void {
    if (this.deleted) this.parts.push({ op: 'delete', text: this.deleted });
    if (this.inserted) this.parts.push({ op: 'insert', text: this.inserted });
    this.deleted = '';
    this.inserted = '';
    if (this.held) this.parts.push({ op: 'equal', text: this.held });
    this.held = '';
  }
}
