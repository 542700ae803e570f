import { Injectable } from '@nestjs/common';
import type { AuthUser } from '#auth';
import { DraftClaimsService, type SettledDraft } from '#claims';
import { DocumentManager } from '#collab';
import type {
  ReviewAction,
  ReviewActionRequest,
  ReviewEvent,
  ReviewHistory,
  ReviewLogAction,
  ReviewOutcome,
  ReviewQueuePage,
  ReviewQueueQuery,
  ReviewState,
  RevisionClaim,
  RevisionDiff,
  RevisionSummaryView,
  RevisionView,
} from '#contracts';
import { assertPublishGate, decideRelease, decideTransition, DomainError, isReviewAction } from '#domain';
import { DraftAccessService, reviewStatusOf } from '#drafts';
import {
  ClaimsRepository,
  DraftsRepository,
  MAX_REVIEW_EVENTS_PAGE,
  ReviewsRepository,
  type ReviewDraftRow,
  type RevisionKind,
  type ReleaseJob,
  type RevisionSummary,
  type TransitionResult,
  type TransitionWrite,
} from '#persistence';
import { releaseFor, type PreparedRelease, type ReleaseWriter } from './releases.js';
import { SILENT_REVIEW_EVENTS, type ReviewEvents } from './review-events.js';
import { ReviewQueue } from './review-queue.js';
import { diffRevisionTexts } from './revision-diff.js';
import { textHash } from './text-hash.js';
import { toGateClaim } from './gate-claims.js';

/** The actions that keep a full copy of the draft, and what the copy is called. */
const COPIED: Partial<Record<ReviewAction, RevisionKind>> = {
  submit: 'submitted',
  approve: 'approved',
  publish: 'published',
};

/** The actions that may release a version (the scheduler's release aside). */
const RELEASING: readonly ReviewAction[] = ['publish', 'withdraw'];

/** States in which an approval still stands: leaving them (reopen, request changes, correct) drops it. */
const APPROVAL_STANDS: readonly ReviewState[] = ['approved', 'scheduled', 'published'];

/** An embargoed draft the scheduler released, and how late. */
export interface ScheduledRelease {
  draftId: string;
  publicationId: string | null;
  /** From the embargo's end to the release's commit, by the database's clock. */
  lagMs: number;
}

/**
 * Review transitions (docs/architecture.md, "Where each feature lives"): the rules decide, the
 * repository applies them in one transaction under the draft's row lock. Approve and publish
 * check the gate against the text they copy, and refuse when an update was stored after that
 * text was read: an approval pins exactly the revision the gate saw, and the body is locked from
 * the same commit on (update commits wait for the row lock, then find the draft approved).
 */
@Injectable()
export class ReviewsService {
  private events: ReviewEvents = SILENT_REVIEW_EVENTS;
  private releases: ReleaseWriter | null = null;
  private readonly queueReader: ReviewQueue;

  constructor(
    private readonly reviews: ReviewsRepository,
    private readonly access: DraftAccessService,
    private readonly claims: DraftClaimsService,
    private readonly drafts: DraftsRepository,
    claimRecords: ClaimsRepository,
    private readonly documents: DocumentManager,
  ) {
    this.queueReader = new ReviewQueue(drafts, claimRecords);
  }

  /**
   * The draft's review status as the `review` event tells it, from its latest transition: sent to
   * a connection whose update was refused LOCKED before the refusal, so that every connection
   * hears why its body is locked before any refusal could reach it.
   */
  async currentStatus(draftId: string): Promise<ReviewEvent | null> {
    const [draft, latest] = await Promise.all([this.drafts.findById(draftId), this.reviews.latestTransition(draftId)]);
    if (!draft || !latest) return null;
    return {
      draftId,
      ...reviewStatusOf(draft),
      by: latest.actorId ?? 'scheduler',
      byName: latest.actorName,
      at: latest.at.toISOString(),
      ...(latest.reason ? { reason: latest.reason } : {}),
    };
  }

  /** Drafts in review on the caller's desks, with the gate's blocker counts. */
  queue(user: AuthUser, query: ReviewQueueQuery): Promise<ReviewQueuePage> {
    return this.queueReader.page(user, query);
  }

  useEvents(events: ReviewEvents): void {
    this.events = events;
  }

  /** Publishing registers how a version is stored; without one, transitions release nothing. */
  useReleases(releases: ReleaseWriter): void {
    this.releases = releases;
  }

  async transition(
    user: AuthUser,
    draftId: string,
    action: string,
    request: ReviewActionRequest,
    now: Date,
  ): Promise<ReviewOutcome> {
    const { draft } = await this.access.require(user, draftId, 'view');
    if (!isReviewAction(action)) throw new DomainError('NOT_FOUND', `No review action ${action}`);
    const actor = { role: user.role, isAuthor: draft.authorIds.includes(user.id) };
    const input = { action, actor, reason: request.reason ?? null, embargoUntil: embargoOf(request), now };
    // Refused before anything is read or copied: role, state and inputs as the draft stands.
    decideTransition({ ...input, state: draft.reviewState });
    // Fenced: whatever the room was sent before its commit is stored before the gate reads the
    // text, and nothing goes to the room early until this transition's lock is known.
    const result = await this.documents.fence(draftId, () => this.transact(user, draftId, action, input));
    this.announce(result, user.id);
    return outcomeOf(result);
  }

