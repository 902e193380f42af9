// The console's shell: session, tenant switcher, navigation (from pages.js), help menu, support
// button, and the helpers the pages share. The session token lives in sessionStorage: it ends with
// the browser tab. Nothing here ever writes server data into the page as HTML: text nodes only.
import {PAGES} from './pages.js';

export const state = {me: null, tenantId: null, config: {helpLinks: [], supportEmail: 'support@penguinmails.com'}};

/** Calls the hub's API; answers {ok, status, body} and never throws for HTTP errors. */
export async function api(method, path, body) {
  const headers = {'Accept': 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = sessionStorage.getItem('hub.token');
  if (token) headers.Authorization = 'Bearer ' + token;
  let response;
  try {
    response = await fetch(path, {method, headers, body: body !== undefined ? JSON.stringify(body) : undefined});
  } catch (e) {
    return {ok: false, status: 0, body: {detail: 'The hub could not be reached (' + e.message + ')'}};
  }
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = {detail: text}; }
  if (response.status === 401 && path !== '/api/v1/auth/signin') {
    sessionStorage.removeItem('hub.token');
    showSignIn();
  }
  return {ok: response.ok, status: response.status, body: parsed};
}

/** The current tenant's API path. */
export const tenantPath = path => '/api/v1/tenants/' + state.tenantId + path;

/** Builds an element: el('td', {class: 'x'}, 'text', child…). Strings become text nodes. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const fmt = {
  time: iso => iso ? new Date(iso).toLocaleString() : '—',
  ago: iso => {
    if (!iso) return 'never';
    const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
    return s < 60 ? s + ' s ago' : s < 3600 ? Math.round(s / 60) + ' min ago' : s < 86400 ? Math.round(s / 3600) + ' h ago'
      : Math.round(s / 86400) + ' d ago';
  },
  pct: x => x === null || x === undefined ? '—' : (Math.round(x * 1000) / 10) + '%',
  ms: x => x === null || x === undefined ? '—' : Math.round(x) + ' ms',
  num: x => x === null || x === undefined ? '—' : String(x),
};

/** A status word as a badge (the word itself is shown: colour is never the only signal). */
export function badge(status, extra) {
  return el('span', {class: 'badge badge-' + (status || 'unknown'), 'data-status': status || 'unknown'},
    status || 'unknown', extra ? ' ' + extra : '');
}

export function loading(view, what) {
  view.replaceChildren(el('p', {class: 'loading', role: 'status'}, 'Loading ' + (what || '') + '…'));
}

/** Shows a failed call as an error with its problem detail. */
export function problem(response, what) {
  const detail = response && response.body && (response.body.detail || response.body.title);
  return el('p', {class: 'error', role: 'alert'}, 'Could not load ' + what + ': '
    + (detail || ('HTTP ' + (response ? response.status : '?'))));
}

export function table(headings, rows, caption) {
  return el('div', {class: 'table-wrap'}, el('table', {},
    caption ? el('caption', {class: 'sr-only'}, caption) : null,
    el('thead', {}, el('tr', {}, headings.map(h => el('th', {scope: 'col'}, h)))),
    el('tbody', {}, rows)));
}

// ---- session and tenant ----

function showSignIn() {
  document.getElementById('signin').hidden = false;
  document.getElementById('view').hidden = true;
  document.getElementById('nav').hidden = true;
  document.getElementById('tenant-picker').hidden = true;
  document.getElementById('signout').hidden = true;
  document.getElementById('who').textContent = '';
  state.me = null;
}

async function loadProfile() {
  const me = await api('GET', '/api/v1/me');
  document.getElementById('booting').hidden = true;
  if (!me.ok) { showSignIn(); return false; }
  state.me = me.body;
  const who = me.body.user.name + ' <' + me.body.user.email + '>' + (me.body.isPenguinMailsStaff ? ' · staff' : '');
  document.getElementById('who').textContent = who;
  document.getElementById('signin').hidden = true;
  document.getElementById('signout').hidden = false;
  document.getElementById('nav').hidden = false;
  const picker = document.getElementById('tenant');
  const memberships = me.body.memberships || [];
  const stored = sessionStorage.getItem('hub.tenant');
  state.tenantId = memberships.some(m => m.tenantId === stored) ? stored : (memberships[0] ? memberships[0].tenantId : null);
  picker.replaceChildren(...memberships.map(m => el('option', {value: m.tenantId, selected: m.tenantId === state.tenantId},
    m.tenantName + ' (' + m.roles.join(', ') + ')')));
  document.getElementById('tenant-picker').hidden = memberships.length === 0;
  return true;
}

