// The single-page app: a header with the views, and one view at a time under it.

import {el, fill} from './dom.js';
import {route, start, link, shared} from './router.js';
import * as format from './format.js';
import {createExplorer} from './explorer.js';
import {createDashboard} from './dashboard.js';
import {createTraceView} from './trace.js';
import {createPlugins} from './plugins.js';

const VIEWS = {
  calls: {label: 'Calls', create: createExplorer},
  dashboard: {label: 'Dashboard', create: createDashboard},
  trace: {label: 'Traces', create: createTraceView},
  plugins: {label: 'Plugins', create: createPlugins},
};

const main = document.getElementById('view');
const nav = document.getElementById('nav');
const progress = document.getElementById('progress');
document.getElementById('zone').textContent = 'local time ' + format.zone();

const instances = new Map();
let current = null;
let controller = null;
let renders = 0;

async function render() {
  const {view, arg, params} = route();
  const name = VIEWS[view] ? view : 'calls';
  drawNav(name, params);

  controller?.abort(); // a slow answer for the previous route must not overwrite this one
  const mine = new AbortController();
  controller = mine;

  main.querySelectorAll(':scope > .banner').forEach((banner) => banner.remove());
  if (current?.name !== name) {
    current?.view.unmount?.();
    if (!instances.has(name)) instances.set(name, VIEWS[name].create());
    current = {name, view: instances.get(name)};
    fill(main);
    current.view.mount(main);
  }
  main.dataset.state = 'loading';
  progress.hidden = false;
  try {
    await current.view.update({arg, params}, mine.signal);
    if (controller === mine) main.dataset.state = 'ready';
  } catch (e) {
    if (e.name === 'AbortError') return;
    console.warn(e); // a failure the view did not show itself
    main.prepend(el('div', {class: 'banner error', role: 'alert'}, 'Something went wrong: ' + e.message));
    if (controller === mine) main.dataset.state = 'error';
  } finally {
    if (controller === mine) {
      progress.hidden = true;
      main.dataset.renders = String(++renders); // lets a test (or a user script) wait for a view to settle
    }
  }
}

function drawNav(active, params) {
  const carried = shared(params);
  fill(nav, Object.entries(VIEWS).map(([name, view]) => el('a', {
    href: name === 'calls' || name === 'dashboard' ? link(name, carried) : link(name),
    class: ['tab', name === active && 'active'],
    'aria-current': name === active ? 'page' : null,
  }, view.label)));
}

start(render);