  private async transact(
    user: AuthUser,
    draftId: string,
    action: ReviewAction,
    input: Omit<Parameters<typeof decideTransition>[0], 'state'>,
  ): Promise<TransitionResult> {
    const copy = COPIED[action];
    const settled = copy ? await this.claims.settled(draftId) : null;
    const hash = settled && textHash(settled.text);
    const prepared = RELEASING.includes(action) ? await this.prepareRelease(draftId) : null;
    const result = await this.reviews.transition(draftId, (row): TransitionWrite => {
      const decision = decideTransition({ ...input, state: row.reviewState });
      if (settled && row.headSeq !== settled.seq) {
        throw new DomainError('CONFLICT', 'The draft changed while it was being checked; try again', {
          reason: 'changed',
          checked: settled.seq,
          current: row.headSeq,
        });
      }
      if (settled && (action === 'approve' || action === 'publish')) {
        assertPublishGate({
          headline: settled.text.headline,
          body: settled.text.body,
          claims: settled.claims.map(toGateClaim),
          approvedRevision: approvedOf(row),
          current: { seq: settled.seq, textHash: hash! },
          checking: action,
        });
      }
      const approval =
        action === 'approve'
          ? { approvedSeq: settled!.seq, approvedHash: hash }
          : APPROVAL_STANDS.includes(decision.to)
            ? { approvedSeq: row.approvedSeq, approvedHash: row.approvedHash }
            : { approvedSeq: null, approvedHash: null };
      return {
        reviewState: decision.to,
        ...approval,
        embargoUntil: decision.embargoUntil,
        reason: decision.reason,
        event: { actorId: user.id, action, revision: settled?.seq ?? row.headSeq },
        revision: settled && copy ? copyOf(copy, settled, hash!, user.id) : null,
        publication: releaseFor(prepared, {
          draft: row,
          to: decision.to,
          fresh: settled && { ...settled.text, seq: settled.seq },
          embargoedUntil: null,
          publishedBy: user.id,
          note: decision.reason,
          at: input.now,
        }),
      };
    });
    if (!result) throw new DomainError('NOT_FOUND', 'No such draft');
    return result;
  }

  /**
   * Releases embargoed drafts whose time has come (docs/publishing.md, "Embargo"): each in its
   * own transaction that claims the job, so of several instances exactly one releases a draft.
   * The version carries the copy kept when the draft was scheduled (its body was locked since).
   */
  async releaseDue(limit: number): Promise<ScheduledRelease[]> {
    const released: ScheduledRelease[] = [];
    for (const job of await this.reviews.dueReleases(limit)) {
      const result = await this.releaseOne(job);
      if (!result) continue;
      this.announce(result, 'scheduler');
      released.push({
        draftId: job.draftId,
        publicationId: result.publication?.id ?? null,
        lagMs: result.event.at.getTime() - job.runAt.getTime(),
      });
    }
    return released;
  }

  /** Milliseconds until the next pending embargoed release, by the database's clock; null when none. */
  nextReleaseInMs(): Promise<number | null> {
    return this.reviews.nextReleaseInMs();
  }

  /** For metrics: embargoed releases that are due and not yet out. */
  releaseBacklog(): Promise<{ due: number; oldestOverdueSeconds: number }> {
    return this.reviews.releaseBacklog();
  }

  private async releaseOne(job: ReleaseJob): Promise<TransitionResult | null> {
    const [prepared, copy] = await Promise.all([
      this.prepareRelease(job.draftId),
      this.reviews.revision(job.draftId, job.revision),
    ]);
    return this.reviews.release(job, (row, now): TransitionWrite | null => {
      if (row.reviewState !== 'scheduled' || !copy) return null;
      const { to } = decideRelease({ state: row.reviewState, embargoUntil: row.embargoUntil, now });
      return {
        reviewState: to,
        approvedSeq: row.approvedSeq,
        approvedHash: row.approvedHash,
        embargoUntil: row.embargoUntil,
        reason: null,
        event: { actorId: null, action: 'release', revision: copy.seq },
        revision: null,
        publication: releaseFor(prepared, {
          draft: row,
          to,
          fresh: copy,
          embargoedUntil: row.embargoUntil,
          publishedBy: null,
          note: null,
          at: now,
        }),
      };
    });
  }

  private prepareRelease(draftId: string): Promise<PreparedRelease> | null {
    return this.releases?.prepare(draftId) ?? null;
  }

