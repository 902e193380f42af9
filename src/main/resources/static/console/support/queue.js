// The ticket queue across tenants: filters, search, paging by "older".
(() => {
  const {api, el, when, requireStaff} = desk;
  let cursor = null;
  let generation = 0; // an answer to an older query never overwrites a newer one

  const query = () => {
    const params = new URLSearchParams();
    const status = document.getElementById('f-status').value;
    const priority = document.getElementById('f-priority').value;
    const q = document.getElementById('f-q').value.trim();
    if (status) params.set('status', status);
    if (priority) params.set('priority', priority);
    if (document.getElementById('f-open').checked) params.set('open', 'true');
    if (q) params.set('q', q);
    params.set('limit', '50');
    if (cursor) params.set('cursor', cursor);
    return params;
  };

  async function load(append) {
    if (!append) cursor = null;
    const mine = ++generation;
    const r = await api('GET', '/api/v1/support/desk/tickets?' + query());
    if (mine !== generation) return;
    const body = document.getElementById('queue');
    if (!r.ok) { body.replaceChildren(el('tr', {}, el('td', {colspan: 8, class: 'error'}, r.body ? r.body.detail : 'Failed'))); return; }
    const rows = r.body.tickets.map(t => el('tr', {id: 'ticket-' + t.number, 'data-id': t.id,
        onclick: () => { location.href = '/console/support/ticket.html?id=' + encodeURIComponent(t.id); }},
      el('td', {}, el('a', {href: '/console/support/ticket.html?id=' + encodeURIComponent(t.id)}, t.number)),
      el('td', {}, t.subject),
      el('td', {}, (t.customerName ? t.customerName + ' ' : '') + '<' + t.customerEmail + '>'),
      el('td', {}, el('span', {class: 'pill ' + t.priority}, t.priority)),
      el('td', {}, el('span', {class: 'pill ' + t.status}, t.status)),
      el('td', {}, t.channel),
      el('td', {}, when(t.createdAt)),
      el('td', {}, t.firstRespondedAt ? 'answered' : (t.slaPaused ? 'paused' : when(t.firstResponseDueAt)))));
    if (append) body.append(...rows); else body.replaceChildren(...rows);
    if (!append && rows.length === 0) body.replaceChildren(el('tr', {}, el('td', {colspan: 8, class: 'muted'}, 'No tickets')));
    cursor = r.body.nextCursor || null;
    document.getElementById('more').hidden = !cursor;
  }

  document.getElementById('filters').addEventListener('submit', e => { e.preventDefault(); load(false); });
  document.getElementById('more').addEventListener('click', () => load(true));
  requireStaff(() => load(false));
})();
