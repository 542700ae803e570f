/**
 * The publications panel (docs/publishing.md): the story's released versions, newest first, and
 * the one selected as it went out: its HTML in a sandboxed frame (nothing in it runs; the text is
 * shown instead where the frame cannot be), and its ninjs item as indented JSON, as text. Read
 * again when a `review` event says a version went out (published, or withdrawn).
 */
import type { Publication } from '#contracts';
import { h, replaceChildren, type Dispose } from '../dom.js';
import { locale, t } from '../i18n/i18n.js';
import type { DraftContext } from './draft-context.js';
import { bringsNewVersion, newestFirst, prettyJson, publicationDocument } from './publication-view.js';
import { nameOf } from './review-people.js';
import { formatInstant } from './review-time.js';

/** How long a frame may take to load its document before the text is shown instead. */
const FRAME_LOAD_MS = 3_000;

export function mountPublicationsPanel(region: HTMLElement, context: DraftContext): Dispose {
  const panel = new PublicationsPanel(region, context);
  return () => panel.dispose();
}

type View = 'rendered' | 'text';

class PublicationsPanel {
  private publications: Publication[] = [];
  /** The version the user picked; null: the newest. */
  private chosen: number | null = null;
  private view: View = 'rendered';
  /** The frame failed once on this page: the text view from then on. */
  private frameBroken = false;
  private frameTimer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0;
  private disposed = false;
  private readonly unsubscribe: (() => void)[] = [];

  private readonly alert = h('div', { class: 'publications-alert', role: 'alert' });
  private readonly list = h('ul', {
    class: 'publications-list',
    'aria-label': t('publicationsPanel.versions'),
    'aria-busy': 'true',
  });
  private readonly detail = h('div', { class: 'publication-detail' });
  private readonly meta = h('p', { class: 'publication-meta' });

