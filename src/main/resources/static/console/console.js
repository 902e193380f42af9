// The console keeps its session token in sessionStorage: it ends with the browser tab.
const api = async (method, path, body) => {
  const headers = {'Content-Type': 'application/json'};
  const token = sessionStorage.getItem('hub.token');
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(path, {method, headers, body: body ? JSON.stringify(body) : undefined});
  const text = await response.text();
  return {ok: response.ok, status: response.status, body: text ? JSON.parse(text) : null};
};

const text = (id, value, cls) => { const el = document.getElementById(id); el.textContent = value; if (cls) el.className = cls; };

async function health() {
  for (const probe of ['liveness', 'readiness']) {
    const r = await api('GET', '/actuator/health/' + probe).catch(() => ({body: {status: 'DOWN'}}));
    const status = (r.body && r.body.status) || 'DOWN';
    text(probe, status, 'status-' + status);
  }
}

async function profile() {
  const me = await api('GET', '/api/v1/me');
  const signedIn = me.ok;
  document.getElementById('signin').hidden = signedIn;
  document.getElementById('profile').hidden = !signedIn;
  if (!signedIn) { sessionStorage.removeItem('hub.token'); text('who', ''); return; }
  text('who', me.body.user.name + ' <' + me.body.user.email + '>' + (me.body.isPenguinMailsStaff ? ' · staff' : ''));
  const rows = document.getElementById('tenants');
  rows.replaceChildren(...me.body.memberships.map(m => {
    const tr = document.createElement('tr');
    for (const value of [m.tenantName, m.roles.join(', '), m.preferences.timezone]) {
      const td = document.createElement('td'); td.textContent = value; tr.appendChild(td);
    }
    return tr;
  }));
}

document.getElementById('signin-form').addEventListener('submit', async event => {
  event.preventDefault();
  const r = await api('POST', '/api/v1/auth/signin', {
    email: document.getElementById('email').value, password: document.getElementById('password').value});
  if (!r.ok) { text('signin-error', r.body ? r.body.detail : 'Sign-in failed'); return; }
  sessionStorage.setItem('hub.token', r.body.token);
  text('signin-error', '');
  await profile();
});

document.getElementById('signout').addEventListener('click', async () => {
  await api('POST', '/api/v1/auth/signout');
  sessionStorage.removeItem('hub.token');
  await profile();
});

health();
profile();
