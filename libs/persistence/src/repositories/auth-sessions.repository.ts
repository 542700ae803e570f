import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from '#contracts';
import { isUuid } from '#domain';
import { StorageBoundary } from '../database/storage-boundary.js';
import { storable } from './claims/sql-values.js';

/** One sign-in (docs/security.md, Sessions). */
export interface AuthSessionRecord {
  id: string;
  userId: string;
  userAgent: string | null;
  clientAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export interface NewAuthSession {
  /** Chosen by the caller: the token that names it is signed before the row is written. */
  id: string;
  userId: string;
  userAgent: string | null;
  clientAddress: string | null;
  expiresAt: Date;
}

interface AuthSessionRow {
  id: string;
  user_id: string;
  user_agent: string | null;
  client_address: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

const COLUMNS = `id, user_id, user_agent, client_address, created_at, last_seen_at, expires_at, revoked_at, revoked_reason`;

/** The user a token names, as authenticating it needs them (no password hash: it is not needed). */
export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  tokenVersion: number;
  disabledAt: Date | null;
}

/** What authenticating a token reads: its user, its session when that is the user's, their desks. */
export interface SignInRecord {
  user: SignedInUser;
  session: AuthSessionRecord | null;
  deskIds: string[];
}

interface SignInRow {
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
  token_version: number;
  disabled_at: Date | null;
  /** The session's columns, null when it is not there or not the user's. */
  session: AuthSessionRow | null;
  desk_ids: string[];
}

function toRecord(row: AuthSessionRow): AuthSessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    userAgent: row.user_agent,
    clientAddress: row.client_address,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    revokedReason: row.revoked_reason,
  };
}

/** Sign-in sessions: written at login, read on every authenticated request, revoked, never deleted. */
@Injectable()
@StorageBoundary()
export class AuthSessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(session: NewAuthSession): Promise<AuthSessionRecord> {
    const [row]: AuthSessionRow[] = await this.dataSource.query(
      `INSERT INTO auth_sessions (id, user_id, user_agent, client_address, expires_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [session.id, session.userId, storable(session.userAgent), storable(session.clientAddress), session.expiresAt],
    );
    return toRecord(row!);
  }

  async findById(id: string): Promise<AuthSessionRecord | null> {
    if (!isUuid(id)) return null;
    const [row]: AuthSessionRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM auth_sessions WHERE id = $1`, [
      id,
    ]);
    return row ? toRecord(row) : null;
  }

  /**
   * The user, the session and the user's desks in one statement: every authenticated request and
   * socket handshake reads them, and one round trip holds a pooled connection a third as long as
   * three. Null when there is no such user.
   */
  async readSignIn(userId: string, sessionId: string): Promise<SignInRecord | null> {
    if (!isUuid(userId) || !isUuid(sessionId)) return null;
    const [row]: SignInRow[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.email, u.display_name, u.role, u.token_version, u.disabled_at,
              (SELECT to_json(s) FROM (SELECT ${COLUMNS} FROM auth_sessions
                                        WHERE id = $2 AND user_id = u.id) AS s) AS session,
              (SELECT coalesce(json_agg(m.desk_id ORDER BY m.desk_id), '[]'::json)
                 FROM desk_members m WHERE m.user_id = u.id) AS desk_ids
         FROM users u WHERE u.id = $1`,
      [userId, sessionId],
    );
    if (!row) return null;
    return {
      user: {
        id: row.user_id,
        email: row.email,
        displayName: row.display_name,
        role: row.role,
        tokenVersion: row.token_version,
        disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at),
      },
      session: row.session ? toRecord(row.session) : null,
      deskIds: row.desk_ids,
    };
  }

  /** The user's sessions neither revoked nor expired at `now`, newest first. */
  async live(userId: string, now: Date): Promise<AuthSessionRecord[]> {
    const rows: AuthSessionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM auth_sessions
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
        ORDER BY created_at DESC, id DESC`,
      [userId, now],
    );
    return rows.map(toRecord);
  }

  /** Moves `last_seen_at` to `now` unless it is already later than `notBefore`: a write a minute, not one a request. */
  async touch(id: string, now: Date, notBefore: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $3 AND revoked_at IS NULL`,
      [id, now, notBefore],
    );
  }

  /** Revokes one live session of the user; false when it is not theirs, not live, or not there. */
  async revoke(userId: string, id: string, reason: string, now: Date): Promise<boolean> {
    if (!isUuid(id)) return false;
    // RETURNING is read through a CTE: TypeORM answers a bare UPDATE with [rows, rowCount].
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH revoked AS (
         UPDATE auth_sessions SET revoked_at = $3, revoked_reason = $4
          WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > $3
          RETURNING id
       )
       SELECT id FROM revoked`,
      [id, userId, now, reason],
    );
    return rows.length > 0;
  }

  /** Revokes every live session of the user but `exceptId`; resolves with the ids revoked. */
  async revokeAll(userId: string, reason: string, now: Date, exceptId: string | null = null): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH revoked AS (
         UPDATE auth_sessions SET revoked_at = $2, revoked_reason = $3
          WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND id IS DISTINCT FROM $4::uuid
          RETURNING id
       )
       SELECT id FROM revoked`,
      [userId, now, reason, exceptId],
    );
    return rows.map((row) => row.id);
  }
}
