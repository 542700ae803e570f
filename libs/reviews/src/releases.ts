import type { ReviewState } from '#contracts';
import { decideReleasedVersion, type ReleasedVersion } from '#domain';
import type { NewPublication, PublicationRecord, ReviewDraftRow } from '#persistence';

/** The text a version carries: the settled text on publish, the kept copy on a scheduled release. */
export interface ReleaseText {
  headline: string;
  body: string;
  seq: number;
}

/** One version to store, as the review workflow decided it. */
export interface ReleaseRequest {
  /** The draft as locked by the transition. */
  draft: ReviewDraftRow;
  released: ReleasedVersion;
  text: ReleaseText;
  /** Set only on a release that waited for its embargo. */
  embargoedUntil: Date | null;
  firstCreated: Date;
  publishedAt: Date;
  /** Null: the scheduler. */
  publishedBy: string | null;
  /** The editor's reason (a correction's, a withdrawal's). */
  note: string | null;
}

/**
 * What stores a version: publishing's (the ninjs item and its HTML) registers one. `prepare`
 * reads, before the transaction, what a version needs that the transition does not lock (the
 * authors' names, the desk's name); `build` then runs inside it and must not do I/O.
 */
export interface ReleaseWriter {
  prepare(draftId: string): Promise<{ build(request: ReleaseRequest): NewPublication }>;
  /** After a version committed (its webhook deliveries with it): e.g. send them now rather than at the next poll. */
  released?(publication: PublicationRecord): void;
  /** After a draft was scheduled: e.g. plan the release for its time rather than at the next poll. */
  scheduled?(draftId: string, at: Date): void;
}

export type PreparedRelease = Awaited<ReturnType<ReleaseWriter['prepare']>>;

/**
 * The version a transition to `to` releases, or null (docs/publishing.md): built from `fresh`
 * (the text being published), or for a withdrawal from the story's latest version.
 */
export function releaseFor(
  prepared: PreparedRelease | null,
  input: {
    draft: ReviewDraftRow;
    to: ReviewState;
    fresh: ReleaseText | null;
    embargoedUntil: Date | null;
    publishedBy: string | null;
    note: string | null;
    at: Date;
  },
): NewPublication | null {
  const latest = input.draft.latestPublication;
  const released = decideReleasedVersion({ to: input.to, latest });
  if (!prepared || !released) return null;
  const text = released.event === 'withdrawn' ? latest : input.fresh;
  if (!text) throw new Error(`a ${released.event} version needs its text`);
  return prepared.build({
    draft: input.draft,
    released,
    text: { headline: text.headline, body: text.body, seq: text.seq },
    embargoedUntil: input.embargoedUntil,
    firstCreated: latest?.firstCreated ?? input.at,
    publishedAt: input.at,
    publishedBy: input.publishedBy,
    note: input.note,
  });
}
