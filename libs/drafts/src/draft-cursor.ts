import { DomainError, isUuid } from '#domain';

/** An opaque pagination cursor: the (created_at, id) of the last item of the previous page. */
export interface DraftCursor {
  createdAt: Date;
  id: string;
}

export function encodeDraftCursor(cursor: DraftCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

export function decodeDraftCursor(raw: string): DraftCursor {
  try {
    const [time, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(String(time));
    if (typeof id === 'string' && isUuid(id) && !Number.isNaN(createdAt.getTime())) return { createdAt, id };
  } catch {
    // fall through
  }
  throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API returned');
}
