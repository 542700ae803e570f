import type { Dispose } from '../dom.js';
import type { DraftContext } from './draft-context.js';

/** Mounts the save indicator into `region` (being built). */
export function mountSaveStatus(region: HTMLElement, context: DraftContext): Dispose {
  void region;
  void context;
  return () => {};
}
