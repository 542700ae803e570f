import { CopydeskApiError } from '#client';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';

/**
 * The sign-in form, as a page or inside the dialog shown when the server ends a session.
 * `submit` signs in and resolves; a refusal is shown in the form, which stays open.
 */
export function signInForm(
  submit: (email: string, password: string) => Promise<void>,
  notice?: string,
): HTMLFormElement {
  const email = h('input', {
    id: 'sign-in-email',
    type: 'email',
    name: 'email',
    autocomplete: 'username',
    required: true,
  });
  const password = h('input', {
    id: 'sign-in-password',
    type: 'password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const status = h('p', { class: 'form-error', role: 'alert', 'aria-live': 'assertive' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('signIn.submit'));
  const form = h(
    'form',
    { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, t('signIn.title')),
    notice ? h('p', { class: 'notice' }, notice) : null,
    h('label', { for: 'sign-in-email' }, t('signIn.email')),
    email,
    h('label', { for: 'sign-in-password' }, t('signIn.password')),
    password,
    status,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    status.textContent = '';
    try {
      await submit(email.value.trim(), password.value);
    } catch (error) {
      status.textContent = signInError(error);
      password.select();
    } finally {
      button.disabled = false;
    }
  });
  queueMicrotask(() => email.focus());
  return form;
}

function signInError(error: unknown): string {
  if (error instanceof CopydeskApiError && error.status === 429) {
    const seconds = Number((error.details as { retryAfterSeconds?: number } | null)?.retryAfterSeconds ?? 1);
    return t('signIn.throttled', { seconds: Math.max(1, Math.ceil(seconds)) });
  }
  if (error instanceof CopydeskApiError && error.status === 401) return t('signIn.failed');
  return t('app.error', { message: error instanceof Error ? error.message : String(error) });
}
