import { Injectable } from '@nestjs/common';
import type * as Y from 'yjs';
import type { AuthUser } from '#auth';
import { DocumentManager, readDocumentText, type DocumentText, type LiveDocument } from '#collab';
import type {
  ClaimsQueuePage,
  ClaimsQueueQuery,
  ClaimSuggestion,
  DraftClaim,
  ExtractedClaim,
  TagClaimRequest,
  VerdictRequest,
} from '#contracts';
import { canCheckClaims, checkVerdict, DomainError, extractClaims, memoryKeyOf } from '#domain';
import { DraftAccessService } from '#drafts';
import { ClaimsRepository, type ClaimRecord, type SuggestionRecord } from '#persistence';
import { BodyPositions } from './body-positions.js';
import { anchorSpan, resolveSpan, type ResolvedSpan } from './claim-anchors.js';
import { SILENT_CLAIMS_EVENTS, type ClaimsEvents } from './claims-events.js';
import { ClaimsReconciler } from './claims-reconciler.js';
import { ClaimsQueue } from './claims-queue.js';
import { toDraftClaim, toVerdict as toVerdictView } from './claim-views.js';

const NO_CLAIM = 'No such claim in this draft';

/** A draft's text at one document state, and its open claims as of it. */
export interface SettledDraft {
  seq: number;
  text: DocumentText;
  claims: DraftClaim[];
}

/** One reconciliation that ran (not skipped): in all, and in the extractor and rules. */
export interface ReconcileTiming {
  seconds: number;
  extractSeconds: number;
}

/**
 * What people do with a draft's claims: read them (positions resolved against the live
 * document), tag a span, give verdicts, set findings aside, work through the queue. Every change
 * is announced to the draft's sessions as the `claims` event.
 */
@Injectable()
export class DraftClaimsService {
  private events: ClaimsEvents = SILENT_CLAIMS_EVENTS;
  private readonly timings = new Set<(timing: ReconcileTiming) => void>();
  private readonly queueReader: ClaimsQueue;

  constructor(
    private readonly claims: ClaimsRepository,
    private readonly access: DraftAccessService,
    private readonly documents: DocumentManager,
    private readonly reconciler: ClaimsReconciler,
  ) {
    this.queueReader = new ClaimsQueue(claims);
  }

  /** Hears how long each reconciliation that did its work took (metrics). */
  onReconciled(listener: (timing: ReconcileTiming) => void): void {
    this.timings.add(listener);
  }

  /** The edge tells us how to reach sessions once its socket server exists. */
  useEvents(events: ClaimsEvents): void {
    this.events = events;
  }

  /** The open claims, brought level with the document first, positions resolved now. */
  async list(user: AuthUser, draftId: string): Promise<DraftClaim[]> {
    await this.access.require(user, draftId, 'view');
    const { records, spans } = await this.withLive(draftId, async (live) => {
      await this.reconcile(draftId, live.watermark, () => live.doc);
      const active = await this.claims.active(draftId);
      return { records: active, spans: spansIn(live.doc, active) };
    });
    const suggestions = await this.suggestionsFor(records, [...user.deskIds], draftId);
    return records.map((record) => toDraftClaim(record, suggestions(record), spans.get(record.id) ?? null));
  }

  async one(user: AuthUser, draftId: string, claimId: string): Promise<DraftClaim> {
    await this.access.require(user, draftId, 'view');
    const record = await this.claims.one(draftId, claimId);
    if (!record) throw new DomainError('NOT_FOUND', NO_CLAIM);
    // A closed claim is shown as it was when it closed: its anchors cover nothing now.
    const span = record.closedAt ? null : ((await this.resolveNow(draftId, [record])).get(record.id) ?? null);
    const suggestions = await this.suggestionsFor([record], [...user.deskIds], draftId);
    return toDraftClaim(record, suggestions(record), span);
  }

  /**
   * The draft's text as of its latest applied update, with its open claims brought level with
   * it: what a review transition checks and copies. UNAVAILABLE while relay messages are missing.
   */
  async settled(draftId: string): Promise<SettledDraft> {
    return this.withLive(draftId, async (live) => {
      if (live.hasGap)
        throw new DomainError('UNAVAILABLE', 'The draft is catching up with the store; try again shortly');
      const seq = live.watermark;
      const text = readDocumentText(live.doc);
      await this.reconcile(draftId, seq, () => live.doc);
      return { seq, text, claims: (await this.claims.active(draftId)).map((record) => toDraftClaim(record)) };
    });
  }

