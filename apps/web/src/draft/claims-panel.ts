import type { Dispose } from '../dom.js';
import type { DraftContext } from './draft-context.js';

/** Mounts the claims panel into `region` (being built). */
export function mountClaimsPanel(region: HTMLElement, context: DraftContext): Dispose {
  void region;
  void context;
  return () => {};
}
