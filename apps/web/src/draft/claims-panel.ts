import { CLAIM_KINDS, type ClaimKind, type DraftClaim, type RelativePositionJson } from '#contracts';
import * as Y from 'yjs';
import { h, replaceChildren, type Dispose } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { ClaimCard, errorText, type CardHost } from './claim-card.js';
import { kindLabel } from './claim-format.js';
import { claimHighlights } from './claim-highlights.js';
import {
  CLAIM_FILTERS,
  canCheck,
  countByFilter,
  matchesFilter,
  newerClaim,
  placeClaims,
  anchorsIn,
  shownClaim,
  trimSpan,
  type ClaimFilter,
  type PlacedClaim,
} from './claim-rules.js';
import type { DraftContext } from './draft-context.js';

/** Typing moves claims and changes their text: the panel follows once the typist pauses this long. */
const TYPING_PAUSE_MS = 150;
/** How long a tag waits for the local edits to reach the server (its anchors must be there). */
const FLUSH_WAIT_MS = 5_000;
/** How long a revealed card stays marked. */
const REVEAL_MARK_MS = 1_600;

let panelSerial = 0;

/**
 * The claims panel (docs/claims.md, Claims in a draft): the draft's open claims in body order,
 * each a card (claim-card.ts) updated in place by id; filters (all, needs checking, stale); and,
 * for fact-checkers and editors, tagging the body's selection as a claim. Follows the session's
 * `claims` events, re-joins and typing; fills `context.revealClaim`.
 */
export function mountClaimsPanel(region: HTMLElement, context: DraftContext): Dispose {
  const panel = new ClaimsPanel(region, context);
  // The highlights in the body: the editor takes in extensions added while the page mounts.
  const highlights = claimHighlights(context);
  if (!context.bodyExtensions.includes(highlights)) context.bodyExtensions.push(highlights);
  return () => panel.dispose();
}

class ClaimsPanel implements CardHost {
  private readonly id = `claims-panel-${++panelSerial}`;
  private filter: ClaimFilter = 'all';
  private synced: boolean;
  private readonly expanded = new Set<string>();
  private readonly cards = new Map<string, ClaimCard>();
  /**
   * REST copies of claims at least as new as what the session heard: answers to this user's
   * actions (the `claims` event follows them), and the list read after a join (see readClaims).
   */
  private readonly answers = new Map<string, DraftClaim>();
  private placed = new Map<string, PlacedClaim>();
  private readonly summary: HTMLElement;
  private readonly filterLabels = new Map<ClaimFilter, HTMLElement>();
  private readonly filterInputs = new Map<ClaimFilter, HTMLInputElement>();
  private readonly notice: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly offs: (() => void)[] = [];
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private renderQueued = false;
  private disposed = false;

