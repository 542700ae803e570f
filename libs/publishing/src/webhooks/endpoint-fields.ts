/** What an admin may set on a webhook endpoint, and the checks that need no I/O (docs/webhooks.md, Endpoints). */
import { PUBLICATION_EVENT_NAMES, type FieldError, type PublicationEventName } from '#contracts';
import { DomainError } from '#domain';

export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_ENDPOINT_DESKS = 100;

export interface EndpointFields {
  url?: string;
  /** A non-empty subset of the publication events. */
  events?: readonly string[];
  /** Null: every desk, present and future. */
  deskIds?: readonly string[] | null;
  description?: string;
  active?: boolean;
}

export function isPublicationEvent(event: string): event is PublicationEventName {
  return (PUBLICATION_EVENT_NAMES as readonly string[]).includes(event);
}

/** The problems of the fields present, besides the URL's address and the desks' existence. */
export function fieldProblems(fields: EndpointFields): FieldError[] {
  const problems: FieldError[] = [];
  const bad = (field: string, why: string) => problems.push({ field, messages: [why] });
  if (fields.events !== undefined) {
    if (fields.events.length === 0) bad('events', 'must name at least one event');
    const unknown = fields.events.filter((event) => !isPublicationEvent(event));
    if (unknown.length > 0) bad('events', `must be among ${PUBLICATION_EVENT_NAMES.join(', ')}`);
  }
  if (fields.deskIds && (fields.deskIds.length === 0 || fields.deskIds.length > MAX_ENDPOINT_DESKS)) {
    bad('deskIds', `must list 1 to ${MAX_ENDPOINT_DESKS} desks, or be null for every desk`);
  }
  if (fields.description !== undefined && fields.description.length > MAX_DESCRIPTION_LENGTH) {
    bad('description', `must be at most ${MAX_DESCRIPTION_LENGTH} characters`);
  }
  return problems;
}

/** One VALIDATION_FAILED listing every bad field, as the API lists a bad request body's. */
export function invalidEndpoint(problems: FieldError[]): DomainError<'VALIDATION_FAILED'> {
  const names = [...new Set(problems.map((problem) => problem.field))];
  return new DomainError('VALIDATION_FAILED', `Invalid webhook endpoint: ${names.join(', ')}`, { fields: problems });
}

/** Each desk once; null stays null (every desk). */
export function normaliseDeskIds(deskIds: readonly string[] | null): string[] | null {
  return deskIds && [...new Set(deskIds.map((id) => id.toLowerCase()))];
}

/** Each event once, in the contract's order. */
export function normaliseEvents(events: readonly string[]): PublicationEventName[] {
  return PUBLICATION_EVENT_NAMES.filter((event) => events.includes(event));
}
