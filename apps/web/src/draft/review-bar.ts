/**
 * The review bar (docs/review.md): the draft's review state (and a scheduled draft's embargo), the
 * actions this user may take in it,
 * a form where an action needs a reason or an embargo, what the server answered (the publish
 * gate's blockers, each claim linked to the claims panel), and a banner while the body is locked.
 * It follows the session's `review` events, so another user's action shows here at once.
 *
 * Which buttons to show comes from review-rules.ts, a mirror of the domain's table; the server
 * decides. A refusal is shown as the server gave it.
 */
import type {
  FieldError,
  GateBlocker,
  ReviewAction,
  ReviewActionRequest,
  ReviewEvent,
  ReviewEventView,
  ReviewHistory,
  ReviewOutcome,
  ReviewStatus,
} from '#contracts';
import { h, replaceChildren, type Dispose } from '../dom.js';
import { locale, t } from '../i18n/i18n.js';
import type { DraftContext } from './draft-context.js';
import { blockerClaimId, blockerResolved, reviewFailureOf, type ReviewFailure } from './review-failure.js';
import { lastTransitionTo, standingApproval, wasReleased } from './review-log.js';
import { nameOf } from './review-people.js';
import {
  actionsFor,
  DESTRUCTIVE_ACTIONS,
  isBodyLocked,
  MAX_REASON_LENGTH,
  primaryAction,
  REVIEW_ACTION_RULES,
  needsForm,
} from './review-rules.js';
import { formatInstant, instantOfLocalInput, localInputValueOf } from './review-time.js';

export function mountReviewBar(region: HTMLElement, context: DraftContext): Dispose {
  const bar = new ReviewBar(region, context);
  return () => bar.dispose();
}

interface Attempt {
  action: ReviewAction;
  request: ReviewActionRequest;
}

class ReviewBar {
  private status: ReviewStatus;
  private history: ReviewEventView[] | null = null;
  private historyAsked = 0;
  private busy: ReviewAction | null = null;
  private openForm: ReviewAction | null = null;
  private failure: { failure: ReviewFailure; attempt: Attempt } | null = null;
  private disposed = false;
  private readonly unsubscribe: (() => void)[] = [];

  private readonly badge = h('span', { class: 'state-badge review-badge', id: 'review-state', tabindex: '-1' });
  private readonly embargo = h('span', { class: 'review-embargo' });
  private readonly lock = h('div', { class: 'review-lock', role: 'note', hidden: true });
  private readonly actions = h('div', { class: 'review-actions', role: 'group', 'aria-label': t('reviewBar.actions') });
  private readonly formSlot = h('div', { class: 'review-form-slot' });
  private readonly alert = h('div', { class: 'review-alert', role: 'alert' });
  private readonly live = h('p', { class: 'review-live', role: 'status' });

  constructor(
    region: HTMLElement,
    private readonly context: DraftContext,
  ) {
    this.status = context.session.review ?? context.draft.review;
    replaceChildren(
      region,
      h(
        'div',
        { class: 'panel review-bar' },
        h(
          'div',
          { class: 'review-head' },
          h('span', { class: 'review-state-label', id: 'review-state-label' }, t('reviewBar.state')),
          ' ',
          this.badge,
          this.embargo,
          this.actions,
        ),
        this.lock,
        this.formSlot,
        this.alert,
        this.live,
      ),
    );
    this.badge.setAttribute('aria-describedby', 'review-state-label');
    const { session } = context;
    this.unsubscribe.push(
      session.on('review', (event) => this.onReview(event)),
      session.on('synced', (event) => {
        this.apply(event.review);
        void this.loadHistory();
      }),
      session.on('claims', () => {
        if (this.failure?.failure.kind === 'gate') this.renderAlert();
      }),
    );
    this.renderState();
    void this.loadHistory();
  }

  dispose(): void {
    this.disposed = true;
    for (const off of this.unsubscribe) off();
  }

  private get draftId(): string {
    return this.context.draft.id;
  }

  private get allowed(): ReviewAction[] {
    const { me, draft } = this.context;
    return actionsFor(this.status.state, { role: me.role, isAuthor: draft.authorIds.includes(me.id) });
  }

  // --- the state, as the server and the session tell it ---

  /**
   * Takes a newer status (a higher revision, or the same one with news): the draft's, the join
   * answer's, a `review` event's, the review log's or an action's answer; false when it is stale.
   */
  private apply(status: ReviewStatus): boolean {
    const embargoUntil = status.embargoUntil ?? null;
    if (status.revision < this.status.revision) return false;
    if (
      status.revision === this.status.revision &&
      status.state === this.status.state &&
      embargoUntil === this.status.embargoUntil
    ) {
      return false;
    }
    this.status = { state: status.state, revision: status.revision, embargoUntil };
    if (this.openForm && !this.allowed.includes(this.openForm)) this.closeForm(false);
    this.renderState();
    return true;
  }

