// The server's JSON API. Every failure becomes an ApiError carrying the server's own message.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Query-string parameters with empty values dropped. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value != null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

async function request(path, {signal, method = 'GET', headers, body} = {}) {
  let response;
  try {
    response = await fetch(path, {method, headers, body, signal, cache: 'no-store'});
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, `the server did not answer (${e.message})`);
  }
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const payload = isJson ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) {
    const message = payload && typeof payload === 'object' && payload.error ? payload.error : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return payload;
}

function bearer(token) {
  return token ? {Authorization: 'Bearer ' + token} : {};
}

export const api = {
  summary: (signal) => request('/v1/summary', {signal}),
  calls: (filter, signal) => request('/v1/calls' + query(filter), {signal}),
  endpoints: (filter, signal) => request('/v1/endpoints' + query(filter), {signal}),
  red: (filter, signal) => request('/v1/red' + query(filter), {signal}),
  totals: (filter, signal) => request('/v1/totals' + query(filter), {signal}),
  trace: (id, signal) => request('/v1/trace/' + encodeURIComponent(id), {signal}),
  sql: (sql, signal) => request('/v1/query', {signal, method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({sql})}),
  plugins: (signal) => request('/v1/plugins', {signal}),
  uploadPlugin: (name, file, token) => request('/v1/plugins' + query({name, type: 'wasm'}), {method: 'POST',
    headers: {'Content-Type': 'application/wasm', ...bearer(token)}, body: file}),
  deletePlugin: (name, token) => request('/v1/plugins/' + encodeURIComponent(name), {method: 'DELETE', headers: bearer(token)}),
};
