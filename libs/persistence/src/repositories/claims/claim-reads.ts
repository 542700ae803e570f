/**
 * Reading claims: the columns a query selects, its rows mapped to records, and each claim with its
 * verdict history and the findings the extractor still reports on it.
 */
import type { EntityManager } from 'typeorm';
import type {
  ClaimKind,
  ClaimOrigin,
  ClaimStatus,
  Evidence,
  FindingKind,
  RelativePositionJson,
  VerdictStatus,
} from '#contracts';
import type { ClaimFields, ClaimRecord, ClaimValue, FindingRecord, VerdictRecord } from './claim-records.js';

export const CLAIM_COLUMNS = `c.id, c.draft_id, c.kind, c.origin, c.anchor, c.head, c.text, c.start_offset, c.end_offset,
  c.value, c.subject, c.note, c.memory_key, c.status, c.checked_text, c.stale, c.created_by, c.created_at,
  c.updated_at, c.closed_at, c.closed_reason`;

/** Document order, then the order tagged in. */
export const DOCUMENT_ORDER = 'c.start_offset, c.created_at, c.id';

export interface RawClaim {
  id: string;
  draft_id: string;
  kind: ClaimKind;
  origin: ClaimOrigin;
  anchor: RelativePositionJson;
  head: RelativePositionJson;
  text: string;
  start_offset: number;
  end_offset: number;
  value: ClaimValue | null;
  subject: string | null;
  note: string | null;
  memory_key: string | null;
  status: ClaimStatus;
  checked_text: string | null;
  stale: boolean;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  closed_reason: string | null;
}

export interface RawVerdict {
  id: string;
  claim_id: string;
  status: VerdictStatus;
  note: string | null;
  evidence: Evidence[];
  by_user_id: string;
  by_name: string;
  at: Date;
  text: string;
  cites_verdict_id: string | null;
}

export interface RawFinding {
  id: string;
  claim_id: string;
  kind: FindingKind;
  message: string;
  text: string;
  created_at: Date;
  dismissed_by: string | null;
  dismissed_by_name: string | null;
  dismissed_at: Date | null;
  dismiss_reason: string | null;
}

export const VERDICT_COLUMNS = `v.id, v.claim_id, v.status, v.note, v.evidence, v.by_user_id, u.display_name AS by_name,
  v.at, v.text, v.cites_verdict_id`;

export function claimFields(row: RawClaim): ClaimFields {
  return {
    id: row.id,
    draftId: row.draft_id,
    kind: row.kind,
    origin: row.origin,
    anchor: row.anchor,
    head: row.head,
    text: row.text,
    startOffset: Number(row.start_offset),
    endOffset: Number(row.end_offset),
    value: row.value,
    subject: row.subject,
    note: row.note,
    memoryKey: row.memory_key,
    status: row.status,
    checkedText: row.checked_text,
    stale: row.stale,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
    closedReason: row.closed_reason,
  };
}

export function verdictRecord(row: RawVerdict): VerdictRecord {
  return {
    id: row.id,
    claimId: row.claim_id,
    status: row.status,
    note: row.note,
    evidence: row.evidence,
    byUserId: row.by_user_id,
    byName: row.by_name,
    at: new Date(row.at),
    text: row.text,
    citesVerdictId: row.cites_verdict_id,
  };
}

export function findingRecord(row: RawFinding): FindingRecord {
  return {
    id: row.id,
    claimId: row.claim_id,
    kind: row.kind,
    message: row.message,
    text: row.text,
    createdAt: new Date(row.created_at),
    dismissedBy: row.dismissed_by,
    dismissedByName: row.dismissed_by_name,
    dismissedAt: row.dismissed_at === null ? null : new Date(row.dismissed_at),
    dismissReason: row.dismiss_reason,
  };
}

/** Each claim's verdicts and the findings still reported on it, as json arrays, beside CLAIM_COLUMNS. */
const NESTED_COLUMNS = `
  (SELECT coalesce(json_agg(vs ORDER BY vs.at, vs.id), '[]'::json)
     FROM (SELECT ${VERDICT_COLUMNS} FROM claim_verdicts v JOIN users u ON u.id = v.by_user_id
            WHERE v.claim_id = c.id) vs) AS verdicts,
  (SELECT coalesce(json_agg(fs ORDER BY fs.created_at, fs.id), '[]'::json)
     FROM (SELECT f.id, f.claim_id, f.kind, f.message, f.text, f.created_at, f.dismissed_by,
                  u.display_name AS dismissed_by_name, f.dismissed_at, f.dismiss_reason
             FROM claim_findings f LEFT JOIN users u ON u.id = f.dismissed_by
            WHERE f.claim_id = c.id AND f.gone_at IS NULL) fs) AS findings`;

/**
 * The claims of `claims c` that `condition` selects, in document order, with their verdicts and
 * findings: one statement, so one round trip and one snapshot.
 */
export async function readClaims(db: EntityManager, condition: string, params: unknown[]): Promise<ClaimRecord[]> {
  const rows: (RawClaim & { verdicts: RawVerdict[]; findings: RawFinding[] })[] = await db.query(
    `SELECT ${CLAIM_COLUMNS}, ${NESTED_COLUMNS} FROM claims c WHERE ${condition} ORDER BY ${DOCUMENT_ORDER}`,
    params,
  );
  return rows.map((row) => ({
    ...claimFields(row),
    verdicts: row.verdicts.map(verdictRecord),
    findings: row.findings.map(findingRecord),
  }));
}

export function readClaim(db: EntityManager, draftId: string, claimId: string): Promise<ClaimRecord | null> {
  return readClaims(db, 'c.id = $1 AND c.draft_id = $2', [claimId, draftId]).then((claims) => claims[0] ?? null);
}

/** Locks the claim's row when it is an open claim of the draft; false when it is not. */
export async function lockOpenClaim(db: EntityManager, draftId: string, claimId: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    'SELECT id FROM claims WHERE id = $1 AND draft_id = $2 AND closed_at IS NULL FOR UPDATE',
    [claimId, draftId],
  );
  return rows.length > 0;
}
