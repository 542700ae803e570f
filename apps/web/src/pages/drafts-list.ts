import type { CopydeskClient } from '#client';
import { REVIEW_STATES, type DraftView, type Language, type MeView, type ReviewState } from '#contracts';
import { h, replaceChildren, type Dispose } from '../dom.js';
import { formatTime, t } from '../i18n/i18n.js';
import { hrefOf, navigate } from '../router.js';

const PAGE_SIZE = 25;
/** Typing in the search box asks the server once the typist pauses. */
const SEARCH_PAUSE_MS = 250;

/** The drafts the user may see: desk, state and text filters (Arabic-aware on the server), and a new draft. */
export function draftsListPage(root: HTMLElement, client: CopydeskClient, me: MeView): Dispose {
  const desk = h(
    'select',
    { id: 'drafts-desk' },
    h('option', { value: '' }, t('drafts.allDesks')),
    me.desks.map((item) => h('option', { value: item.id }, item.name)),
  );
  const state = h(
    'select',
    { id: 'drafts-state' },
    h('option', { value: '' }, t('drafts.allStates')),
    REVIEW_STATES.map((item) => h('option', { value: item }, t(`state.${item}`))),
  );
  const search = h('input', {
    id: 'drafts-search',
    type: 'search',
    dir: 'auto',
    'aria-describedby': 'drafts-search-hint',
  });
  const list = h('ul', { class: 'draft-list', 'aria-live': 'polite', 'aria-busy': 'true' });
  const more = h('button', { type: 'button', hidden: true }, t('drafts.more'));
  let cursor: string | null = null;
  let generation = 0;

  const load = async (append: boolean) => {
    const asked = ++generation;
    list.setAttribute('aria-busy', 'true');
    const page = await client.listDrafts({
      deskId: desk.value || undefined,
      state: (state.value || undefined) as ReviewState | undefined,
      q: search.value.trim() || undefined,
      limit: PAGE_SIZE,
      cursor: append ? (cursor ?? undefined) : undefined,
    });
    if (asked !== generation) return; // a newer filter answered first
    cursor = page.nextCursor;
    if (!append) list.replaceChildren();
    for (const draft of page.items) list.append(draftItem(draft, me));
    if (list.childElementCount === 0) list.append(h('li', { class: 'empty' }, t('drafts.none')));
    more.hidden = cursor === null;
    list.setAttribute('aria-busy', 'false');
  };
  let pause: ReturnType<typeof setTimeout> | undefined;
  const reload = () => void load(false).catch(showError);
  const showError = (error: unknown) =>
    replaceChildren(list, h('li', { class: 'form-error', role: 'alert' }, t('app.error', { message: String(error) })));
  desk.addEventListener('change', reload);
  state.addEventListener('change', reload);
  search.addEventListener('input', () => {
    clearTimeout(pause);
    pause = setTimeout(reload, SEARCH_PAUSE_MS);
  });
  more.addEventListener('click', () => void load(true).catch(showError));

  replaceChildren(
    root,
    h(
      'main',
      { class: 'drafts-page', 'aria-labelledby': 'drafts-title' },
      h('h1', { id: 'drafts-title' }, t('drafts.title')),
      h(
        'div',
        { class: 'filters', role: 'search' },
        field('drafts-desk', t('drafts.desk'), desk),
        field('drafts-state', t('drafts.state'), state),
        field('drafts-search', t('drafts.search'), search),
        h('p', { id: 'drafts-search-hint', class: 'hint' }, t('drafts.searchHint')),
      ),
      list,
      more,
      newDraftForm(client, me),
    ),
  );
  reload();
  return () => clearTimeout(pause);
}

function draftItem(draft: DraftView, me: MeView): HTMLLIElement {
  const deskName = me.desks.find((desk) => desk.id === draft.deskId)?.name ?? '';
  return h(
    'li',
    {},
    h(
      'a',
      { href: hrefOf({ page: 'draft', draftId: draft.id }), lang: draft.language, dir: 'auto', class: 'draft-link' },
      draft.headline.trim() || t('drafts.untitled'),
    ),
    h(
      'span',
      { class: 'draft-meta' },
      h('span', { class: `state-badge state-${draft.review.state}` }, t(`state.${draft.review.state}`)),
      ' ',
      deskName,
      ' · ',
      t('drafts.updated', { when: formatTime(draft.updatedAt) }),
    ),
  );
}

function newDraftForm(client: CopydeskClient, me: MeView): HTMLElement {
  const language = h(
    'select',
    { id: 'new-draft-language' },
    (['ar', 'en'] as const).map((item) => h('option', { value: item }, t(`language.${item}`))),
  );
  const desk = h(
    'select',
    { id: 'new-draft-desk' },
    me.desks.map((item) => h('option', { value: item.id }, item.name)),
  );
  const headline = h('input', { id: 'new-draft-headline', type: 'text', dir: 'auto' });
  const status = h('p', { class: 'form-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'new-draft', 'aria-labelledby': 'new-draft-title' },
    h('h2', { id: 'new-draft-title' }, t('drafts.new')),
    field('new-draft-language', t('drafts.newLanguage'), language),
    me.desks.length > 1 ? field('new-draft-desk', t('drafts.desk'), desk) : null,
    field('new-draft-headline', t('drafts.newHeadline'), headline),
    status,
    h('button', { type: 'submit', class: 'primary' }, t('drafts.create')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const draft = await client.createDraft({
        language: language.value as Language,
        headline: headline.value,
        deskId: desk.value || undefined,
      });
      navigate({ page: 'draft', draftId: draft.id });
    } catch (error) {
      status.textContent = t('app.error', { message: error instanceof Error ? error.message : String(error) });
    }
  });
  return form;
}

export function field(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}
