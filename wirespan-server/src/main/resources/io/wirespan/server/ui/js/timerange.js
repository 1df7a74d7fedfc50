// The time range: all stored data, the last 15 min / 1 h / 24 h before the newest stored call (a
// capture from last week is still "recent" in its own terms), or a custom range in local time.

import {el} from './dom.js';
import * as format from './format.js';

const MINUTE = 60e6;

export const PRESETS = [
  {key: 'all', label: 'All stored data'},
  {key: '15m', label: 'Last 15 minutes', span: 15 * MINUTE},
  {key: '1h', label: 'Last 1 hour', span: 60 * MINUTE},
  {key: '24h', label: 'Last 24 hours', span: 24 * 60 * MINUTE},
  {key: 'custom', label: 'Custom…'},
];

/**
 * What the route's range means against the stored data: {from, to} for display (µs, to exclusive)
 * and the API's from/to parameters (none for all stored data).
 */
export function resolve(params, summary) {
  const preset = PRESETS.find((p) => p.key === params.range);
  if (params.range === 'custom') {
    const from = wholeNumber(params.from);
    const to = wholeNumber(params.to);
    return {from, to, filter: {from, to}};
  }
  if (preset?.span && summary.to != null) {
    const to = summary.to + 1;
    const from = to - preset.span;
    return {from, to, filter: {from, to}};
  }
  return {from: summary.from, to: summary.to, filter: {}};
}

function wholeNumber(value) {
  return value != null && /^\d+$/.test(value) ? Number(value) : null;
}

/** µs → the value of an <input type=datetime-local> (local time, to the second). */
function toInput(micros) {
  if (micros == null) return '';
  const d = new Date(Math.floor(micros / 1000));
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function fromInput(value) {
  const millis = new Date(value).getTime(); // a datetime-local value parses as local time
  return Number.isNaN(millis) ? null : millis * 1000;
}

/**
 * The picker: a preset list, and start/end fields shown for a custom range. onChange gets the
 * range parameters to put in the route ({range, from, to}).
 */
export function picker(params, resolved, onChange) {
  const current = PRESETS.some((p) => p.key === params.range) ? params.range : 'all';
  const start = el('input', {type: 'datetime-local', step: '1', class: 'range-from', 'aria-label': 'Range start',
    value: toInput(resolved.from)});
  const end = el('input', {type: 'datetime-local', step: '1', class: 'range-to', 'aria-label': 'Range end',
    value: toInput(resolved.to)});
  const error = el('span', {class: 'range-error'});
  const custom = el('form', {class: 'range-custom', hidden: current !== 'custom', onsubmit: (event) => {
    event.preventDefault();
    const from = fromInput(start.value);
    const to = fromInput(end.value);
    if (from == null || to == null || to <= from) {
      error.textContent = 'the end must come after the start';
      return;
    }
    onChange({range: 'custom', from, to});
  }}, start, el('span', {class: 'muted'}, '→'), end, el('button', {type: 'submit', class: 'button'}, 'Apply'), error);

  const select = el('select', {class: 'range-preset', 'aria-label': 'Time range', onchange: () => {
    if (select.value === 'custom') {
      custom.hidden = false;
      start.focus();
    } else {
      onChange({range: select.value === 'all' ? null : select.value, from: null, to: null});
    }
  }}, PRESETS.map((p) => el('option', {value: p.key, selected: p.key === current}, p.label)));

  const shown = el('span', {class: 'range-shown', title: 'Times are local: ' + format.zone()},
    format.range(resolved.from, resolved.to));
  return el('div', {class: 'range'}, el('span', {class: 'icon-clock', 'aria-hidden': 'true'}), select, custom, shown);
}
