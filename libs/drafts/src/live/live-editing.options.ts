import type { DocumentManagerOptions, DocumentRelay, ManagerLogger } from '#collab';

export const LIVE_EDITING_OPTIONS = Symbol('LIVE_EDITING_OPTIONS');

export interface LiveEditingOptions {
  relay: DocumentRelay;
  logger: ManagerLogger;
  documents: DocumentManagerOptions;
  maxUpdateBytes: number;
  updatesPerSecond: number;
  updateBurst: number;
}
