import { CopydeskApiError } from '#client';
import type { DraftClaim, DraftClaimFinding, Evidence, Verdict, VerdictRequest } from '#contracts';
import { h, replaceChildren } from '../dom.js';
import { formatTime, locale, t } from '../i18n/i18n.js';
import { hrefOf } from '../router.js';
import {
  findingLabel,
  formatValue,
  kindLabel,
  quoteSpeaker,
  statusLabel,
  type ClaimsMessageKey,
} from './claim-format.js';
import {
  acceptSuggestionRequest,
  canCheck,
  dismissReasonProblem,
  evidenceUrlProblem,
  isAccepted,
  openFindings,
  type PlacedClaim,
} from './claim-rules.js';
import { VerdictForm } from './claim-verdict-form.js';
import type { DraftContext } from './draft-context.js';
import { isolated } from './review-people.js';

type Child = Node | string | null | false;

/** What a card asks of its panel. */
export interface CardHost {
  readonly context: DraftContext;
  /** Opens or closes the card's details. */
  toggle(claimId: string): void;
  /** Selects and scrolls to the claim's span in the body. */
  showInText(claimId: string): void;
  /** A REST answer about a claim: the panel shows it until the `claims` event catches up. */
  answered(claim: DraftClaim): void;
}

/** Rebuilds `element`'s children only when `key` differs from what they were built from. */
const built = new WeakMap<Element, string>();
function patch(element: HTMLElement, key: string, build: () => Child[]): void {
  if (built.get(element) === key) return;
  built.set(element, key);
  replaceChildren(element, ...build());
}

/** An error of a REST call, in the interface language where it is a known one. */
export function errorText(error: unknown): string {
  if (error instanceof CopydeskApiError) {
    if (error.status === 403) return t('claims.error.forbidden');
    if (error.status === 404) return t('claims.error.notFound');
    return t('claims.error.other', { message: error.message });
  }
  if (error instanceof TypeError) return t('claims.error.network');
  return t('claims.error.other', { message: String(error) });
}

let cardSerial = 0;

/**
 * One claim in the panel, updated in place by id: its summary (a button that opens the details),
 * and the details: what it reads as, its findings, verdicts, suggestions from newsroom memory and,
 * for checkers, the verdict form. Each part is rebuilt only when what it shows changed, and the
 * forms (verdict, setting a finding aside) are built once and kept, so a `claims` event never
 * takes away what the user is typing or where the keyboard is.
 */
export class ClaimCard {
  readonly element: HTMLLIElement;
  readonly claimId: string;
  private readonly prefix: string;
  private readonly toggleButton: HTMLButtonElement;
  private readonly details: HTMLElement;
  private readonly info: HTMLElement;
  private readonly staleNotice: HTMLElement;
  private readonly findingsBox: HTMLElement;
  private readonly findingsList: HTMLUListElement;
  private readonly findingRows = new Map<string, FindingRow>();
  private readonly suggestionsBox: HTMLElement;
  private readonly historyBox: HTMLElement;
  private readonly form: VerdictForm | null;
  private readonly statusLine: HTMLElement;
  private readonly errorLine: HTMLElement;
  private placed: PlacedClaim | null = null;
  private pending = 0;