  private onReview(event: ReviewEvent): void {
    const before = this.status.state;
    if (!this.apply(event)) return;
    if (event.by !== this.context.me.id) {
      if (event.state !== before) {
        this.failure = null;
        this.renderAlert();
        this.say(
          t('reviewBar.changedBy', {
            state: t(`state.${event.state}`),
            who: nameOf(this.context, event.by, event.byName),
            when: formatInstant(event.at, locale()),
          }),
          event.reason,
        );
      }
    }
    void this.loadHistory();
  }

  /** The review log: who approved, who scheduled, whether a version went out before; and the status again. */
  private async loadHistory(): Promise<void> {
    const asked = ++this.historyAsked;
    let answer: ReviewHistory;
    try {
      answer = await this.context.client.reviewHistory(this.draftId);
    } catch {
      return; // The banner goes without names; the state itself comes from the session.
    }
    if (this.disposed || asked !== this.historyAsked) return;
    this.history = answer.history;
    if (!this.apply(answer)) this.renderLock();
  }

  // --- rendering ---

  private renderState(): void {
    const { state, embargoUntil } = this.status;
    this.badge.className = `state-badge review-badge state-${state}`;
    this.badge.textContent = t(`state.${state}`);
    replaceChildren(
      this.embargo,
      state === 'scheduled' && embargoUntil
        ? t('reviewBar.embargoUntil', { when: formatInstant(embargoUntil, locale(), true) })
        : null,
    );
    this.renderLock();
    this.renderActions();
  }

  /**
   * While the body is locked (review-rules.ts, BODY_LOCKED_STATES): why, who approved it and when,
   * who scheduled it (the embargo itself is shown beside the state). When changes were requested
   * or the story withdrawn: who, when and why (the reason the authors need, kept on screen rather
   * than only announced).
   */
  private renderLock(): void {
    const { state } = this.status;
    const history = this.history ?? [];
    const who = (event: ReviewEventView) => ({
      who: nameOf(this.context, event.actorId, event.actorName),
      when: formatInstant(event.at, locale()),
    });
    const because = (event: ReviewEventView | null) =>
      event && event.to === state
        ? [
            h('p', {}, t(state === 'withdrawn' ? 'reviewBar.withdrawnBy' : 'reviewBar.changesRequestedBy', who(event))),
            event.reason
              ? h(
                  'p',
                  {},
                  t('reviewBar.reasonGiven'),
                  ' ',
                  h('q', { dir: 'auto', lang: '', class: 'user-quote' }, event.reason),
                )
              : null,
          ]
        : null;
    if (state === 'changes_requested') {
      this.lock.className = 'review-lock review-changes';
      replaceChildren(this.lock, because(lastTransitionTo(history, ['changes_requested'])));
      this.lock.hidden = this.lock.childElementCount === 0;
      return;
    }
    if (!isBodyLocked(state)) {
      this.lock.hidden = true;
      this.lock.replaceChildren();
      return;
    }
    const approval = standingApproval(history, state);
    const scheduled = state === 'scheduled' ? lastTransitionTo(history, ['scheduled']) : null;
    this.lock.className = 'review-lock';
    replaceChildren(
      this.lock,
      h('p', { class: 'review-lock-title' }, t(`reviewBar.locked.${state}`)),
      approval ? h('p', {}, t('reviewBar.approvedBy', who(approval))) : null,
      scheduled ? h('p', {}, t('reviewBar.scheduledBy', who(scheduled))) : null,
      state === 'withdrawn' ? because(lastTransitionTo(history, ['withdrawn'])) : null,
    );
    this.lock.hidden = false;
  }

