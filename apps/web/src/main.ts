/** The newsroom web page (docs/web.md): sign in, the drafts list, and one draft at a time. */
import { AppState } from './app-state.js';
import { h, replaceChildren, type Dispose } from './dom.js';
import { applyToDocument, locale, onLocaleChange, setLocale, t } from './i18n/i18n.js';
import { draftPage } from './pages/draft-page.js';
import { draftsListPage } from './pages/drafts-list.js';
import { signInForm } from './pages/sign-in.js';
import { currentRoute } from './router.js';

const state = new AppState();
const root = document.getElementById('app')!;
let disposePage: Dispose = () => {};

/** Renders the header and the page the URL names; called on navigation and on a language switch. */
function render(): void {
  disposePage();
  disposePage = () => {};
  const content = h('div', { class: 'page' });
  replaceChildren(root, header(), content);
  if (!state.me) {
    replaceChildren(
      content,
      h(
        'main',
        { class: 'sign-in-page' },
        signInForm(async (email, password) => {
          await state.signIn(email, password);
          render();
        }),
      ),
    );
    return;
  }
  const route = currentRoute();
  disposePage =
    route.page === 'draft'
      ? draftPage(content, state.client, state.me, route.draftId)
      : draftsListPage(content, state.client, state.me);
}

function header(): HTMLElement {
  const other = locale() === 'ar' ? 'en' : 'ar';
  return h(
    'header',
    { class: 'app-header' },
    h('a', { href: '#/', class: 'app-name' }, t('app.name')),
    h('span', { class: 'spacer' }),
    state.me
      ? h(
          'span',
          { class: 'who' },
          t('app.signedInAs', { name: state.me.displayName, role: t(`role.${state.me.role}`) }),
        )
      : null,
    h(
      'button',
      { type: 'button', lang: other, 'aria-label': t('app.languageLabel'), onclick: () => setLocale(other) },
      t('app.language'),
    ),
    state.me
      ? h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              await state.signOut().catch(() => undefined);
              location.hash = '#/';
              render();
            },
          },
          t('app.signOut'),
        )
      : null,
  );
}

/**
 * The server ended the session (expired, revoked, password changed): ask for the password in a
 * dialog over the page. The SDK keeps the draft's unsent changes and sends them once signed in again.
 */
state.reauthenticate = (info) =>
  new Promise((resolve) => {
    const dialog = h('dialog', { class: 'reauth', 'aria-label': t('signIn.title') });
    dialog.append(
      signInForm(
        async (email, password) => {
          const token = await state.signIn(email, password);
          dialog.close();
          dialog.remove();
          resolve(token);
        },
        t('signIn.ended', { reason: info.message }),
      ),
    );
    document.body.append(dialog);
    dialog.showModal();
  });

async function start(): Promise<void> {
  applyToDocument();
  await state.restore();
  window.addEventListener('hashchange', render);
  onLocaleChange(render);
  render();
}

void start();