  constructor(
    claimId: string,
    private readonly host: CardHost,
  ) {
    this.claimId = claimId;
    this.prefix = `claim-${++cardSerial}`;
    const { context } = host;
    const detailsId = `${this.prefix}-details`;
    this.toggleButton = h('button', {
      type: 'button',
      class: 'claim-toggle',
      'aria-expanded': 'false',
      'aria-controls': detailsId,
      onclick: () => host.toggle(claimId),
    });
    this.info = h('dl', { class: 'claim-info' });
    this.staleNotice = h('div', { class: 'claim-stale-notice' });
    this.findingsList = h('ul', { class: 'claim-findings' });
    this.findingsBox = h(
      'section',
      { class: 'claim-section', 'aria-labelledby': `${this.prefix}-findings` },
      h('h4', { id: `${this.prefix}-findings` }, t('claims.findings')),
      this.findingsList,
    );
    this.suggestionsBox = h('section', { class: 'claim-section claim-suggestions' });
    this.historyBox = h('section', { class: 'claim-section claim-history' });
    this.form = canCheck(context.me.role)
      ? new VerdictForm(this.prefix, context.me.role, (request) => this.verdict(request, 'claims.form.saved'))
      : null;
    this.statusLine = h('p', { class: 'claim-done', role: 'status' });
    this.errorLine = h('p', { class: 'form-error', role: 'alert' });
    this.details = h(
      'div',
      { id: detailsId, class: 'claim-details', hidden: true },
      h(
        'div',
        { class: 'claim-actions' },
        h('button', { type: 'button', onclick: () => host.showInText(claimId) }, t('claims.reveal')),
      ),
      this.info,
      this.staleNotice,
      this.findingsBox,
      this.suggestionsBox,
      this.historyBox,
      this.form?.element ?? null,
      this.statusLine,
      this.errorLine,
    );
    // What the last request said stops standing once the user goes on.
    this.details.addEventListener('input', () => (this.statusLine.textContent = ''));
    this.element = h(
      'li',
      { class: 'claim-card', 'data-claim-id': claimId },
      h('h3', { class: 'claim-heading' }, this.toggleButton),
      this.details,
    );
  }

  /** Where the keyboard is, what the user typed, or a request under way: the panel keeps such a card in view. */
  get busy(): boolean {
    return this.element.contains(document.activeElement) || this.pending > 0 || (this.form?.busy ?? false);
  }

  get claim(): DraftClaim | null {
    return this.placed?.claim ?? null;
  }

  focus(): void {
    this.toggleButton.focus();
  }

  update(placed: PlacedClaim, expanded: boolean): void {
    this.placed = placed;
    const { claim } = placed;
    const tone = claim.stale ? 'stale' : claim.status;
    this.element.className = `claim-card claim-${claim.status}${claim.stale ? ' claim-is-stale' : ''}`;
    this.element.dataset.status = tone;
    this.toggleButton.setAttribute('aria-expanded', String(expanded));
    this.details.hidden = !expanded;
    this.renderSummary(placed);
    if (!expanded) return; // the details catch up when opened
    this.renderInfo(placed);
    this.renderStale(placed);
    this.renderFindings(claim);
    this.renderSuggestions(claim);
    this.renderHistory(claim);
  }

  private renderSummary({ claim, text, gone }: PlacedClaim): void {
    const value = formatValue(claim, locale(), t);
    const open = openFindings(claim).length;
    patch(
      this.toggleButton,
      JSON.stringify([text, gone, claim.kind, claim.value, claim.status, claim.stale, open]),
      () => [
        h('span', { class: `claim-text${gone ? ' claim-text-gone' : ''}`, lang: this.language, dir: 'auto' }, text),
        h(
          'span',
          { class: 'claim-meta' },
          h('span', { class: 'claim-kind' }, kindLabel(claim.kind, t)),
          value ? h('span', { class: 'claim-value' }, value) : null,
        ),
        h(
          'span',
          { class: 'claim-badges' },
          claim.stale ? h('span', { class: 'claim-stale-flag' }, t('claims.stale')) : null,
          h(
            'span',
            { class: `claim-badge claim-badge-${claim.status}${claim.stale ? ' claim-badge-lapsed' : ''}` },
            statusLabel(claim.status, t),
          ),
          open > 0 ? h('span', { class: 'claim-finding-count' }, t('claims.findingCount', { count: open })) : null,
        ),
      ],
    );
  }

  /** What the summary does not say: whom a rank or figure is about, who is quoted, where the claim came from. */
  private renderInfo({ claim }: PlacedClaim): void {
    const speaker = quoteSpeaker(claim);
    patch(this.info, JSON.stringify([claim.kind, claim.value, claim.subject, claim.origin, claim.note]), () => [
      claim.subject ? row(t('claims.field.subject'), this.userText(claim.subject)) : null,
      claim.kind === 'quote'
        ? row(t('claims.field.speaker'), speaker ? this.userText(speaker) : t('claims.speakerUnknown'))
        : null,
      row(t('claims.field.origin'), t(claim.origin === 'manual' ? 'claims.origin.manual' : 'claims.origin.auto')),
      claim.note ? row(t('claims.field.note'), this.userText(claim.note)) : null,
    ]);
  }

