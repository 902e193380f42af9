import {api, tenantPath, el, loading, problem, table} from '../console.js';
import {healthRow, HEALTH_HEADINGS} from './overview.js';

export default {
  title: 'Integrations',
  async render(view, ctx) {
    loading(view, 'integrations');
    const r = await api('GET', tenantPath('/monitoring/dashboard?range=1h&bucket=5m'));
    if (!ctx.isCurrent()) return;
    if (!r.ok) { view.replaceChildren(el('h2', {}, 'Integrations'), problem(r, 'the integrations')); return; }
    const rows = r.body.integrations;
    view.replaceChildren(el('h2', {}, 'Integrations'),
      el('p', {class: 'muted'}, 'Status is the registry\'s lifecycle; health is the latest check (probe and the last '
        + 'window of real traffic). Open one for its charts, history and alerts.'),
      rows.length ? table(HEALTH_HEADINGS, rows.map(healthRow), 'Integrations with their health')
        : el('p', {class: 'muted'}, 'No integrations yet: register one with POST /api/v1/tenants/{tenantId}/integrations.'));
  },
};
