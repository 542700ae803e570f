import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '#domain';
import { StorageBoundary } from '../database/storage-boundary.js';
import { json, storable } from './claims/sql-values.js';

/** One security event as stored (docs/security.md, Security audit log). */
export interface SecurityEventRecord {
  id: string;
  kind: string;
  at: Date;
  actorId: string | null;
  subjectUserId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

export type NewSecurityEvent = Omit<SecurityEventRecord, 'id' | 'at'>;

/** The (at, id) of the last event of a page: the next page is what comes before it. */
export interface SecurityEventKey {
  at: Date;
  id: string;
}

export interface SecurityEventQuery {
  /** Events whose subject or actor is this user. */
  userId?: string;
  kind?: string;
  before?: SecurityEventKey;
  limit: number;
}

interface SecurityEventRow {
  id: string;
  kind: string;
  at: Date;
  actor_id: string | null;
  subject_user_id: string | null;
  client_address: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

const COLUMNS = `id, kind, at, actor_id, subject_user_id, client_address, user_agent, details`;

function toRecord(row: SecurityEventRow): SecurityEventRecord {
  return {
    id: row.id,
    kind: row.kind,
    at: new Date(row.at),
    actorId: row.actor_id,
    subjectUserId: row.subject_user_id,
    clientAddress: row.client_address,
    userAgent: row.user_agent,
    details: row.details,
  };
}

/** The security audit log: append-only (the table refuses UPDATE, DELETE and TRUNCATE), read newest first. */
@Injectable()
@StorageBoundary()
export class SecurityEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(event: NewSecurityEvent): Promise<SecurityEventRecord> {
    const [row]: SecurityEventRow[] = await this.dataSource.query(
      `INSERT INTO security_events (kind, actor_id, subject_user_id, client_address, user_agent, details)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING ${COLUMNS}`,
      [
        event.kind,
        event.actorId,
        event.subjectUserId,
        storable(event.clientAddress),
        storable(event.userAgent),
        json(event.details),
      ],
    );
    return toRecord(row!);
  }

  /** One page, newest first: `(at, id)` below `before`, optionally one user's (as actor or subject) and one kind. */
  async page(query: SecurityEventQuery): Promise<SecurityEventRecord[]> {
    if (query.userId !== undefined && !isUuid(query.userId)) return [];
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (query.userId !== undefined) {
      const user = param(query.userId);
      where.push(`(subject_user_id = ${user} OR actor_id = ${user})`);
    }
    if (query.kind !== undefined) where.push(`kind = ${param(query.kind)}`);
    if (query.before)
      where.push(`(at, id) < (${param(query.before.at)}::timestamptz, ${param(query.before.id)}::uuid)`);
    const rows: SecurityEventRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM security_events
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY at DESC, id DESC LIMIT ${param(query.limit)}`,
      params,
    );
    return rows.map(toRecord);
  }
}