  private renderStale({ claim, text, gone }: PlacedClaim): void {
    const checked = claim.verdict?.text ?? null;
    patch(this.staleNotice, JSON.stringify([claim.stale, gone, checked, text, claim.status]), () => {
      if (gone) return [h('p', { class: 'claim-gone' }, t('claims.gone'))];
      if (!claim.stale) return [];
      return [
        h('p', {}, t('claims.staleNotice', { status: statusLabel(claim.status, t) })),
        checked !== null
          ? h(
              'dl',
              { class: 'claim-compare' },
              row(t('claims.checkedText'), this.userText(checked)),
              row(t('claims.currentText'), this.userText(text)),
            )
          : null,
      ];
    });
  }

  private renderFindings(claim: DraftClaim): void {
    this.findingsBox.hidden = claim.findings.length === 0;
    const seen = new Set<string>();
    let previous: Element | null = null;
    for (const finding of claim.findings) {
      seen.add(finding.id);
      let findingRow = this.findingRows.get(finding.id);
      if (!findingRow) {
        findingRow = new FindingRow(`${this.prefix}-finding-${this.findingRows.size + 1}`, this, finding.id);
        this.findingRows.set(finding.id, findingRow);
      }
      findingRow.update(finding);
      const expectedAt: Element | null = previous ? previous.nextElementSibling : this.findingsList.firstElementChild;
      if (expectedAt !== findingRow.element) this.findingsList.insertBefore(findingRow.element, expectedAt);
      previous = findingRow.element;
    }
    for (const [id, findingRow] of this.findingRows) {
      if (seen.has(id)) continue;
      findingRow.element.remove();
      this.findingRows.delete(id);
    }
  }

  private renderSuggestions(claim: DraftClaim): void {
    const { suggestions } = claim;
    const checker = canCheck(this.host.context.me.role);
    const key = JSON.stringify([suggestions, claim.verdict?.id, claim.stale, checker]);
    patch(this.suggestionsBox, key, () => {
      if (suggestions.length === 0) return [];
      const heading = `${this.prefix}-suggestions`;
      this.suggestionsBox.setAttribute('aria-labelledby', heading);
      return [
        h('h4', { id: heading }, t('claims.suggestions')),
        h(
          'ul',
          {},
          suggestions.map((suggestion) =>
            h(
              'li',
              { class: 'claim-suggestion' },
              this.verdictLine(suggestion.verdict),
              this.verdictBody(suggestion.verdict, true),
              h(
                'div',
                { class: 'claim-actions' },
                h('a', { href: hrefOf({ page: 'draft', draftId: suggestion.draftId }) }, t('claims.suggestion.open')),
                !checker
                  ? null
                  : isAccepted(claim, suggestion)
                    ? h('span', { class: 'claim-accepted' }, t('claims.suggestion.accepted'))
                    : h(
                        'button',
                        {
                          type: 'button',
                          onclick: () =>
                            void this.verdict(acceptSuggestionRequest(suggestion), 'claims.suggestion.done'),
                        },
                        t('claims.suggestion.accept'),
                      ),
              ),
            ),
          ),
        ),
      ];
    });
  }

  private renderHistory(claim: DraftClaim): void {
    const key = JSON.stringify([claim.verdicts, claim.stale]);
    patch(this.historyBox, key, () => {
      const heading = `${this.prefix}-history`;
      this.historyBox.setAttribute('aria-labelledby', heading);
      const newestFirst = [...claim.verdicts].reverse();
      return [
        h('h4', { id: heading }, t('claims.history')),
        newestFirst.length === 0
          ? h('p', { class: 'claim-none' }, t('claims.history.none'))
          : h(
              'ol',
              { class: 'claim-verdicts', reversed: true },
              newestFirst.map((verdict, index) =>
                h(
                  'li',
                  { class: `claim-verdict${index === 0 ? ' claim-verdict-latest' : ''}` },
                  this.verdictLine(
                    verdict,
                    index === 0 ? t(claim.stale ? 'claims.history.lapsed' : 'claims.history.current') : null,
                  ),
                  // The text it was given on, when that differs (the stale notice shows the latest's).
                  this.verdictBody(verdict, verdict.text !== claim.text && !(index === 0 && claim.stale)),
                  verdict.citesVerdictId ? h('p', { class: 'claim-cites' }, t('claims.history.cites')) : null,
                ),
              ),
            ),
      ];
    });
  }

