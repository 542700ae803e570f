export const SESSIONS_OPTIONS = Symbol('SESSIONS_OPTIONS');

export interface SessionsOptions {
  /** Open connections one user may have on one instance. */
  maxConnectionsPerUser: number;
  /** Other instances share the sessions' drafts (through Redis): tell them whose rights changed. */
  acrossInstances: boolean;
  logger: { warn(details: object, message: string): void };
}