  /** The open claims for a join answer: positions as last reconciled (the client resolves the anchors). */
  async forJoin(draftId: string, deskId: string): Promise<DraftClaim[]> {
    const records = await this.claims.active(draftId);
    const suggestions = await this.suggestionsFor(records, [deskId], draftId);
    return records.map((record) => toDraftClaim(record, suggestions(record)));
  }

  /** Tags a span of the current body as a claim (fact-checkers and editors). */
  async tag(user: AuthUser, draftId: string, request: TagClaimRequest): Promise<DraftClaim> {
    const { draft } = await this.access.require(user, draftId, 'view');
    this.requireChecker(user);
    const placed = await this.withLive(draftId, (live) => placeSpan(live.doc, request));
    const found: ExtractedClaim | undefined = extractClaims(placed.span.text, {
      language: draft.language,
      now: draft.createdAt, // as the reconciler reads the draft
    }).claims[0];
    const kind = request.kind ?? found?.kind ?? null;
    const value = found && found.kind === kind && found.text === placed.span.text ? found.value : null;
    const record = await this.claims.insertManual(draftId, {
      kind,
      origin: 'manual',
      anchor: placed.anchors.anchor,
      head: placed.anchors.head,
      text: placed.span.text,
      startOffset: placed.span.start,
      endOffset: placed.span.end,
      value,
      subject: null,
      memoryKey: kind ? memoryKeyOf({ kind, value, subject: null, text: placed.span.text }) : null,
      note: request.note?.trim() || null,
      createdBy: user.id,
      findings: [],
    });
    return this.announced(user, draft.deskId, record, placed.span);
  }

  async giveVerdict(user: AuthUser, draftId: string, claimId: string, request: VerdictRequest): Promise<DraftClaim> {
    const { draft } = await this.access.require(user, draftId, 'view');
    const verdict = checkVerdict(user.role, request);
    const claim = await this.claims.one(draftId, claimId);
    if (!claim || claim.closedAt) throw new DomainError('NOT_FOUND', NO_CLAIM);
    if (verdict.citesVerdictId) await this.requireVisibleVerdict(user, verdict.citesVerdictId);
    // The verdict is on the text as it stands now: staleness is measured from it.
    const span = (await this.resolveNow(draftId, [claim])).get(claim.id) ?? null;
    const record = await this.claims.addVerdict(draftId, claimId, {
      ...verdict,
      byUserId: user.id,
      text: span?.text ?? claim.text,
    });
    if (!record) throw new DomainError('NOT_FOUND', NO_CLAIM);
    return this.announced(user, draft.deskId, record, span);
  }

  async dismissFinding(
    user: AuthUser,
    draftId: string,
    claimId: string,
    findingId: string,
    reason: string,
  ): Promise<DraftClaim> {
    const { draft } = await this.access.require(user, draftId, 'view');
    this.requireChecker(user);
    if (reason.trim().length === 0)
      throw new DomainError('VALIDATION_FAILED', 'reason: say why the finding is set aside');
    const record = await this.claims.dismissFinding(draftId, claimId, findingId, {
      byUserId: user.id,
      reason: reason.trim(),
    });
    if (!record || !record.findings.some((finding) => finding.id === findingId)) {
      throw new DomainError('NOT_FOUND', 'No such finding on this claim');
    }
    return this.announced(user, draft.deskId, record, null);
  }

  queue(user: AuthUser, query: ClaimsQueueQuery): Promise<ClaimsQueuePage> {
    return this.queueReader.page(user, query);
  }

  /**
   * Brings the draft's claims level with its document as of `seq` (skipped when that is done
   * already, here or on another instance) and announces what changed, once.
   */
  async reconcile(draftId: string, seq: number, doc: () => Y.Doc): Promise<void> {
    const started = performance.now();
    const reconciled = await this.reconciler.reconcile(draftId, seq, doc);
    if (!reconciled) return;
    const timing = { seconds: (performance.now() - started) / 1000, extractSeconds: reconciled.extractSeconds };
    for (const listener of this.timings) listener(timing);
    const { deskId } = reconciled;
    if (reconciled.changed.length === 0 && reconciled.closed.length === 0) return;
    const suggestions = await this.suggestionsFor(reconciled.changed, [deskId], draftId);
    this.events.claimsChanged({
      draftId,
      changed: reconciled.changed.map((record) => toDraftClaim(record, suggestions(record))),
      closed: reconciled.closed,
    });
  }