  /** `[Verified] Samer Al-Ali · 9 Feb 2026, 10:04 (standing)`. */
  private verdictLine(verdict: Verdict, standing: string | null = null): HTMLElement {
    return h(
      'p',
      { class: 'claim-verdict-line' },
      h('span', { class: `claim-badge claim-badge-${verdict.status}` }, statusLabel(verdict.status, t)),
      ' ',
      h('bdi', { class: 'claim-by' }, verdict.byName),
      ' · ',
      h('time', { datetime: verdict.at }, formatTime(verdict.at)),
      standing ? h('span', { class: 'claim-standing' }, ` (${standing})`) : null,
    );
  }

  private verdictBody(verdict: Verdict, showText: boolean): Child[] {
    return [
      verdict.note ? h('p', { class: 'claim-note', dir: 'auto' }, verdict.note) : null,
      verdict.evidence.length > 0 ? evidenceList(verdict.evidence) : null,
      showText && verdict.text
        ? h(
            'p',
            { class: 'claim-on-text' },
            t('claims.history.onText'),
            ' ',
            h('bdi', { class: 'claim-quote', lang: this.language, dir: 'auto' }, verdict.text),
          )
        : null,
    ];
  }

  private userText(text: string): HTMLElement {
    return h('bdi', { lang: this.language, dir: 'auto' }, text);
  }

  private get language(): string {
    return this.host.context.draft.language;
  }

  private verdict(request: VerdictRequest, done: ClaimsMessageKey): Promise<boolean> {
    const { context } = this.host;
    return this.run(() => context.client.addVerdict(context.draft.id, this.claimId, request), done);
  }

  /** Sends a request about this claim; shows its outcome in the card. */
  async run(request: () => Promise<DraftClaim>, done: ClaimsMessageKey): Promise<boolean> {
    this.errorLine.textContent = '';
    this.statusLine.textContent = '';
    this.pending++;
    try {
      this.host.answered(await request());
      this.statusLine.textContent = t(done);
      return true;
    } catch (error) {
      this.errorLine.textContent = errorText(error);
      return false;
    } finally {
      this.pending--;
    }
  }

  /** Sets a finding aside (checkers): `FindingRow` calls it. */
  dismiss(findingId: string, reason: string): Promise<boolean> {
    const { context } = this.host;
    return this.run(
      () => context.client.dismissFinding(context.draft.id, this.claimId, findingId, reason.trim()),
      'claims.dismiss.done',
    );
  }

  get draftLanguage(): string {
    return this.language;
  }

  get userId(): string {
    return this.host.context.me.id;
  }

  get mayCheck(): boolean {
    return canCheck(this.host.context.me.role);
  }
}

/**
 * A finding and, for checkers while it stands, "Set aside…" opening a reason field. The reason
 * form is built once and kept while the finding is shown.
 */
class FindingRow {
  readonly element: HTMLLIElement;
  private readonly display: HTMLElement;
  private readonly controls: HTMLElement | null;
  private readonly opener: HTMLButtonElement | null = null;
  private readonly form: HTMLFormElement | null = null;

