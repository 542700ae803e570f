import type { Dispose } from '../dom.js';
import type { DraftContext } from './draft-context.js';

/** Mounts revisions and their word diff into `region` (being built). */
export function mountHistoryPanel(region: HTMLElement, context: DraftContext): Dispose {
  void region;
  void context;
  return () => {};
}
