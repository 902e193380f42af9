// The support report for a date range: the figures and two bar charts (uPlot from its WebJar).
(() => {
  const {api, el, requireStaff} = desk;
  const charts = [];

  const duration = seconds => {
    if (seconds === null || seconds === undefined) return '–';
    const h = Math.floor(seconds / 3600), m = Math.round((seconds % 3600) / 60);
    return h ? h + ' h ' + m + ' min' : m + ' min';
  };
  const percent = share => share === null || share === undefined ? '–' : (share * 100).toFixed(1) + ' %';

  function figure(label, value, id) {
    return el('div', {class: 'figure'}, el('div', {class: 'value', id}, String(value)), el('div', {class: 'label'}, label));
  }

  function bars(container, counts) {
    const target = document.getElementById(container);
    target.replaceChildren();
    const labels = Object.keys(counts);
    if (labels.length === 0) { target.append(el('p', {class: 'muted'}, 'No tickets in this range')); return; }
    if (typeof uPlot === 'undefined') { // no chart library: a plain list still tells the numbers
      target.append(el('ul', {}, ...labels.map(l => el('li', {}, l + ': ' + counts[l]))));
      return;
    }
    const xs = labels.map((_, i) => i);
    const chart = new uPlot({
      width: Math.min(900, target.clientWidth || 900), height: 240,
      scales: {x: {time: false, range: [-0.5, labels.length - 0.5]}, y: {range: (u, min, max) => [0, Math.max(1, max) * 1.1]}},
      axes: [{values: (u, splits) => splits.map(v => Number.isInteger(v) ? (labels[v] ?? '') : ''), splits: () => xs},
             {label: 'tickets'}],
      series: [{}, {label: 'tickets', fill: 'rgba(31,111,235,0.35)', stroke: '#1f6feb',
                    paths: uPlot.paths.bars({size: [0.6, 80]}), points: {show: false}}],
      legend: {show: false}
    }, [xs, labels.map(l => counts[l])], target);
    charts.push(chart);
  }

  async function show() {
    const from = document.getElementById('r-from').value, to = document.getElementById('r-to').value;
    const tenant = document.getElementById('r-tenant').value.trim();
    const params = new URLSearchParams({from: from + 'T00:00:00Z', to: to + 'T00:00:00Z'});
    if (tenant) params.set('tenantId', tenant);
    const r = await api('GET', '/api/v1/support/desk/reports?' + params);
    const error = document.getElementById('report-error');
    if (!r.ok) { error.textContent = r.body ? r.body.detail + (r.body.errors ? ': ' + r.body.errors.map(x => x.field + ' '
      + x.message).join(', ') : '') : 'Failed'; return; }
    error.textContent = '';
    const rep = r.body;
    const cost = rep.supportCost;
    document.getElementById('figures').replaceChildren(
      figure('Total requests', rep.totalRequests, 'fig-requests'),
      figure('Tickets', rep.tickets, 'fig-tickets'),
      figure('Average first response', duration(rep.averageFirstResponseSeconds), 'fig-first-response'),
      figure('Average resolution', duration(rep.averageResolutionSeconds), 'fig-resolution'),
      figure('CSAT (4–5 of 5)', percent(rep.customerSatisfaction.satisfiedShare)
        + (rep.customerSatisfaction.averageRating ? ' · ' + rep.customerSatisfaction.averageRating.toFixed(2) + '/5' : ''), 'fig-csat'),
      figure('SLA compliance', percent(rep.slaComplianceRate), 'fig-sla'),
      figure('KB deflection', percent(rep.kbDeflectionRate), 'fig-deflection'),
      figure('Cost per ticket', cost.perTicketMinor === null || cost.perTicketMinor === undefined ? '–'
        : (cost.perTicketMinor / 100).toFixed(2) + ' ' + cost.currency, 'fig-cost'));
    charts.splice(0).forEach(c => c.destroy());
    bars('chart-channel', rep.channelBreakdown);
    bars('chart-category', rep.categoryBreakdown);
  }

  const today = new Date();
  const monthAgo = new Date(today.getTime() - 30 * 86400000);
  document.getElementById('r-from').value = monthAgo.toISOString().slice(0, 10);
  document.getElementById('r-to').value = new Date(today.getTime() + 86400000).toISOString().slice(0, 10);
  document.getElementById('range').addEventListener('submit', e => { e.preventDefault(); show(); });
  requireStaff(show);
})();
