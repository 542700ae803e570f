import type { ClaimSuggestion, DraftClaim, Verdict } from '#contracts';
import type { ClaimRecord, VerdictRecord } from '#persistence';
import type { ResolvedSpan } from './claim-anchors.js';

/** A stored claim as the API shows it; `span`: where its anchors sit now, when the document was read. */
export function toDraftClaim(
  record: ClaimRecord,
  suggestions: ClaimSuggestion[] = [],
  span: ResolvedSpan | null = null,
): DraftClaim {
  const verdicts = record.verdicts.map(toVerdict);
  return {
    id: record.id,
    draftId: record.draftId,
    kind: record.kind,
    origin: record.origin,
    anchor: record.anchor,
    head: record.head,
    text: span?.text ?? record.text,
    start: span?.start ?? record.startOffset ?? 0,
    end: span?.end ?? record.endOffset ?? 0,
    value: record.value as DraftClaim['value'],
    subject: record.subject,
    note: record.note,
    status: record.status,
    stale: record.stale,
    verdict: verdicts.at(-1) ?? null,
    verdicts,
    findings: record.findings.map((finding) => ({
      id: finding.id,
      kind: finding.kind,
      message: finding.message,
      dismissed:
        finding.dismissedAt && finding.dismissedBy
          ? {
              byUserId: finding.dismissedBy,
              byName: finding.dismissedByName,
              at: finding.dismissedAt.toISOString(),
              reason: finding.dismissReason ?? '',
            }
          : null,
    })),
    suggestions,
    closed: record.closedAt ? { at: record.closedAt.toISOString(), reason: record.closedReason ?? '' } : null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function toVerdict(record: VerdictRecord): Verdict {
  return {
    id: record.id,
    status: record.status,
    byUserId: record.byUserId,
    byName: record.byName,
    at: record.at.toISOString(),
    note: record.note,
    evidence: record.evidence,
    text: record.text,
    citesVerdictId: record.citesVerdictId,
  };
}
