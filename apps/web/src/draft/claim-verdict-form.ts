import type { Role, VerdictRequest } from '#contracts';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { statusLabel, type ClaimsMessageKey } from './claim-format.js';
import {
  canWaive,
  checkVerdictDraft,
  MAX_EVIDENCE_ITEMS,
  verdictStatusesFor,
  type FormProblem,
} from './claim-rules.js';

interface EvidenceRow {
  element: HTMLElement;
  url: HTMLInputElement;
  title: HTMLInputElement;
  urlLabel: HTMLLabelElement;
  titleLabel: HTMLLabelElement;
  remove: HTMLButtonElement;
}

/**
 * A claim's verdict form (fact-checkers, editors, admins): the status the role may give (`waived`
 * for editors and admins only, with a note), a note, and evidence links, checked here as the
 * server checks them. Built once per card and kept across re-renders, so what the user is typing
 * survives claims events; `submit` sends the request, says how it went (the card's status and
 * alert lines) and answers whether it was recorded: the form then empties.
 */
export class VerdictForm {
  readonly element: HTMLFormElement;
  private readonly status: HTMLSelectElement;
  private readonly note: HTMLTextAreaElement;
  private readonly rowsBox: HTMLElement;
  private readonly rows: EvidenceRow[] = [];
  private readonly addLink: HTMLButtonElement;
  private readonly submitButton: HTMLButtonElement;
  private readonly problems: HTMLElement;
  private serial = 0;
  private saving = false;

  constructor(
    private readonly prefix: string,
    private readonly role: Role,
    private readonly submit: (request: VerdictRequest) => Promise<boolean>,
  ) {
    this.status = h(
      'select',
      { id: `${prefix}-status`, name: 'status', 'aria-describedby': `${prefix}-status-error` },
      h('option', { value: '' }, t('claims.form.choose')),
      verdictStatusesFor(role).map((status) => h('option', { value: status }, statusLabel(status, t))),
    );
    const waiver = canWaive(role);
    this.note = h('textarea', {
      id: `${prefix}-note`,
      name: 'note',
      rows: 2,
      dir: 'auto',
      maxlength: 4000,
      'aria-describedby': `${waiver ? `${prefix}-note-hint ` : ''}${prefix}-note-error`,
    });
    this.rowsBox = h('div', { class: 'claim-evidence-rows' });
    this.addLink = h(
      'button',
      { type: 'button', class: 'claim-add-link', onclick: () => this.addRow(true) },
      t('claims.form.addLink'),
    );
    this.submitButton = h('button', { type: 'submit', class: 'primary' }, t('claims.form.submit'));
    this.problems = h('p', { class: 'form-error', role: 'alert' });
    this.element = h(
      'form',
      { class: 'claim-verdict-form', novalidate: true, 'aria-labelledby': `${prefix}-legend` },
      h(
        'fieldset',
        {},
        h('legend', { id: `${prefix}-legend` }, t('claims.form.legend')),
        field(`${prefix}-status`, t('claims.form.status'), this.status),
        field(
          `${prefix}-note`,
          t('claims.form.note'),
          this.note,
          waiver ? h('span', { id: `${prefix}-note-hint`, class: 'hint' }, t('claims.form.noteHint')) : null,
        ),
        h(
          'fieldset',
          { class: 'claim-evidence', 'aria-describedby': `${prefix}-evidence-error` },
          h('legend', {}, t('claims.form.evidence')),
          this.rowsBox,
          h('span', { id: `${prefix}-evidence-error`, class: 'field-error' }),
          this.addLink,
        ),
        h('div', { class: 'claim-form-actions' }, this.submitButton),
        this.problems,
      ),
    );
    this.addRow(false);
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
  }

  /** The user has typed or chosen something not sent yet, or a request is under way. */
  get busy(): boolean {
    return (
      this.saving ||
      this.status.value !== '' ||
      this.note.value.trim() !== '' ||
      this.rows.some((row) => row.url.value.trim() !== '' || row.title.value.trim() !== '')
    );
  }

