import type { Dispose } from '../dom.js';
import type { DraftContext } from './draft-context.js';

/** Mounts who is here into `region` (being built). */
export function mountPresencePanel(region: HTMLElement, context: DraftContext): Dispose {
  void region;
  void context;
  return () => {};
}
