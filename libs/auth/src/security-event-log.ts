import { Injectable } from '@nestjs/common';
import type { SecurityEvent, SecurityEventKind, SecurityEventPage } from '#contracts';
import { DomainError } from '#domain';
import { SecurityEventsRepository, type SecurityEventRecord } from '#persistence';
import type { AuthUser } from './auth-user.js';
import { NO_CLIENT, type ClientContext } from './client-context.js';
import { decodeSecurityEventCursor, encodeSecurityEventCursor } from './security-event-cursor.js';

/** What a caller records; who, whom and from where are left null when they do not apply. */
export interface SecurityEventInput {
  kind: SecurityEventKind;
  /** Who did it; null or absent: the system, or someone not signed in. */
  actorId?: string | null;
  /** Whose account it concerns. */
  subjectUserId?: string | null;
  client?: ClientContext;
  /** Never a password, a hash or a token. */
  details?: Record<string, unknown>;
}

export interface SecurityEventListQuery {
  userId?: string;
  kind?: string;
  cursor?: string;
  limit?: number;
}

const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

/**
 * The security audit log (docs/security.md): every service that signs someone in or out,
 * revokes a session or changes an account records here; admins read it newest first.
 */
@Injectable()
export class SecurityEventLog {
  constructor(private readonly events: SecurityEventsRepository) {}

  /** Appends the event; resolves once it is stored (a storage outage rejects UNAVAILABLE). */
  async record(event: SecurityEventInput): Promise<void> {
    const client = event.client ?? NO_CLIENT;
    await this.events.append({
      kind: event.kind,
      actorId: event.actorId ?? null,
      subjectUserId: event.subjectUserId ?? null,
      clientAddress: client.address,
      userAgent: client.userAgent,
      details: event.details ?? {},
    });
  }

  /** Admins only; `userId` matches the events it did or that concern it. */
  async list(actor: AuthUser, query: SecurityEventListQuery): Promise<SecurityEventPage> {
    if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only an admin may read the security log');
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE, 1), MAX_PAGE);
    const rows = await this.events.page({
      ...(query.userId !== undefined && { userId: query.userId }),
      ...(query.kind !== undefined && { kind: query.kind }),
      ...(query.cursor !== undefined && { before: decodeSecurityEventCursor(query.cursor) }),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toSecurityEvent),
      nextCursor: rows.length > limit && last ? encodeSecurityEventCursor(last) : null,
    };
  }
}

function toSecurityEvent(record: SecurityEventRecord): SecurityEvent {
  return {
    id: record.id,
    kind: record.kind,
    at: record.at.toISOString(),
    actorId: record.actorId,
    subjectUserId: record.subjectUserId,
    clientAddress: record.clientAddress,
    userAgent: record.userAgent,
    details: record.details,
  };
}
