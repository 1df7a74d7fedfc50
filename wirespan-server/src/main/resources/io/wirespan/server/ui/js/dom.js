// DOM building. Captured strings are written by strangers, so data only ever becomes text nodes,
// attribute values or CSSOM properties: nothing here parses HTML.

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'type']);

/**
 * el('a', {class: 'x', href: '#/calls', onclick: f}, 'text', child, [more]) builds one element.
 * Null, undefined and false attributes and children are skipped; arrays are flattened.
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'style') Object.assign(node.style, value); // CSSOM: allowed by style-src 'self'
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (PROPERTIES.has(key)) node[key] = value;
    else if (key === 'href') node.setAttribute('href', safeHref(value));
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Replaces a node's children. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Links go to our own routes or files; anything else (javascript:, data:, other hosts) is refused.
function safeHref(value) {
  const href = String(value);
  if (href.startsWith('#') || (href.startsWith('/') && !href.startsWith('//'))) return href;
  throw new Error('refusing a link outside the app: ' + href);
}

/** A run-once-after-a-pause wrapper, for typing into filter boxes. */
export function debounce(fn, millis) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), millis);
  };
}
