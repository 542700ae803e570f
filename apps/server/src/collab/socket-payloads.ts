import {
  ACTIVITIES,
  type Activity,
  type JoinRequest,
  type LeaveRequest,
  type PresenceRequest,
  type UpdateRequest,
} from '#contracts';
import { DomainError, isUuid } from '#domain';
import { parseCursor } from './cursor-payload.js';

/** Explicit checks of what clients send on /collab: anything else is INVALID_PAYLOAD. */

function invalid(message: string): never {
  throw new DomainError('INVALID_PAYLOAD', message);
}

function record(payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    invalid('The payload must be an object');
  return payload as Record<string, unknown>;
}

function draftIdOf(body: Record<string, unknown>): string {
  const { draftId } = body;
  if (typeof draftId !== 'string') invalid('draftId must be a string');
  // Not a UUID cannot name a draft: that is "no such draft", like any unknown id.
  if (!isUuid(draftId)) throw new DomainError('NOT_FOUND', 'No such draft');
  return draftId.toLowerCase();
}

function bytes(value: unknown, field: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return invalid(`${field} must be binary (a Uint8Array sent as a socket.io attachment)`);
}

function onlyKeys(body: Record<string, unknown>, allowed: string[]): void {
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) invalid(`Unknown field(s): ${unknown.join(', ')}`);
}

export function parseJoin(payload: unknown): JoinRequest {
  const body = record(payload);
  onlyKeys(body, ['draftId', 'stateVector']);
  const draftId = draftIdOf(body);
  return body.stateVector === undefined || body.stateVector === null
    ? { draftId }
    : { draftId, stateVector: bytes(body.stateVector, 'stateVector') };
}

export function parseUpdate(payload: unknown): UpdateRequest {
  const body = record(payload);
  onlyKeys(body, ['draftId', 'update']);
  return { draftId: draftIdOf(body), update: bytes(body.update, 'update') };
}

export function parseLeave(payload: unknown): LeaveRequest {
  const body = record(payload);
  onlyKeys(body, ['draftId']);
  return { draftId: draftIdOf(body) };
}

/**
 * Fields of a presence entry that only the server sets. A client echoing an entry back (or
 * trying to pass for someone else) is not refused: these are dropped, and the entry shows the
 * identity of the token. Any other unknown field is refused.
 */
const SERVER_OWNED_PRESENCE_FIELDS = [
  'sessionId',
  'userId',
  'displayName',
  'role',
  'color',
  'joinedAt',
  'lastActiveAt',
];

export function parsePresence(payload: unknown): PresenceRequest {
  const body = record(payload);
  onlyKeys(body, ['draftId', 'cursor', 'activity', ...SERVER_OWNED_PRESENCE_FIELDS]);
  const request: PresenceRequest = { draftId: draftIdOf(body) };
  if (body.cursor !== undefined) request.cursor = parseCursor(body.cursor);
  if (body.activity !== undefined) {
    if (!(ACTIVITIES as readonly unknown[]).includes(body.activity))
      invalid(`activity must be one of ${ACTIVITIES.join(', ')}`);
    request.activity = body.activity as Activity;
  }
  return request;
}
