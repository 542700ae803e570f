import type { DocumentManagerOptions, DocumentRelay, ManagerLogger } from '#collab';

export const LIVE_EDITING_OPTIONS = Symbol('LIVE_EDITING_OPTIONS');

export interface LiveEditingOptions {
  relay: DocumentRelay;
  logger: ManagerLogger;
  documents: DocumentManagerOptions;
  updatesPerSecond: number;
  updateBurst: number;
  /** Joins (and resyncs, which are joins) per session: each one encodes document state. */
  joinsPerSecond: number;
  joinBurst: number;
}
