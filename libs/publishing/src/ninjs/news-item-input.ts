import type { Language } from '#contracts';

/** ninjs publication status: `canceled` is a withdrawn item, `withheld` one held back for now. */
export const PUB_STATUSES = ['usable', 'canceled', 'withheld'] as const;
export type PubStatus = (typeof PUB_STATUSES)[number];

export interface NewsItemAuthor {
  name: string;
  /** How the person made the item, e.g. 'reporter', 'photographer', 'translator'; `author` when absent. */
  role?: string;
}

/** What Copydesk knows of one released version of a story: the model `buildNinjsItem` turns into ninjs. */
export interface NewsItemInput {
  /** The story's identity, the same for every version: an absolute URI (e.g. `urn:copydesk:story:…`). */
  uri: string;
  /** 1 for the first release, then one more for each new version (correction, withdrawal…). */
  version: number;
  language: Language;
  /** Plain text, as typed; line breaks become spaces. */
  headline: string;
  /** Plain text, as typed: paragraphs separated by a blank line, line breaks kept inside one. */
  body: string;
  pubStatus: PubStatus;
  /** When version 1 was created. */
  firstCreated: Date;
  /** When this version was created; not before `firstCreated`. */
  versionCreated: Date;
  /** No use of any version before this instant; absent when the item is not embargoed. */
  embargoedUntil?: Date;
  authors: readonly NewsItemAuthor[];
  /** The desk or section the story runs in. */
  section?: string;
  /** A note to the receiving newsroom, not for publication: why a version corrects or withdraws the story. */
  note?: string;
}
