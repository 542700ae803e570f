/**
 * The headline and body editors: CodeMirror 6 views bound to the draft's Yjs texts with
 * y-codemirror.next, so every keystroke is a Yjs update the SDK sends (docs/protocol.md). Each
 * line takes the direction of its first letter (Arabic and English mix per paragraph); the
 * editors turn read-only at once when the review state locks the text or the access drops.
 */
import { defaultKeymap } from '@codemirror/commands';
import {
  Compartment,
  EditorSelection,
  EditorState,
  Prec,
  RangeSetBuilder,
  type Extension,
  type TransactionSpec,
  Transaction,
} from '@codemirror/state';
import {
  Decoration,
  EditorView,
  ViewPlugin,
  keymap,
  placeholder,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import type { DraftAccess } from '#contracts';
import { yCollab, ySyncAnnotation } from 'y-codemirror.next';
import * as Y from 'yjs';
import { h, replaceChildren, type Dispose } from '../dom.js';
import { t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import type { BodySpan, DraftContext } from './draft-context.js';
import { baseDirection, firstStrongDirection } from './editor-direction.js';
import { oversizeInsert, UPDATE_OVERHEAD_BYTES } from './editor-limits.js';
import { editorMode, type EditorMode, type LockedReviewState } from './editor-lock.js';
import { acquirePresence, type PresenceAwareness } from './presence-awareness.js';

const LOCKED_MESSAGES: Record<LockedReviewState, MessageKey> = {
  approved: 'editor.locked.approved',
  scheduled: 'editor.locked.scheduled',
  published: 'editor.locked.published',
  withdrawn: 'editor.locked.withdrawn',
  spiked: 'editor.locked.spiked',
};

/** How long a refused paste stays explained under the editors. */
const NOTICE_MS = 10_000;

let mounted = 0;

/** Mounts the headline and body editors into `region` and links the body to the other parts. */
export function mountEditors(region: HTMLElement, context: DraftContext): Dispose {
  const { session, draft } = context;
  const ids = `editor-${++mounted}`;
  const { awareness, release } = acquirePresence(context);
  const disposers: Dispose[] = [release];

  const banner = h('p', { class: 'editor-banner', id: `${ids}-banner`, role: 'status', hidden: true });
  const notice = h('p', { class: 'editor-notice', role: 'alert', hidden: true });
  const headlineHost = h('div', { class: 'editor-host editor-headline' });
  const bodyHost = h('div', { class: 'editor-host editor-body' });
  replaceChildren(
    region,
    banner,
    h(
      'div',
      { class: 'editor-field' },
      h('span', { class: 'editor-label', id: `${ids}-headline`, onclick: () => headline.focus() }, t('draft.headline')),
      h('span', { class: 'editor-hint', id: `${ids}-hint` }, t('editor.headlineHint')),
      headlineHost,
    ),
    h(
      'div',
      { class: 'editor-field' },
      h('span', { class: 'editor-label', id: `${ids}-body`, onclick: () => body.focus() }, t('draft.body')),
      bodyHost,
    ),
    notice,
  );

  // The text waits for the first join, unless the page already holds this draft's document.
  let ready = session.isJoined || session.headline.length > 0 || session.body.length > 0;
  const mode = (): EditorMode => {
    const access: DraftAccess | null = session.access ?? (ready ? 'view' : draft.access);
    return editorMode({ ready, access, review: session.review?.state ?? draft.review.state });
  };
  let current = mode();

  const lock = { headline: new Compartment(), body: new Compartment() };
  const headlineUndo = localUndoManager(session.headline);
  const bodyUndo = localUndoManager(session.body);
  const external = new Compartment();
  let extensionsSeen = [...context.bodyExtensions];

  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  const refuseOversize = (bytes: number, limit: number) => {
    notice.textContent = t('editor.tooLarge', { size: kib(bytes), limit: kib(limit - UPDATE_OVERHEAD_BYTES) });
    notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => (notice.hidden = true), NOTICE_MS);
  };
  disposers.push(() => clearTimeout(noticeTimer));
  const guard = sizeGuard(() => session.limits?.maxUpdateBytes ?? null, refuseOversize);

  // Each view starts from its text as the document holds it (the page keeps a draft's document
  // when it is opened again); y-codemirror.next then carries every change either way.
  const headlineState = () =>
    EditorState.create({
      doc: session.headline.toString(),
      extensions: [
        Prec.highest(keymap.of([{ key: 'Enter', run: () => (body.focus(), true), shift: () => (body.focus(), true) }])),
        singleLine,
        guard,
        placeholder(t('editor.headlinePlaceholder')),
        textExtensions({
          language: draft.language,
          label: t('draft.headline'),
          multiline: false,
          describedBy: `${ids}-hint`,
        }),
        lock.headline.of(lockExtension(current, banner.id)),
        undoKeymap(headlineUndo),
        yCollab(session.headline, null, { undoManager: headlineUndo }),
        activityListener(awareness),
      ],
    });
  const bodyState = () =>
    EditorState.create({
      doc: session.body.toString(),
      extensions: [
        guard,
        placeholder(t('editor.bodyPlaceholder')),
        textExtensions({ language: draft.language, label: t('draft.body'), multiline: true }),
        lock.body.of(lockExtension(current, banner.id)),
        undoKeymap(bodyUndo),
        yCollab(session.body, awareness, { undoManager: bodyUndo }),
        activityListener(awareness),
        external.of(extensionsSeen),
      ],
    });
  const headline = new EditorView({ parent: headlineHost, state: headlineState() });
  const body = new EditorView({ parent: bodyHost, state: bodyState() });
  disposers.push(() => {
    headline.destroy();
    body.destroy();
    headlineUndo.destroy();
    bodyUndo.destroy();
  });

  /**
   * When the SDK took a refused change back out of the document (TOO_LARGE) while a view was
   * applying it, the binding could not follow: start that view again from its text.
   */
  const realign = () => {
    for (const [view, text, state] of [
      [headline, session.headline, headlineState],
      [body, session.body, bodyState],
    ] as const) {
      if (view.state.doc.toString() === text.toString()) continue;
      const { anchor, head } = view.state.selection.main;
      const fresh = state();
      const length = fresh.doc.length;
      view.setState(
        fresh.update({ selection: EditorSelection.single(Math.min(anchor, length), Math.min(head, length)) }).state,
      );
    }
  };

  const apply = () => {
    const next = mode();
    if (JSON.stringify(next) !== JSON.stringify(current)) {
      current = next;
      headline.dispatch({ effects: lock.headline.reconfigure(lockExtension(current, banner.id)) });
      body.dispatch({ effects: lock.body.reconfigure(lockExtension(current, banner.id)) });
    }
    showBanner(banner, current, session.access ?? draft.access);
  };
  showBanner(banner, current, session.access ?? draft.access);
  disposers.push(
    session.on('synced', () => {
      ready = true;
      apply();
    }),
    session.on('access', apply),
    session.on('review', apply),
    session.on('error', (error) => {
      apply();
      if (error.code === 'TOO_LARGE') queueMicrotask(realign);
    }),
  );

  // Other parts add their body extensions as they mount, after this one: take them in once they have.
  const refreshExtensions = () => {
    const now = [...context.bodyExtensions];
    if (now.length === extensionsSeen.length && now.every((extension, i) => extension === extensionsSeen[i])) return;
    extensionsSeen = now;
    body.dispatch({ effects: external.reconfigure(now) });
  };
  queueMicrotask(refreshExtensions);
  refreshers.set(context, refreshExtensions);
  disposers.push(() => refreshers.delete(context));

  context.revealBody = (span: BodySpan) => {
    const length = body.state.doc.length;
    const start = clamp(span.start, 0, length);
    const end = clamp(span.end, start, length);
    body.dispatch({
      selection: EditorSelection.single(start, end),
      effects: EditorView.scrollIntoView(EditorSelection.range(start, end), { y: 'center' }),
      userEvent: 'select.reveal',
    });
    body.focus();
  };
  context.bodySelection = () => {
    const main = body.state.selection.main;
    return main.empty ? null : { start: main.from, end: main.to };
  };
  disposers.push(() => {
    context.revealBody = () => {};
    context.bodySelection = () => null;
  });

  return () => {
    for (const dispose of disposers.splice(0).reverse()) dispose();
  };
}

const refreshers = new WeakMap<DraftContext, () => void>();

/**
 * Takes in `context.bodyExtensions` again, for a part that adds an extension later than the
 * page's mounting (those added while the page mounts are taken in without this).
 */
export function refreshBodyExtensions(context: DraftContext): void {
  refreshers.get(context)?.();
}

/**
 * Undo only takes back this user's own typing: the manager tracks nothing but the editor's own
 * changes (y-codemirror.next adds its sync origin), never the session's (remote) ones.
 */
function localUndoManager(text: Y.Text): Y.UndoManager {
  return new Y.UndoManager(text, { trackedOrigins: new Set() });
}

/** Undo and redo through Yjs, doing nothing while the text is read-only (a locked draft refuses any update). */
function undoKeymap(undoManager: Y.UndoManager): Extension {
  const undo = (view: EditorView) => (view.state.readOnly || undoManager.undo(), true);
  const redo = (view: EditorView) => (view.state.readOnly || undoManager.redo(), true);
  return [
    Prec.high(
      EditorView.domEventHandlers({
        beforeinput: (event, view) => {
          if (!view.state.readOnly || (event.inputType !== 'historyUndo' && event.inputType !== 'historyRedo'))
            return false;
          event.preventDefault();
          return true;
        },
      }),
    ),
    keymap.of([
      { key: 'Mod-z', run: undo, preventDefault: true },
      { key: 'Mod-y', mac: 'Mod-Shift-z', run: redo, preventDefault: true },
      { key: 'Mod-Shift-z', run: redo, preventDefault: true },
      // No Tab binding: Tab and Shift-Tab move the focus, as everywhere else on the page.
      ...defaultKeymap,
    ]),
  ];
}

interface TextOptions {
  language: string;
  label: string;
  multiline: boolean;
  describedBy?: string;
}

/** What both editors share: wrapping, direction per line, the draft's language and a label. */
function textExtensions({ language, label, multiline, describedBy }: TextOptions): Extension {
  return [
    EditorView.lineWrapping,
    EditorView.perLineTextDirection.of(true),
    lineDirections,
    EditorView.contentAttributes.of({
      lang: language,
      dir: baseDirection(language),
      'aria-label': label,
      'aria-multiline': String(multiline),
      ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      spellcheck: 'true',
    }),
  ];
}

function lockExtension(mode: EditorMode, bannerId: string): Extension {
  if (mode.editable) return [];
  // Read-only, not uneditable: the text stays focusable, selectable (to mark a claim) and readable.
  return [EditorState.readOnly.of(true), EditorView.contentAttributes.of({ 'aria-describedby': bannerId })];
}

function showBanner(banner: HTMLElement, mode: EditorMode, access: DraftAccess | null): void {
  let text: string | null = null;
  if (!mode.editable) {
    if (mode.why === 'locked') text = t(LOCKED_MESSAGES[mode.state]);
    else if (mode.why === 'loading') text = t('editor.loading');
    else text = t(access === 'comment' ? 'editor.commentOnly' : 'editor.viewOnly');
  }
  banner.hidden = text === null;
  banner.classList.toggle('editor-banner-locked', !mode.editable && mode.why === 'locked');
  if (banner.textContent !== (text ?? '')) banner.textContent = text ?? '';
}

/**
 * Refuses, before it lands, a change larger than the server takes in one update (editor-limits.ts
 * says why it cannot land first), and says so.
 */
function sizeGuard(limit: () => number | null, refuse: (bytes: number, limit: number) => void): Extension {
  return EditorState.transactionFilter.of((tr) => {
    if (!tr.docChanged || tr.annotation(ySyncAnnotation)) return tr;
    const inserted: string[] = [];
    tr.changes.iterChanges((_fromA, _toA, _fromB, _toB, text) => inserted.push(text.toString()));
    const max = limit();
    const bytes = oversizeInsert(inserted, max);
    if (bytes === null || max === null) return tr;
    queueMicrotask(() => refuse(bytes, max));
    return [];
  });
}

function kib(bytes: number): string {
  return (bytes / 1024).toFixed(0);
}

/** A headline is one line: a line break typed or pasted becomes a space (text from others is left as it is). */
const singleLine = EditorState.transactionFilter.of((tr): Transaction | TransactionSpec[] => {
  if (!tr.docChanged || tr.annotation(ySyncAnnotation)) return tr;
  let breaks = false;
  tr.changes.iterChanges((_fromA, _toA, _fromB, _toB, inserted) => {
    if (inserted.lines > 1) breaks = true;
  });
  if (!breaks) return tr;
  const changes: { from: number; to: number; insert: string }[] = [];
  // One space per break keeps every length, so the transaction's selection still fits.
  tr.changes.iterChanges((from, to, _fromB, _toB, inserted) =>
    changes.push({ from, to, insert: inserted.sliceString(0, inserted.length, ' ') }),
  );
  const userEvent = tr.annotation(Transaction.userEvent);
  return [{ changes, selection: tr.selection, scrollIntoView: tr.scrollIntoView, userEvent }];
});

const RTL_LINE = Decoration.line({ attributes: { dir: 'rtl' } });
const LTR_LINE = Decoration.line({ attributes: { dir: 'ltr' } });

/**
 * Each rendered line gets the direction of its first letter (as `dir="auto"` would, but a line
 * with no letter keeps the draft's direction), which `perLineTextDirection` reads back for
 * cursor motion.
 */
const lineDirections = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = directions(view);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.viewportChanged) this.decorations = directions(update.view);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

function directions(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  let last = -1;
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to;) {
      const line = view.state.doc.lineAt(pos);
      if (line.from > last) {
        const direction = firstStrongDirection(line.text);
        if (direction) builder.add(line.from, line.from, direction === 'rtl' ? RTL_LINE : LTR_LINE);
        last = line.from;
      }
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

/** Tells presence what the user is doing: typing (editing), moving about (reviewing). */
function activityListener(awareness: PresenceAwareness): Extension {
  return EditorView.updateListener.of((update) => {
    const own = update.transactions.filter((tr) => !tr.annotation(ySyncAnnotation));
    if (own.some((tr) => tr.docChanged)) awareness.noteEdit();
    else if (own.some((tr) => tr.selection) || (update.focusChanged && update.view.hasFocus)) awareness.noteMove();
  });
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(Number.isFinite(value) ? Math.trunc(value) : min, min), max);
}
