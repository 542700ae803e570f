import type { Dispose } from '../dom.js';
import type { DraftContext } from './draft-context.js';

/** Mounts released versions with their HTML and ninjs into `region` (being built). */
export function mountPublicationsPanel(region: HTMLElement, context: DraftContext): Dispose {
  void region;
  void context;
  return () => {};
}
