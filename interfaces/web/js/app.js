// The application shell: who is logged in, the menu for that role, the language switch and the
// router (real paths such as /reviews; the server answers every such path with index.html).
import * as api from './api.js';
import { LANGUAGES, language, setLanguage, t } from './i18n.js';
import './strings.js';
import screens from './screens/index.js';
import { announce, clearAnnouncement, errorBlock, errorLine, field, form, h, page } from './ui.js';

const main = document.getElementById('main');
let user = null;

function compile(path) {
  const names = [];
  const pattern = path.replace(/:(\w+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${pattern}$`), names };
}

const routes = screens.map((s) => ({ ...s, ...compile(s.path) }));

function findRoute(pathname) {
  for (const r of routes) {
    const m = r.regex.exec(pathname);
    if (m) return { route: r, params: Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState({}, '', path);
  else history.pushState({}, '', path);
  render();
}

// A screen of the user's active role (and, with `when`, only for some users of it).
const forUser = (r) => r.roles.includes(user.role) && (!r.when || r.when(user));

function homePath() {
  const first = routes.find((r) => r.nav && forUser(r));
  return first ? first.path : '/';
}

function renderNav() {
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('ui.menu'));
  if (!user) {
    nav.replaceChildren();
    return;
  }
  const here = location.pathname;
  const items = routes.filter((r) => r.nav && forUser(r));
  nav.replaceChildren(h('ul', {}, items.map((r) => h('li', {},
    h('a', { href: r.path, dataset: { route: '' }, 'aria-current': here === r.path ? 'page' : null }, t(r.nav))))));
}

function renderSession() {
  const box = document.getElementById('session');
  const select = h('select', { id: 'language', 'aria-label': t('ui.language') },
    LANGUAGES.map((l) => h('option', { value: l.code, selected: l.code === language() }, l.name)));
  select.addEventListener('change', () => {
    setLanguage(select.value);
    render();
  });
  const parts = [h('label', { for: 'language', class: 'visually-hidden' }, t('ui.language')), select];
  if (user) {
    parts.unshift(h('span', { class: 'who' }, t('login.as', { name: user.display_name || user.name, role: t(`role.${user.role}`) })));
    if (user.roles && user.roles.length > 1) parts.push(...roleSwitch());
    parts.push(h('button', { type: 'button', id: 'logout', onclick: logout }, t('login.logout')));
  }
  box.replaceChildren(...parts);
  document.getElementById('skip-link').textContent = t('ui.skip');
}

// A user with several roles acts in one at a time (issue 15); switching is audited.
function roleSwitch() {
  const select = h('select', { id: 'role-switch' },
    user.roles.map((r) => h('option', { value: r, selected: r === user.role }, t(`role.${r}`))));
  select.addEventListener('change', async () => {
    try {
      await api.post('/auth/role', { role: select.value });
      await start('/');
    } catch (error) {
      select.value = user.role;
      announce(errorLine(error), 'error');
    }
  });
  return [h('label', { for: 'role-switch' }, t('adm.role_switch')), select];
}

async function logout() {
  api.clearCache();
  try {
    await api.post('/auth/logout');
  } catch {
    /* the session may have expired already */
  }
  user = null;
  announce(t('login.logged_out'));
  navigate('/login', { replace: true });
}

function renderLogin() {
  const totp = { name: 'totp_code', label: t('login.totp'), hint: t('login.totp_hint'), inputmode: 'numeric', autocomplete: 'one-time-code' };
  let totpShown = false;
  const fields = [
    { name: 'username', label: t('login.username'), required: true, autocomplete: 'username' },
    { name: 'password', label: t('login.password'), type: 'password', required: true, autocomplete: 'current-password' },
  ];
  const el = form(fields, t('login.submit'), async (v, f) => {
    const body = { username: v.username, password: v.password, session: 'cookie' };
    if (v.totp_code) body.totp_code = v.totp_code;
    try {
      const answer = await api.post('/auth/login', body);
      await start(answer.mfa_setup_required ? '/mfa' : null);
    } catch (error) {
      if ((error.code === 'TOTP_REQUIRED' || error.code === 'INVALID_TOTP') && !totpShown) {
        totpShown = true;
        const box = field(totp);
        f.querySelector('.actions').before(box);
      }
      throw error;
    }
  });
  el.id = 'login-form';
  page(main, t('login.title'), el);
  el.querySelector('input').focus();
}

async function renderMfa() {
  const enrolment = await api.post('/auth/totp/enrol');
  const el = form([{ name: 'code', label: t('mfa.code'), required: true, inputmode: 'numeric', autocomplete: 'one-time-code' }],
    t('mfa.confirm'), async (v) => {
      await api.post('/auth/totp/confirm', { code: v.code });
      await start();
    });
  page(main, t('mfa.title'), h('p', {}, t('mfa.intro')), h('p', {}, `${t('mfa.secret')}: `, h('code', {}, enrolment.secret)), el);
}

function renderHome() {
  page(main, t('home.title', { name: user.display_name || user.name }), h('p', {}, t('home.intro')));
}

// Every render gets a number; a screen still loading when a newer render began (a quick second
// click, a filter submitted twice) must not paint over the newer screen when its data arrives.
let renderCount = 0;

function screenTarget(number) {
  const current = () => number === renderCount;
  return {
    stale: () => !current(),
    replaceChildren: (...nodes) => current() && main.replaceChildren(...nodes),
    append: (...nodes) => current() && main.append(...nodes),
  };
}

async function render() {
  const number = ++renderCount;
  document.documentElement.lang = language();
  renderSession();
  renderNav();
  const path = location.pathname;
  if (!user) {
    renderLogin();
    return;
  }
  if (path === '/mfa') {
    await renderMfa();
    return;
  }
  if (path === '/' || path === '/login') {
    const home = homePath();
    if (home !== '/') {
      navigate(home, { replace: true });
      return;
    }
    renderHome();
    return;
  }
  const found = findRoute(path);
  if (!found) {
    page(main, t('ui.not_found'));
    return;
  }
  if (!forUser(found.route)) {
    page(main, t('ui.not_for_role'));
    return;
  }
  const ctx = { user, params: found.params, query: new URLSearchParams(location.search), navigate, rerender: render };
  try {
    await found.route.render(screenTarget(number), ctx);
  } catch (error) {
    if (!error || !error.code) throw error;
    page(screenTarget(number), t(found.route.nav || 'ui.details'), errorBlock(error));
  }
  if (number === renderCount) main.focus({ preventScroll: true });
}


async function start(next = null) {
  api.clearCache();
  try {
    user = await api.get('/auth/me');
  } catch (error) {
    user = null;
    if (error.code === 'MFA_SETUP_REQUIRED') {
      user = { name: '', role: 'pending' };
      history.replaceState({}, '', '/mfa');
      renderSession();
      await renderMfa();
      return;
    }
  }
  if (next) history.replaceState({}, '', next);
  await render();
}

api.setUnauthenticatedHandler(() => {
  if (!user) return;
  user = null;
  announce(t('login.expired'), 'warn');
  render();
});

document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-route]');
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey || a.target) return;
  e.preventDefault();
  // A message about the last action stays with the screen it belongs to.
  clearAnnouncement();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', () => {
  clearAnnouncement();
  render();
});

start();
