// The detail panel of one call log: every field, grouped as call-log.md groups them, then any field
// this UI does not know yet, the attributes, and the raw JSON.

import {el} from './dom.js';
import {link} from './router.js';
import * as format from './format.js';

const GROUPS = [
  ['Identity and network', ['type', 'start_time', 'end_time', 'flow_id', 'protocol', 'ip_0', 'client_port', 'ip_1',
    'server_port', 'agent']],
  ['Application', ['l7_protocol', 'l7_protocol_str', 'version', 'request_type', 'request_domain', 'request_resource',
    'endpoint', 'request_id', 'response_status', 'response_code', 'response_exception', 'response_result',
    'response_duration', 'request_length', 'response_length', 'captured_request_byte', 'captured_response_byte',
    'sql_affected_rows', 'is_tls', 'is_async', 'is_reversed']],
  ['Tracing', ['trace_id', 'span_id', 'parent_span_id', 'x_request_id_0', 'x_request_id_1', 'http_proxy_client']],
  ['Extension', ['plugin']],
];
const KNOWN = new Set([...GROUPS.flatMap(([, keys]) => keys), 'attributes']);

/** A pill with the status class's colour: the response code when there is one, else the status. */
export function statusPill(log) {
  const status = log.response_status;
  const text = log.response_code != null ? String(log.response_code) : format.statusLabel(status);
  const title = format.statusLabel(status) + (log.response_exception ? ': ' + log.response_exception : '');
  return el('span', {class: ['pill', format.statusClass(status)], title}, text);
}

function value(key, log) {
  const v = log[key];
  switch (key) {
    case 'start_time':
    case 'end_time':
      return [format.dateTime(v, {micro: true}), el('span', {class: 'raw'}, String(v))];
    case 'response_duration':
      return v < 1000 ? format.duration(v) : [format.duration(v), el('span', {class: 'raw'}, `${v} µs`)];
    case 'response_status':
      return el('span', {class: ['pill', format.statusClass(v)]}, v); // the wire name, as filters spell it
    case 'trace_id':
      return el('a', {href: link('trace', {}, v), class: 'mono'}, v);
    case 'endpoint':
      return [el('span', {class: 'mono'}, v), ' ',
        el('a', {href: link('dashboard', {protocol: log.l7_protocol_str, endpoint: v}), class: 'chip-link'}, 'RED'),
        el('a', {href: link('calls', {protocol: log.l7_protocol_str, endpoint: v}), class: 'chip-link'}, 'calls')];
    default:
      return el('span', {class: typeof v === 'string' ? 'mono' : null}, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
}

function fields(keys, log) {
  const present = keys.filter((k) => log[k] != null);
  if (!present.length) return null;
  return el('dl', {class: 'fields'}, present.map((k) => [el('dt', {}, k), el('dd', {dataset: {field: k}}, value(k, log))]));
}

function attributes(log) {
  const entries = Object.entries(log.attributes ?? {});
  if (!entries.length) return el('p', {class: 'muted'}, 'No attributes.');
  return el('table', {class: 'grid attributes'},
    el('thead', {}, el('tr', {}, el('th', {}, 'name'), el('th', {}, 'value'))),
    el('tbody', {}, entries.map(([name, v]) => el('tr', {}, el('td', {class: 'mono'}, name), el('td', {class: 'mono wrap'}, String(v))))));
}

/** The panel for one call log; onClose hides it. */
export function callDetail(log, onClose) {
  const unknown = Object.keys(log).filter((k) => !KNOWN.has(k));
  const sections = GROUPS.map(([title, keys]) => {
    const list = fields(keys, log);
    return list && el('section', {}, el('h3', {}, title), list);
  });
  if (unknown.length) sections.push(el('section', {}, el('h3', {}, 'Other fields'), fields(unknown, log)));
  const json = JSON.stringify(log, null, 2);
  return el('div', {class: 'detail-body'},
    el('header', {class: 'detail-head'},
      el('div', {},
        el('div', {class: 'detail-title'}, statusPill(log), ' ', el('span', {class: 'proto'}, log.l7_protocol_str ?? '?'), ' ',
          el('span', {class: 'mono'}, log.request_type ?? '')),
        el('div', {class: 'muted'}, format.dateTime(log.start_time), ' · ', format.duration(log.response_duration))),
      el('button', {class: 'icon-button', type: 'button', title: 'Close (Esc)', 'aria-label': 'Close', onclick: onClose}, '×')),
    sections,
    el('section', {}, el('h3', {}, 'Attributes'), attributes(log)),
    el('details', {class: 'raw-json'}, el('summary', {}, 'JSON'), el('pre', {}, json)));
}
