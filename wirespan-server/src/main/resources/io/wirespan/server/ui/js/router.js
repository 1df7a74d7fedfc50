// Hash routes: #/calls?protocol=HTTP, #/dashboard?endpoint=/api, #/trace/<id>, #/plugins.
// Everything a view shows is in its route, so a link shares the view.

import {query} from './api.js';

/** The filters that follow the user from the explorer to the dashboard and back. */
export const SHARED = ['range', 'from', 'to', 'protocol', 'server', 'port', 'endpoint'];

let onChange = () => {};

/** The current route: {view, arg, params}. */
export function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const cut = hash.indexOf('?');
  const path = cut < 0 ? hash : hash.slice(0, cut);
  const search = cut < 0 ? '' : hash.slice(cut + 1);
  const [view, ...rest] = path.split('/');
  let arg = null;
  if (rest.length) {
    try {
      arg = decodeURIComponent(rest.join('/'));
    } catch {
      arg = rest.join('/'); // a hand-edited, badly encoded link still opens something
    }
  }
  return {view: view || 'calls', arg, params: Object.fromEntries(new URLSearchParams(search))};
}

export function link(view, params = {}, arg = null) {
  return '#/' + view + (arg != null ? '/' + encodeURIComponent(arg) : '') + query(params);
}

/** The shared filters of params, for links to another view. */
export function shared(params) {
  return Object.fromEntries(SHARED.filter((k) => params[k] != null).map((k) => [k, params[k]]));
}

/**
 * Goes to a route. replace: true rewrites the current history entry (typing in a filter box should
 * not leave one entry per keystroke).
 */
export function go(view, params = {}, {arg = null, replace = false} = {}) {
  const target = link(view, params, arg);
  if (target === location.hash) return onChange();
  if (replace) {
    history.replaceState(null, '', target);
    onChange();
  } else {
    location.hash = target; // fires hashchange
  }
}

export function start(render) {
  onChange = render;
  window.addEventListener('hashchange', render);
  render();
}