export function currentTenant() {
  return (state.me && state.me.memberships || []).find(m => m.tenantId === state.tenantId) || null;
}

// ---- navigation ----

let cleanup = null;
let renderSeq = 0;

function drawNav(active) {
  const nav = document.getElementById('nav');
  nav.replaceChildren(el('ul', {}, PAGES.filter(p => p.nav).map(p => el('li', {},
    el('a', {href: '#/' + p.id, 'aria-current': p.id === active ? 'page' : null}, p.title)))));
}

async function route() {
  if (!state.me) return;
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const page = PAGES.find(p => p.id === parts[0]) || PAGES[0];
  drawNav(page.nav ? page.id : (PAGES.find(p => p.nav && page.id.startsWith(p.id)) || {}).id);
  if (cleanup) { try { cleanup(); } catch (e) { /* a page's cleanup must not break navigation */ } cleanup = null; }
  const view = document.getElementById('view');
  view.hidden = false;
  const seq = ++renderSeq;
  if (!state.tenantId) {
    view.replaceChildren(el('section', {}, el('h2', {}, 'No tenant yet'),
      el('p', {}, 'You do not belong to a tenant. Create one through the API (POST /api/v1/tenants) or ask an admin to add you.')));
    return;
  }
  loading(view, page.title.toLowerCase());
  try {
    const module = await import(page.module);
    if (seq !== renderSeq) return;
    document.title = module.default.title + ' · PenguinMails Hub console';
    const done = await module.default.render(view, {args: parts.slice(1), isCurrent: () => seq === renderSeq});
    if (seq === renderSeq) cleanup = typeof done === 'function' ? done : null;
    else if (typeof done === 'function') done();
    const heading = view.querySelector('h2');
    if (heading && document.activeElement === document.body) { heading.tabIndex = -1; }
  } catch (e) {
    view.replaceChildren(el('p', {class: 'error', role: 'alert'}, 'This page failed to load: ' + e.message));
  }
}

export function go(hash) {
  if (location.hash === hash) route(); else location.hash = hash;
}

// ---- help menu and support ----

function drawHelp() {
  const list = document.getElementById('help-list');
  list.replaceChildren(...state.config.helpLinks.map(link => el('li', {role: 'none'},
    el('a', {role: 'menuitem', href: link.url, target: '_blank', rel: 'noopener noreferrer', tabindex: '-1'},
      el('span', {class: 'menu-name'}, link.name),
      el('span', {class: 'menu-category'}, (link.category || '').replace('-', ' '))))),
    el('li', {role: 'none'}, el('a', {role: 'menuitem', href: '#', tabindex: '-1', id: 'help-support',
      onclick: e => { e.preventDefault(); closeHelp(); openSupport('help_menu', document.getElementById('help-button')); }},
      el('span', {class: 'menu-name'}, 'Contact support'), el('span', {class: 'menu-category'}, 'contact'))));
}

function openHelp() {
  const button = document.getElementById('help-button');
  const list = document.getElementById('help-list');
  list.hidden = false;
  button.setAttribute('aria-expanded', 'true');
  const first = list.querySelector('a');
  if (first) first.focus();
}

function closeHelp(focusButton) {
  document.getElementById('help-list').hidden = true;
  const button = document.getElementById('help-button');
  button.setAttribute('aria-expanded', 'false');
  if (focusButton) button.focus();
}

function helpKeys(event) {
  const items = [...document.querySelectorAll('#help-list a')];
  const i = items.indexOf(document.activeElement);
  if (event.key === 'Escape') { closeHelp(true); event.preventDefault(); }
  else if (event.key === 'ArrowDown') { items[(i + 1) % items.length].focus(); event.preventDefault(); }
  else if (event.key === 'ArrowUp') { items[(i - 1 + items.length) % items.length].focus(); event.preventDefault(); }
  else if (event.key === 'Tab') { closeHelp(false); }
}

/**
 * The console's own pre-filled support email (the guide's SupportButton), addressed to
 * hub.console.support-email. Used only before anyone signs in into a tenant: inside a tenant the
 * support desk decides (openSupport).
 */
