export { CopydeskClient, type CopydeskClientOptions } from './copydesk-client.js';
export { CopydeskApiError } from './copydesk-api-error.js';
export { DraftSession } from './draft-session.js';
export type {
  AckedEvent,
  DraftSessionEvents,
  DraftSessionOptions,
  PresenceInput,
  RemoteUpdateEvent,
  RetryingEvent,
  SyncedEvent,
} from './draft-session-events.js';
export {
  CopydeskSessionError,
  RETRYABLE_CODES,
  type SessionError,
  type SessionErrorCode,
  type SessionOperation,
} from './session-error.js';
export type { SessionEndedHandler, SessionEndedInfo } from './session-renewal.js';
export { openCollabSocket, type CollabSocket, type CollabSocketOptions } from './collab-socket.js';
export type { CreateDraftRequest, FetchFunction, ListDraftsQuery } from './rest-types.js';
export type { Listener } from './typed-emitter.js';
