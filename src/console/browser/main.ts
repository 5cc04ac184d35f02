import { ApiError, CONSOLE_API, call, token, whenUnauthorized } from './api.js';
import { currentLang, type Lang, setLang, t } from './i18n.js';
import { CONSOLE_ROOT, match, NAV } from './router.js';
import type { View } from './view.js';
import { h, select, status } from './widgets.js';

/** Live numbers refresh at this pace while the page is visible (the issue asks for 5 s or less). */
const POLL_MS = 4000;

let current: View | null = null;
/** Bumped on every render, so a slow view that finishes after the user moved on is thrown away. */
let generation = 0;
let refreshing = false;

function header(signedIn: boolean, active: string | null): HTMLElement {
  const lang = select(
    'lang',
    [
      ['zh-CN', '中文'],
      ['en', 'English'],
    ],
    currentLang(),
  );
  lang.id = 'lang';
  lang.addEventListener('change', () => {
    setLang(lang.value as Lang);
    void render();
  });
  const nav = h(
    'nav',
    { 'aria-label': t('title') },
    ...NAV.map(([key, href]) =>
      h('a', { href, 'data-nav': '', ...(key === active ? { 'aria-current': 'page' } : {}) }, t(key)),
    ),
  );
  const signOut = h('button', { type: 'button', class: 'secondary', id: 'sign-out' }, t('sign_out'));
  signOut.addEventListener('click', () => {
    token.clear();
    void render();
  });
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: CONSOLE_ROOT, 'data-nav': '' }, t('title')),
    signedIn ? nav : null,
    h(
      'div',
      { class: 'tools' },
      h('label', { for: 'lang', class: 'sr-only' }, t('language')),
      lang,
      signedIn ? signOut : null,
    ),
  );
}

function signInForm(main: HTMLElement): void {
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const message = status();
  const form = h(
    'form',
    { class: 'card sign-in', id: 'sign-in' },
    h('h1', { id: 'page-title' }, t('sign_in_title')),
    h('p', {}, t('sign_in_lead')),
    h('div', { class: 'field' }, h('label', { for: 'token' }, t('token')), input),
    h('button', { type: 'submit' }, t('sign_in')),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await call('GET', `${CONSOLE_API}/overview`, undefined, input.value);
      token.set(input.value);
      await render();
    } catch (error) {
      message.textContent = error instanceof ApiError && error.status === 401 ? t('token_wrong') : String(error);
      message.classList.add('error');
    }
  });
  main.append(form);
}

async function render(focus = false): Promise<void> {
  const mine = ++generation;
  current?.dispose?.();
  current = null;
  document.documentElement.lang = currentLang();
  document.title = t('title');
  const found = match(location.pathname);
  const signedIn = token.get() !== null;
  const main = h('main', { id: 'main', tabindex: '-1' });
  const app = document.getElementById('app')!;
  app.replaceChildren(
    h('a', { class: 'skip', href: '#main' }, t('skip')),
    header(signedIn, signedIn ? (found?.nav ?? null) : null),
    main,
  );
  if (!signedIn) return signInForm(main);
  if (!found) {
    main.append(h('h1', { id: 'page-title' }, t('not_found')));
    return;
  }
  const view = await found.view(main, {
    params: found.params,
    search: new URLSearchParams(location.search),
    navigate,
  });
  if (mine !== generation) return view.dispose?.();
  current = view;
  const title = document.getElementById('page-title');
  if (title) document.title = `${title.textContent} · ${t('title')}`;
  if (focus) title?.focus();
}

function navigate(path: string): void {
  history.pushState(null, '', path);
  void render(true);
}

function interceptLinks(): void {
  document.addEventListener('click', (event) => {
    const a = (event.target as Element).closest?.('a[data-nav]') as HTMLAnchorElement | null;
    if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const url = new URL(a.href);
    if (url.origin !== location.origin) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
  window.addEventListener('popstate', () => void render(true));
}

async function poll(): Promise<void> {
  if (refreshing || document.hidden || !current?.refresh) return;
  refreshing = true;
  try {
    await current.refresh();
  } catch {
    // The next tick tries again; a 401 has already signed the user out.
  } finally {
    refreshing = false;
  }
}

whenUnauthorized(() => {
  token.clear();
  void render();
});
interceptLinks();
setInterval(() => void poll(), POLL_MS);
void render();