  constructor(
    region: HTMLElement,
    private readonly context: DraftContext,
  ) {
    replaceChildren(
      region,
      h(
        'div',
        { class: 'panel publications-panel' },
        h('h2', { class: 'panel-title publications-title' }, t('publicationsPanel.title')),
        this.alert,
        h('div', { class: 'publications-layout' }, this.list, this.detail),
      ),
    );
    this.list.append(h('li', { class: 'publications-empty' }, t('publicationsPanel.loading')));
    this.unsubscribe.push(
      context.session.on('review', (event) => {
        if (bringsNewVersion(event.state)) void this.load();
      }),
      context.session.on('synced', (event) => {
        if (event.resync) void this.load();
      }),
    );
    void this.load();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.frameTimer);
    for (const off of this.unsubscribe) off();
  }

  private async load(): Promise<void> {
    const asked = ++this.asked;
    this.list.setAttribute('aria-busy', 'true');
    let publications: Publication[];
    try {
      publications = await this.context.client.publications(this.context.draft.id);
    } catch (error) {
      if (this.disposed || asked !== this.asked) return;
      this.list.setAttribute('aria-busy', 'false');
      replaceChildren(
        this.alert,
        h(
          'p',
          { class: 'form-error' },
          t('publicationsPanel.error', { message: error instanceof Error ? error.message : String(error) }),
        ),
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              this.alert.replaceChildren();
              void this.load();
            },
          },
          t('publicationsPanel.retry'),
        ),
      );
      return;
    }
    if (this.disposed || asked !== this.asked) return;
    this.alert.replaceChildren();
    this.list.setAttribute('aria-busy', 'false');
    const before = this.selected()?.version;
    this.publications = newestFirst(publications);
    this.renderList();
    if (this.selected()?.version !== before) this.renderDetail();
  }

  private selected(): Publication | undefined {
    return this.publications.find((item) => item.version === this.chosen) ?? this.publications[0];
  }

  private renderList(): void {
    const focusedVersion =
      document.activeElement instanceof HTMLElement && this.list.contains(document.activeElement)
        ? document.activeElement.dataset.version
        : undefined;
    if (this.publications.length === 0) {
      replaceChildren(this.list, h('li', { class: 'publications-empty' }, t('publicationsPanel.empty')));
      return;
    }
    const selected = this.selected();
    replaceChildren(
      this.list,
      this.publications.map((publication) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: `publication-item pub-${publication.pubStatus}`,
              'data-version': String(publication.version),
              'aria-current': publication === selected ? 'true' : null,
              onclick: () => {
                this.chosen = publication.version;
                this.renderList();
                this.renderDetail();
              },
            },
            h(
              'span',
              { class: 'publication-version' },
              t('publicationsPanel.version', { version: publication.version }),
            ),
            h('span', { class: 'publication-event' }, t(`publicationsPanel.event.${publication.event}`)),
            h(
              'span',
              { class: `publication-status pub-status-${publication.pubStatus}` },
              t(`publicationsPanel.pubStatus.${publication.pubStatus}`),
            ),
            h(
              'time',
              { class: 'publication-when', datetime: publication.publishedAt },
              formatInstant(publication.publishedAt, locale()),
            ),
          ),
        ),
      ),
    );
    if (focusedVersion) this.list.querySelector<HTMLElement>(`[data-version="${focusedVersion}"]`)?.focus();
  }

  private renderDetail(): void {
    clearTimeout(this.frameTimer);
    const publication = this.selected();
    if (!publication) {
      this.detail.replaceChildren();
      return;
    }
    replaceChildren(this.meta, this.metaOf(publication));
    const viewButton = (view: View, label: string) =>
      h(
        'button',
        {
          type: 'button',
          'aria-pressed': String(this.view === view),
          onclick: () => {
            this.view = view;
            this.renderDetail();
            this.detail.querySelector<HTMLElement>(`[data-view="${view}"]`)?.focus();
          },
          'data-view': view,
        },
        label,
      );
    replaceChildren(
      this.detail,
      h(
        'h3',
        { class: 'publication-title' },
        t('publicationsPanel.version', { version: publication.version }),
        ' · ',
        t(`publicationsPanel.event.${publication.event}`),
      ),
      this.meta,
      publication.note
        ? h(
            'p',
            { class: 'publication-note' },
            t('publicationsPanel.note'),
            ' ',
            h('q', { dir: 'auto', lang: '', class: 'user-quote' }, publication.note),
          )
        : null,
      h('p', { class: 'publication-uri' }, t('publicationsPanel.uri'), ' ', h('code', { dir: 'ltr' }, publication.uri)),
      h(
        'div',
        { class: 'publication-views', role: 'group', 'aria-label': t('publicationsPanel.view') },
        viewButton('rendered', t('publicationsPanel.rendered')),
        viewButton('text', t('publicationsPanel.text')),
      ),
      this.view === 'rendered' && !this.frameBroken ? this.frame(publication) : textView(publication),
      h(
        'details',
        { class: 'publication-ninjs', open: true },
        h('summary', {}, t('publicationsPanel.ninjs')),
        h(
          'pre',
          {
            dir: 'ltr',
            tabindex: '0',
            'aria-label': t('publicationsPanel.ninjsLabel', { version: publication.version }),
          },
          // Text, never HTML: the item's strings are the reporter's.
          prettyJson(publication.ninjs),
        ),
      ),
    );
  }

  /** Its status for receivers, when and by whom it went out, and its embargo. */
  private metaOf(publication: Publication): (Node | string | null)[] {
    const when = formatInstant(publication.publishedAt, locale());
    return [
      h(
        'span',
        { class: `publication-status pub-status-${publication.pubStatus}` },
        t('publicationsPanel.pubStatusLabel', { status: t(`publicationsPanel.pubStatus.${publication.pubStatus}`) }),
      ),
      ' · ',
      publication.publishedBy === null
        ? t('publicationsPanel.releasedByScheduler', { when })
        : t('publicationsPanel.released', {
            when,
            who: nameOf(this.context, publication.publishedBy, publication.publishedByName),
          }),
      publication.embargoedUntil
        ? ` · ${t('publicationsPanel.embargoed', { when: formatInstant(publication.embargoedUntil, locale(), true) })}`
        : null,
    ];
  }

  /**
   * The version's HTML in a frame sandboxed with no permission (no scripts, no forms, an opaque
   * origin), its document set through the `srcdoc` property. Should it not load (a browser or a
   * policy refusing it), the text view takes its place.
   */
  private frame(publication: Publication): HTMLElement {
    const frame = h('iframe', {
      class: 'publication-frame',
      sandbox: '',
      title: t('publicationsPanel.frameTitle', { version: publication.version }),
      referrerpolicy: 'no-referrer',
    });
    const slot = h('div', { class: 'publication-rendered' }, frame);
    if (!('srcdoc' in frame)) {
      this.frameBroken = true;
      return textView(publication, true);
    }
    frame.addEventListener('load', () => clearTimeout(this.frameTimer), { once: true });
    this.frameTimer = setTimeout(() => {
      if (this.disposed || !slot.isConnected) return;
      this.frameBroken = true;
      slot.replaceWith(textView(publication, true));
    }, FRAME_LOAD_MS);
    frame.srcdoc = publicationDocument(publication.html, publication.language);
    return slot;
  }
}

/**
 * The version's text without markup: the HTML is parsed by DOMParser (an inert document: nothing
 * in it runs or loads) and only its text is taken, paragraph by paragraph, line breaks kept.
 */
function textView(publication: Publication, instead = false): HTMLElement {
  const parsed = new DOMParser().parseFromString(publication.html, 'text/html');
  for (const br of parsed.querySelectorAll('br')) br.replaceWith('\n');
  const headline = parsed.querySelector('h1, h2, h3')?.textContent?.trim() || publication.headline;
  const paragraphs = [...parsed.querySelectorAll('p')]
    .map((paragraph) => paragraph.textContent?.trim() ?? '')
    .filter(Boolean);
  return h(
    'div',
    { class: 'publication-text' },
    instead ? h('p', { class: 'hint', role: 'status' }, t('publicationsPanel.frameBlocked')) : null,
    h(
      'article',
      { dir: 'auto', lang: publication.language },
      h('h4', { dir: 'auto' }, headline),
      paragraphs.map((text) => h('p', { dir: 'auto' }, text)),
    ),
  );
}
