import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each appended update remembers the batch (one appendUpdates call) that stored it, so a batch
 * whose commit reply was lost can be looked up by its id. Nullable and without a default, so
 * adding it rewrites nothing; no index either: the lookup is rare and goes through the primary
 * key's draft_id prefix, over a log that compaction keeps short.
 */
export class UpdateBatchId1764633600000 implements MigrationInterface {
  name = 'UpdateBatchId1764633600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE draft_updates ADD COLUMN batch_id uuid`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE draft_updates DROP COLUMN batch_id`);
  }
}
