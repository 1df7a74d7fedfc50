// The RED dashboard: rate, errors by class and latency percentiles over time for one endpoint (or
// all of them), and the endpoints with their figures; a click on an endpoint selects it.

import {el, fill, debounce} from './dom.js';
import {api, ApiError} from './api.js';
import {go, link} from './router.js';
import * as format from './format.js';
import * as timerange from './timerange.js';
import {timeChart} from './chart.js';

const MAX_FILLED_POINTS = 5000;
const COLOURS = {requests: '#4fb3ff', client: '#f2b94b', server: '#f25f5c', timeout: '#b48cf2',
  p50: '#5fd39a', p90: '#f2b94b', p99: '#f25f5c'};

function stepLabel(seconds) {
  if (seconds < 60) return `${seconds} s`;
  return seconds < 3600 ? `${seconds / 60} min` : `${seconds / 3600} h`;
}

export function createDashboard() {
  let params = {};
  let charts = [];
  const range = el('div', {class: 'range-slot'});
  const protocol = el('select', {class: 'filter-protocol', 'aria-label': 'Protocol',
    onchange: () => go('dashboard', {...params, protocol: protocol.value, endpoint: null})});
  const selection = el('div', {class: 'selection'});
  const tiles = el('div', {class: 'tiles'});
  const chartGrid = el('div', {class: 'charts'});
  const endpointsBody = el('tbody', {});
  const endpointsTable = el('table', {class: 'grid endpoints', id: 'endpoints-table'},
    el('thead', {}, el('tr', {}, ['Protocol', 'Endpoint', 'Requests', 'Req/s', 'Client err.', 'Server err.', 'Timeouts',
      'Error %', 'p50', 'p90', 'p99', ''].map((h, i) => el('th', {class: i >= 2 && i <= 10 ? 'num' : null}, h)))),
    endpointsBody);
  const root = el('section', {class: 'view view-dashboard'},
    el('div', {class: 'toolbar'}, range, protocol, selection),
    tiles, chartGrid,
    el('div', {class: 'card'}, el('h3', {}, 'Endpoints', el('span', {class: 'muted'}, 'busiest first · click one to chart it')),
      el('div', {class: 'table-wrap'}, endpointsTable)));

  const onResize = debounce(() => resizeCharts(), 100);

  function resizeCharts() {
    for (const chart of charts) chart.resize(chart.node.querySelector('.chart-plot').clientWidth || 400);
  }

  function tile(label, value, {kind, hint} = {}) {
    return el('div', {class: ['tile', kind], dataset: {tile: label}}, el('div', {class: 'tile-label'}, label), el('div', {class: 'tile-value'}, value),
      hint ? el('div', {class: 'tile-hint'}, hint) : null);
  }

  function drawTiles(total, seconds) {
    const requests = total?.requests ?? 0;
    const errors = (total?.client_errors ?? 0) + (total?.server_errors ?? 0);
    fill(tiles,
      tile('Requests', format.count(requests)),
      tile('Rate', format.rate(seconds > 0 ? requests / seconds : null), {hint: 'req/s over the range'}),
      tile('Errors', format.count(errors), {kind: errors ? 'bad' : null, hint: format.percent(errors, requests)}),
      tile('Client errors', format.count(total?.client_errors ?? 0), {kind: total?.client_errors ? 'warn' : null}),
      tile('Server errors', format.count(total?.server_errors ?? 0), {kind: total?.server_errors ? 'bad' : null}),
      tile('Timeouts', format.count(total?.timeouts ?? 0), {kind: total?.timeouts ? 'bad' : null}),
      tile('p50', format.duration(total?.p50)),
      tile('p90', format.duration(total?.p90)),
      tile('p99', format.duration(total?.p99)));
  }

  // The API leaves out empty steps: counts are 0 there, latency has no value (a gap in the line).
  function series(red, resolved) {
    const step = red.step_seconds * 1e6;
    const byTime = new Map(red.points.map((p) => [p.time, p]));
    const bounds = red.points.map((p) => p.time);
    if (resolved.from != null && resolved.to != null) {
      bounds.push(Math.floor(resolved.from / step) * step, Math.floor((resolved.to - 1) / step) * step);
    }
    const times = [];
    if (bounds.length) {
      const last = Math.max(...bounds);
      for (let t = Math.min(...bounds); t <= last && times.length < MAX_FILLED_POINTS; t += step) times.push(t);
    }
    const pick = (key, zero) => times.map((t) => byTime.get(t)?.[key] ?? (zero ? 0 : null));
    const perSecond = (values) => values.map((v) => v / red.step_seconds);
    return {
      times: times.map((t) => t / 1e6),
      requests: perSecond(pick('requests', true)),
      client: perSecond(pick('client_errors', true)),
      server: perSecond(pick('server_errors', true)),
      timeout: perSecond(pick('timeouts', true)),
      p50: pick('p50'), p90: pick('p90'), p99: pick('p99'),
    };
  }

  function drawCharts(red, resolved, what) {
    charts.forEach((c) => c.destroy());
    charts = [];
    chartGrid.dataset.endpoint = what;
    if (!red.points.length) {
      fill(chartGrid, el('div', {class: 'card state empty'}, 'No calls in this range: nothing to chart.'));
      return;
    }
    const s = series(red, resolved);
    const step = `${stepLabel(red.step_seconds)} steps`;
    charts = [
      timeChart({title: `Request rate (req/s) · ${step}`, times: s.times, format: format.rate,
        series: [{label: 'requests', color: COLOURS.requests, values: s.requests, fill: true}]}),
      timeChart({title: 'Errors by class (per s)', times: s.times, format: format.rate, stepped: true, series: [
        {label: 'client', color: COLOURS.client, values: s.client},
        {label: 'server', color: COLOURS.server, values: s.server},
        {label: 'timeout', color: COLOURS.timeout, values: s.timeout}]}),
      timeChart({title: 'Latency', times: s.times, format: format.duration, series: [
        {label: 'p50', color: COLOURS.p50, values: s.p50},
        {label: 'p90', color: COLOURS.p90, values: s.p90},
        {label: 'p99', color: COLOURS.p99, values: s.p99}]}),
    ];
    fill(chartGrid, charts.map((c) => c.node));
    resizeCharts();
  }

  function endpointRow(e, seconds) {
    const errors = (e.client_errors ?? 0) + (e.server_errors ?? 0);
    const isSelected = e.endpoint != null && e.endpoint === params.endpoint;
    const choose = () => e.endpoint != null && go('dashboard', {...params, endpoint: isSelected ? null : e.endpoint});
    const ratio = e.requests ? errors / e.requests : 0;
    return el('tr', {class: ['endpoint-row', isSelected && 'selected', e.endpoint == null && 'no-endpoint'], tabindex: '0',
      title: e.endpoint == null ? 'call logs without an endpoint' : 'Chart this endpoint', onclick: choose,
      onkeydown: (ev) => ev.key === 'Enter' && choose()},
    el('td', {}, el('span', {class: 'proto'}, e.protocol ?? '')),
    el('td', {class: 'mono endpoint-name', title: e.endpoint}, e.endpoint ?? '(none)'),
    el('td', {class: 'num'}, format.count(e.requests)),
    el('td', {class: 'num'}, format.rate(seconds > 0 ? e.requests / seconds : null)),
    el('td', {class: ['num', e.client_errors && 'warn']}, format.count(e.client_errors)),
    el('td', {class: ['num', e.server_errors && 'bad']}, format.count(e.server_errors)),
    el('td', {class: ['num', e.timeouts && 'bad']}, format.count(e.timeouts)),
    el('td', {class: ['num', ratio >= 0.05 ? 'bad' : ratio > 0 ? 'warn' : null]}, format.percent(errors, e.requests)),
    el('td', {class: 'num'}, format.duration(e.p50)),
    el('td', {class: 'num'}, format.duration(e.p90)),
    el('td', {class: 'num'}, format.duration(e.p99)),
    el('td', {}, el('a', {href: link('calls', {...shared(), protocol: e.protocol, endpoint: e.endpoint}), class: 'chip-link',
      onclick: (ev) => ev.stopPropagation()}, 'calls')));
  }

  function shared() {
    return {range: params.range, from: params.from, to: params.to, server: params.server, port: params.port};
  }

  function syncFilters(summary, resolved) {
    fill(range, timerange.picker(params, resolved, (r) => go('dashboard', {...params, ...r})));
    const protocols = summary.protocols.map((p) => p.protocol);
    if (params.protocol && !protocols.includes(params.protocol)) protocols.push(params.protocol);
    fill(protocol, el('option', {value: ''}, 'All protocols'),
      protocols.map((p) => el('option', {value: p, selected: p === params.protocol}, p)));
    fill(selection, params.endpoint
      ? el('span', {class: 'chip'}, 'endpoint ', el('span', {class: 'mono'}, params.endpoint),
        el('button', {type: 'button', class: 'chip-close', title: 'All endpoints', 'aria-label': 'Clear the endpoint',
          onclick: () => go('dashboard', {...params, endpoint: null})}, '×'))
      : el('span', {class: 'muted'}, 'All endpoints'));
  }

  return {
    mount(main) {
      main.append(root);
      window.addEventListener('resize', onResize);
    },
    unmount() {
      window.removeEventListener('resize', onResize);
      charts.forEach((c) => c.destroy());
      charts = [];
    },
    async update(route, signal) {
      const chose = route.params.endpoint !== params.endpoint;
      params = route.params;
      root.classList.add('loading');
      try {
        const summary = await api.summary(signal);
        const resolved = timerange.resolve(params, summary);
        syncFilters(summary, resolved);
        const filter = {...resolved.filter, protocol: params.protocol, server: params.server, port: params.port};
        const chosen = {...filter, endpoint: params.endpoint};
        const [endpoints, red, totals] = await Promise.all([
          api.endpoints(filter, signal),
          api.red(chosen, signal),
          api.totals(chosen, signal),
        ]);
        const seconds = resolved.from != null && resolved.to != null ? Math.max(1, (resolved.to - resolved.from) / 1e6) : 0;
        drawTiles(totals, seconds);
        drawCharts(red, resolved, params.endpoint ?? '');
        if (chose) window.scrollTo({top: 0}); // a click low in the list charts at the top
        fill(endpointsBody, endpoints.length ? endpoints.map((e) => endpointRow(e, seconds))
          : el('tr', {}, el('td', {colspan: 12}, el('div', {class: 'state empty'}, 'No calls in this range.'))));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        charts.forEach((c) => c.destroy());
        charts = [];
        fill(tiles);
        fill(chartGrid, el('div', {class: 'state error'}, e.message));
        fill(endpointsBody);
      } finally {
        root.classList.remove('loading');
      }
    },
  };
}