export function supportMailto() {
  const user = state.me ? state.me.user : null;
  const tenant = currentTenant();
  const subject = '[Support] ' + (tenant ? tenant.tenantName : 'PenguinMails') + ' - Integration Hub console';
  const body = [
    'Hi PenguinMails Support Team,', '', 'I need assistance with:', '', '[Please describe your issue here]', '',
    '---', 'Customer Information:',
    '- Company: ' + (tenant ? tenant.tenantName : 'unknown'),
    '- Tenant ID: ' + (tenant ? tenant.tenantId : 'none'),
    '- User: ' + (user ? user.name + ' (' + user.email + ')' : 'not signed in'),
    '', 'Technical Information:',
    '- Browser: ' + navigator.userAgent,
    '- Page: ' + location.origin + location.pathname + location.hash,
    '- Timestamp: ' + new Date().toISOString(),
    '', 'Please include this information when responding.', '', 'Best regards,', user ? user.name : ''].join('\n');
  return 'mailto:' + state.config.supportEmail + '?subject=' + encodeURIComponent(subject)
    + '&body=' + encodeURIComponent(body);
}

/** Opens the user's mail program with a pre-filled email (through a link, as a click on one would). */
function openMailto(href) {
  const link = el('a', {href, hidden: true});
  document.body.append(link);
  link.click();
  link.remove();
}

const support = {requestId: null, opener: null, busy: false};

/**
 * The support button follows the support desk's migration mode, which the desk's button API answers
 * (it also builds the email server-side and records the click): email_only opens the desk's
 * pre-filled email; parallel and tickets_first offer the ticket form, with the email as a fallback
 * link when the desk gives one; tickets_only offers the ticket form and never an email.
 */
export async function openSupport(source, opener) {
  if (!state.me || !state.tenantId) { openMailto(supportMailto()); return; }
  if (support.busy) return; // a second click while the desk answers the first
  const button = document.getElementById('support-button');
  support.busy = true;
  button.setAttribute('aria-busy', 'true');
  const r = await api('POST', tenantPath('/support/button'), {issueType: 'Integration Hub console',
    page: location.origin + location.pathname + location.hash, browser: navigator.userAgent,
    source: source || 'floating_button'});
  support.busy = false;
  button.removeAttribute('aria-busy');
  if (r.ok && r.body && !r.body.ticketForm && r.body.mailto) { openMailto(r.body.mailto); return; }
  showSupportDialog(r, opener || button);
}

function showSupportDialog(button, opener) {
  const dialog = document.getElementById('support-dialog');
  const form = document.getElementById('support-form');
  const fallback = document.getElementById('support-email');
  support.requestId = null;
  support.opener = opener;
  form.reset();
  form.hidden = false;
  document.getElementById('support-send').disabled = false;
  document.getElementById('support-done').hidden = true;
  document.getElementById('support-result').replaceChildren();
  const mailto = button.ok && button.body ? button.body.mailto : null;
  fallback.hidden = !mailto;
  document.getElementById('support-mailto').setAttribute('href', mailto || '#');
  if (!button.ok || !button.body || !button.body.ticketForm) {
    // without the desk's answer the console cannot know which channels it offers: say so, offer nothing
    form.hidden = true;
    supportResult(el('p', {class: 'error', role: 'alert'}, 'Support could not be reached: '
      + ((button.body && button.body.detail) || ('HTTP ' + button.status)) + '. Please try again in a moment.'));
    document.getElementById('support-done').hidden = false;
  }
  if (!dialog.open) dialog.showModal();
  (form.hidden ? document.getElementById('support-close') : document.getElementById('support-subject')).focus();
}

function supportResult(...nodes) {
  document.getElementById('support-result').replaceChildren(...nodes);
}

