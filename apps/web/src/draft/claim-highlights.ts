import type { DraftClaim } from '#contracts';
import { StateEffect, StateField, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, WidgetType, type DecorationSet } from '@codemirror/view';
import { locale, t } from '../i18n/i18n.js';
import { claimTitle } from './claim-format.js';
import { anchorsIn } from './claim-rules.js';
import type { DraftContext } from './draft-context.js';

/** Replaces the highlights with ones built from the claims' anchors as they resolve now. */
const setHighlights = StateEffect.define<DecorationSet>();

/** The mark after a stale claim: its verdict no longer covers its text. */
class StaleMarker extends WidgetType {
  constructor(
    readonly claimId: string,
    readonly title: string,
  ) {
    super();
  }

  override eq(other: StaleMarker): boolean {
    return other.claimId === this.claimId && other.title === this.title;
  }

  toDOM(): HTMLElement {
    const marker = document.createElement('span');
    marker.className = 'cm-claim-stale-marker';
    marker.dataset.claimId = this.claimId;
    marker.title = this.title;
    marker.setAttribute('aria-hidden', 'true');
    marker.textContent = '⟲';
    return marker;
  }

  override ignoreEvent(): boolean {
    return false;
  }
}

/**
 * Each open claim's span in the body, marked by its status (`cm-claim-<status>`, and
 * `cm-claim-stale` with a marker after it when its verdict went stale), with `data-claim-id` and
 * a title; a click on one reveals the claim in the panel (`context.revealClaim`).
 *
 * The spans are the claims' Yjs anchors resolved against the session's document. Between two
 * resolutions, edits map the marks (so they move with the typing at once); after every change of
 * the document and every `claims` event or re-join, the marks are rebuilt from the anchors, just
 * after the change is through (an empty transaction carrying `setHighlights`).
 */
export function claimHighlights(context: DraftContext): Extension {
  let extension = made.get(context);
  if (!extension) made.set(context, (extension = build(context)));
  return extension;
}

/** One extension per page context: CodeMirror takes the same extension in once, however often it is added. */
const made = new WeakMap<DraftContext, Extension>();

function build(context: DraftContext): Extension {
  const field = StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(highlights, transaction) {
      for (const effect of transaction.effects) if (effect.is(setHighlights)) return effect.value;
      return transaction.docChanged ? highlights.map(transaction.changes) : highlights;
    },
    provide: (self) => EditorView.decorations.from(self),
  });

  const follower = ViewPlugin.define((view) => {
    let queued = false;
    let gone = false;
    const refresh = () => {
      if (queued || gone) return;
      queued = true;
      // Not during the update or Yjs transaction that caused it: once it is through.
      queueMicrotask(() => {
        queued = false;
        if (!gone) view.dispatch({ effects: setHighlights.of(highlightsOf(context, view.state.doc.length)) });
      });
    };
    const { session } = context;
    const offs = [session.on('claims', refresh), session.on('synced', refresh)];
    session.doc.on('update', refresh);
    refresh();
    return {
      destroy() {
        gone = true;
        for (const off of offs) off();
        session.doc.off('update', refresh);
      },
    };
  });

  const clicks = EditorView.domEventHandlers({
    click(event, view) {
      const target = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-claim-id]') : null;
      if (!target || !view.contentDOM.contains(target)) return false;
      // A drag that selected text is not a click on the claim.
      if (!view.state.selection.main.empty) return false;
      const claimId = target.dataset.claimId;
      if (claimId) context.revealClaim(claimId);
      return false; // the caret goes where the click put it
    },
  });

  return [field, follower, clicks];
}

/** The marks for the claims as they resolve now; spans past `length` (the editor's text) are left out. */
function highlightsOf(context: DraftContext, length: number): DecorationSet {
  const ranges: Range<Decoration>[] = [];
  for (const claim of context.session.claims.values()) {
    const { start, end } = anchorsIn(context.session, claim);
    if (start === null || end === null || start >= end || end > length) continue;
    const title = claimTitle(claim, locale(), t);
    ranges.push(markOf(claim, title).range(start, end));
    if (claim.stale) ranges.push(Decoration.widget({ widget: new StaleMarker(claim.id, title), side: 1 }).range(end));
  }
  return Decoration.set(ranges, true);
}

function markOf(claim: DraftClaim, title: string): Decoration {
  return Decoration.mark({
    class: `cm-claim cm-claim-${claim.status}${claim.stale ? ' cm-claim-stale' : ''}`,
    attributes: { 'data-claim-id': claim.id, title },
  });
}
