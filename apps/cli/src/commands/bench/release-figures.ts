/** --releases: the figures, from the bench's request times and what the receiver got. */
import type { ArrivedDelivery } from './delivery-ledger.js';
import { summariseLatencies, type LatencySummary } from './latency-stats.js';

/** One publish request, timed with performance.now(). */
export interface PublishedRound {
  publicationId: string;
  sentAt: number;
  answeredAt: number;
}

export interface RoundFigures {
  delivered: number;
  lost: number;
  /** The publish request, sent to answered: the transition, its version and deliveries committed. */
  publishMs: LatencySummary;
  /** From the publish answer to the delivery's arrival; negative when the delivery came first. */
  deliveryMs: LatencySummary;
  /** From sending the publish request to the delivery's arrival. */
  endToEndMs: LatencySummary;
  /** Deliveries that arrived before the bench had the publish answer. */
  beforeAnswer: number;
}

export function roundFigures(
  rounds: readonly PublishedRound[],
  delivered: (publicationId: string) => ArrivedDelivery | undefined,
): RoundFigures {
  const publish: number[] = [];
  const delivery: number[] = [];
  const endToEnd: number[] = [];
  let beforeAnswer = 0;
  for (const round of rounds) {
    publish.push(round.answeredAt - round.sentAt);
    const arrived = delivered(round.publicationId);
    if (!arrived) continue;
    delivery.push(arrived.arrivedAt - round.answeredAt);
    endToEnd.push(arrived.arrivedAt - round.sentAt);
    if (arrived.arrivedAt < round.answeredAt) beforeAnswer += 1;
  }
  return {
    delivered: delivery.length,
    lost: rounds.length - delivery.length,
    publishMs: summariseLatencies(publish),
    deliveryMs: summariseLatencies(delivery),
    endToEndMs: summariseLatencies(endToEnd),
    beforeAnswer,
  };
}

export interface EmbargoFigures {
  /** Stories scheduled for the one embargo instant. */
  scheduled: number;
  delivered: number;
  lost: number;
  /** The version's `publishedAt` (the release's commit, the server's clock) minus the embargo instant. */
  releaseLagMs: LatencySummary;
  /** The delivery's arrival (the bench's clock, the same machine) minus the embargo instant. */
  deliveryLagMs: LatencySummary;
  /**
   * From the first release to the last (null: fewer than two). All fall due at one instant, so the
   * lags share where the scheduler's poll fell; the spread is the time to release them all.
   */
  releaseSpreadMs: number | null;
  /** Deliveries that had no `publishedAt`, whose release lag is their arrival's. */
  withoutPublishedAt: number;
  /** Releases out before the embargo, or whose item does not carry it: must be 0. */
  early: number;
  mismatched: number;
}

export function embargoFigures(
  draftIds: readonly string[],
  embargoUntil: string,
  delivered: (draftId: string) => readonly ArrivedDelivery[],
): EmbargoFigures {
  const embargo = Date.parse(embargoUntil);
  const release: number[] = [];
  const arrival: number[] = [];
  let withoutPublishedAt = 0;
  let early = 0;
  let mismatched = 0;
  for (const draftId of draftIds) {
    const [first] = delivered(draftId);
    if (!first) continue;
    if (first.publishedAt === null) withoutPublishedAt += 1;
    const releasedAt = first.publishedAt === null ? first.arrivedAtEpochMs : Date.parse(first.publishedAt);
    release.push(releasedAt - embargo);
    arrival.push(first.arrivedAtEpochMs - embargo);
    if (releasedAt < embargo) early += 1;
    if (first.embargoedUntil === null || Date.parse(first.embargoedUntil) !== embargo) mismatched += 1;
  }
  return {
    scheduled: draftIds.length,
    delivered: release.length,
    lost: draftIds.length - release.length,
    releaseLagMs: summariseLatencies(release),
    deliveryLagMs: summariseLatencies(arrival),
    releaseSpreadMs: release.length < 2 ? null : Math.max(...release) - Math.min(...release),
    withoutPublishedAt,
    early,
    mismatched,
  };
}