  /** Tells everyone in the draft, on every instance, the state it has now. */
  private announce({ draft, event, publication }: TransitionResult, by: string): void {
    if (publication) this.releases?.released?.(publication);
    if (draft.reviewState === 'scheduled' && draft.embargoUntil)
      this.releases?.scheduled?.(draft.id, draft.embargoUntil);
    this.events.reviewChanged({
      draftId: draft.id,
      ...reviewStatusOf(draft),
      by,
      byName: event.actorName,
      at: event.at.toISOString(),
      ...(event.reason ? { reason: event.reason } : {}),
    });
  }

  /** The review state and its log (transitions, verdicts, findings set aside), oldest first. */
  async history(user: AuthUser, draftId: string, actorId?: string): Promise<ReviewHistory> {
    const { draft } = await this.access.require(user, draftId, 'view');
    const events = await this.reviews.events(draftId, { actorId, limit: MAX_REVIEW_EVENTS_PAGE });
    return {
      ...reviewStatusOf(draft),
      history: events.map((event) => ({
        id: event.id,
        at: event.at.toISOString(),
        actorId: event.actorId,
        actorName: event.actorName,
        kind: event.kind,
        // Only transitions write an action: a review action, or the scheduler's release.
        action: event.action as ReviewLogAction | null,
        from: event.fromState,
        to: event.toState,
        revision: event.revision,
        reason: event.reason,
        claimId: event.claimId,
        details: event.details,
      })),
    };
  }

  /** The draft's kept copies, oldest first, without their text. */
  async revisions(user: AuthUser, draftId: string): Promise<RevisionSummaryView[]> {
    await this.access.require(user, draftId, 'view');
    return (await this.reviews.revisions(draftId)).map(summaryView);
  }

  /** One kept copy in full: its headline, body, and claims as they stood. */
  async revision(user: AuthUser, draftId: string, number: number): Promise<RevisionView> {
    await this.access.require(user, draftId, 'view');
    const revision = await this.reviews.revision(draftId, number);
    if (!revision) throw new DomainError('NOT_FOUND', `No revision ${number} of this draft`);
    const { id, headline, body, claims } = revision;
    // Stored as copyOf wrote them: the DraftClaims of the moment without their suggestions.
    return {
      ...summaryView(revision),
      id,
      draftId,
      headline,
      body,
      claims: (claims as RevisionClaim[]).map(keptClaim),
    };
  }

  /** Word by word, from one kept revision to another (no change splits a word or a combining mark). */
  async diff(user: AuthUser, draftId: string, from: number, to: number): Promise<RevisionDiff> {
    const { draft } = await this.access.require(user, draftId, 'view');
    const [before, after] = await Promise.all([
      this.reviews.revision(draftId, from),
      this.reviews.revision(draftId, to),
    ]);
    if (!before || !after) throw new DomainError('NOT_FOUND', `No revision ${!before ? from : to} of this draft`);
    return diffRevisionTexts(before, after, { language: draft.language });
  }
}

function embargoOf(request: ReviewActionRequest): Date | null {
  if (request.embargoUntil === undefined) return null;
  const at = new Date(request.embargoUntil);
  if (Number.isNaN(at.getTime())) throw new DomainError('VALIDATION_FAILED', 'embargoUntil: not an ISO 8601 instant');
  return at;
}

function outcomeOf({ draft, publication }: TransitionResult): ReviewOutcome {
  const { state, revision, embargoUntil } = reviewStatusOf(draft);
  return {
    state,
    revision,
    approvedSeq: draft.approvedSeq,
    embargoUntil,
    publication: publication && { id: publication.id, version: publication.version, event: publication.event },
  };
}

/** The listed fields of a kept copy, its time as ISO 8601. */
function summaryView(revision: RevisionSummary): RevisionSummaryView {
  const { number, kind, seq, createdAt, createdBy, createdByName } = revision;
  return {
    number,
    kind,
    seq,
    textHash: revision.textHash,
    createdAt: createdAt.toISOString(),
    createdBy,
    createdByName,
  };
}

/** A kept claim in today's shape: copies kept before findings' dismissals carried a name have none (null). */
function keptClaim(claim: RevisionClaim): RevisionClaim {
  if (!claim.findings.some((finding) => finding.dismissed && finding.dismissed.byName === undefined)) return claim;
  return {
    ...claim,
    findings: claim.findings.map((finding) =>
      finding.dismissed
        ? { ...finding, dismissed: { ...finding.dismissed, byName: finding.dismissed.byName ?? null } }
        : finding,
    ),
  };
}

function approvedOf(row: ReviewDraftRow) {
  return row.approvedSeq !== null && row.approvedHash !== null
    ? { seq: row.approvedSeq, textHash: row.approvedHash }
    : null;
}

function copyOf(kind: RevisionKind, settled: SettledDraft, hash: string, createdBy: string) {
  return {
    kind,
    seq: settled.seq,
    textHash: hash,
    headline: settled.text.headline,
    body: settled.text.body,
    // The claims as they stood, verdicts included; suggestions belong to the moment, not the copy.
    claims: settled.claims.map(({ suggestions: _suggestions, ...claim }): RevisionClaim => claim),
    createdBy,
  };
}
