// Time-series charts with uPlot (from its WebJar, loaded on first use; no CDN).
import {el} from './console.js';

let loading = null;

function uPlotReady() {
  if (window.uPlot) return Promise.resolve(window.uPlot);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const css = el('link', {rel: 'stylesheet', href: '/webjars/uplot/dist/uPlot.min.css'});
      document.head.append(css);
      const script = el('script', {src: '/webjars/uplot/dist/uPlot.iife.min.js'});
      script.onload = () => resolve(window.uPlot);
      script.onerror = () => { loading = null; reject(new Error('the chart library could not be loaded')); };
      document.head.append(script);
    });
  }
  return loading;
}

/** The ranges the console offers, with a bucket that gives a readable number of points. */
export const RANGES = [
  {range: '1h', bucket: '5m', label: 'Last hour'},
  {range: '24h', bucket: '1h', label: 'Last 24 hours'},
  {range: '7d', bucket: '6h', label: 'Last 7 days'},
  {range: '30d', bucket: '1d', label: 'Last 30 days'},
];

/**
 * Draws one series ([{t, value}], value absent where a bucket had no calls) into `container`;
 * answers a function that removes it. The container gets data-points = buckets with a value.
 */
export async function lineChart(container, {title, unit, series, scale}) {
  const points = series.filter(p => p.value !== undefined && p.value !== null).length;
  container.replaceChildren(el('h3', {}, title));
  container.dataset.points = String(points);
  container.classList.add('chart');
  let uPlot;
  try {
    uPlot = await uPlotReady();
  } catch (e) {
    container.append(el('p', {class: 'error', role: 'alert'}, 'Chart unavailable: ' + e.message));
    return () => {};
  }
  const xs = series.map(p => Math.floor(new Date(p.t).getTime() / 1000));
  const ys = series.map(p => p.value === undefined || p.value === null ? null : p.value * (scale || 1));
  const plotBox = el('div', {class: 'plot', role: 'img',
    'aria-label': title + ': ' + (points ? points + ' buckets with calls' : 'no calls in this range')});
  container.append(plotBox);
  if (!points) container.append(el('p', {class: 'muted'}, 'No calls in this range.'));
  const width = () => Math.max(260, container.clientWidth - 8);
  const plot = new uPlot({
    width: width(), height: 180,
    series: [{}, {label: title, stroke: '#1f6feb', width: 2, fill: 'rgba(31,111,235,0.08)', spanGaps: false,
      value: (u, v) => v === null ? '—' : (Math.round(v * 100) / 100) + ' ' + unit, points: {show: true, size: 4}}],
    axes: [{}, {values: (u, ticks) => ticks.map(v => v + (unit === '%' ? '%' : ''))}],
    scales: {y: {range: (u, min, max) => [0, Math.max(max || 0, unit === '%' ? 5 : 1) * 1.1]}},
    legend: {live: true},
  }, [xs, ys], plotBox);
  const observer = new ResizeObserver(() => plot.setSize({width: width(), height: 180}));
  observer.observe(container);
  return () => { observer.disconnect(); plot.destroy(); };
}