  /**
   * Announces a claim someone changed (tagged, gave a verdict, set a finding aside) and answers it
   * to them, each with its newsroom-memory suggestions, which depend on who reads them: the
   * `claims` event those of the draft's desk (everyone in the room may see that desk, as for the
   * join answer), the answer those of the caller's desks (as every REST read). The change is
   * stored already: should the suggestions not be read, both go without them rather than fail.
   */
  private async announced(
    user: AuthUser,
    deskId: string,
    record: ClaimRecord,
    span: ResolvedSpan | null,
  ): Promise<DraftClaim> {
    const callerDesks = [...user.deskIds];
    const sameDesks = callerDesks.length === 1 && callerDesks[0] === deskId;
    const none = (): ClaimSuggestion[] => [];
    const [forRoom, forCaller] = await Promise.all([
      this.suggestionsFor([record], [deskId], record.draftId).catch(() => none),
      sameDesks ? null : this.suggestionsFor([record], callerDesks, record.draftId).catch(() => none),
    ]);
    const changed = toDraftClaim(record, forRoom(record), span);
    this.events.claimsChanged({ draftId: record.draftId, changed: [changed], closed: [] });
    return forCaller ? toDraftClaim(record, forCaller(record), span) : changed;
  }

  private requireChecker(user: AuthUser): void {
    if (!canCheckClaims(user.role)) {
      throw new DomainError('FORBIDDEN', 'Only fact-checkers and editors tag claims and record verdicts');
    }
  }

  private async requireVisibleVerdict(user: AuthUser, verdictId: string): Promise<void> {
    const cited = await this.claims.findVerdict(verdictId);
    if (!cited || !user.deskIds.has(cited.deskId)) throw new DomainError('NOT_FOUND', 'No such verdict to cite');
  }

  /** Earlier verdicts on the same claims in other drafts of these desks, per claim. */
  private async suggestionsFor(
    records: ClaimRecord[],
    deskIds: string[],
    draftId: string,
  ): Promise<(record: ClaimRecord) => ClaimSuggestion[]> {
    const keys = [...new Set(records.flatMap((record) => (record.memoryKey ? [record.memoryKey] : [])))];
    const found: Map<string, SuggestionRecord[]> =
      keys.length > 0 ? await this.claims.suggestions(keys, deskIds, draftId) : new Map();
    return (record) =>
      (record.memoryKey ? (found.get(record.memoryKey) ?? []) : []).map((suggestion) => ({
        draftId: suggestion.draftId,
        claimId: suggestion.claimId,
        verdict: toVerdictView(suggestion.verdict),
      }));
  }

  private resolveNow(draftId: string, records: ClaimRecord[]): Promise<Map<string, ResolvedSpan>> {
    return this.withLive(draftId, (live) => spansIn(live.doc, records));
  }

  /** Runs `work` on the draft's live document, loading it if needed; NOT_FOUND when there is no such draft. */
  private async withLive<T>(draftId: string, work: (live: LiveDocument) => T | Promise<T>): Promise<T> {
    const live = await this.documents.acquire(draftId);
    if (!live) throw new DomainError('NOT_FOUND', 'No such draft');
    try {
      return await work(live);
    } finally {
      this.documents.release(live);
    }
  }
}

/** Where each claim's anchors sit in the document now, and what they cover. */
function spansIn(doc: Y.Doc, records: ClaimRecord[]): Map<string, ResolvedSpan> {
  const body = BodyPositions.of(doc);
  return new Map(records.map((record) => [record.id, resolveSpan(body, record)]));
}

/** The span a tag request names, checked against the body as it is now. */
function placeSpan(doc: Y.Doc, request: TagClaimRequest) {
  const body = BodyPositions.of(doc);
  if (request.anchor && request.head) {
    const span = resolveSpan(body, { anchor: request.anchor, head: request.head });
    if (span.start === span.end)
      throw new DomainError('VALIDATION_FAILED', 'anchor/head: the span is empty or not in the body');
    return { span, anchors: anchorSpan(body, span.start, span.end) };
  }
  const { start, end } = request;
  if (start === undefined || end === undefined) {
    throw new DomainError('VALIDATION_FAILED', 'Give the span as start and end, or as anchor and head');
  }
  if (!(start < end && end <= body.text.length)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `start/end: the span ${start}–${end} is outside the body (0–${body.text.length})`,
    );
  }
  return { span: { start, end, text: body.text.slice(start, end) }, anchors: anchorSpan(body, start, end) };
}
