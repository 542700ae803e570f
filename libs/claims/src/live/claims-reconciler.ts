import { Injectable } from '@nestjs/common';
import type * as Y from 'yjs';
import type { ExtractClaimsResponse } from '#contracts';
import { extractClaimsInSteps, memoryKeyOf, reconcileClaims, type TrackedClaim } from '#domain';
import { ClaimsRepository, type ClaimRecord, type ClaimWrites, type ReconcilingDraft } from '#persistence';
import { inOneGo, inSlices } from '../in-slices.js';
import { BodyPositions } from './body-positions.js';
import { anchorSpan, resolveSpan } from './claim-anchors.js';
import { movedOnly } from './moved-claims.js';

/** What one reconciliation changed, for the `claims` event. */
export interface ReconciledClaims {
  /** The draft's desk: who may see the changes' newsroom-memory suggestions. */
  deskId: string;
  /** New claims, and those that changed more than their offsets (see movedOnly). */
  changed: ClaimRecord[];
  closed: string[];
  /** Time spent reading the text, in the extractor and in the rules (CPU time, waits left out), in seconds. */
  extractSeconds: number;
}

/** How many drafts' reached seqs an instance remembers (about 200 bytes each). */
const REMEMBERED_DRAFTS = 10_000;

/** What an instance remembers of a draft's last reconcile. */
interface Reached {
  seq: number;
  /**
   * The draft's facts as that reconcile read them under the lock, when this instance ran it;
   * null when it learnt of the seq from the database (another instance reconciles the draft).
   */
  facts: ReconcilingDraft | null;
}

/** The body as one reconcile read it, and what the extractor found there. */
interface Reading {
  body: BodyPositions;
  /** The draft's facts the extractor was given (a reconcile checks they still hold). */
  facts: ReconcilingDraft;
  extracted: ExtractClaimsResponse;
  busyMs: number;
}

/**
 * Brings a draft's claims level with its document: resolves every open claim's anchors, runs the
 * extractor over the body, and lets the pure rules (reconcileClaims) decide what is kept, what is
 * new, what went stale and what is closed. Exactly once per document state across instances:
 * the repository locks the draft and skips a state already reconciled.
 */
@Injectable()
export class ClaimsReconciler {
  /**
   * The seq each draft's claims are known to be reconciled to (here or, as a skip showed, on
   * another instance). The stored seq only grows, so a reconcile at or below it would be skipped
   * by the repository anyway: it is skipped here without a round trip.
   */
  private readonly reached = new Map<string, Reached>();

  constructor(private readonly claims: ClaimsRepository) {}

  /**
   * The draft's facts and reconciled seq are read first, without a lock (a state reconciled
   * already, here or elsewhere, is skipped before any work), unless this instance ran the draft's
   * last reconcile: then it knows both, and the lock reads the facts again anyway (a draft whose
   * language changed meanwhile is extracted again there). Under continuous typing that is every
   * reconcile but the first, one round trip fewer each (docs/benchmarks.md). The body is then read
   * once and extracted in slices before the draft's lock is taken, so that the slices hold neither
   * a lock nor a database connection (docs/claims.md, "Extraction and the event loop"); the rules
   * run inside the lock against that reading. Year-less dates are placed from the day the draft was
   * started, not from today: the same text reads the same however late someone checks it, so
   * re-extraction never changes a value by itself.
   */
  async reconcile(draftId: string, seq: number, doc: () => Y.Doc): Promise<ReconciledClaims | null> {
    const reached = this.reached.get(draftId);
    if (reached && reached.seq >= seq) return null;
    const facts = reached?.facts ?? (await this.unlessReached(draftId, seq));
    if (!facts) return null;
    const reading = await read(doc(), facts);
    let locked = null as ReconcilingDraft | null; // the facts `decide` was given under the lock
    let rulesMs = 0;
    let before = new Map<string, ClaimRecord>();
    const result = await this.claims.reconcile(draftId, seq, (active, draft) => {
      locked = draft;
      before = new Map(active.map((claim) => [claim.id, claim]));
      const started = performance.now();
      try {
        return this.decide(reading, active, draft);
      } finally {
        rulesMs = performance.now() - started;
      }
    });
    // Not run here (reached elsewhere, or no such draft): the next reconcile reads first again.
    this.remember(draftId, { seq, facts: locked });
    if (!result || locked === null) return null;
    const changed = result.changed.filter((claim) => !movedOnly(before.get(claim.id), claim));
    return { deskId: locked.deskId, changed, closed: result.closed, extractSeconds: (reading.busyMs + rulesMs) / 1000 };
  }

