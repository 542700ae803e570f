import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764374400000 implements MigrationInterface {
  name = 'InitialSchema1764374400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('reporter', 'fact_checker', 'editor', 'admin')),
        password_hash text NOT NULL,
        token_version integer NOT NULL DEFAULT 0,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_lower CHECK (email = lower(email))
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await db.query(`
      CREATE TABLE desks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX desks_name_key ON desks (lower(name))`);
    await db.query(`
      CREATE TABLE desk_members (
        desk_id uuid NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (desk_id, user_id)
      )`);
    await db.query(`CREATE INDEX desk_members_user_idx ON desk_members (user_id)`);
    await db.query(`
      CREATE TABLE drafts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        desk_id uuid NOT NULL REFERENCES desks (id),
        language text NOT NULL CHECK (language IN ('ar', 'en')),
        headline text NOT NULL DEFAULT '',
        body text NOT NULL DEFAULT '',
        search_text text NOT NULL DEFAULT '',
        created_by uuid NOT NULL REFERENCES users (id),
        author_ids uuid[] NOT NULL,
        review_state text NOT NULL DEFAULT 'draft',
        review_revision integer NOT NULL DEFAULT 0,
        head_seq bigint NOT NULL DEFAULT 0,
        text_seq bigint NOT NULL DEFAULT 0,
        -- Millisecond precision so that a pagination cursor carries the exact value.
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX drafts_desk_created_idx ON drafts (desk_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX drafts_created_idx ON drafts (created_at DESC, id DESC)`);
    await db.query(`
      CREATE TABLE draft_updates (
        draft_id uuid NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        data bytea NOT NULL,
        user_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (draft_id, seq)
      )`);
    await db.query(`
      CREATE TABLE draft_snapshots (
        draft_id uuid PRIMARY KEY REFERENCES drafts (id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        state bytea NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['draft_snapshots', 'draft_updates', 'drafts', 'desk_members', 'desks', 'users']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