  constructor(
    prefix: string,
    private readonly card: ClaimCard,
    findingId: string,
  ) {
    this.display = h('div', { class: 'claim-finding-text' });
    if (card.mayCheck) {
      const reason = h('textarea', {
        id: `${prefix}-reason`,
        rows: 2,
        dir: 'auto',
        maxlength: 2000,
        'aria-describedby': `${prefix}-reason-error`,
      });
      const problem = h('span', { id: `${prefix}-reason-error`, class: 'field-error' });
      const opener = h(
        'button',
        { type: 'button', 'aria-expanded': 'false', 'aria-controls': `${prefix}-form` },
        t('claims.dismiss.open'),
      );
      const form = h(
        'form',
        { id: `${prefix}-form`, class: 'claim-dismiss-form', novalidate: true, hidden: true },
        h('label', { for: reason.id }, t('claims.dismiss.reason')),
        reason,
        problem,
        h(
          'div',
          { class: 'claim-form-actions' },
          h('button', { type: 'submit' }, t('claims.dismiss.submit')),
          h('button', { type: 'button', onclick: () => this.close(true) }, t('claims.dismiss.cancel')),
        ),
      );
      let sending = false;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (sending) return;
        const why = dismissReasonProblem(reason.value);
        problem.textContent = why ? t(why) : '';
        if (why) {
          reason.setAttribute('aria-invalid', 'true');
          reason.focus();
          return;
        }
        reason.removeAttribute('aria-invalid');
        sending = true;
        void card.dismiss(findingId, reason.value).then((ok) => {
          sending = false;
          if (ok) reason.value = '';
        });
      });
      opener.addEventListener('click', () => (form.hidden ? this.open() : this.close(false)));
      this.opener = opener;
      this.form = form;
      this.controls = h('div', { class: 'claim-finding-controls' }, opener, form);
    } else {
      this.controls = null;
    }
    this.element = h('li', { class: 'claim-finding' }, this.display, this.controls);
  }

  update(finding: DraftClaimFinding): void {
    const { dismissed } = finding;
    this.element.classList.toggle('claim-finding-dismissed', dismissed !== null);
    patch(this.display, JSON.stringify([finding.kind, finding.message, dismissed]), () => [
      h('strong', {}, findingLabel(finding.kind, t)),
      h('p', { lang: this.card.draftLanguage, dir: 'auto' }, finding.message),
      dismissed
        ? h(
            'p',
            { class: 'claim-dismissed' },
            dismissedBy(dismissed, this.card.userId),
            ' ',
            h('bdi', { dir: 'auto' }, dismissed.reason),
          )
        : null,
    ]);
    if (this.controls) this.controls.hidden = dismissed !== null;
  }

  private open(): void {
    if (!this.form || !this.opener) return;
    this.form.hidden = false;
    this.opener.setAttribute('aria-expanded', 'true');
    this.form.querySelector('textarea')?.focus();
  }

  private close(focusOpener: boolean): void {
    if (!this.form || !this.opener) return;
    this.form.hidden = true;
    this.opener.setAttribute('aria-expanded', 'false');
    if (focusOpener) this.opener.focus();
  }
}

/** Who set a finding aside and when: the user as "you", anyone else by name (none for a user who no longer exists). */
function dismissedBy(dismissed: NonNullable<DraftClaimFinding['dismissed']>, meId: string): string {
  const when = formatTime(dismissed.at);
  if (dismissed.byUserId === meId) return t('claims.finding.dismissedByYou', { when });
  if (dismissed.byName) return t('claims.finding.dismissedBy', { who: isolated(dismissed.byName), when });
  return t('claims.finding.dismissedAt', { when });
}

function row(term: string, definition: Node | string): HTMLElement {
  return h('div', {}, h('dt', {}, term), h('dd', {}, definition));
}

/** Evidence links open in a new tab, without giving that page a way back into this one. */
function evidenceList(evidence: Evidence[]): HTMLElement {
  return h(
    'ul',
    { class: 'claim-evidence-links', 'aria-label': t('claims.evidence') },
    evidence.map((item) =>
      h(
        'li',
        {},
        evidenceUrlProblem(item.url) === null
          ? h(
              'a',
              { href: item.url, target: '_blank', rel: 'noopener noreferrer', dir: 'auto' },
              item.title || item.url,
              h('span', { class: 'visually-hidden' }, ` ${t('claims.evidence.newTab')}`),
            )
          : h('span', { dir: 'auto' }, item.title ? `${item.title} — ${item.url}` : item.url),
      ),
    ),
  );
}
