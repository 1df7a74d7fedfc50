// How numbers, times and durations read. Times arrive as µs since the epoch and show in local time.

const DASH = '—';

/** A duration in µs as "850 µs", "12.4 ms", "3.27 s" or "4 m 05 s". */
export function duration(micros) {
  if (micros == null || Number.isNaN(micros)) return DASH;
  const us = Number(micros);
  if (Math.abs(us) < 1000) return `${Math.round(us)} µs`;
  if (Math.abs(us) < 1e6) return `${significant(us / 1e3)} ms`;
  if (Math.abs(us) < 60e6) return `${significant(us / 1e6)} s`;
  const seconds = Math.round(us / 1e6);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} m ${pad(seconds % 60)} s`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${pad(Math.floor(seconds / 60) % 60)} m`;
  return `${Math.floor(seconds / 86400)} d ${Math.floor(seconds / 3600) % 24} h`;
}

// three significant digits: 1.23, 12.3, 123
function significant(value) {
  const abs = Math.abs(value);
  return value.toFixed(abs < 10 ? 2 : abs < 100 ? 1 : 0);
}

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

function parts(micros) {
  const date = new Date(Math.floor(Number(micros) / 1000));
  return {
    date: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
    time: `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`,
    fraction: pad(((Number(micros) % 1e6) + 1e6) % 1e6, 6),
  };
}

/** "2025-11-13 03:33:20.123" in local time; with µs when asked. */
export function dateTime(micros, {micro = false} = {}) {
  if (micros == null) return DASH;
  const p = parts(micros);
  return `${p.date} ${p.time}.${micro ? p.fraction : p.fraction.slice(0, 3)}`;
}

/** "03:33:20.123", or "11-13 03:33:20.123" when the day is worth showing. */
export function clock(micros, withDay = false) {
  if (micros == null) return DASH;
  const p = parts(micros);
  return `${withDay ? p.date.slice(5) + ' ' : ''}${p.time}.${p.fraction.slice(0, 3)}`;
}

/** "2025-11-13 03:33:20 → 05:33:20 (2 h 00 m)": the day is repeated only when it changes. */
export function range(from, to) {
  if (from == null || to == null) return 'no data';
  const a = parts(from);
  const b = parts(to);
  const end = a.date === b.date ? b.time : `${b.date} ${b.time}`;
  return `${a.date} ${a.time} → ${end} (${duration(to - from)})`;
}

/** The local zone as "UTC+01:00", shown beside times. */
export function zone() {
  const offset = -new Date().getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  return `UTC${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

export function count(n) {
  return n == null ? DASH : Number(n).toLocaleString('en-US');
}

/** A rate per second with sensible precision. */
export function rate(perSecond) {
  if (perSecond == null || !Number.isFinite(perSecond)) return DASH;
  if (perSecond === 0) return '0';
  if (perSecond < 0.01) return '< 0.01';
  return perSecond < 100 ? perSecond.toFixed(2) : Math.round(perSecond).toLocaleString('en-US');
}

export function percent(part, whole) {
  if (!whole) return DASH;
  const p = (100 * part) / whole;
  return p === 0 ? '0 %' : p < 0.1 ? '< 0.1 %' : `${p.toFixed(1)} %`;
}

export function bytes(n) {
  if (n == null) return DASH;
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${significant(value)} ${units[unit]}`;
}

/** "10.0.0.2:80", or "[fd00::1]:80" for IPv6. */
export function address(ip, port) {
  if (ip == null) return DASH;
  const host = String(ip).includes(':') ? `[${ip}]` : String(ip);
  return port == null ? host : `${host}:${port}`;
}

/** The CSS class of a response_status, for its colour. */
export function statusClass(status) {
  return 'status-' + (['ok', 'client_error', 'server_error', 'timeout'].includes(status) ? status.replace('_', '-') : 'other');
}

export const STATUSES = ['ok', 'client_error', 'server_error', 'timeout', 'unknown', 'parse_failed'];

export function statusLabel(status) {
  return String(status ?? 'unknown').replace('_', ' ');
}
