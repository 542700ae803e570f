import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored Yjs updates that could not be integrated when their draft loaded, moved out of the log
 * so that the draft loads without them, and kept here for inspection.
 */
export class UpdateQuarantine1764547200000 implements MigrationInterface {
  name = 'UpdateQuarantine1764547200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE draft_update_quarantine (
        draft_id uuid NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        data bytea NOT NULL,
        user_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL,
        reason text NOT NULL,
        quarantined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (draft_id, seq)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE draft_update_quarantine`);
  }
}