  private addRow(focus: boolean): void {
    if (this.rows.length >= MAX_EVIDENCE_ITEMS) return;
    const id = `${this.prefix}-link-${++this.serial}`;
    const url = h('input', {
      id: `${id}-url`,
      type: 'url',
      inputmode: 'url',
      dir: 'ltr',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: 'https://',
      'aria-describedby': `${id}-url-error`,
    });
    const title = h('input', {
      id: `${id}-title`,
      type: 'text',
      dir: 'auto',
      maxlength: 300,
      'aria-describedby': `${id}-title-error`,
    });
    const urlLabel = h('label', { for: url.id });
    const titleLabel = h('label', { for: title.id });
    const remove = h('button', { type: 'button', class: 'claim-remove-link' }, '×');
    const element = h(
      'div',
      { class: 'claim-evidence-row' },
      h('div', { class: 'field' }, urlLabel, url, h('span', { id: `${id}-url-error`, class: 'field-error' })),
      h('div', { class: 'field' }, titleLabel, title, h('span', { id: `${id}-title-error`, class: 'field-error' })),
      remove,
    );
    const row: EvidenceRow = { element, url, title, urlLabel, titleLabel, remove };
    remove.addEventListener('click', () => this.removeRow(row));
    this.rows.push(row);
    this.rowsBox.append(element);
    this.renumber();
    if (focus) url.focus();
  }

  private removeRow(row: EvidenceRow): void {
    const index = this.rows.indexOf(row);
    if (index < 0) return;
    this.rows.splice(index, 1);
    row.element.remove();
    if (this.rows.length === 0) this.addRow(false);
    this.renumber();
    // Keep the keyboard where it was: on the next row's link, else on "Add a link".
    (this.rows[index]?.url ?? this.addLink).focus();
  }

  private renumber(): void {
    this.rows.forEach((row, index) => {
      const n = index + 1;
      row.urlLabel.textContent = t('claims.form.url', { n });
      row.titleLabel.textContent = t('claims.form.linkTitle', { n });
      const label = t('claims.form.removeLink', { n });
      row.remove.setAttribute('aria-label', label);
      row.remove.title = label;
    });
    this.addLink.hidden = this.rows.length >= MAX_EVIDENCE_ITEMS;
  }

  private async send(): Promise<void> {
    if (this.saving) return;
    this.clearProblems();
    const check = checkVerdictDraft(
      {
        status: this.status.value,
        note: this.note.value,
        evidence: this.rows.map((row) => ({ url: row.url.value, title: row.title.value })),
      },
      this.role,
    );
    if (!check.ok) {
      this.showProblems(check.problems);
      return;
    }
    this.saving = true;
    this.submitButton.setAttribute('aria-disabled', 'true');
    this.submitButton.textContent = t('claims.form.saving');
    try {
      if (await this.submit(check.request)) this.reset();
    } finally {
      this.saving = false;
      this.submitButton.removeAttribute('aria-disabled');
      this.submitButton.textContent = t('claims.form.submit');
    }
  }

  private reset(): void {
    this.status.value = '';
    this.note.value = '';
    for (const row of this.rows.splice(0)) row.element.remove();
    this.addRow(false);
  }

  private controlOf(field: string): HTMLElement | null {
    if (field === 'status') return this.status;
    if (field === 'note') return this.note;
    const match = /^evidence\.(\d+)\.(url|title)$/.exec(field);
    const row = match ? this.rows[Number(match[1])] : undefined;
    if (row) return match![2] === 'url' ? row.url : row.title;
    return null;
  }

  private showProblems(problems: FormProblem[]): void {
    let first: HTMLElement | null = null;
    for (const problem of problems) {
      const control = this.controlOf(problem.field);
      const errorId = control ? `${control.id}-error` : `${this.prefix}-evidence-error`;
      const holder = this.element.querySelector<HTMLElement>(`[id="${errorId}"]`);
      if (holder) holder.textContent = t(problem.key as ClaimsMessageKey);
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        first ??= control;
      }
    }
    this.problems.textContent = t('claims.form.fix');
    (first ?? this.submitButton).focus();
  }

  private clearProblems(): void {
    this.problems.textContent = '';
    for (const holder of this.element.querySelectorAll('.field-error')) holder.textContent = '';
    for (const control of this.element.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  }
}

function field(id: string, label: string, control: HTMLElement, hint: HTMLElement | null = null): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint,
    h('span', { id: `${id}-error`, class: 'field-error' }),
  );
}
