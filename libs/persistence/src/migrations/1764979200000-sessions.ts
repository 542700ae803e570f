import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in sessions and the security audit log (issue 14).
 *
 * - `auth_sessions`: one row per login; the access token carries its id. A session is live while
 *   `revoked_at` is null and `expires_at` (the token's `exp`) is ahead. Revoking sets
 *   `revoked_at` and why, so the row says how the session ended.
 * - `security_events` is append-only like the review log and publications (the trigger of the
 *   review migration refuses UPDATE, DELETE and TRUNCATE, whoever asks). Kinds are not listed in
 *   a CHECK: new kinds need no migration, only the shape of a kind is checked.
 */
export class Sessions1764979200000 implements MigrationInterface {
  name = 'Sessions1764979200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE auth_sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id),
        user_agent text,
        client_address text,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        last_seen_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text CHECK (revoked_reason ~ '^[a-z][a-z0-9_]*$'),
        CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await db.query(
      `CREATE INDEX auth_sessions_live_idx ON auth_sessions (user_id, created_at DESC) WHERE revoked_at IS NULL`,
    );

    await db.query(`
      CREATE TABLE security_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*$'),
        at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        -- Null: the system, or someone not signed in.
        actor_id uuid REFERENCES users (id),
        subject_user_id uuid REFERENCES users (id),
        client_address text,
        user_agent text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(details) = 'object')
      )`);
    await db.query(`CREATE INDEX security_events_at_idx ON security_events (at DESC, id DESC)`);
    await db.query(`CREATE INDEX security_events_subject_idx ON security_events (subject_user_id, at DESC, id DESC)`);
    await db.query(`CREATE INDEX security_events_actor_idx ON security_events (actor_id, at DESC, id DESC)`);
    await db.query(`CREATE INDEX security_events_kind_idx ON security_events (kind, at DESC, id DESC)`);
    await db.query(`
      CREATE TRIGGER security_events_append_only BEFORE UPDATE OR DELETE ON security_events
        FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`);
    await db.query(`
      CREATE TRIGGER security_events_no_truncate BEFORE TRUNCATE ON security_events
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE security_events`);
    await db.query(`DROP TABLE auth_sessions`);
  }
}
