import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The snapshot's Yjs state vector beside it, so a cold join can be answered from the stored bytes
 * before the document is integrated in memory. Older rows have none and load as before.
 */
export class SnapshotStateVector1764460800000 implements MigrationInterface {
  name = 'SnapshotStateVector1764460800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE draft_snapshots ADD COLUMN state_vector bytea`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE draft_snapshots DROP COLUMN state_vector`);
  }
}
