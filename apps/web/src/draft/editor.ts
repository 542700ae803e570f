import type { Dispose } from '../dom.js';
import type { DraftContext } from './draft-context.js';

/** Mounts the headline and body editors (CodeMirror 6 bound to the draft's Yjs texts) into `region` (being built). */
export function mountEditors(region: HTMLElement, context: DraftContext): Dispose {
  void region;
  void context;
  return () => {};
}
