// How a browser-made value is shown to a person: one-line summaries of observations, cleaned and truncated text,
// JSON that never throws, short bug links, durations. Shared by the terminal, HTML and BCD renderers.

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Replace control characters (terminal escapes from untrusted browser text) and collapse whitespace. */
export function cleanText(s: string): string {
  return s.replace(CONTROL, '\ufffd').replace(/\s+/g, ' ').trim();
}

/** Truncate to max code points, ending with an ellipsis when cut. */
export function truncate(s: string, max: number): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  if (max <= 1) return chars.slice(0, Math.max(0, max)).join('');
  return chars.slice(0, max - 1).join('') + '…';
}

/** JSON.stringify that never throws (cycles, BigInt) and shows undefined. */
export function safeJson(v: unknown, indent?: number): string {
  if (v === undefined) return 'undefined';
  try {
    const seen = new WeakSet<object>();
    const s = JSON.stringify(
      v,
      (_k, val: unknown) => {
        if (typeof val === 'bigint') return `${val.toString()}n`;
        if (typeof val === 'object' && val !== null) {
          if (seen.has(val)) return '[circular]';
          seen.add(val);
        }
        return val;
      },
      indent,
    );
    return s ?? String(v);
  } catch {
    return String(v);
  }
}

function errorName(e: unknown): string | undefined {
  if (typeof e === 'string') return e;
  if (!isRecord(e)) return undefined;
  const name = typeof e['name'] === 'string' ? e['name'] : undefined;
  if (name === undefined) return undefined;
  // OverconstrainedError's constraint is the interesting part of the error.
  if ('constraint' in e) {
    const c = e['constraint'];
    return `${name}(${typeof c === 'string' && /^[\w-]+$/.test(c) ? c : safeJson(c)})`;
  }
  return name;
}

function trackCounts(o: Record<string, unknown>): string | undefined {
  const counts = new Map<string, number>();
  const tracks = o['tracks'];
  if (Array.isArray(tracks)) {
    for (const t of tracks) {
      const kind = typeof t === 'string' ? t : isRecord(t) && typeof t['kind'] === 'string' ? t['kind'] : 'track';
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
  } else if (isRecord(tracks)) {
    for (const [kind, n] of Object.entries(tracks)) if (typeof n === 'number') counts.set(kind, n);
  } else {
    for (const kind of ['video', 'audio']) if (typeof o[kind] === 'number') counts.set(kind, o[kind]);
  }
  if (counts.size === 0) return undefined;
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}

/**
 * A short, single-line, human summary of an observed value for a cell face / terminal line.
 * - `{summary: string}` → that string;
 * - `{unobservable}` → "unobservable: …";
 * - `{outcome, error?, tracks?}` → "NotAllowedError", "resolved: 1 video, 1 audio", "timeout";
 * - `{error: {name}}` → the error name;
 * - otherwise compact JSON. Always cleaned of control characters and truncated to `max`.
 * The result is plain text: escape it before putting it in HTML.
 */
export function observedSummary(observed: unknown, max = 60): string {
  return truncate(cleanText(rawSummary(observed)), max);
}

function rawSummary(o: unknown): string {
  if (o === undefined) return 'undefined';
  if (typeof o === 'string') return o;
  if (!isRecord(o)) return safeJson(o);
  if (typeof o['summary'] === 'string') return o['summary'];
  if (typeof o['unobservable'] === 'string') return `unobservable: ${o['unobservable']}`;
  const err = errorName(o['error']);
  const outcome = typeof o['outcome'] === 'string' ? o['outcome'] : undefined;
  if (outcome !== undefined) {
    if (err !== undefined) return /^(rejected|threw|thrown|rejects|error)$/.test(outcome) ? err : `${outcome}: ${err}`;
    const tracks = trackCounts(o);
    if (tracks !== undefined) return `${outcome}: ${tracks}`;
    const value = o['value'];
    if (value !== undefined) return `${outcome}: ${safeJson(value)}`;
    return outcome;
  }
  if (err !== undefined) return err;
  return safeJson(o);
}

/** "webkit.org/b/270001", "crbug.com/40123456", "bugzil.la/1531012", else host/…/last-segment. */
export function shortBug(u: string): string {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    return cleanText(u);
  }
  const id = url.searchParams.get('id') ?? /\/(\d+)\/?$/.exec(url.pathname)?.[1];
  const host = url.hostname.replace(/^www\./, '');
  if (id) {
    if (host === 'bugs.webkit.org') return `webkit.org/b/${id}`;
    if (host === 'bugzilla.mozilla.org') return `bugzil.la/${id}`;
    if (/(^|\.)(crbug\.com|chromium\.org)$/.test(host)) return `crbug.com/${id}`;
    if (host === 'github.com') return cleanText(`${url.pathname.split('/').slice(1, 3).join('/')}#${id}`);
    return cleanText(`${host}/…/${id}`);
  }
  return cleanText(host + (url.pathname.length > 1 ? url.pathname : ''));
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}