  constructor(
    private readonly region: HTMLElement,
    readonly context: DraftContext,
  ) {
    const { session } = context;
    this.synced = session.isJoined || session.claims.size > 0;
    this.summary = h('p', { class: 'claims-summary' });
    this.notice = h('p', { class: 'claims-notice' });
    this.list = h('ol', { class: 'claims-list', 'aria-labelledby': `${this.id}-title` });
    replaceChildren(
      region,
      h(
        'div',
        { class: 'panel claims-panel' },
        h('h2', { id: `${this.id}-title` }, t('claims.title')),
        this.summary,
        canCheck(context.me.role) ? this.tagForm() : h('p', { class: 'hint' }, t('claims.readOnly')),
        this.filters(),
        this.notice,
        this.list,
      ),
    );
    // A card the keyboard left may now be out of the filter (asked once the focus has landed: it may stay in the card).
    this.list.addEventListener('focusout', () => setTimeout(() => this.queueRender(), 0));

    this.offs.push(
      session.on('claims', ({ closed }) => {
        for (const id of closed) this.answers.delete(id);
        this.queueRender();
      }),
      session.on('synced', () => {
        // The join answer is the whole list as of now: older answers give way to it.
        this.answers.clear();
        void this.readClaims();
        this.synced = true;
        this.queueRender();
      }),
    );
    const onDocUpdate = () => {
      clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(() => this.queueRender(), TYPING_PAUSE_MS);
    };
    session.doc.on('update', onDocUpdate);
    this.offs.push(() => session.doc.off('update', onDocUpdate));

    context.revealClaim = (claimId) => this.reveal(claimId);
    if (this.synced) void this.readClaims();
    this.render();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.typingTimer);
    for (const off of this.offs) off();
    this.context.revealClaim = () => {};
  }

  // CardHost

  toggle(claimId: string): void {
    if (this.expanded.has(claimId)) this.expanded.delete(claimId);
    else this.expanded.add(claimId);
    this.render();
  }

  showInText(claimId: string): void {
    const placed = this.placed.get(claimId);
    if (placed && placed.end > placed.start) this.context.revealBody({ start: placed.start, end: placed.end });
  }

  answered(claim: DraftClaim): void {
    const known = this.answers.get(claim.id);
    this.answers.set(claim.id, known ? newerClaim(known, claim) : claim);
    this.queueRender();
  }

  /**
   * Shows a claim: opens its card (switching to "all" if the filter hides it), scrolls to it and
   * selects its span in the body. Asked from the body itself (a click on a highlight), it leaves
   * the keyboard and the caret where the click put them; from anywhere else the card takes focus.
   */
  /**
   * Brings a card into view by scrolling the panel alone: scrolling the window would move the
   * body's text under the pointer of someone clicking a highlight (a double-click would land on
   * other words).
   */
  private scrollToCard(card: HTMLElement): void {
    const panel = this.region.getBoundingClientRect();
    const box = card.getBoundingClientRect();
    if (box.top < panel.top) this.region.scrollTop -= panel.top - box.top;
    else if (box.bottom > panel.bottom)
      this.region.scrollTop += Math.min(box.bottom - panel.bottom, box.top - panel.top);
  }

  private reveal(claimId: string): void {
    if (this.disposed) return;
    this.render();
    const placed = this.placed.get(claimId);
    if (!placed) return;
    if (!matchesFilter(placed.claim, this.filter)) this.setFilter('all');
    this.expanded.add(claimId);
    this.render();
    const card = this.cards.get(claimId);
    if (!card) return;
    const fromBody = document.activeElement?.closest('.cm-editor') != null;
    if (!fromBody) this.showInText(claimId);
    this.scrollToCard(card.element);
    card.element.classList.add('claim-revealed');
    setTimeout(() => card.element.classList.remove('claim-revealed'), REVEAL_MARK_MS);
    if (!fromBody) card.focus();
  }

  private queueRender(): void {
    if (this.renderQueued || this.disposed) return;
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      if (!this.disposed) this.render();
    });
  }

  /** The claims as the session heard them, with REST copies at least as new in their place (shownClaim). */
  private currentClaims(): DraftClaim[] {
    const claims: DraftClaim[] = [];
    const { session } = this.context;
    for (const [id, heard] of session.claims) {
      const answer = this.answers.get(id);
      if (!answer) {
        claims.push(heard);
        continue;
      }
      const shown = shownClaim(heard, answer);
      if (shown === heard) this.answers.delete(id);
      claims.push(shown);
    }
    for (const [id, answer] of this.answers) if (!session.claims.has(id)) claims.push(answer);
    return claims;
  }

  private render(): void {
    if (this.disposed) return;
    const { session } = this.context;
    const body = session.body.toString();
    const placed = placeClaims(this.currentClaims(), (claim) => anchorsIn(session, claim), body);
    this.placed = new Map(placed.map((item) => [item.claim.id, item]));
    for (const [id, card] of this.cards) {
      if (this.placed.has(id)) continue;
      card.element.remove();
      this.cards.delete(id);
      this.expanded.delete(id);
    }

    const counts = countByFilter(placed.map((item) => item.claim));
    this.summary.textContent = this.synced
      ? t('claims.summary', { open: counts.all, needs: counts.needs, stale: counts.stale })
      : '';
    for (const filter of CLAIM_FILTERS) {
      this.filterLabels.get(filter)!.textContent = t(`claims.filter.${filter}`, { count: counts[filter] });
    }

    let previous: Element | null = null;
    let shown = 0;
    for (const item of placed) {
      const id = item.claim.id;
      let card = this.cards.get(id);
      const visible = matchesFilter(item.claim, this.filter) || (card?.busy ?? false);
      if (!visible) {
        card?.element.remove();
        continue;
      }
      if (!card) {
        card = new ClaimCard(id, this);
        this.cards.set(id, card);
      }
      card.update(item, this.expanded.has(id));
      const expectedAt: Element | null = previous ? previous.nextElementSibling : this.list.firstElementChild;
      if (expectedAt !== card.element) this.list.insertBefore(card.element, expectedAt);
      previous = card.element;
      shown++;
    }

    this.notice.textContent = !this.synced
      ? t('claims.loading')
      : placed.length === 0
        ? t('claims.empty')
        : shown === 0
          ? t('claims.emptyFilter')
          : '';
    this.notice.hidden = this.notice.textContent === '';
    this.list.setAttribute('aria-busy', String(!this.synced));
  }

  private setFilter(filter: ClaimFilter): void {
    this.filter = filter;
    const input = this.filterInputs.get(filter);
    if (input) input.checked = true;
  }

  private filters(): HTMLElement {
    const name = `${this.id}-filter`;
    return h(
      'fieldset',
      { class: 'claims-filters' },
      h('legend', {}, t('claims.filter.legend')),
      CLAIM_FILTERS.map((filter) => {
        const input = h('input', {
          type: 'radio',
          name,
          id: `${name}-${filter}`,
          value: filter,
          checked: filter === this.filter,
          onchange: () => {
            this.filter = filter;
            this.render();
          },
        });
        const label = h('label', { for: input.id });
        this.filterInputs.set(filter, input);
        this.filterLabels.set(filter, label);
        return h('span', { class: 'claims-filter' }, input, label);
      }),
    );
  }

  /** Fact-checkers and editors: the body's selection becomes a manual claim, with an optional kind and note. */
  private tagForm(): HTMLElement {
    const { context } = this;
    const prefix = `${this.id}-tag`;
    const kind = h(
      'select',
      { id: `${prefix}-kind` },
      h('option', { value: '' }, t('claims.tag.kindAuto')),
      CLAIM_KINDS.map((item) => h('option', { value: item }, kindLabel(item, t))),
    );
    const note = h('input', { id: `${prefix}-note`, type: 'text', dir: 'auto', maxlength: 4000 });
    const submit = h('button', { type: 'submit' }, t('claims.tag.submit'));
    const status = h('p', { class: 'claim-done', role: 'status' });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const form = h(
      'form',
      { class: 'claims-tag-form', novalidate: true },
      h(
        'fieldset',
        {},
        h('legend', {}, t('claims.tag.legend')),
        h('p', { class: 'hint', id: `${prefix}-hint` }, t('claims.tag.hint')),
        h('div', { class: 'field' }, h('label', { for: kind.id }, t('claims.tag.kind')), kind),
        h('div', { class: 'field' }, h('label', { for: note.id }, t('claims.tag.note')), note),
        h('div', { class: 'claim-form-actions' }, submit),
        status,
        error,
      ),
    );
    submit.setAttribute('aria-describedby', `${prefix}-hint`);
    let sending = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (sending) return;
      status.textContent = '';
      error.textContent = '';
      const { session } = context;
      const selection = context.bodySelection();
      const span = selection && trimSpan(session.body.toString(), selection.start, selection.end);
      if (!span) {
        error.textContent = t('claims.tag.noSelection');
        return;
      }
      // Relative positions: the span stays the one selected whatever others type meanwhile.
      const position = (index: number, assoc: number) =>
        Y.relativePositionToJSON(
          Y.createRelativePositionFromTypeIndex(session.body, index, assoc),
        ) as RelativePositionJson;
      const anchor = position(span.start, 0);
      const head = position(span.end, -1);
      sending = true;
      submit.setAttribute('aria-disabled', 'true');
      void (async () => {
        try {
          // The server resolves the positions in its copy: the typing that made them goes first.
          await Promise.race([
            session.flushed().catch(() => undefined),
            new Promise((resolve) => setTimeout(resolve, FLUSH_WAIT_MS)),
          ]);
          const claim = await context.client.tagClaim(context.draft.id, {
            anchor,
            head,
            kind: (kind.value || undefined) as ClaimKind | undefined,
            note: note.value.trim() || undefined,
          });
          kind.value = '';
          note.value = '';
          status.textContent = t('claims.tag.done');
          this.expanded.add(claim.id);
          this.answered(claim);
          this.render();
          const tagged = this.cards.get(claim.id);
          if (tagged) this.scrollToCard(tagged.element);
        } catch (failure) {
          error.textContent = errorText(failure);
        } finally {
          sending = false;
          submit.removeAttribute('aria-disabled');
        }
      })();
    });
    return form;
  }

  /**
   * After a join, reads the claims again for a user on more desks than the draft's: the join answer
   * and the `claims` events carry the suggestions of the draft's desk (what everyone in the room
   * may see), a REST read those of all the user's desks. A claim someone changes afterwards comes
   * with its desk's again, until the next join. A user of the draft's desk alone reads nothing more.
   */
  private async readClaims(): Promise<void> {
    const { context } = this;
    if (!context.me.desks.some((desk) => desk.id !== context.draft.deskId)) return;
    try {
      const claims = await context.client.listClaims(context.draft.id);
      if (this.disposed) return;
      // Only claims the session knows: one closed since the read is not brought back.
      for (const claim of claims) if (context.session.claims.has(claim.id)) this.answered(claim);
    } catch {
      // The session's own suggestions stand.
    }
  }
}
