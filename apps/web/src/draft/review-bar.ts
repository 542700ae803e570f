import type { Dispose } from '../dom.js';
import type { DraftContext } from './draft-context.js';

/** Mounts the review bar into `region` (being built). */
export function mountReviewBar(region: HTMLElement, context: DraftContext): Dispose {
  void region;
  void context;
  return () => {};
}