  /** The draft's facts, read without a lock; null when there is no such draft or `seq` is reached. */
  private async unlessReached(draftId: string, seq: number): Promise<ReconcilingDraft | null> {
    const known = await this.claims.reconcilingDraft(draftId);
    if (!known) return null;
    if (known.reachedSeq < seq) return known.draft;
    this.remember(draftId, { seq: known.reachedSeq, facts: null });
    return null;
  }

  private remember(draftId: string, reached: Reached): void {
    const known = this.reached.get(draftId);
    this.reached.delete(draftId); // re-inserted last: the oldest entries go first
    this.reached.set(draftId, known && known.seq > reached.seq ? known : reached);
    if (this.reached.size > REMEMBERED_DRAFTS) this.reached.delete(this.reached.keys().next().value!);
  }

  private decide(reading: Reading, active: ClaimRecord[], draft: ReconcilingDraft): ClaimWrites {
    const { body } = reading;
    // A claim anchored in text written after the reading (tagged meanwhile) waits for the next reconcile.
    const placed = active.filter((claim) => body.knows(claim.anchor) && body.knows(claim.head));
    const tracked: TrackedClaim[] = placed.map((claim) => ({
      id: claim.id,
      kind: claim.kind,
      origin: claim.origin,
      ...resolveSpan(body, claim),
      checkedText: claim.verdicts.length > 0 ? claim.checkedText : null,
    }));
    // The draft's language changed since the facts were read (rare): extract again, here.
    const extracted = sameFacts(reading.facts, draft) ? reading.extracted : inOneGo(extract(body.text, draft));
    return this.writes(body, placed, tracked, extracted);
  }

  private writes(
    body: BodyPositions,
    active: ClaimRecord[],
    tracked: TrackedClaim[],
    extracted: ExtractClaimsResponse,
  ): ClaimWrites {
    const { kept, created, closed } = reconcileClaims(tracked, extracted);
    const byId = new Map(active.map((claim) => [claim.id, claim]));
    const trackedById = new Map(tracked.map((claim) => [claim.id, claim]));
    return {
      created: created.map(({ claim, subject, findings }) => ({
        kind: claim.kind,
        origin: 'auto',
        ...anchorSpan(body, claim.start, claim.end),
        text: claim.text,
        startOffset: claim.start,
        endOffset: claim.end,
        value: claim.value,
        subject,
        memoryKey: memoryKeyOf({ kind: claim.kind, value: claim.value, subject, text: claim.text }),
        note: null,
        createdBy: null,
        findings: findings.map(({ kind, message, text }) => ({ kind, message, text })),
      })),
      updated: kept.map((claim) => {
        const stored = byId.get(claim.id)!;
        const auto = stored.origin === 'auto';
        return {
          id: claim.id,
          // An automatic claim follows the extractor's span; a manual one keeps the span it was given.
          ...(auto ? anchorSpan(body, claim.start, claim.end) : { anchor: stored.anchor, head: stored.head }),
          text: claim.text,
          startOffset: claim.start,
          endOffset: claim.end,
          value: auto ? claim.value : stored.value,
          subject: auto ? claim.subject : stored.subject,
          memoryKey:
            stored.kind &&
            memoryKeyOf({
              kind: stored.kind,
              value: auto ? claim.value : stored.value,
              subject: auto ? claim.subject : stored.subject,
              text: claim.text,
            }),
          stale: claim.stale,
          findings: auto ? claim.findings.map(({ kind, message, text }) => ({ kind, message, text })) : null,
        };
      }),
      closed: closed.map((id) => ({ id, reason: closingReason(trackedById.get(id)) })),
    };
  }
}

function closingReason(claim: TrackedClaim | undefined): string {
  return claim && claim.start === claim.end ? 'its text was deleted' : 'the extractor no longer finds it';
}

/** Reads the body once and extracts it in slices (see inSlices). */
async function read(doc: Y.Doc, facts: ReconcilingDraft): Promise<Reading> {
  const started = performance.now();
  const body = BodyPositions.of(doc);
  const readMs = performance.now() - started;
  const { value: extracted, busyMs } = await inSlices(extract(body.text, facts));
  return { body, facts, extracted, busyMs: readMs + busyMs };
}

function* extract(
  body: string,
  { language, createdAt }: ReconcilingDraft,
): Generator<void, ExtractClaimsResponse, void> {
  if (body.trim().length === 0) return { language, claims: [], findings: [] };
  return yield* extractClaimsInSteps(body, { language, now: createdAt });
}

function sameFacts(read: ReconcilingDraft, now: ReconcilingDraft): boolean {
  return read.language === now.language && read.createdAt.getTime() === now.createdAt.getTime();
}