  private renderActions(): void {
    const focused = document.activeElement;
    const hadFocus = focused instanceof HTMLElement && this.actions.contains(focused) ? focused.dataset.action : null;
    const allowed = this.allowed;
    const primary = primaryAction(allowed);
    const buttons = allowed.map((action) => {
      const classes = [
        action === primary ? 'primary' : '',
        DESTRUCTIVE_ACTIONS.includes(action) ? 'danger' : '',
        action === this.busy ? 'busy' : '',
      ];
      return h(
        'button',
        {
          type: 'button',
          class: classes.filter(Boolean).join(' ') || null,
          'data-action': action,
          disabled: this.busy !== null,
          'aria-busy': action === this.busy ? 'true' : null,
          'aria-expanded': needsForm(action) ? String(this.openForm === action) : null,
          'aria-controls': needsForm(action) && this.openForm === action ? 'review-form' : null,
          onclick: () => (needsForm(action) ? this.toggleForm(action) : void this.run({ action, request: {} })),
        },
        action === this.busy ? t('reviewBar.working') : t(`reviewBar.action.${action}`),
      );
    });
    const role = this.context.me.role;
    const none =
      buttons.length === 0
        ? h(
            'span',
            { class: 'review-none' },
            role === 'fact_checker' || role === 'admin' ? t('reviewBar.noActionsRole') : t('reviewBar.noActions'),
          )
        : null;
    replaceChildren(this.actions, buttons, none);
    if (hadFocus) {
      const same = this.actions.querySelector<HTMLButtonElement>(`[data-action="${hadFocus}"]`);
      (same && !same.disabled ? same : this.badge).focus();
    }
  }

  // --- forms: a reason (request changes, withdraw), an embargo and a note (publish) ---

  private toggleForm(action: ReviewAction): void {
    if (this.openForm === action) this.closeForm(true);
    else this.showForm(action);
  }

