import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Release (issue 13): the published versions of a story, the embargo scheduler's jobs, and the
 * webhook endpoints with their transactional outbox and delivery log.
 *
 * - `publications` is append-only like the review log (the trigger of the review migration
 *   refuses UPDATE, DELETE and TRUNCATE). `position` orders the feed in commit order: it is taken
 *   from the one row of `publication_feed_head`, whose row lock every release holds until it
 *   commits, so a poller that has seen position n never later finds a smaller one appear.
 * - `release_jobs`: one pending job per scheduled draft; instances claim due jobs with
 *   FOR UPDATE SKIP LOCKED and release in the same transaction that marks the job done.
 * - `webhook_deliveries` is the outbox: rows are inserted in the transaction that creates the
 *   publication, one per matching endpoint; a dispatcher leases due rows and records each attempt.
 */
export class Release1764892800000 implements MigrationInterface {
  name = 'Release1764892800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE publications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        draft_id uuid NOT NULL REFERENCES drafts (id),
        desk_id uuid NOT NULL REFERENCES desks (id),
        version integer NOT NULL CHECK (version >= 1),
        event text NOT NULL CHECK (event IN ('published', 'corrected', 'withdrawn')),
        pub_status text NOT NULL CHECK (pub_status IN ('usable', 'canceled')),
        position bigint NOT NULL UNIQUE,
        uri text NOT NULL,
        language text NOT NULL,
        headline text NOT NULL,
        body text NOT NULL,
        -- The document's sequence number of the text released.
        seq bigint NOT NULL,
        ninjs jsonb NOT NULL,
        html text NOT NULL,
        embargoed_until timestamptz,
        first_created timestamptz NOT NULL,
        published_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        -- Null: the scheduler.
        published_by uuid REFERENCES users (id),
        note text,
        UNIQUE (draft_id, version)
      )`);
    await db.query(`CREATE INDEX publications_desk_feed_idx ON publications (desk_id, position DESC)`);
    await db.query(`
      CREATE TRIGGER publications_append_only BEFORE UPDATE OR DELETE ON publications
        FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`);
    await db.query(`
      CREATE TRIGGER publications_no_truncate BEFORE TRUNCATE ON publications
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`);
    await db.query(`
      CREATE TABLE publication_feed_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        position bigint NOT NULL
      )`);
    await db.query(`INSERT INTO publication_feed_head (singleton, position) VALUES (true, 0)`);

    await db.query(`
      CREATE TABLE release_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        draft_id uuid NOT NULL REFERENCES drafts (id),
        run_at timestamptz NOT NULL,
        -- The kept copy (draft_revisions.number) it publishes: the one made when it was scheduled.
        revision integer NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'released', 'canceled')),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        finished_at timestamptz,
        publication_id uuid REFERENCES publications (id)
      )`);
    await db.query(`CREATE UNIQUE INDEX release_jobs_one_pending ON release_jobs (draft_id) WHERE state = 'pending'`);
    await db.query(`CREATE INDEX release_jobs_due_idx ON release_jobs (run_at) WHERE state = 'pending'`);

    await db.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL,
        -- The signing key; returned once, when the endpoint is created (or its secret rotated).
        secret text NOT NULL,
        description text NOT NULL DEFAULT '',
        -- Null: every desk.
        desk_ids uuid[],
        events text[] NOT NULL CHECK (cardinality(events) > 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        created_by uuid REFERENCES users (id)
      )`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        -- Sent with every attempt: receivers deduplicate on it.
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        publication_id uuid NOT NULL REFERENCES publications (id),
        event text NOT NULL CHECK (event IN ('published', 'corrected', 'withdrawn')),
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        -- An instance sending it holds it until then; another may take it over only after.
        lease_id uuid,
        leased_until timestamptz,
        last_status integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        finished_at timestamptz
      )`);
    await db.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state = 'pending'`,
    );
    await db.query(`CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE webhook_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        started_at timestamptz NOT NULL,
        duration_ms integer NOT NULL,
        status_code integer,
        error text,
        outcome text NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed'))
      )`);
    await db.query(`CREATE INDEX webhook_attempts_endpoint_idx ON webhook_attempts (endpoint_id, started_at DESC)`);
    await db.query(`CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, attempt)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'webhook_attempts',
      'webhook_deliveries',
      'webhook_endpoints',
      'release_jobs',
      'publication_feed_head',
      'publications',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
