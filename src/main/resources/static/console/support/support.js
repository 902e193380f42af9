// Shared by the support desk's console pages. The token is the console's (sessionStorage 'hub.token').
const desk = (() => {
  const api = async (method, path, body) => {
    const headers = {'Content-Type': 'application/json'};
    const token = sessionStorage.getItem('hub.token');
    if (token) headers.Authorization = 'Bearer ' + token;
    const response = await fetch(path, {method, headers, body: body ? JSON.stringify(body) : undefined});
    const text = await response.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
    return {ok: response.ok, status: response.status, body: parsed};
  };

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null) continue;
      if (k === 'class') node.className = v; else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
    return node;
  };

  const when = iso => iso ? new Date(iso).toLocaleString() : '–';

  // The desk's header and staff sign-in form, the same on every desk page: written here once.
  const PAGES = [['/console/support/', 'Queue'], ['/console/support/kb.html', 'Knowledge base'],
    ['/console/support/reports.html', 'Reports'], ['/console/', 'Console']];
  function shell() {
    const path = location.pathname.replace(/index\.html$/, '');
    const current = path.endsWith('/ticket.html') ? '/console/support/' : path;
    const links = PAGES.map(([href, label]) => el('a', {href, 'aria-current': href === current ? 'page' : null}, label));
    document.body.prepend(el('header', {class: 'topbar'}, el('h1', {}, 'PenguinMails Support Desk'),
      el('nav', {class: 'desk', 'aria-label': 'Support desk'}, ...links), el('span', {id: 'who', class: 'muted'})));
    const signin = el('section', {id: 'signin', hidden: ''}, el('h2', {}, 'Sign in (staff)'),
      el('form', {id: 'signin-form'},
        el('label', {for: 'email'}, 'Email'), el('input', {id: 'email', type: 'email', autocomplete: 'username', required: ''}),
        el('label', {for: 'password'}, 'Password'),
        el('input', {id: 'password', type: 'password', autocomplete: 'current-password', required: ''}),
        el('button', {type: 'submit', id: 'signin-submit'}, 'Sign in'),
        el('p', {id: 'signin-error', class: 'error', role: 'alert'})));
    document.getElementById('content').before(signin);
  }
  shell();

  // Shows the sign-in form until a staff session exists, then calls ready(me).
  async function requireStaff(ready) {
    const me = await api('GET', '/api/v1/me');
    const form = document.getElementById('signin');
    const content = document.getElementById('content');
    if (!me.ok) {
      form.hidden = false; content.hidden = true;
      document.getElementById('signin-form').onsubmit = async event => {
        event.preventDefault();
        const r = await api('POST', '/api/v1/auth/signin', {
          email: document.getElementById('email').value, password: document.getElementById('password').value});
        if (!r.ok) { document.getElementById('signin-error').textContent = r.body ? r.body.detail : 'Sign-in failed'; return; }
        sessionStorage.setItem('hub.token', r.body.token);
        requireStaff(ready);
      };
      return;
    }
    document.getElementById('who').textContent = me.body.user.name + ' <' + me.body.user.email + '>';
    if (!me.body.isPenguinMailsStaff) {
      form.hidden = true; content.hidden = false;
      content.replaceChildren(el('section', {}, el('p', {class: 'error'}, 'The support desk is for PenguinMails staff.')));
      return;
    }
    form.hidden = true; content.hidden = false;
    ready(me.body);
  }

  return {api, el, when, requireStaff};
})();
