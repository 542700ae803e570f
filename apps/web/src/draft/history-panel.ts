/**
 * The history panel (docs/review.md, "The review log and revisions"): the copies kept on submit,
 * approve and publish; a word diff between two of them (the latest two unless the user chose
 * others), insertions and deletions marked for eyes and for screen readers; and the review log,
 * folded. Both are read again on every `review` event.
 */
import type { DiffPart, RevisionDiff, RevisionSummaryView, ReviewEventView, VerdictStatus } from '#contracts';
import { VERDICT_STATUSES } from '#contracts';
import { h, replaceChildren, type Dispose } from '../dom.js';
import { locale, t } from '../i18n/i18n.js';
import type { DraftContext } from './draft-context.js';
import { diffStats, hasChanges, keptComparison, type Comparison } from './history-compare.js';
import { nameOf } from './review-people.js';
import { formatInstant } from './review-time.js';

/** How long the claims stay quiet before the open log is read again. */
const LOG_SETTLE_MS = 1_500;

export function mountHistoryPanel(region: HTMLElement, context: DraftContext): Dispose {
  const panel = new HistoryPanel(region, context);
  return () => panel.dispose();
}

class HistoryPanel {
  private revisions: RevisionSummaryView[] | null = null;
  /** What the user chose in the two lists; null: follow the latest two. */
  private chosen: Comparison | null = null;
  private shown: Comparison | null = null;
  private revisionsAsked = 0;
  private diffAsked = 0;
  private logAsked = 0;
  private logEvents: ReviewEventView[] | null = null;
  /** Verdicts and findings set aside came in while the log was folded: read it again when it opens. */
  private logStale = false;
  private logTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly unsubscribe: (() => void)[] = [];

  private readonly alert = h('div', { class: 'history-alert', role: 'alert' });
  private readonly list = h('div', { class: 'history-list', 'aria-busy': 'true' }, t('historyPanel.loading'));
  private readonly from = h('select', { id: 'history-from' });
  private readonly to = h('select', { id: 'history-to' });
  private readonly compare = h(
    'div',
    { class: 'history-compare', role: 'group', 'aria-labelledby': 'history-compare-title', hidden: true },
    h('h3', { id: 'history-compare-title' }, t('historyPanel.compare')),
    h(
      'div',
      { class: 'history-pickers' },
      h('div', { class: 'field' }, h('label', { for: 'history-from' }, t('historyPanel.from')), this.from),
      h('div', { class: 'field' }, h('label', { for: 'history-to' }, t('historyPanel.to')), this.to),
    ),
  );
  private readonly diff = h('div', { class: 'history-diff', 'aria-live': 'polite' });
  private readonly logSummary = h('summary', {}, t('historyPanel.log'));
  private readonly logBody = h('div', { class: 'history-log-body' });
  private readonly log = h('details', { class: 'history-log' }, this.logSummary, this.logBody);

