import {api, tenantPath, el, fmt, badge, loading, problem, table} from '../console.js';
import {lineChart, RANGES} from '../charts.js';
import {alertRows, ALERT_HEADINGS} from './alerts.js';

export default {
  title: 'Integration',
  async render(view, ctx) {
    const id = ctx.args[0];
    let range = RANGES[1];
    let charts = [];
    const draw = async () => {
      const r = await api('GET', tenantPath('/monitoring/integrations/' + encodeURIComponent(id)
        + '?range=' + range.range + '&bucket=' + range.bucket + '&limit=20'));
      if (!ctx.isCurrent()) return;
      if (!r.ok) {
        view.replaceChildren(el('h2', {}, 'Integration'), problem(r, 'this integration'),
          el('p', {}, el('a', {href: '#/integrations'}, 'Back to the integrations')));
        return;
      }
      const {integration: i, history, alerts, performanceTrends: t} = r.body;
      const h = i.health;
      const status = el('p', {id: 'check-status', role: 'status', class: 'muted'});
      const checkButton = el('button', {type: 'button', id: 'check-now', onclick: async () => {
        checkButton.disabled = true;
        status.textContent = 'Checking…';
        const c = await api('POST', tenantPath('/monitoring/integrations/' + encodeURIComponent(id) + '/check'));
        checkButton.disabled = false;
        status.textContent = c.ok ? 'Checked: ' + c.body.status : 'The check could not run: '
          + ((c.body && c.body.detail) || ('HTTP ' + c.status));
        if (c.ok) await draw();
      }}, 'Check now');
      const rangePicker = el('select', {id: 'range', onchange: e => { range = RANGES[e.target.selectedIndex]; draw(); }},
        RANGES.map(x => el('option', {selected: x === range}, x.label)));
      charts.forEach(c => c());
      const boxes = [el('div', {id: 'chart-response'}), el('div', {id: 'chart-errors'}), el('div', {id: 'chart-throughput'})];
      view.replaceChildren(
        el('p', {}, el('a', {href: '#/integrations'}, '← Integrations')),
        el('h2', {}, i.name),
        el('section', {class: 'health-head'},
          el('p', {}, 'Provider ', el('strong', {}, i.provider), ' · status ', badge(i.status), ' · health ',
            el('span', {id: 'health-status'}, badge(h ? h.status : 'unknown'))),
          el('dl', {class: 'metrics'},
            metric('Health score', h && h.score !== undefined ? String(h.score) : '—'),
            metric('Uptime', h ? fmt.pct(h.uptimePercentage / 100) : '—'),
            metric('Requests (window)', h ? String(h.requestsTotal) : '—'),
            metric('Failed', h ? String(h.requestsFailed) : '—'),
            metric('Error rate', h ? fmt.pct(h.errorRate) : '—'),
            metric('Average response', h ? fmt.ms(h.averageResponseMs) : '—'),
            metric('Health check', h ? h.probe + (h.probeResponseMs !== undefined ? ' in ' + h.probeResponseMs + ' ms' : '') : '—'),
            metric('Last check', h ? fmt.time(h.checkedAt) : 'not checked yet')),
          h && h.reasons && h.reasons.length ? el('ul', {class: 'reasons'}, h.reasons.map(x => el('li', {}, x))) : null,
          h && h.probeDetail ? el('p', {class: 'muted'}, h.probeDetail) : null,
          el('div', {class: 'row'}, checkButton, el('label', {for: 'range'}, 'Range'), rangePicker),
          status),
        el('section', {}, el('h2', {}, 'Performance'), el('div', {class: 'charts'}, boxes)),
        el('section', {}, el('h2', {}, 'Alerts'),
          alerts.length ? table(ALERT_HEADINGS, alertRows(alerts, {[i.integrationId]: i.name}, draw), 'Alerts')
            : el('p', {class: 'muted', id: 'no-alerts'}, 'No alerts.')),
        el('section', {}, el('h2', {}, 'Recent health checks'),
          history.length ? table(['Checked', 'Health', 'Score', 'Check', 'Requests', 'Failed', 'Avg response', 'Uptime'],
            history.map(x => el('tr', {}, el('td', {}, fmt.time(x.checkedAt)), el('td', {}, badge(x.status)),
              el('td', {}, x.score === undefined ? '—' : String(x.score)), el('td', {}, x.probe),
              el('td', {}, String(x.requestsTotal)), el('td', {}, String(x.requestsFailed)),
              el('td', {}, fmt.ms(x.averageResponseMs)), el('td', {}, fmt.pct(x.uptimePercentage / 100)))),
            'Health checks') : el('p', {class: 'muted'}, 'No health checks in this range.')));
      charts = await Promise.all([
        lineChart(boxes[0], {title: 'Response time', unit: 'ms', series: t.responseTime}),
        lineChart(boxes[1], {title: 'Error rate', unit: '%', series: t.errorRate, scale: 100}),
        lineChart(boxes[2], {title: 'Throughput', unit: 'calls/min', series: t.throughput})]);
    };
    loading(view, 'the integration');
    await draw();
    return () => charts.forEach(c => c());
  },
};

function metric(label, value) {
  return el('div', {}, el('dt', {}, label), el('dd', {}, value));
}
