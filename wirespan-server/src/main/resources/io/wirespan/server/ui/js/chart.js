// Time-series charts on the vendored uPlot (vendor/uplot, MIT), themed for the app.

import {el} from './dom.js';
import * as format from './format.js';

const AXIS = {stroke: '#8b95a7', grid: {stroke: '#262c38', width: 1}, ticks: {stroke: '#262c38', width: 1}, font: '11px system-ui, sans-serif'};

const sparse = (values) => values.filter((v) => v != null).length <= 60;
const pad = (n) => String(n).padStart(2, '0');

// "14:05", "14:05:30" when the ticks are seconds apart, with the date where the day changes.
function tickLabel(seconds, previous, span) {
  const d = new Date(seconds * 1000);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}` + (span < 600 ? `:${pad(d.getSeconds())}` : '');
  const dayChanged = previous == null || new Date(previous * 1000).getDate() !== d.getDate();
  return span > 86400 && dayChanged ? `${d.getMonth() + 1}/${d.getDate()}\n${time}` : time;
}

/**
 * A chart card: {title, times (s), series: [{label, color, values, fill}], format (value → text)}.
 * Returns {node, resize(width), destroy()}.
 */
export function timeChart({title, times, series, format, stepped = false}) {
  const plotArea = el('div', {class: 'chart-plot'});
  const node = el('div', {class: 'card chart'}, el('h3', {}, title), plotArea);
  if (!window.uPlot) {
    plotArea.append(el('div', {class: 'state error'}, 'The chart library did not load.'));
    return {node, resize() {}, destroy() {}};
  }
  const paths = stepped ? window.uPlot.paths.stepped({align: 1}) : undefined;
  const options = {
    width: 400,
    height: 190,
    legend: {live: true},
    cursor: {drag: {x: false, y: false}},
    scales: {x: {time: true}, y: {range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1]}},
    axes: [
      {...AXIS, values: (u, ticks) => ticks.map((t, i) => tickLabel(t, ticks[i - 1], ticks[ticks.length - 1] - ticks[0]))},
      {...AXIS, size: 64, values: (u, ticks) => ticks.map(format)},
    ],
    series: [
      {value: (u, t) => (t == null ? '—' : format.dateTime(t * 1e6))},
      ...series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 1.5,
        fill: s.fill ? s.color + '22' : undefined,
        points: {show: sparse(s.values), size: 5}, // a lone value between gaps has no line to show it
        spanGaps: false,
        paths,
        value: (u, v) => (v == null ? '—' : format(v)),
      })),
    ],
  };
  let plot = null;
  return {
    node,
    resize(width) {
      if (!plot) {
        plot = new window.uPlot({...options, width}, [times, ...series.map((s) => s.values)], plotArea);
      } else {
        plot.setSize({width, height: options.height});
      }
    },
    destroy() {
      plot?.destroy();
    },
  };
}
