import type { CopydeskClient, DraftSession } from '#client';
import type { Extension } from '@codemirror/state';
import type { DraftView, MeView } from '#contracts';

/** A span of the body, in UTF-16 offsets of the current text. */
export interface BodySpan {
  start: number;
  end: number;
}

/**
 * What the parts of the draft page share: the SDK client, the live session, the draft as
 * loaded, the user, and links between parts that the parts fill in as they mount (the editor
 * reveals spans; the claims panel reveals claims). A link not filled in yet does nothing.
 */
export class DraftContext {
  /** Set by the body editor. */
  revealBody: (span: BodySpan) => void = () => {};
  /** Set by the body editor: the current selection in the body, or null when nothing is selected. */
  bodySelection: () => BodySpan | null = () => null;
  /** Set by the claims panel: shows the claim in the panel and its span in the body. */
  revealClaim: (claimId: string) => void = () => {};
  /** CodeMirror extensions for the body editor from other parts (claim highlights), added as they mount. */
  readonly bodyExtensions: Extension[] = [];

  constructor(
    readonly client: CopydeskClient,
    readonly session: DraftSession,
    readonly draft: DraftView,
    readonly me: MeView,
  ) {}

  get canEdit(): boolean {
    return this.session.access === 'edit';
  }

  get isChecker(): boolean {
    return this.me.role === 'fact_checker' || this.me.role === 'editor' || this.me.role === 'admin';
  }
}
