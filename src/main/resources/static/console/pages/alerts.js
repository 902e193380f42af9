import {api, tenantPath, el, fmt, badge, loading, problem, table} from '../console.js';

export const ALERT_HEADINGS = ['Last seen', 'Integration', 'Type', 'Severity', 'Message', 'Occurrences', 'Status', ''];

/** Table rows of alerts, each open one with a Resolve button; `after` runs once one is resolved. */
export function alertRows(alerts, names, after) {
  return alerts.map(a => {
    const result = el('span', {class: 'muted', role: 'status'});
    const resolve = a.status === 'open' ? el('button', {type: 'button', class: 'resolve', 'data-alert': a.id,
      'aria-label': 'Resolve the ' + a.type.replace('_', ' ') + ' alert', onclick: async () => {
        resolve.disabled = true;
        const r = await api('POST', tenantPath('/alerts/' + a.id + '/resolve'));
        if (r.ok) { await after(); } else {
          resolve.disabled = false;
          result.textContent = (r.body && r.body.detail) || 'Could not resolve';
        }
      }}, 'Resolve') : null;
    return el('tr', {'data-alert-row': a.id, 'data-type': a.type, 'data-status': a.status},
      el('td', {}, fmt.time(a.lastSeenAt)),
      el('td', {}, a.integrationId ? el('a', {href: '#/integration/' + a.integrationId},
        names[a.integrationId] || a.integrationId) : 'platform'),
      el('td', {}, a.type.replace('_', ' ')), el('td', {}, badge(a.severity)),
      el('td', {class: 'message'}, a.message), el('td', {}, String(a.occurrences)),
      el('td', {}, badge(a.status), a.resolvedBy ? el('div', {class: 'muted'}, 'by ' + a.resolvedBy) : null),
      el('td', {}, resolve, result));
  });
}

export default {
  title: 'Alerts',
  async render(view, ctx) {
    let filter = 'open';
    const draw = async () => {
      const [alerts, dashboard] = await Promise.all([
        api('GET', tenantPath('/alerts?limit=200' + (filter ? '&status=' + filter : ''))),
        api('GET', tenantPath('/monitoring/dashboard?range=1h&bucket=1h'))]);
      if (!ctx.isCurrent()) return;
      const picker = el('select', {id: 'alert-filter', onchange: e => { filter = e.target.value; draw(); }},
        [['open', 'Open'], ['resolved', 'Resolved'], ['', 'All']].map(([v, l]) => el('option', {value: v, selected: v === filter}, l)));
      if (!alerts.ok) { view.replaceChildren(el('h2', {}, 'Alerts'), problem(alerts, 'the alerts')); return; }
      const names = {};
      if (dashboard.ok) dashboard.body.integrations.forEach(i => { names[i.integrationId] = i.name; });
      view.replaceChildren(el('h2', {}, 'Alerts'),
        el('div', {class: 'row'}, el('label', {for: 'alert-filter'}, 'Show'), picker),
        alerts.body.length ? table(ALERT_HEADINGS, alertRows(alerts.body, names, draw), 'Alerts')
          : el('p', {class: 'muted', id: 'no-alerts'}, filter === 'open' ? 'No open alerts.' : 'No alerts.'));
    };
    loading(view, 'alerts');
    await draw();
  },
};
