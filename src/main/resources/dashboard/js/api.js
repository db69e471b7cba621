// The fetch layer: every request the dashboard makes goes through request() or stream() here.
// The page holds no secret. When the server gains authentication, set the key once with
// setApiKey (from a login form, say) and every call, the live stream included, carries it.

let apiKey = null;

/** Sets (or clears, with null) the key sent as "Authorization: Bearer <key>" on every call. */
export function setApiKey(key) {
  apiKey = key || null;
}

function headers(extra = {}) {
  const h = { accept: 'application/json', ...extra };
  if (apiKey) h.authorization = `Bearer ${apiKey}`;
  return h;
}

/** A failed call: the HTTP status and the server's OpenAI-style error object. */
export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || `HTTP ${status}`);
    this.status = status;
    this.type = error?.type ?? null;
    this.param = error?.param ?? null;
    this.code = error?.code ?? null;
  }
}

function url(path, query) {
  if (!query) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') p.set(k, v);
  }
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

async function request(method, path, { query, json, text, raw } = {}) {
  const init = { method, headers: headers() };
  if (json !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (text !== undefined) {
    init.headers['content-type'] = 'application/yaml';
    init.body = text;
  }
  let res;
  try {
    res = await fetch(url(path, query), init);
  } catch (e) {
    throw new ApiError(0, { message: `the server cannot be reached (${e.message})` });
  }
  const body = await res.text();
  if (!res.ok) {
    let error = null;
    try { error = JSON.parse(body).error; } catch { /* not JSON */ }
    throw new ApiError(res.status, error || { message: body || res.statusText });
  }
  if (raw) return body;
  return body ? JSON.parse(body) : null;
}

/**
 * Server-sent events from path: onEvent(parsed JSON) per data line, onState('open'|'error').
 * Returns a function that closes the stream. EventSource cannot send headers, so with a key set
 * the stream is read with fetch instead.
 */
export function stream(path, onEvent, onState = () => {}) {
  if (!apiKey) {
    const es = new EventSource(path);
    es.onopen = () => onState('open');
    es.onerror = () => onState(es.readyState === EventSource.CLOSED ? 'error' : 'connecting');
    es.onmessage = (m) => { try { onEvent(JSON.parse(m.data)); } catch { /* ignore a malformed event */ } };
    return () => es.close();
  }
  const abort = new AbortController();
  (async () => {
    try {
      const res = await fetch(path, { headers: headers({ accept: 'text/event-stream' }), signal: abort.signal });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      onState('open');
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (data) { try { onEvent(JSON.parse(data)); } catch { /* ignore */ } }
        }
      }
      onState('error');
    } catch (e) {
      if (!abort.signal.aborted) onState('error');
    }
  })();
  return () => abort.abort();
}

/** Prometheus text → { name: [{ labels: {…}, value }] }. */
export function parseMetrics(text) {
  const out = {};
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/);
    if (!m) continue;
    const labels = {};
    for (const l of (m[2] || '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    (out[m[1]] ||= []).push({ labels, value: Number(m[3]) });
  }
  return out;
}

let labelCache = null;

export const api = {
  models: () => request('GET', '/v1/models'),
  chat: (body) => request('POST', '/v1/chat/completions', { json: body }),

  auditSearch: ({ q, from, to, limit } = {}) => request('GET', '/v1/audit', { query: { q, from, to, limit } }),
  auditRecord: (id) => request('GET', `/v1/audit/${encodeURIComponent(id)}`),
  replay: (body) => request('POST', '/v1/audit/replay', { json: body }),

  featureSearch: (q, limit = 100) => request('GET', '/v1/features/search', { query: { q, limit } }),
  feature: (id) => request('GET', `/v1/features/${encodeURIComponent(id)}`),
  inspect: (body) => request('POST', '/v1/features/inspect', { json: body }),
  /** Feature id → label for every labelled feature (one search, cached for the page's life). */
  labels() {
    labelCache ||= request('GET', '/v1/features/search', { query: { q: 'label:*', limit: 500 } })
      .then((r) => new Map(r.data.map((f) => [f.index, f.label])))
      .catch(() => { labelCache = null; return new Map(); });
    return labelCache;
  },

  rules: (q) => request('GET', '/v1/rules', { query: { q } }),
  rule: (id) => request('GET', `/v1/rules/${encodeURIComponent(id)}`),
  putRule: (id, yaml) => request('PUT', `/v1/rules/${encodeURIComponent(id)}`, { text: yaml }),
  validateRule: (yaml) => request('POST', '/v1/rules/validate', { text: yaml }),
  deleteRule: (id) => request('DELETE', `/v1/rules/${encodeURIComponent(id)}`),

  metrics: () => request('GET', '/metrics', { raw: true }).then(parseMetrics),
  traffic: (onEvent, onState) => stream('/v1/traffic/stream', onEvent, onState),
};
