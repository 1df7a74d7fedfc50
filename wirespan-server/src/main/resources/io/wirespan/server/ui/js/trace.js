// The trace view: one trace's spans as a waterfall (indented by depth, bars on a shared time axis),
// or, with no trace chosen, the most recent traces.

import {el, fill} from './dom.js';
import {api, ApiError} from './api.js';
import {go, link} from './router.js';
import * as format from './format.js';
import {callDetail, statusPill} from './detail.js';

const INDENT_PX = 16;
const TICKS = 4;
const RECENT_TRACES = `SELECT trace_id, min(start_time) AS started, max(end_time) - min(start_time) AS duration, count(*) AS spans,
  sum(CASE WHEN response_status IN ('client_error', 'server_error', 'timeout') THEN 1 ELSE 0 END) AS errors
FROM l7_flow_log WHERE trace_id IS NOT NULL AND trace_id <> ''
GROUP BY trace_id ORDER BY started DESC LIMIT 50`;

export function createTraceView() {
  let spans = [];
  const input = el('input', {type: 'search', class: 'trace-input', placeholder: 'trace id', size: 40, spellcheck: 'false',
    'aria-label': 'Trace id'});
  const form = el('form', {class: 'trace-open', onsubmit: (e) => {
    e.preventDefault();
    if (input.value.trim()) go('trace', {}, {arg: input.value.trim()});
  }}, input, el('button', {type: 'submit', class: 'button'}, 'Open trace'));
  const content = el('div', {class: 'trace-content'});
  const detail = el('aside', {class: 'detail', hidden: true, 'aria-label': 'Span detail'});
  const root = el('section', {class: 'view view-trace'},
    el('div', {class: 'toolbar'}, form, el('a', {href: link('trace'), class: 'button ghost'}, 'Recent traces')),
    el('div', {class: 'split'}, content, detail));

  function onKey(event) {
    if (event.key === 'Escape') select(-1);
  }

  function select(index) {
    content.querySelectorAll('.wf-row.selected').forEach((r) => r.classList.remove('selected'));
    if (index < 0 || !spans[index]) {
      detail.hidden = true;
      fill(detail);
      return;
    }
    content.querySelector(`.wf-row[data-index="${index}"]`)?.classList.add('selected');
    fill(detail, callDetail(spans[index].call_log, () => select(-1)));
    detail.hidden = false;
  }

  function percent(part, whole) {
    return whole > 0 ? (100 * part) / whole : 0;
  }

  function ruler(total) {
    return el('div', {class: 'wf-ruler'}, Array.from({length: TICKS + 1}, (_, i) => el('span', {class: 'wf-tick',
      style: {left: `${(100 * i) / TICKS}%`}}, format.duration((total * i) / TICKS))));
  }

  // The duration goes after the bar, before it when the bar ends near the right edge, or inside a bar
  // that fills the track.
  function labelPlace(left, width) {
    if (left + width <= 80) return {left: `${left + width}%`};
    if (left >= 15) return {right: `${100 - left}%`};
    return {right: `${100 - left - width}%`, color: '#fff'};
  }

  function spanName(log) {
    const what = log.request_resource ?? log.endpoint ?? log.request_domain ?? '';
    return [log.request_type ? el('span', {class: 'wf-verb'}, log.request_type) : null, el('span', {class: 'wf-what'}, what)];
  }

  function spanRow(span, index, total) {
    const log = span.call_log;
    const left = percent(span.offset_micros, total);
    const width = Math.max(percent(span.duration_micros, total), 0.15);
    const bar = el('div', {class: ['wf-bar', format.statusClass(log.response_status)], style: {left: `${left}%`, width: `${width}%`}});
    const label = el('span', {class: 'wf-label', style: labelPlace(left, width)}, format.duration(span.duration_micros));
    return el('div', {class: 'wf-row', dataset: {index: String(index), depth: String(span.depth)}, tabindex: '0',
      onclick: () => select(index), onkeydown: (e) => e.key === 'Enter' && select(index)},
    el('div', {class: 'wf-name', style: {paddingLeft: `${8 + span.depth * INDENT_PX}px`},
      title: `${log.l7_protocol_str ?? ''} ${log.request_type ?? ''} ${log.request_resource ?? ''}`},
    span.depth > 0 ? el('span', {class: 'wf-elbow', 'aria-hidden': 'true'}) : null,
    el('span', {class: 'proto'}, log.l7_protocol_str ?? '?'), spanName(log),
    el('span', {class: 'wf-where'}, format.address(log.ip_1, log.server_port)),
    span.linked_by === 'x_request_id' ? el('span', {class: 'tag', title: 'joined to the trace by its X-Request-ID'}, 'x-request-id') : null),
    el('div', {class: 'wf-status'}, statusPill(log)),
    el('div', {class: 'wf-track'}, bar, label));
  }

  function drawTrace(trace, id) {
    spans = trace.spans;
    const head = el('div', {class: 'trace-head'},
      el('div', {class: 'trace-title'}, el('span', {class: 'muted'}, 'Trace '), el('span', {class: 'mono trace-id'}, id)));
    if (!spans.length) {
      fill(content, head, el('div', {class: 'state empty'}, 'No call logs carry this trace id.'));
      return;
    }
    const total = Math.max(trace.end_time - trace.start_time, 1);
    const errors = spans.filter((s) => ['client_error', 'server_error', 'timeout'].includes(s.call_log.response_status)).length;
    const services = new Set(spans.map((s) => format.address(s.call_log.ip_1, s.call_log.server_port))).size;
    const depth = Math.max(...spans.map((s) => s.depth)) + 1;
    head.append(el('div', {class: 'trace-facts'},
      fact('Started', format.dateTime(trace.start_time)), fact('Duration', format.duration(trace.end_time - trace.start_time)),
      fact('Spans', format.count(spans.length)), fact('Depth', String(depth)), fact('Services', String(services)),
      fact('Errors', String(errors), errors ? 'bad' : null)));
    fill(content, head, el('div', {class: 'waterfall card', id: 'waterfall'},
      el('div', {class: 'wf-row wf-header'}, el('div', {class: 'wf-name'}, 'Span'), el('div', {class: 'wf-status'}, 'Status'),
        el('div', {class: 'wf-track'}, ruler(total))),
      spans.map((span, i) => spanRow(span, i, total))));
  }

  function fact(label, value, kind) {
    return el('div', {class: ['fact', kind]}, el('span', {class: 'fact-label'}, label), el('span', {class: 'fact-value'}, value));
  }

  async function drawRecent(signal) {
    spans = [];
    const result = await api.sql(RECENT_TRACES, signal);
    const rows = result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c, r[i]])));
    const body = rows.length ? rows.map((t) => el('tr', {class: 'trace-row', onclick: () => go('trace', {}, {arg: t.trace_id})},
      el('td', {class: 'mono'}, el('a', {href: link('trace', {}, t.trace_id)}, t.trace_id)),
      el('td', {}, format.dateTime(t.started)),
      el('td', {class: 'num'}, format.duration(t.duration)),
      el('td', {class: 'num'}, format.count(t.spans)),
      el('td', {class: ['num', t.errors > 0 && 'bad']}, format.count(t.errors))))
      : el('tr', {}, el('td', {colspan: 5}, el('div', {class: 'state empty'}, 'No stored call log carries a trace id.')));
    fill(content, el('div', {class: 'card'}, el('h3', {}, 'Recent traces'),
      el('table', {class: 'grid traces', id: 'traces-table'},
        el('thead', {}, el('tr', {}, ['Trace id', 'Started', 'Duration', 'Spans', 'Errors']
          .map((h, i) => el('th', {class: i >= 2 ? 'num' : null}, h)))),
        el('tbody', {}, body))));
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
      select(-1);
      if (document.activeElement !== input) input.value = route.arg ?? '';
      content.classList.add('loading');
      try {
        if (route.arg) drawTrace(await api.trace(route.arg, signal), route.arg);
        else await drawRecent(signal);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        fill(content, el('div', {class: 'state error'}, e.message));
      } finally {
        content.classList.remove('loading');
      }
    },
  };
}
