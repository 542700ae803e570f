import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims tagged in a draft's body (issue 11): the claims themselves, anchored by Yjs relative
 * positions, their verdict history (append-only) and the extractor's findings on them, plus the
 * document sequence number a draft's auto claims were last reconciled at.
 *
 * Timestamps are truncated to milliseconds so that a keyset cursor carries the exact value.
 */
export class Claims1764720000000 implements MigrationInterface {
  name = 'Claims1764720000000';

  async up(db: QueryRunner): Promise<void> {
    // How far each draft's claims were reconciled, beside the draft rather than on it: a
    // reconciliation locks this row for its whole transaction, and locking the draft's row
    // would hold up the draft's update commits (they lock it to number their updates).
    await db.query(`
      CREATE TABLE claim_reconciliations (
        draft_id uuid PRIMARY KEY REFERENCES drafts (id) ON DELETE CASCADE,
        seq bigint NOT NULL DEFAULT 0
      )`);
    await db.query(`
      CREATE TABLE claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        draft_id uuid NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        kind text,
        origin text NOT NULL CHECK (origin IN ('auto', 'manual')),
        -- Y.relativePositionToJSON positions in the body.
        anchor jsonb NOT NULL,
        head jsonb NOT NULL,
        -- The text under the anchors, and where, when last reconciled (lists read these without the document).
        text text NOT NULL,
        start_offset integer NOT NULL,
        end_offset integer NOT NULL,
        value jsonb,
        subject text,
        note text,
        memory_key text,
        status text NOT NULL DEFAULT 'unchecked'
          CHECK (status IN ('unchecked', 'in_progress', 'verified', 'disputed', 'false', 'inconclusive', 'waived')),
        -- The text at the latest verdict: stale when the text under the anchors no longer matches it.
        checked_text text,
        stale boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        closed_at timestamptz,
        closed_reason text
      )`);
    // A draft's open claims in document order.
    await db.query(
      `CREATE INDEX claims_draft_active_idx ON claims (draft_id, start_offset, created_at) WHERE closed_at IS NULL`,
    );
    // Newsroom memory: open, checked claims by what they say.
    await db.query(
      `CREATE INDEX claims_memory_key_idx ON claims (memory_key)
        WHERE status IN ('verified', 'disputed', 'false', 'inconclusive') AND closed_at IS NULL`,
    );
    // The fact-check queue: open claims still to check, per draft in the queue's order.
    await db.query(
      `CREATE INDEX claims_queue_idx ON claims (draft_id, start_offset, id)
        WHERE closed_at IS NULL AND (stale OR status IN ('unchecked', 'in_progress'))`,
    );
    await db.query(`
      CREATE TABLE claim_verdicts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
        status text NOT NULL
          CHECK (status IN ('in_progress', 'verified', 'disputed', 'false', 'inconclusive', 'waived')),
        note text,
        evidence jsonb NOT NULL DEFAULT '[]',
        by_user_id uuid NOT NULL REFERENCES users (id),
        at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        -- The claim's text when the verdict was given.
        text text NOT NULL,
        -- A cited verdict may belong to a draft deleted later: the citation goes, the verdict stays.
        cites_verdict_id uuid REFERENCES claim_verdicts (id) ON DELETE SET NULL
      )`);
    await db.query(`CREATE INDEX claim_verdicts_claim_idx ON claim_verdicts (claim_id, at, id)`);
    await db.query(
      `CREATE INDEX claim_verdicts_cites_idx ON claim_verdicts (cites_verdict_id) WHERE cites_verdict_id IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE claim_findings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
        kind text NOT NULL,
        message text NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        dismissed_by uuid REFERENCES users (id),
        dismissed_at timestamptz,
        dismiss_reason text,
        -- The extractor no longer reports it: kept in the history, no longer shown.
        gone_at timestamptz
      )`);
    await db.query(
      `CREATE INDEX claim_findings_claim_idx ON claim_findings (claim_id, created_at) WHERE gone_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['claim_findings', 'claim_verdicts', 'claims']) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`DROP TABLE claim_reconciliations`);
  }
}