  private showForm(action: ReviewAction): void {
    this.openForm = action;
    this.say('');
    const rule = REVIEW_ACTION_RULES[action];
    const error = h('p', { class: 'form-error', id: 'review-form-error', role: 'alert' });
    const fields: HTMLElement[] = [];
    let reason: HTMLTextAreaElement | null = null;
    let embargo: HTMLInputElement | null = null;
    let note: HTMLTextAreaElement | null = null;
    if (rule.reasonRequired) {
      reason = h('textarea', {
        id: 'review-reason',
        rows: 3,
        dir: 'auto',
        required: true,
        maxlength: MAX_REASON_LENGTH,
        'aria-describedby': 'review-reason-hint review-form-error',
      });
      fields.push(
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'review-reason' }, t('reviewBar.reason')),
          reason,
          h(
            'p',
            { class: 'hint', id: 'review-reason-hint' },
            t(action === 'withdraw' ? 'reviewBar.reasonHint.withdraw' : 'reviewBar.reasonHint.request-changes'),
            ' ',
            t('reviewBar.reasonLimit', { max: MAX_REASON_LENGTH }),
          ),
        ),
      );
    }
    const confirm = h('button', { type: 'submit', class: action === 'withdraw' ? 'danger' : 'primary' });
    if (rule.takesEmbargo) {
      embargo = h('input', {
        id: 'review-embargo',
        type: 'datetime-local',
        min: localInputValueOf(new Date()),
        'aria-describedby': 'review-embargo-hint review-form-error',
      });
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      fields.push(
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'review-embargo' }, t('reviewBar.embargo')),
          embargo,
          h('p', { class: 'hint', id: 'review-embargo-hint' }, t('reviewBar.embargoHint', { zone })),
        ),
      );
      const label = () =>
        (confirm.textContent = embargo!.value ? t('reviewBar.confirm.schedule') : t('reviewBar.confirm.publish'));
      embargo.addEventListener('input', label);
      label();
      // A correction's publish may carry a note: receivers get it as the item's edNote.
      if (this.history && wasReleased(this.history)) {
        note = h('textarea', {
          id: 'review-note',
          rows: 2,
          dir: 'auto',
          maxlength: MAX_REASON_LENGTH,
          'aria-describedby': 'review-note-hint',
        });
        fields.push(
          h(
            'div',
            { class: 'field' },
            h('label', { for: 'review-note' }, t('reviewBar.note')),
            note,
            h('p', { class: 'hint', id: 'review-note-hint' }, t('reviewBar.noteHint')),
          ),
        );
      }
    } else {
      confirm.textContent = t(`reviewBar.confirm.${action as 'request-changes' | 'withdraw'}`);
    }
    const form = h(
      'form',
      { id: 'review-form', class: 'review-form', 'aria-labelledby': 'review-form-title', novalidate: true },
      h(
        'h2',
        { id: 'review-form-title', class: 'review-form-title' },
        t(`reviewBar.form.${action as 'request-changes' | 'withdraw' | 'publish'}`),
      ),
      fields,
      error,
      h(
        'div',
        { class: 'review-form-buttons' },
        confirm,
        h('button', { type: 'button', onclick: () => this.closeForm(true) }, t('reviewBar.cancel')),
      ),
    );
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.closeForm(true);
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const problem = (message: string, control: HTMLElement) => {
        error.textContent = message;
        control.setAttribute('aria-invalid', 'true');
        control.focus();
      };
      error.textContent = '';
      for (const control of [reason, embargo]) control?.removeAttribute('aria-invalid');
      const request: ReviewActionRequest = {};
      if (reason) {
        const text = reason.value.trim();
        if (!text) return problem(t('reviewBar.reasonMissing'), reason);
        if (text.length > MAX_REASON_LENGTH) {
          return problem(t('reviewBar.reasonTooLong', { max: MAX_REASON_LENGTH }), reason);
        }
        request.reason = text;
      }
      if (note?.value.trim()) request.reason = note.value.trim();
      if (embargo?.value) {
        const at = instantOfLocalInput(embargo.value);
        if (!at || Date.parse(at) <= Date.now()) return problem(t('reviewBar.embargoInvalid'), embargo);
        request.embargoUntil = at;
      } else if (embargo && embargo.validity.badInput) {
        return problem(t('reviewBar.embargoInvalid'), embargo);
      }
      void this.run({ action, request });
    });
    replaceChildren(this.formSlot, form);
    this.renderActions();
    (reason ?? embargo ?? confirm).focus();
  }

  private closeForm(returnFocus: boolean): void {
    const action = this.openForm;
    this.openForm = null;
    this.formSlot.replaceChildren();
    this.renderActions();
    if (returnFocus && action) this.actions.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)?.focus();
  }

  private setFormBusy(busy: boolean): void {
    for (const control of this.formSlot.querySelectorAll<HTMLButtonElement>('button')) control.disabled = busy;
  }

  // --- taking an action ---

  private async run(attempt: Attempt): Promise<void> {
    if (this.busy) return;
    this.busy = attempt.action;
    this.failure = null;
    this.renderAlert();
    this.renderActions();
    this.setFormBusy(true);
    this.say(t('reviewBar.working'));
    let outcome: ReviewOutcome | null = null;
    try {
      outcome = await this.context.client.reviewAction(this.draftId, attempt.action, attempt.request);
    } catch (error) {
      if (this.disposed) return;
      this.failure = { failure: reviewFailureOf(error), attempt };
    }
    if (this.disposed) return;
    this.busy = null;
    this.setFormBusy(false);
    if (outcome) {
      if (this.openForm) this.closeForm(false);
      // The session's `review` event may have brought this status first: render the buttons anyway.
      if (!this.apply(outcome)) this.renderState();
      this.badge.focus();
      this.say(doneMessage(outcome));
      void this.loadHistory();
      return;
    }
    this.say('');
    this.renderActions();
    const kind = this.failure?.failure.kind;
    // Someone else moved the draft first, or it went away: learn where it stands now.
    if (kind === 'state' || kind === 'not_found') void this.loadHistory();
    this.renderAlert();
    this.alert.querySelector<HTMLElement>('.review-alert-title')?.focus();
  }

  /**
   * Announces politely (a screen reader reads it when idle); a reason typed by someone is shown as
   * theirs. Typed text is in a language the page does not know (lang=""), and sets its own
   * direction: the quotation marks then are the neutral ones, right in either direction.
   */
  private say(text: string, reason?: string): void {
    replaceChildren(
      this.live,
      text,
      reason
        ? [' ', t('reviewBar.reasonGiven'), ' ', h('q', { dir: 'auto', lang: '', class: 'user-quote' }, reason)]
        : null,
    );
  }

  // --- what went wrong ---

  private renderAlert(): void {
    const focused = document.activeElement;
    const focusKey = focused instanceof HTMLElement && this.alert.contains(focused) ? focused.dataset.key : undefined;
    const current = this.failure;
    if (!current) {
      this.alert.replaceChildren();
      this.alert.hidden = true;
      return;
    }
    this.alert.hidden = false;
    const { failure, attempt } = current;
    const retry = h(
      'button',
      { type: 'button', class: 'primary', 'data-key': 'retry', onclick: () => void this.run(attempt) },
      t('reviewBar.retry'),
    );
    const dismiss = h(
      'button',
      {
        type: 'button',
        'data-key': 'dismiss',
        onclick: () => {
          this.failure = null;
          this.renderAlert();
          this.badge.focus();
        },
      },
      t('reviewBar.dismiss'),
    );
    const title = (text: string) => h('p', { class: 'review-alert-title', tabindex: '-1' }, text);
    const serverSaid = (message: string) =>
      h('p', { class: 'review-server' }, t('reviewBar.serverSaid'), ' ', h('span', { lang: 'en' }, message));
    let body: (Node | null)[];
    let canRetry = true;
    switch (failure.kind) {
      case 'gate': {
        const claims = this.context.session.claims;
        // Only a joined session's claims say what is resolved; before that, nothing is judged.
        const judge = this.context.session.isJoined;
        const items = failure.blockers.map((blocker, index) =>
          this.blockerItem(blocker, index, judge && blockerResolved(blocker, claims)),
        );
        const allResolved =
          judge && failure.blockers.length > 0 && failure.blockers.every((item) => blockerResolved(item, claims));
        body = [
          title(t('reviewBar.gate')),
          h('ul', { class: 'review-blockers' }, items),
          allResolved ? h('p', { class: 'review-resolved-note' }, t('reviewBar.gateAllResolved')) : null,
        ];
        break;
      }
      case 'changed':
        body = [title(t('reviewBar.changed'))];
        break;
      case 'state':
        canRetry = false;
        body = [
          title(
            failure.state
              ? t('reviewBar.stateConflict', { state: t(`state.${failure.state}`) })
              : t('reviewBar.stateConflictUnknown'),
          ),
          serverSaid(failure.message),
        ];
        break;
      case 'forbidden':
        canRetry = false;
        body = [title(t('reviewBar.forbidden')), serverSaid(failure.message)];
        break;
      case 'invalid':
        canRetry = false;
        body = [title(t('reviewBar.invalid')), fieldList(failure.fields) ?? serverSaid(failure.message)];
        break;
      case 'not_found':
        canRetry = false;
        body = [title(t('reviewBar.notFound'))];
        break;
      case 'network':
        body = [title(t('reviewBar.network'))];
        break;
      case 'other':
        body = [title(t('reviewBar.other')), serverSaid(`${failure.message} (${failure.code})`)];
        break;
    }
    replaceChildren(this.alert, body, h('div', { class: 'review-alert-buttons' }, canRetry ? retry : null, dismiss));
    if (focusKey) this.alert.querySelector<HTMLElement>(`[data-key="${focusKey}"]`)?.focus();
  }

  private blockerItem(blocker: GateBlocker, index: number, resolved: boolean): HTMLLIElement {
    const resolvedTag = resolved ? h('span', { class: 'review-resolved' }, t('reviewBar.blocker.resolved')) : null;
    const claimId = blockerClaimId(blocker);
    let description: string;
    let claimText: string | null = null;
    switch (blocker.kind) {
      case 'empty_field':
        description = t('reviewBar.blocker.empty_field', { field: t(`reviewBar.field.${blocker.field}`) });
        break;
      case 'claim_unchecked':
        description = t('reviewBar.blocker.claim', {
          kind: t(`reviewBar.claimKind.${blocker.claim.kind ?? 'none'}`),
          reason: t(`reviewBar.claimReason.${blocker.reason}`),
        });
        claimText = blocker.claim.text;
        break;
      case 'finding_unresolved':
        description = t('reviewBar.blocker.finding', { finding: t(`reviewBar.finding.${blocker.finding.kind}`) });
        claimText = this.context.session.claims.get(blocker.claimId)?.text ?? null;
        break;
      case 'revision_changed':
        description = t(blocker.approved ? 'reviewBar.blocker.revision_changed' : 'reviewBar.blocker.revision_none');
        break;
    }
    const className = `review-blocker review-blocker-${blocker.kind}${resolved ? ' resolved' : ''}`;
    if (!claimId) return h('li', { class: className }, description, resolvedTag ? [' ', resolvedTag] : null);
    // A claim's blocker is one button: its text, what holds it, and where it goes.
    return h(
      'li',
      { class: className },
      h(
        'button',
        {
          type: 'button',
          class: 'review-blocker-claim',
          'data-key': `blocker-${index}`,
          onclick: () => this.context.revealClaim(claimId),
        },
        claimText
          ? h('span', { class: 'review-claim-text', dir: 'auto', lang: this.context.draft.language }, claimText)
          : null,
        h('span', { class: 'review-claim-why' }, description),
        resolvedTag,
        h('span', { class: 'review-jump' }, t('reviewBar.jump')),
      ),
    );
  }
}

function doneMessage(outcome: ReviewOutcome): string {
  if (outcome.state === 'scheduled' && outcome.embargoUntil) {
    return t('reviewBar.doneScheduled', { when: formatInstant(outcome.embargoUntil, locale(), true) });
  }
  if (outcome.publication) return t('reviewBar.doneReleased', { version: outcome.publication.version });
  return t('reviewBar.done', { state: t(`state.${outcome.state}`) });
}

function fieldList(fields: readonly FieldError[]): HTMLElement | null {
  if (fields.length === 0) return null;
  return h(
    'ul',
    { class: 'review-fields', lang: 'en' },
    fields.map((field) => h('li', {}, `${field.field}: ${field.messages.join('; ')}`)),
  );
}
