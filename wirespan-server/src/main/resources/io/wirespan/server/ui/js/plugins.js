// The plugin registry: the stored plugins with their stats, upload of a .wasm, and delete.
// The write token is kept in sessionStorage: it lasts as long as the tab, never on disk.

import {el, fill} from './dom.js';
import {api, ApiError} from './api.js';
import * as format from './format.js';

const TOKEN_KEY = 'wirespan.token';

/** created_at may come as µs, ms or s since the epoch, or as an ISO string. */
function createdMicros(value) {
  if (value == null) return null;
  if (typeof value === 'string') {
    const millis = Date.parse(value);
    return Number.isNaN(millis) ? null : millis * 1000;
  }
  return value > 1e14 ? value : value > 1e11 ? value * 1000 : value * 1e6;
}

export function createPlugins() {
  const body = el('tbody', {});
  const table = el('table', {class: 'grid plugins', id: 'plugins-table'},
    el('thead', {}, el('tr', {}, ['Name', 'Type', 'Size', 'SHA-256', 'Created', 'Call logs', '']
      .map((h, i) => el('th', {class: i === 2 || i === 5 ? 'num' : null}, h)))), body);
  const notice = el('div', {class: 'notice', role: 'status'});

  const name = el('input', {type: 'text', class: 'plugin-name', placeholder: 'name', required: true, spellcheck: 'false',
    'aria-label': 'Plugin name'});
  const file = el('input', {type: 'file', class: 'plugin-file', accept: '.wasm,application/wasm', required: true,
    'aria-label': 'Plugin file (.wasm)', onchange: () => {
      const chosen = file.files[0];
      if (chosen && !name.value) name.value = chosen.name.replace(/\.wasm$/i, '');
    }});
  const token = el('input', {type: 'password', class: 'plugin-token', placeholder: 'write token', autocomplete: 'off',
    'aria-label': 'Write token', value: sessionStorage.getItem(TOKEN_KEY) ?? ''});
  token.addEventListener('change', () => sessionStorage.setItem(TOKEN_KEY, token.value));
  const upload = el('form', {class: 'card upload', onsubmit: (e) => {
    e.preventDefault();
    send();
  }},
  el('h3', {}, 'Upload a WebAssembly plugin'),
  el('div', {class: 'upload-fields'},
    el('label', {}, el('span', {}, 'File'), file),
    el('label', {}, el('span', {}, 'Name'), name),
    el('label', {}, el('span', {}, 'Token'), token),
    el('button', {type: 'submit', class: 'button primary'}, 'Upload')),
  el('p', {class: 'muted'}, 'Each plugin is loaded once as an agent would load it before it is kept. Names are unique: delete a plugin to upload a new version.'));

  const confirmText = el('p', {});
  const dialog = el('dialog', {class: 'confirm'},
    el('form', {method: 'dialog'}, el('h3', {}, 'Delete plugin'), confirmText,
      el('div', {class: 'dialog-buttons'},
        el('button', {value: 'cancel', class: 'button ghost'}, 'Cancel'),
        el('button', {value: 'delete', class: 'button danger confirm-delete'}, 'Delete'))));

  const root = el('section', {class: 'view view-plugins'}, notice,
    el('div', {class: 'card'}, el('h3', {}, 'Plugins'), el('div', {class: 'table-wrap'}, table)), upload, dialog);

  function say(kind, ...text) {
    fill(notice, el('div', {class: ['banner', kind]}, text));
  }

  function rememberToken() {
    sessionStorage.setItem(TOKEN_KEY, token.value);
    return token.value;
  }

  async function send() {
    const chosen = file.files[0];
    if (!chosen) return say('error', 'Choose a .wasm file first.');
    try {
      const stored = await api.uploadPlugin(name.value.trim(), chosen, rememberToken());
      say('ok', 'Uploaded ', el('span', {class: 'mono'}, stored?.name ?? name.value), '.');
      file.value = '';
      name.value = '';
      await refresh();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      say('error', 'Upload refused: ', e.message);
    }
  }

  function askDelete(plugin) {
    fill(confirmText, 'Delete ', el('strong', {class: 'mono'}, plugin.name), '? Agents unload it at their next sync.');
    dialog.returnValue = '';
    dialog.onclose = async () => {
      if (dialog.returnValue !== 'delete') return;
      try {
        await api.deletePlugin(plugin.name, rememberToken());
        say('ok', 'Deleted ', el('span', {class: 'mono'}, plugin.name), '.');
        await refresh();
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        say('error', 'Delete refused: ', e.message);
      }
    };
    dialog.showModal();
  }

  function row(p) {
    return el('tr', {class: 'plugin-row', dataset: {name: p.name}},
      el('td', {class: 'mono plugin-name-cell'}, p.name),
      el('td', {}, el('span', {class: 'proto'}, p.type ?? '')),
      el('td', {class: 'num'}, format.bytes(p.size)),
      el('td', {class: 'mono', title: p.sha256}, p.sha256 ? p.sha256.slice(0, 12) + '…' : '—'),
      el('td', {}, format.dateTime(createdMicros(p.created_at))),
      el('td', {class: 'num'}, format.count(p.call_logs ?? 0)),
      el('td', {}, el('button', {type: 'button', class: 'button danger small delete', onclick: () => askDelete(p)}, 'Delete')));
  }

  async function refresh(signal) {
    table.classList.add('loading');
    try {
      const plugins = await api.plugins(signal);
      fill(body, plugins.length ? plugins.map(row)
        : el('tr', {}, el('td', {colspan: 7}, el('div', {class: 'state empty'}, 'No plugins are registered.'))));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const text = e.status === 404 ? 'This server has no plugin registry (GET /v1/plugins answered 404).' : e.message;
      fill(body, el('tr', {}, el('td', {colspan: 7}, el('div', {class: 'state error'}, text))));
    } finally {
      table.classList.remove('loading');
    }
  }

  return {
    mount(main) {
      main.append(root);
    },
    async update(route, signal) {
      fill(notice);
      await refresh(signal);
    },
  };
}
