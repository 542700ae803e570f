import type { Language, PublicationEventName, ReleasedPubStatus } from '#contracts';

/** Why a version was released (#contracts' list): the first one, a correction, or a withdrawal. */
export type PublicationEvent = PublicationEventName;

/** One version of a story as a release writes it, in the transaction of its transition. */
export interface NewPublication {
  version: number;
  event: PublicationEvent;
  pubStatus: ReleasedPubStatus;
  uri: string;
  language: Language;
  headline: string;
  body: string;
  /** The document's sequence number of the text released. */
  seq: number;
  /** The IPTC ninjs 3.1 item; its `versionCreated` is `publishedAt`. */
  ninjs: unknown;
  html: string;
  embargoedUntil: Date | null;
  firstCreated: Date;
  /** Millisecond precision: it is stored exactly and the item carries it. */
  publishedAt: Date;
  /** Null: the scheduler. */
  publishedBy: string | null;
  /** The editor's note for the version (a correction's or withdrawal's reason). */
  note: string | null;
}

export interface PublicationRecord extends NewPublication {
  id: string;
  draftId: string;
  deskId: string;
  /** The publisher's display name; null for the scheduler (or a user who no longer exists). */
  publishedByName: string | null;
  /** Its place in the feed: larger for every later commit. */
  position: number;
}

/** What a transition needs to know of the story's latest version, read under the draft's row lock. */
export type LatestPublication = Pick<
  PublicationRecord,
  'id' | 'version' | 'pubStatus' | 'headline' | 'body' | 'seq' | 'language' | 'firstCreated' | 'embargoedUntil'
>;

/** An embargoed release waiting for its time. */
export interface ReleaseJob {
  id: string;
  draftId: string;
  runAt: Date;
  /** The kept revision (its number) the release publishes: the copy made when it was scheduled. */
  revision: number;
}

/** A feed page request: newest first, `before` a position (the cursor), `after` one (the poller's since). */
export interface FeedQuery {
  deskIds: readonly string[];
  after: number | null;
  before: number | null;
  limit: number;
}
