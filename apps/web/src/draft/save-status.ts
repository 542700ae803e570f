/**
 * The save status line: "Saved" only once every local change is durably stored on a connected,
 * joined session; "Saving…" while changes are in flight; offline with the count of changes
 * waiting; and, when the server refused a change, why (in words for the code, and its message).
 * The words are decided by the pure `saveStatus` (save-status-state.ts).
 */
import { h, replaceChildren, type Dispose } from '../dom.js';
import { locale, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import type { DraftContext } from './draft-context.js';
import {
  failureReason,
  pluralCategory,
  saveStatus,
  shouldWarnBeforeUnload,
  type Failure,
  type SaveInputs,
  type SaveStatus,
} from './save-status-state.js';

/** "Saved" shows only after this long without a new change, so it does not flicker (and is not read out) at every keystroke. */
const SAVED_AFTER_MS = 600;

/** Failures of these operations concern saving; a remote update the page could not apply does not. */
const SAVING_OPERATIONS = new Set(['update', 'join', 'connect']);

export function mountSaveStatus(region: HTMLElement, context: DraftContext): Dispose {
  const { session, client } = context;
  const line = h('p', { class: 'save-status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  replaceChildren(region, line);

  const state: Omit<SaveInputs, 'pending' | 'joined'> = {
    connected: client.connected,
    everConnected: client.connected || session.isJoined,
    refusal: null,
    retrying: null,
  };
  let refusalOperation: string | null = null;
  /** What the line says now (kind and words), so an unchanged status is not written (and read out) again. */
  let shown: { kind: SaveStatus['kind']; key: string } | null = null;
  let savedTimer: ReturnType<typeof setTimeout> | null = null;

  const render = () => {
    if (savedTimer) clearTimeout(savedTimer);
    savedTimer = null;
    const status = saveStatus({ ...state, joined: session.isJoined, pending: session.pendingUpdates });
    if (status.kind === 'saved' && shown !== null && shown.kind !== 'saved') {
      savedTimer = setTimeout(() => {
        savedTimer = null;
        show(status);
      }, SAVED_AFTER_MS);
      return;
    }
    show(status);
  };

  const show = (status: SaveStatus) => {
    const { text, detail } = wordsFor(status);
    const key = `${status.kind}\n${text}\n${detail ?? ''}`;
    if (key === shown?.key) return;
    shown = { kind: status.kind, key };
    line.className = `save-status save-${status.kind}`;
    replaceChildren(
      line,
      h('span', { class: 'save-dot', 'aria-hidden': 'true' }),
      h('span', { class: 'save-text' }, text),
      detail ? h('span', { class: 'save-detail', dir: 'auto' }, detail) : null,
    );
  };

  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!shouldWarnBeforeUnload(session.pendingUpdates)) return;
    event.preventDefault();
    // Older browsers show nothing unless returnValue is set; none shows this text any more.
    event.returnValue = t('save.leaveWarning');
  };
  window.addEventListener('beforeunload', onBeforeUnload);

  const onDocUpdate = () => render();
  session.doc.on('update', onDocUpdate);

  const offs: Dispose[] = [
    session.on('acked', () => {
      state.refusal = null;
      state.retrying = null;
      refusalOperation = null;
      render();
    }),
    session.on('connection', (connection) => {
      state.connected = connection === 'connected';
      if (state.connected) state.everConnected = true;
      render();
    }),
    session.on('synced', () => {
      state.connected = true;
      state.everConnected = true;
      state.retrying = null;
      // A sign-in that ended is over once the session joins again.
      if (refusalOperation === 'connect') {
        state.refusal = null;
        refusalOperation = null;
      }
      render();
    }),
    session.on('error', (error) => {
      if (!SAVING_OPERATIONS.has(error.operation)) return;
      state.refusal = { code: error.code, message: error.message };
      refusalOperation = error.operation;
      render();
    }),
    session.on('retrying', (error) => {
      state.retrying = { code: error.code, message: error.message };
      render();
    }),
  ];
  render();

  return () => {
    if (savedTimer) clearTimeout(savedTimer);
    window.removeEventListener('beforeunload', onBeforeUnload);
    session.doc.off('update', onDocUpdate);
    for (const off of offs) off();
  };
}

function wordsFor(status: SaveStatus): { text: string; detail: string | null } {
  switch (status.kind) {
    case 'saved':
      return { text: t('save.saved'), detail: null };
    case 'saving':
      return { text: t('save.saving'), detail: null };
    case 'connecting':
      return { text: t('save.connecting'), detail: null };
    case 'retrying':
      return { text: t('save.retrying', { reason: reasonOf(status.failure) }), detail: null };
    case 'offline':
      return { text: offlineText(status.pending), detail: null };
    case 'refused':
      return {
        text: t('save.notSaved', { reason: reasonOf(status.failure) }),
        detail: status.failure.message ? t('save.serverSaid', { message: status.failure.message }) : null,
      };
  }
}

function offlineText(pending: number): string {
  if (pending === 0) return t('save.offlineNone');
  const key: MessageKey = `save.offline.${pluralCategory(locale(), pending)}`;
  return t(key, { count: pending });
}

function reasonOf(failure: Failure): string {
  const key: MessageKey = `save.reason.${failureReason(failure.code)}`;
  return t(key);
}
