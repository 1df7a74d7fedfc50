// The call-log explorer: filters, a page of call logs newest first, and the detail of one.

import {el, fill, debounce} from './dom.js';
import {api, ApiError} from './api.js';
import {go, link} from './router.js';
import * as format from './format.js';
import * as timerange from './timerange.js';
import {callDetail, statusPill} from './detail.js';

const PAGE_SIZES = [50, 100, 200, 500];
const COLUMNS = ['Time', 'Protocol', 'Type', 'Domain', 'Resource', 'Status', 'Duration', 'Client', 'Server', 'Trace'];
const TEXT_FILTERS = [
  {key: 'endpoint', label: 'Endpoint', placeholder: 'endpoint (exact)', size: 16},
  {key: 'server', label: 'Server IP', placeholder: 'server ip', size: 11},
  {key: 'port', label: 'Server port', placeholder: 'port', size: 5, inputmode: 'numeric'},
  {key: 'text', label: 'Search', placeholder: 'search resource, domain, errors, trace id…', size: 30, type: 'search'},
];

export function createExplorer() {
  let params = {};
  let calls = [];
  const range = el('div', {class: 'range-slot'});
  const protocol = el('select', {class: 'filter-protocol', 'aria-label': 'Protocol', onchange: () => apply({protocol: protocol.value})});
  const status = el('select', {class: 'filter-status', 'aria-label': 'Status', onchange: () => apply({status: status.value})},
    el('option', {value: ''}, 'All statuses'), format.STATUSES.map((s) => el('option', {value: s}, format.statusLabel(s))));
  const inputs = Object.fromEntries(TEXT_FILTERS.map((f) => [f.key, el('input', {
    type: f.type ?? 'text', class: 'filter-' + f.key, placeholder: f.placeholder, size: f.size, inputmode: f.inputmode,
    'aria-label': f.label, spellcheck: 'false',
  })]));
  const typed = debounce((key, value) => apply({[key]: value}, true), 400);
  for (const [key, input] of Object.entries(inputs)) {
    input.addEventListener('input', () => typed(key, input.value.trim()));
    input.addEventListener('change', () => apply({[key]: input.value.trim()}));
  }
  const clear = el('button', {type: 'button', class: 'button ghost', onclick: () => go('calls', keepRange({}))}, 'Clear filters');

  const summaryLine = el('span', {class: 'result-count'});
  const pager = el('span', {class: 'pager'});
  const body = el('tbody', {});
  const table = el('table', {class: 'grid calls', id: 'calls-table'},
    el('thead', {}, el('tr', {}, COLUMNS.map((c) => el('th', {class: 'col-' + c.toLowerCase()}, c)))), body);
  const detail = el('aside', {class: 'detail', hidden: true, 'aria-label': 'Call log detail'});
  const root = el('section', {class: 'view view-calls'},
    el('div', {class: 'toolbar'}, range, protocol, status, Object.values(inputs), clear),
    el('div', {class: 'resultbar'}, summaryLine, pager),
    el('div', {class: 'split'}, el('div', {class: 'table-wrap'}, table), detail));

  function keepRange(next) {
    return {range: params.range, from: params.from, to: params.to, ...next};
  }

  // A changed filter starts again at the first page.
  function apply(change, replace = false) {
    const next = {...params, ...change, offset: null};
    if (Object.entries(change).every(([k, v]) => (params[k] ?? '') === (v ?? ''))) return;
    go('calls', next, {replace});
  }

  function onKey(event) {
    if (event.key === 'Escape' && !detail.hidden) select(-1);
  }

  function select(index) {
    body.querySelectorAll('tr.selected').forEach((tr) => tr.classList.remove('selected'));
    if (index < 0 || !calls[index]) {
      detail.hidden = true;
      fill(detail);
      return;
    }
    body.querySelector(`tr[data-index="${index}"]`)?.classList.add('selected');
    fill(detail, callDetail(calls[index], () => select(-1)));
    detail.hidden = false;
  }

  function row(log, index, withDay) {
    const resource = log.request_resource ?? log.endpoint ?? '';
    return el('tr', {class: 'call-row', dataset: {index: String(index)}, tabindex: '0',
      onclick: () => select(index), onkeydown: (e) => e.key === 'Enter' && select(index)},
    el('td', {class: 'col-time', title: format.dateTime(log.start_time, {micro: true})}, format.clock(log.start_time, withDay)),
    el('td', {class: 'col-protocol'}, el('span', {class: 'proto'}, log.l7_protocol_str ?? '')),
    el('td', {class: 'col-type mono'}, log.request_type ?? ''),
    el('td', {class: 'col-domain mono', title: log.request_domain}, log.request_domain ?? ''),
    el('td', {class: 'col-resource mono', title: resource}, resource),
    el('td', {class: 'col-status'}, statusPill(log)),
    el('td', {class: 'col-duration num'}, format.duration(log.response_duration)),
    el('td', {class: 'col-client mono'}, format.address(log.ip_0, log.client_port)),
    el('td', {class: 'col-server mono'}, format.address(log.ip_1, log.server_port)),
    el('td', {class: 'col-trace'}, log.trace_id ? el('a', {href: link('trace', {}, log.trace_id), class: 'trace-link',
      title: 'Trace ' + log.trace_id, onclick: (e) => e.stopPropagation()}, 'trace') : ''));
  }

  function message(kind, ...content) {
    return el('tr', {class: 'message-row'}, el('td', {colspan: COLUMNS.length}, el('div', {class: ['state', kind]}, content)));
  }

  function drawPager(page) {
    const first = page.total === 0 ? 0 : page.offset + 1;
    const last = page.offset + page.calls.length;
    fill(summaryLine, el('strong', {}, `${format.count(first)}–${format.count(last)}`), ' of ',
      el('strong', {class: 'total'}, format.count(page.total)), ' call logs');
    const size = el('select', {class: 'page-size', 'aria-label': 'Rows per page',
      onchange: () => go('calls', {...params, limit: size.value === '100' ? null : size.value, offset: null})},
    PAGE_SIZES.map((n) => el('option', {value: String(n), selected: n === page.limit}, `${n} / page`)));
    const to = (offset) => () => go('calls', {...params, offset: offset > 0 ? offset : null});
    const pages = Math.max(1, Math.ceil(page.total / page.limit));
    fill(pager, size,
      el('button', {type: 'button', class: 'button page-prev', disabled: page.offset === 0,
        onclick: to(Math.max(0, page.offset - page.limit))}, '‹ Newer'),
      el('span', {class: 'page-of'}, `page ${format.count(Math.floor(page.offset / page.limit) + 1)} of ${format.count(pages)}`),
      el('button', {type: 'button', class: 'button page-next', disabled: page.offset + page.limit >= page.total,
        onclick: to(page.offset + page.limit)}, 'Older ›'));
  }

  function syncFilters(summary, resolved) {
    fill(range, timerange.picker(params, resolved, (r) => go('calls', {...params, ...r, offset: null})));
    const protocols = summary.protocols.map((p) => p.protocol);
    if (params.protocol && !protocols.includes(params.protocol)) protocols.push(params.protocol);
    fill(protocol, el('option', {value: ''}, 'All protocols'), protocols.map((p) => {
      const n = summary.protocols.find((s) => s.protocol === p)?.call_logs ?? 0;
      return el('option', {value: p, selected: p === params.protocol}, `${p} (${format.count(n)})`);
    }));
    status.value = params.status ?? '';
    for (const [key, input] of Object.entries(inputs)) {
      if (document.activeElement !== input) input.value = params[key] ?? ''; // never fight the user's typing
    }
  }

  return {
    mount(main) {
      main.append(root);
      document.addEventListener('keydown', onKey);
    },
    unmount() {
      document.removeEventListener('keydown', onKey);
    },
    async update(route, signal) {
      params = route.params;
      table.classList.add('loading');
      try {
        const summary = await api.summary(signal);
        const resolved = timerange.resolve(params, summary);
        syncFilters(summary, resolved);
        const filter = {...resolved.filter, protocol: params.protocol, status: params.status, endpoint: params.endpoint,
          server: params.server, port: params.port, text: params.text, limit: params.limit, offset: params.offset};
        const page = await api.calls(filter, signal);
        calls = page.calls;
        select(-1);
        drawPager(page);
        const withDay = resolved.to - resolved.from > 20 * 3600e6;
        if (!calls.length) {
          const filtered = ['protocol', 'status', 'endpoint', 'server', 'port', 'text', 'range'].some((k) => params[k]);
          fill(body, message('empty', summary.call_logs === 0 ? 'No call logs are stored yet.' : 'No call logs match these filters.',
            filtered ? el('button', {type: 'button', class: 'button', onclick: () => go('calls', {})}, 'Show everything') : null));
        } else {
          fill(body, calls.map((log, i) => row(log, i, withDay)));
        }
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        calls = [];
        select(-1);
        fill(summaryLine);
        fill(pager);
        fill(body, message('error', el('strong', {}, e.status ? `The server refused this view (${e.status}): ` : ''), e.message));
      } finally {
        table.classList.remove('loading');
      }
    },
  };
}
