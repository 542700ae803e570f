import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The review workflow's storage (issue 12): its audit log, the full copies of a draft kept on
 * submit, approve and publish, and on the draft the pinned approval and the embargo.
 *
 * The log and the copies are append-only, enforced by the database itself: a trigger refuses
 * every UPDATE, DELETE and TRUNCATE, whoever asks (the application's own role included). Neither
 * cascades from its draft: a draft with a review history cannot be deleted.
 *
 * Timestamps are truncated to milliseconds so that a keyset cursor carries the exact value.
 */
export class Review1764806400000 implements MigrationInterface {
  name = 'Review1764806400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await db.query(`
      CREATE TABLE review_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        draft_id uuid NOT NULL REFERENCES drafts (id),
        at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        -- Null: the scheduler.
        actor_id uuid REFERENCES users (id),
        kind text NOT NULL CHECK (kind IN ('transition', 'verdict', 'finding_dismissed')),
        action text,
        from_state text,
        to_state text,
        -- The document's sequence number.
        revision bigint,
        reason text,
        claim_id uuid,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX review_events_draft_idx ON review_events (draft_id, at, id)`);
    await db.query(`CREATE INDEX review_events_actor_idx ON review_events (actor_id, at)`);
    await db.query(`
      CREATE TABLE draft_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        draft_id uuid NOT NULL REFERENCES drafts (id),
        number integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('submitted', 'approved', 'published')),
        seq bigint NOT NULL,
        text_hash text NOT NULL,
        headline text NOT NULL,
        body text NOT NULL,
        -- The claims with their verdicts at that moment, as given.
        claims jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        created_by uuid REFERENCES users (id),
        UNIQUE (draft_id, number)
      )`);
    for (const table of ['review_events', 'draft_revisions']) {
      await db.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`);
      await db.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`);
    }
    await db.query(`
      ALTER TABLE drafts
        ADD COLUMN approved_seq bigint,
        ADD COLUMN approved_hash text,
        ADD COLUMN embargo_until timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE drafts DROP COLUMN approved_seq, DROP COLUMN approved_hash, DROP COLUMN embargo_until`);
    await db.query(`DROP TABLE draft_revisions`);
    await db.query(`DROP TABLE review_events`);
    await db.query(`DROP FUNCTION refuse_append_only_change()`);
  }
}