async function sendSupportRequest(event) {
  event.preventDefault();
  const form = event.target;
  if (!form.reportValidity()) return;
  const send = document.getElementById('support-send');
  send.disabled = true;
  supportResult(el('p', {class: 'loading'}, 'Sending…'));
  const r = await api('POST', tenantPath('/support/requests'), {
    subject: document.getElementById('support-subject').value.trim(),
    description: document.getElementById('support-description').value.trim(),
    page: location.origin + location.pathname + location.hash, browser: navigator.userAgent,
    source: 'console_form', requestId: support.requestId || undefined});
  send.disabled = false;
  if (!r.ok) {
    const errors = r.body && Array.isArray(r.body.errors) ? r.body.errors.map(e => e.field + ' ' + e.message) : [];
    supportResult(el('p', {class: 'error', role: 'alert'}, 'Your request was not sent: '
      + ((r.body && r.body.detail) || ('HTTP ' + r.status)) + (errors.length ? ' (' + errors.join('; ') + ')' : '')));
    send.focus();
    return;
  }
  const routed = r.body;
  if (routed.channel === 'help_center_first') {
    // the desk suggests articles first; "still need help" turns this same request into a ticket
    support.requestId = routed.requestId;
    send.textContent = 'Still need help: open a ticket';
    supportResult(el('p', {}, 'These articles may answer it:'),
      routed.suggestions.length ? el('ul', {id: 'support-suggestions'}, routed.suggestions.map(a => el('li', {},
        el('a', {href: a.url, target: '_blank', rel: 'noopener noreferrer'}, a.title))))
        : el('p', {class: 'muted'}, 'No matching article.'));
    return;
  }
  form.hidden = true;
  send.textContent = 'Send to support';
  document.getElementById('support-done').hidden = false;
  if (routed.channel === 'email') {
    supportResult(el('p', {id: 'support-outcome', 'data-channel': 'email'}, 'The support team handles this by email. ',
      el('a', {href: routed.mailto, id: 'support-write'}, 'Write the email')));
  } else {
    const ticket = routed.ticket;
    supportResult(el('p', {id: 'support-outcome', 'data-channel': 'ticket', 'data-ticket': ticket.number},
      'Ticket ' + ticket.number + ' was created (status: ' + (ticket.status || 'new') + '). The support team answers by email at '
        + ticket.customerEmail + '.'));
  }
  if (routed.mailto && routed.channel !== 'email') {
    document.getElementById('support-email').hidden = false;
    document.getElementById('support-mailto').setAttribute('href', routed.mailto);
  }
  document.getElementById('support-close').focus();
}

function closeSupport() {
  const dialog = document.getElementById('support-dialog');
  if (dialog.open) dialog.close();
}

// ---- hub health (footer) ----

async function hubHealth() {
  for (const probe of ['liveness', 'readiness']) {
    const r = await api('GET', '/actuator/health/' + probe);
    const status = (r.body && r.body.status) || 'DOWN';
    const target = document.getElementById(probe);
    target.textContent = status;
    target.className = 'status-' + status;
  }
}

// ---- start ----

document.getElementById('signin-form').addEventListener('submit', async event => {
  event.preventDefault();
  const button = event.target.querySelector('button');
  button.disabled = true;
  const r = await api('POST', '/api/v1/auth/signin', {
    email: document.getElementById('email').value, password: document.getElementById('password').value});
  button.disabled = false;
  if (!r.ok) {
    document.getElementById('signin-error').textContent = (r.body && r.body.detail) || 'Sign-in failed';
    return;
  }
  sessionStorage.setItem('hub.token', r.body.token);
  document.getElementById('signin-error').textContent = '';
  document.getElementById('password').value = '';
  if (await loadProfile()) route();
});

document.getElementById('signout').addEventListener('click', async () => {
  await api('POST', '/api/v1/auth/signout');
  sessionStorage.removeItem('hub.token');
  if (cleanup) { cleanup(); cleanup = null; }
  showSignIn();
});

document.getElementById('tenant').addEventListener('change', event => {
  state.tenantId = event.target.value;
  sessionStorage.setItem('hub.tenant', state.tenantId);
  route();
});

document.getElementById('help-button').addEventListener('click', () => {
  if (document.getElementById('help-list').hidden) openHelp(); else closeHelp(true);
});
document.getElementById('help-button').addEventListener('keydown', event => {
  if (event.key === 'ArrowDown') { openHelp(); event.preventDefault(); }
});
document.getElementById('help-list').addEventListener('keydown', helpKeys);
document.addEventListener('click', event => {
  if (!event.target.closest('.menu')) closeHelp(false);
});
document.getElementById('support-button').addEventListener('click', () => openSupport('floating_button'));
document.getElementById('support-form').addEventListener('submit', sendSupportRequest);
document.getElementById('support-cancel').addEventListener('click', closeSupport);
document.getElementById('support-close').addEventListener('click', closeSupport);
document.getElementById('support-dialog').addEventListener('close', () => {
  (support.opener || document.getElementById('support-button')).focus();
});
window.addEventListener('hashchange', route);

// for tests and the support desk: the shell's entry points
window.hubConsole = {state, supportMailto, go};

(async () => {
  const config = await api('GET', '/console/config.json');
  if (config.ok) state.config = config.body;
  drawHelp();
  hubHealth();
  if (await loadProfile()) route();
})();
