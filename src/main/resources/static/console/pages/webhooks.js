import {api, tenantPath, el, fmt, badge, loading, problem, table} from '../console.js';

export default {
  title: 'Webhooks',
  async render(view, ctx) {
    loading(view, 'webhook endpoints');
    const r = await api('GET', tenantPath('/webhook-endpoints?limit=100'));
    if (!ctx.isCurrent()) return;
    if (!r.ok) { view.replaceChildren(el('h2', {}, 'Outbound webhooks'), problem(r, 'the endpoints')); return; }
    const endpoints = r.body.endpoints || [];
    const detail = el('section', {id: 'endpoint-detail', 'aria-live': 'polite'});
    view.replaceChildren(el('h2', {}, 'Outbound webhooks'),
      el('p', {class: 'muted'}, 'Your endpoints and what was sent to them. Signing secrets are shown only when an '
        + 'endpoint is created or its secret rotated, never here.'),
      endpoints.length ? table(['Endpoint', 'Events', 'State', 'Last success', ''], endpoints.map(e => el('tr', {},
        el('th', {scope: 'row'}, e.url, e.description ? el('div', {class: 'muted'}, e.description) : null),
        el('td', {}, e.eventTypes.join(', ')),
        el('td', {}, badge(e.enabled ? (e.failingSince ? 'failing' : 'enabled') : 'disabled'),
          e.disabledReason ? el('div', {class: 'muted'}, e.disabledReason) : null),
        el('td', {}, fmt.time(e.lastSuccessAt)),
        el('td', {}, el('button', {type: 'button', class: 'show-deliveries', 'data-endpoint': e.id,
          onclick: () => deliveries(detail, e, ctx)}, 'Deliveries')))), 'Webhook endpoints')
        : el('p', {class: 'muted'}, 'No endpoints yet: add one with POST /api/v1/tenants/{tenantId}/webhook-endpoints.'),
      detail);
  },
};

async function deliveries(detail, endpoint, ctx) {
  loading(detail, 'deliveries');
  const r = await api('GET', tenantPath('/webhook-endpoints/' + endpoint.id + '/messages?limit=50'));
  if (!ctx.isCurrent()) return;
  if (!r.ok) { detail.replaceChildren(problem(r, 'the deliveries')); return; }
  const messages = r.body.messages || [];
  detail.replaceChildren(el('h2', {tabindex: '-1', id: 'deliveries-heading'}, 'Deliveries to ' + endpoint.url),
    messages.length ? table(['Created', 'Event', 'State', 'Attempts', 'Last answer', ''], messages.map(m => {
      const note = el('span', {class: 'muted', role: 'status'});
      const resend = el('button', {type: 'button', class: 'resend', 'data-message': m.id, onclick: async () => {
        resend.disabled = true;
        const x = await api('POST', tenantPath('/webhook-endpoints/' + endpoint.id + '/messages/' + m.id + '/resend'));
        note.textContent = x.ok ? 'Queued again' : ((x.body && x.body.detail) || 'Could not resend');
        if (x.ok) setTimeout(() => deliveries(detail, endpoint, ctx), 1500); else resend.disabled = false;
      }}, 'Resend');
      return el('tr', {'data-message-row': m.id},
        el('td', {}, fmt.time(m.createdAt)), el('td', {}, m.eventType, el('div', {class: 'muted'}, m.messageId)),
        el('td', {}, badge(m.state)),
        el('td', {}, el('details', {}, el('summary', {}, String(m.attempts) + ' attempt(s)'),
          el('ul', {}, (m.attemptLog || []).map(a => el('li', {}, fmt.time(a.attemptedAt) + ': '
            + (a.status ? 'HTTP ' + a.status : (a.error || 'no answer')) + ' in ' + a.latencyMs + ' ms'))))),
        el('td', {}, m.lastStatus ? 'HTTP ' + m.lastStatus : (m.lastError || '—')),
        el('td', {}, resend, note));
    }), 'Deliveries') : el('p', {class: 'muted'}, 'Nothing sent to this endpoint yet.'));
  detail.querySelector('#deliveries-heading').focus();
}
