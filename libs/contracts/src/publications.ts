/**
 * Released versions as clients see them (issue 13): `GET /api/drafts/:id/publications`, one
 * version, and the feed `GET /api/publications`. docs/publishing.md tells the rules.
 */
import type { Language, Page } from './api.js';

/** Why a version was released. Webhook endpoints subscribe to these. */
export const PUBLICATION_EVENT_NAMES = ['published', 'corrected', 'withdrawn'] as const;
export type PublicationEventName = (typeof PUBLICATION_EVENT_NAMES)[number];

/** The ninjs `pubStatus` of a released version: `canceled` for a withdrawal. */
export type ReleasedPubStatus = 'usable' | 'canceled';

export interface Publication {
  id: string;
  draftId: string;
  deskId: string;
  /** 1, 2, …: the same `uri` for every version of one story. */
  version: number;
  uri: string;
  event: PublicationEventName;
  pubStatus: ReleasedPubStatus;
  language: Language;
  headline: string;
  /** Its place in the feed; the feed's `since` takes one. */
  position: number;
  /** ISO 8601: the item's `versionCreated`. */
  publishedAt: string;
  /** Null: released by the scheduler at the embargo's end. */
  publishedBy: string | null;
  /** `publishedBy`'s display name; null for the scheduler (or a user who no longer exists). */
  publishedByName: string | null;
  embargoedUntil: string | null;
  /** The editor's reason for a correction or a withdrawal; the item's `edNote`. */
  note: string | null;
  /** The IPTC ninjs 3.1 news item. */
  ninjs: Record<string, unknown>;
  /** The headline and body as HTML, every character of the text escaped. */
  html: string;
}

/** A feed page: newest first. `head` is the feed's latest position, a poller's next `since`. */
export interface PublicationFeedPage extends Page<Publication> {
  head: number;
}

/** `GET /api/publications` query. */
export interface PublicationFeedQuery {
  /** One of the caller's desks; another desk gives an empty feed. */
  deskId?: string;
  /** A feed position (an earlier page's `head`): only later releases. */
  since?: number;
  /** The previous page's `nextCursor`: older releases. */
  cursor?: string;
  /** 1 to 100; 20 when absent. */
  limit?: number;
}
