import {api, tenantPath, el, fmt, badge, loading, problem, table} from '../console.js';
import {lineChart} from '../charts.js';

const REFRESH_MS = 15000;

export function healthRow(i) {
  const h = i.health;
  return el('tr', {'data-integration': i.integrationId},
    el('th', {scope: 'row'}, el('a', {href: '#/integration/' + i.integrationId}, i.name)),
    el('td', {}, i.provider),
    el('td', {}, badge(i.status)),
    el('td', {class: 'health-cell'}, badge(h ? h.status : 'unknown')),
    el('td', {}, h && h.score !== undefined && h.score !== null ? String(h.score) : '—'),
    el('td', {}, h ? fmt.pct(h.uptimePercentage / 100) : '—'),
    el('td', {}, h ? fmt.ms(h.averageResponseMs) : '—'),
    el('td', {}, h ? fmt.pct(h.errorRate) : '—'),
    el('td', {}, String(i.openAlerts)),
    el('td', {}, h ? fmt.ago(h.checkedAt) : 'not checked yet'));
}

export const HEALTH_HEADINGS = ['Integration', 'Provider', 'Status', 'Health', 'Score', 'Uptime', 'Avg response',
  'Error rate', 'Open alerts', 'Last check'];

export default {
  title: 'Overview',
  async render(view, ctx) {
    let charts = [];
    let timer = null;
    const draw = async first => {
      if (first) loading(view, 'the dashboard');
      const r = await api('GET', tenantPath('/monitoring/dashboard?range=24h&bucket=1h'));
      if (!ctx.isCurrent()) return;
      if (!r.ok) { view.replaceChildren(el('h2', {}, 'Overview'), problem(r, 'the dashboard')); return; }
      const d = r.body;
      const s = d.summary;
      charts.forEach(c => c());
      const chartBoxes = [el('div', {id: 'chart-response'}), el('div', {id: 'chart-errors'}), el('div', {id: 'chart-throughput'})];
      view.replaceChildren(
        el('h2', {}, 'Overview'),
        el('section', {class: 'cards', 'aria-label': 'Summary'},
          card('Integrations', s.totalIntegrations, 'summary-total'),
          card('Active', s.activeIntegrations, 'summary-active'),
          card('Failing', s.failingIntegrations, 'summary-failing', s.failingIntegrations > 0 ? 'bad' : ''),
          card('Average health score', s.averageHealthScore === undefined || s.averageHealthScore === null ? '—'
            : s.averageHealthScore, 'summary-score')),
        el('section', {}, el('h2', {}, 'Integrations'),
          d.integrations.length ? table(HEALTH_HEADINGS, d.integrations.map(healthRow), 'Integration health')
            : el('p', {class: 'muted'}, 'No integrations yet.')),
        el('section', {}, el('h2', {}, 'Recent alerts'),
          d.recentAlerts.length ? el('ul', {class: 'alerts-brief'}, d.recentAlerts.slice(0, 5).map(a => el('li', {},
            badge(a.severity), ' ', badge(a.status), ' ', el('strong', {}, a.type.replace('_', ' ')), ' — ', a.message,
            ' ', el('span', {class: 'muted'}, fmt.ago(a.lastSeenAt)))))
            : el('p', {class: 'muted'}, 'No alerts.'),
          el('p', {}, el('a', {href: '#/alerts'}, 'All alerts'))),
        el('section', {}, el('h2', {}, 'Performance, last 24 hours (all integrations)'),
          el('div', {class: 'charts'}, chartBoxes)),
        el('p', {class: 'muted'}, 'Updated ' + new Date(d.at).toLocaleTimeString() + '; refreshes every 15 seconds.'));
      const t = d.performanceTrends;
      charts = await Promise.all([
        lineChart(chartBoxes[0], {title: 'Response time', unit: 'ms', series: t.responseTime}),
        lineChart(chartBoxes[1], {title: 'Error rate', unit: '%', series: t.errorRate, scale: 100}),
        lineChart(chartBoxes[2], {title: 'Throughput', unit: 'calls/min', series: t.throughput})]);
    };
    await draw(true);
    timer = setInterval(() => draw(false), REFRESH_MS);
    return () => { clearInterval(timer); charts.forEach(c => c()); };
  },
};

function card(label, value, id, cls) {
  return el('div', {class: 'card ' + (cls || '')}, el('div', {class: 'card-label'}, label),
    el('div', {class: 'card-value', id}, String(value)));
}
