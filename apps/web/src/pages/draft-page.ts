import { CopydeskApiError, type CopydeskClient } from '#client';
import type { MeView } from '#contracts';
import * as Y from 'yjs';
import { h, replaceChildren, type Dispose } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { hrefOf } from '../router.js';
import { mountClaimsPanel } from '../draft/claims-panel.js';
import { DraftContext } from '../draft/draft-context.js';
import { mountEditors } from '../draft/editor.js';
import { mountHistoryPanel } from '../draft/history-panel.js';
import { mountPresencePanel } from '../draft/presence-panel.js';
import { mountPublicationsPanel } from '../draft/publications-panel.js';
import { mountReviewBar } from '../draft/review-bar.js';
import { mountSaveStatus } from '../draft/save-status.js';

/**
 * Each draft's document for as long as the page is open: leaving a draft (or switching the
 * interface language, which re-renders) closes its session, and opening it again joins with the
 * same document, so changes not yet stored are sent then instead of being lost.
 */
const documents = new Map<string, Y.Doc>();

function documentOf(draftId: string): Y.Doc {
  let doc = documents.get(draftId);
  if (!doc) documents.set(draftId, (doc = new Y.Doc()));
  return doc;
}

/**
 * One draft: the review bar on top, the headline and body editors with who is here and the save
 * state, the claims panel beside them, and the revisions and publications below. Each part
 * mounts into its own region and returns how to take it down.
 */
export function draftPage(root: HTMLElement, client: CopydeskClient, me: MeView, draftId: string): Dispose {
  const disposers: Dispose[] = [];
  let closed = false;
  replaceChildren(root, h('main', { class: 'draft-page', 'aria-busy': 'true' }, t('app.loading')));

  void (async () => {
    let draft;
    try {
      draft = await client.getDraft(draftId);
    } catch (error) {
      if (closed) return;
      const message =
        error instanceof CopydeskApiError && error.status === 404
          ? t('draft.notFound')
          : t('app.error', { message: String(error) });
      replaceChildren(root, h('main', { class: 'draft-page' }, h('p', { role: 'alert' }, message), backLink()));
      return;
    }
    if (closed) return;
    const session = client.openDraft(draftId, { doc: documentOf(draftId) });
    disposers.push(() => void session.close());
    const context = new DraftContext(client, session, draft, me);

    const review = h('section', { class: 'review-region', 'aria-label': t('review.region') });
    const editors = h('section', { class: 'editor-region', lang: draft.language, 'aria-label': t('draft.text') });
    const status = h('div', { class: 'status-region' });
    const presence = h('aside', { class: 'presence-region', 'aria-label': t('presence.region') });
    const claims = h('aside', { class: 'claims-region', 'aria-label': t('claims.region') });
    const history = h('section', { class: 'history-region', 'aria-label': t('history.region') });
    const publications = h('section', { class: 'publications-region', 'aria-label': t('publications.region') });
    replaceChildren(
      root,
      h(
        'main',
        { class: 'draft-page' },
        h('nav', { class: 'draft-nav' }, backLink()),
        review,
        h('div', { class: 'draft-columns' }, h('div', { class: 'draft-main' }, status, presence, editors), claims),
        history,
        publications,
      ),
    );
    // The editors first: the other parts link to them (reveal a claim's span, read the selection).
    disposers.push(mountEditors(editors, context));
    disposers.push(mountSaveStatus(status, context));
    disposers.push(mountPresencePanel(presence, context));
    disposers.push(mountClaimsPanel(claims, context));
    disposers.push(mountReviewBar(review, context));
    disposers.push(mountHistoryPanel(history, context));
    disposers.push(mountPublicationsPanel(publications, context));
    try {
      await session.whenSynced();
    } catch (error) {
      // The join was refused (the draft went away, or the user's access did, since it was loaded).
      if (closed) return;
      const message = isNotFound(error) ? t('draft.notFound') : t('app.error', { message: String(error) });
      replaceChildren(root, h('main', { class: 'draft-page' }, h('p', { role: 'alert' }, message), backLink()));
    }
  })();

  return () => {
    closed = true;
    for (const dispose of disposers.reverse()) dispose();
  };
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'NOT_FOUND';
}

function backLink(): HTMLAnchorElement {
  return h('a', { href: hrefOf({ page: 'drafts' }), class: 'back-link' }, t('app.back'));
}
