// One ticket: its thread (internal notes marked), replies and notes, status and priority changes.
(() => {
  const {api, el, when, requireStaff} = desk;
  const id = new URLSearchParams(location.search).get('id');
  const NEXT = {new: ['open', 'pending', 'on_hold', 'solved', 'closed'], open: ['pending', 'on_hold', 'solved', 'closed'],
    pending: ['open', 'on_hold', 'solved', 'closed'], on_hold: ['open', 'pending', 'solved', 'closed'],
    solved: ['open', 'closed'], closed: []};

  async function load() {
    const r = await api('GET', '/api/v1/support/desk/tickets/' + encodeURIComponent(id));
    if (!r.ok) { document.getElementById('ticket-title').textContent = r.body ? r.body.detail : 'Not found'; return; }
    const t = r.body.ticket;
    document.title = t.number + ' · PenguinMails Support Desk';
    document.getElementById('ticket-title').textContent = t.number + ' — ' + t.subject;
    document.getElementById('ticket-meta').textContent = [
      'Status: ' + t.status, 'Priority: ' + t.priority, 'Category: ' + t.category, 'Channel: ' + t.channel,
      'Customer: ' + (t.customerName || '') + ' <' + t.customerEmail + '>',
      'Tenant: ' + (t.tenantId || 'none (email-only sender)'),
      'First response due: ' + (t.firstRespondedAt ? 'answered ' + when(t.firstRespondedAt) : when(t.firstResponseDueAt)),
      'Resolution due: ' + when(t.resolutionDueAt) + (t.slaPaused ? ' (clock paused)' : ''),
      'Routing: ' + (t.routingRule || '–'),
      r.body.satisfaction ? 'Rating: ' + r.body.satisfaction + '/5' : null,
      r.body.slaEvents.length ? 'SLA: ' + r.body.slaEvents.map(e => e.target + ' ' + e.kind).join(', ') : null
    ].filter(Boolean).join(' · ');
    const status = document.getElementById('c-status');
    status.replaceChildren(el('option', {value: t.status}, t.status + ' (current)'),
      ...NEXT[t.status].map(s => el('option', {value: s}, s)));
    document.getElementById('c-priority').value = t.priority;
    document.getElementById('thread').replaceChildren(...r.body.messages.map(m => el('article', {
        class: 'message ' + m.authorType + (m.visibility === 'internal' ? ' internal' : ''), 'data-type': m.messageType},
      el('header', {}, (m.visibility === 'internal' ? 'Internal note · ' : '') + m.authorType
        + (m.authorName ? ' · ' + m.authorName : '') + (m.authorEmail ? ' <' + m.authorEmail + '>' : '')
        + ' · ' + m.channel + ' · ' + when(m.createdAt) + (m.messageType !== 'comment' ? ' · ' + m.messageType : '')),
      m.body)));
    const closed = t.status === 'closed';
    document.getElementById('send-reply').disabled = closed;
  }

  document.getElementById('reply').addEventListener('submit', async e => {
    e.preventDefault();
    const minutes = document.getElementById('reply-minutes').value;
    const body = {body: document.getElementById('reply-body').value,
      visibility: document.getElementById('reply-visibility').value};
    if (minutes !== '') body.timeSpentSeconds = Number(minutes) * 60;
    const status = document.getElementById('reply-status').value;
    if (status) body.status = status;
    const r = await api('POST', '/api/v1/support/desk/tickets/' + encodeURIComponent(id) + '/messages', body);
    const result = document.getElementById('reply-result');
    if (!r.ok) { result.className = 'error'; result.textContent = r.body ? r.body.detail : 'Failed'; return; }
    result.className = 'ok';
    result.textContent = body.visibility === 'internal' ? 'Note added' : 'Reply sent';
    document.getElementById('reply-body').value = '';
    await load();
  });

  document.getElementById('change').addEventListener('submit', async e => {
    e.preventDefault();
    const r = await api('PATCH', '/api/v1/support/desk/tickets/' + encodeURIComponent(id), {
      status: document.getElementById('c-status').value, priority: document.getElementById('c-priority').value});
    const result = document.getElementById('change-result');
    result.className = r.ok ? 'ok' : 'error';
    result.textContent = r.ok ? 'Saved' : (r.body ? r.body.detail : 'Failed');
    await load();
  });

  requireStaff(load);
})();