  constructor(
    region: HTMLElement,
    private readonly context: DraftContext,
  ) {
    replaceChildren(
      region,
      h(
        'div',
        { class: 'panel history-panel' },
        h('h2', { class: 'panel-title history-title' }, t('historyPanel.title')),
        this.alert,
        this.list,
        this.compare,
        this.diff,
        this.log,
      ),
    );
    const picked = () => {
      this.chosen = { from: Number(this.from.value), to: Number(this.to.value) };
      this.showComparison();
    };
    this.from.addEventListener('change', picked);
    this.to.addEventListener('change', picked);
    this.unsubscribe.push(
      context.session.on('review', () => this.refresh()),
      context.session.on('synced', (event) => {
        if (event.resync) this.refresh();
      }),
      // A verdict or a finding set aside is logged too: read the log again, once things settle.
      context.session.on('claims', () => {
        if (!this.log.open) {
          this.logStale = true;
          return;
        }
        clearTimeout(this.logTimer);
        this.logTimer = setTimeout(() => void this.loadLog(), LOG_SETTLE_MS);
      }),
    );
    this.log.addEventListener('toggle', () => {
      if (this.log.open && this.logStale) void this.loadLog();
    });
    this.refresh();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.logTimer);
    for (const off of this.unsubscribe) off();
  }

  private refresh(): void {
    void this.loadRevisions();
    void this.loadLog();
  }

  // --- the revisions and the two lists ---

  private async loadRevisions(): Promise<void> {
    const asked = ++this.revisionsAsked;
    this.list.setAttribute('aria-busy', 'true');
    let revisions: RevisionSummaryView[];
    try {
      revisions = await this.context.client.revisions(this.context.draft.id);
    } catch (error) {
      if (this.disposed || asked !== this.revisionsAsked) return;
      this.list.setAttribute('aria-busy', 'false');
      this.showError(t('historyPanel.error', { message: messageOf(error) }), () => void this.loadRevisions());
      return;
    }
    if (this.disposed || asked !== this.revisionsAsked) return;
    this.revisions = [...revisions].sort((a, b) => a.number - b.number);
    this.alert.replaceChildren();
    this.list.setAttribute('aria-busy', 'false');
    this.renderList();
    this.showComparison();
  }

  private renderList(): void {
    if (!this.revisions) return;
    const revisions = this.revisions;
    if (revisions.length === 0) {
      replaceChildren(this.list, h('p', { class: 'history-empty' }, t('historyPanel.empty')));
      return;
    }
    const rows = [...revisions]
      .reverse()
      .map((revision) =>
        h(
          'tr',
          {},
          h('td', {}, String(revision.number)),
          h('td', {}, t(`historyPanel.kind.${revision.kind}`)),
          h('td', {}, h('time', { datetime: revision.createdAt }, formatInstant(revision.createdAt, locale()))),
          h('td', {}, nameOf(this.context, revision.createdBy, revision.createdByName)),
        ),
      );
    replaceChildren(
      this.list,
      h(
        'table',
        { class: 'history-table' },
        h('caption', { class: 'visually-hidden' }, t('historyPanel.caption')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('historyPanel.column.number')),
            h('th', { scope: 'col' }, t('historyPanel.column.kind')),
            h('th', { scope: 'col' }, t('historyPanel.column.when')),
            h('th', { scope: 'col' }, t('historyPanel.column.by')),
          ),
        ),
        h('tbody', {}, rows),
      ),
    );
  }

  /** Fills the two lists and shows the diff of the chosen pair (the latest two by default). */
  private showComparison(): void {
    const revisions = this.revisions ?? [];
    const comparison = keptComparison(this.chosen, revisions);
    if (!comparison) {
      this.compare.hidden = true;
      this.shown = null;
      replaceChildren(
        this.diff,
        revisions.length === 1 ? h('p', { class: 'history-empty' }, t('historyPanel.onlyOne')) : null,
      );
      return;
    }
    this.compare.hidden = false;
    for (const [select, value] of [
      [this.from, comparison.from],
      [this.to, comparison.to],
    ] as const) {
      const focused = document.activeElement === select;
      replaceChildren(
        select,
        revisions.map((revision) =>
          h(
            'option',
            { value: String(revision.number), selected: revision.number === value },
            t('historyPanel.option', {
              number: revision.number,
              kind: t(`historyPanel.kind.${revision.kind}`),
              when: formatInstant(revision.createdAt, locale()),
            }),
          ),
        ),
      );
      select.value = String(value);
      if (focused) select.focus();
    }
    if (comparison.from === comparison.to) {
      this.shown = comparison;
      replaceChildren(this.diff, h('p', { class: 'history-empty' }, t('historyPanel.same')));
      return;
    }
    if (this.shown && this.shown.from === comparison.from && this.shown.to === comparison.to) return;
    this.shown = comparison;
    void this.loadDiff(comparison);
  }

  private async loadDiff(comparison: Comparison): Promise<void> {
    const asked = ++this.diffAsked;
    this.diff.setAttribute('aria-busy', 'true');
    let diff: RevisionDiff;
    try {
      diff = await this.context.client.revisionDiff(this.context.draft.id, comparison.from, comparison.to);
    } catch (error) {
      if (this.disposed || asked !== this.diffAsked) return;
      this.diff.setAttribute('aria-busy', 'false');
      this.shown = null;
      replaceChildren(this.diff);
      this.showError(t('historyPanel.diffError', { message: messageOf(error) }), () => this.showComparison());
      return;
    }
    if (this.disposed || asked !== this.diffAsked) return;
    this.diff.setAttribute('aria-busy', 'false');
    const stats = diffStats([...diff.headline, ...diff.body]);
    replaceChildren(
      this.diff,
      h(
        'h3',
        { class: 'history-diff-title' },
        t('historyPanel.diffTitle', { from: comparison.from, to: comparison.to }),
      ),
      h('p', { class: 'history-stats' }, t('historyPanel.stats', stats)),
      h('p', { class: 'hint history-legend' }, t('historyPanel.legend')),
      this.field(t('historyPanel.headline'), diff.headline, 'history-diff-headline'),
      this.field(t('historyPanel.body'), diff.body, 'history-diff-body'),
    );
  }

  /** One field's diff: the draft's own language and direction, each change marked for screen readers too. */
  private field(title: string, parts: readonly DiffPart[], className: string): HTMLElement {
    const ui = { lang: locale(), dir: locale() === 'ar' ? 'rtl' : 'ltr' };
    // The markers carry their own dir, so the text's dir=auto is decided by the text alone.
    // A space inside each marker keeps the words apart when read, and adds nothing to what is seen.
    const marker = (key: Parameters<typeof t>[0], side: 'start' | 'end') =>
      h('span', { class: 'visually-hidden', ...ui }, side === 'start' ? `${t(key)} ` : ` ${t(key)}`);
    const text = hasChanges(parts)
      ? h(
          'div',
          { class: `history-diff-text ${className}`, dir: 'auto', lang: this.context.draft.language },
          parts.map((part) => {
            if (part.op === 'insert') {
              return h(
                'ins',
                {},
                marker('historyPanel.insStart', 'start'),
                part.text,
                marker('historyPanel.insEnd', 'end'),
              );
            }
            if (part.op === 'delete') {
              return h(
                'del',
                {},
                marker('historyPanel.delStart', 'start'),
                part.text,
                marker('historyPanel.delEnd', 'end'),
              );
            }
            return part.text;
          }),
        )
      : h('p', { class: 'history-empty' }, t('historyPanel.noChange'));
    return h('section', { class: 'history-field' }, h('h4', {}, title), text);
  }

  // --- the review log ---

  private async loadLog(): Promise<void> {
    const asked = ++this.logAsked;
    this.logStale = false;
    let history: ReviewEventView[];
    try {
      history = (await this.context.client.reviewHistory(this.context.draft.id)).history;
    } catch (error) {
      if (this.disposed || asked !== this.logAsked) return;
      replaceChildren(
        this.logBody,
        h('p', { class: 'form-error', role: 'alert' }, t('historyPanel.logError', { message: messageOf(error) })),
      );
      return;
    }
    if (this.disposed || asked !== this.logAsked) return;
    this.logEvents = history;
    this.renderLog();
  }

  private renderLog(): void {
    const history = this.logEvents;
    if (!history) return;
    this.logSummary.textContent = t('historyPanel.logCount', { count: history.length });
    if (history.length === 0) {
      replaceChildren(this.logBody, h('p', { class: 'history-empty' }, t('historyPanel.logEmpty')));
      return;
    }
    // Newest first: what happened last is what a reader looks for.
    replaceChildren(
      this.logBody,
      h(
        'ul',
        { class: 'history-log-list' },
        [...history].reverse().map((event) => this.logEntry(event)),
      ),
    );
  }

  private logEntry(event: ReviewEventView): HTMLLIElement {
    let what: string;
    if (event.kind === 'transition') {
      what = t('historyPanel.logTransition', {
        action: event.action ? t(`historyPanel.action.${event.action}`) : '',
        from: event.from ? t(`state.${event.from}`) : '',
        to: event.to ? t(`state.${event.to}`) : '',
      });
    } else if (event.kind === 'verdict') {
      const status = event.details.status;
      const known = (VERDICT_STATUSES as readonly unknown[]).includes(status);
      what = t('historyPanel.logVerdict', {
        status: t(`historyPanel.verdict.${known ? (status as VerdictStatus) : 'unknown'}`),
      });
    } else {
      what = t('historyPanel.logFinding');
    }
    const claimId = event.claimId;
    return h(
      'li',
      { class: `history-log-entry history-log-${event.kind}` },
      h('span', { class: 'history-log-what' }, what),
      ' ',
      h(
        'span',
        { class: 'history-log-meta' },
        t('historyPanel.logBy', {
          who: nameOf(this.context, event.actorId, event.actorName),
          when: formatInstant(event.at, locale()),
        }),
      ),
      event.reason
        ? h(
            'p',
            { class: 'history-log-reason' },
            t(event.kind === 'verdict' ? 'historyPanel.logNote' : 'historyPanel.logReason'),
            ' ',
            h('q', { dir: 'auto', lang: '', class: 'user-quote' }, event.reason),
          )
        : null,
      claimId
        ? h(
            'button',
            { type: 'button', class: 'link-button', onclick: () => this.context.revealClaim(claimId) },
            t('historyPanel.logClaim'),
          )
        : null,
    );
  }

  private showError(message: string, retry: () => void): void {
    replaceChildren(
      this.alert,
      h('p', { class: 'form-error' }, message),
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            this.alert.replaceChildren();
            retry();
          },
        },
        t('historyPanel.retry'),
      ),
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
