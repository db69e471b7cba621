// Live traffic: the latest exchanges from the audit index, then each new one as the server
// streams it; filters by rule, action, client and time; hits per minute and feature rates.
import { api } from './api.js';
import { h, clear, badge, errorBox, fmtTime, actionBadges, throttle } from './dom.js';
import { stackedBars, legend, hbars } from './charts.js';

const MAX_ROWS = 300;
const CHART_MINUTES = 30;
const WINDOWS = { '': 'any time', 5: 'last 5 min', 15: 'last 15 min', 60: 'last hour', 1440: 'last 24 h' };
const ACTIONS = { '': 'any', hit: 'any rule hit', flag: 'flag', alert: 'alert', block: 'block', steer: 'steer', shadow: 'shadow (would act)' };

export function isBlocked(x) {
  return (x.actions || []).includes('block') || x.finish_reason === 'content_filter';
}

export function isFlagged(x) {
  return (x.rules || []).length > 0;
}

export function render(el, { query }) {
  const filters = {
    rule: query.get('rule') || '', action: query.get('action') || '', client: query.get('client') || '', minutes: query.get('minutes') || '',
  };
  const items = new Map();
  const clients = new Set();
  const ruleIds = new Set();
  const chartEvents = new Map(); // id → { time, rules }
  let closed = false;

  const live = h('span', { class: 'live', testid: 'traffic-live', dataset: { live: 'connecting' } }, 'connecting');
  const count = h('span', { class: 'sub', testid: 'traffic-count' });
  const ruleSel = h('select', { testid: 'traffic-filter-rule', onchange: () => setFilter('rule', ruleSel.value) });
  const actionSel = h('select', { testid: 'traffic-filter-action', onchange: () => setFilter('action', actionSel.value) },
    Object.entries(ACTIONS).map(([v, t]) => h('option', { value: v }, t)));
  const clientSel = h('select', { testid: 'traffic-filter-client', onchange: () => setFilter('client', clientSel.value) });
  const timeSel = h('select', { testid: 'traffic-filter-time', onchange: () => setFilter('minutes', timeSel.value) },
    Object.entries(WINDOWS).map(([v, t]) => h('option', { value: v }, t)));
  actionSel.value = filters.action;
  timeSel.value = filters.minutes;
  const tbody = h('tbody', { testid: 'traffic-rows' });
  const message = h('div');
  const hitsChart = h('div', { testid: 'chart-rule-hits' });
  const ratesChart = h('div', { testid: 'chart-feature-rates' });

  el.append(
    h('div', { class: 'view-head' }, h('h1', {}, 'Live traffic'), live, count, h('span', { class: 'spacer' }),
      h('a', { href: '#/audit', class: 'small' }, 'Search older exchanges →')),
    h('div', { class: 'panel row', testid: 'traffic-filters' },
      h('label', { class: 'field' }, 'Rule', ruleSel),
      h('label', { class: 'field' }, 'Action', actionSel),
      h('label', { class: 'field' }, 'Client', clientSel),
      h('label', { class: 'field' }, 'Time', timeSel),
      h('button', { testid: 'traffic-filter-clear', onclick: () => { Object.keys(filters).forEach((k) => { filters[k] = ''; }); syncControls(); reload(); } }, 'Clear filters')),
    h('div', { class: 'grid2' },
      h('div', { class: 'panel' }, h('h2', {}, `Rule hits per minute (exchanges, last ${CHART_MINUTES} min)`), hitsChart),
      h('div', { class: 'panel' }, h('h2', {}, 'Activation rate of the features rules read'), ratesChart)),
    message,
    h('div', { class: 'panel' }, h('table', { testid: 'traffic-table' },
      h('thead', {}, h('tr', {}, ['Time', 'Client', 'Route', 'Finish', 'Rules', 'Actions', 'Answer'].map((t) => h('th', {}, t)))),
      tbody)),
  );

  function setFilter(k, v) {
    filters[k] = v;
    const q = new URLSearchParams(Object.entries(filters).filter(([, x]) => x));
    history.replaceState(null, '', `#/traffic${q.toString() ? `?${q}` : ''}`);
    reload();
  }

  function syncControls() {
    // Options are rebuilt only when the set of values changed (a select being used is left alone).
    const options = (sel, set, current) => {
      const values = ['', ...[...new Set([...set, ...(current ? [current] : [])])].sort()];
      if ([...sel.options].map((o) => o.value).join('\n') !== values.join('\n')) {
        clear(sel, values.map((v) => h('option', { value: v }, v || 'any')));
      }
      sel.value = current;
    };
    options(ruleSel, ruleIds, filters.rule);
    options(clientSel, clients, filters.client);
    actionSel.value = filters.action;
    timeSel.value = filters.minutes;
  }

  function luceneQuery() {
    const parts = [];
    const quote = (v) => `"${v.replace(/["\\]/g, '\\$&')}"`;
    if (filters.rule) parts.push(`rule:${quote(filters.rule)}`);
    if (filters.client) parts.push(`client:${quote(filters.client)}`);
    if (filters.action === 'hit') parts.push('rule:*');
    else if (filters.action === 'shadow') parts.push('shadow_action:*');
    else if (filters.action) parts.push(`action:${filters.action}`);
    return parts.join(' AND ');
  }

  function since() {
    return filters.minutes ? new Date(Date.now() - Number(filters.minutes) * 60000) : null;
  }

  function matches(x) {
    if (filters.rule && !(x.rules || []).includes(filters.rule)) return false;
    if (filters.client && x.client !== filters.client) return false;
    if (filters.action === 'hit' && !isFlagged(x)) return false;
    if (filters.action === 'shadow' && !(x.shadow_actions || []).length) return false;
    if (filters.action && !['hit', 'shadow'].includes(filters.action) && !(x.actions || []).includes(filters.action)) return false;
    const from = since();
    return !from || new Date(x.time) >= from;
  }

  function row(x, fresh) {
    const blocked = isBlocked(x);
    const flagged = isFlagged(x);
    const go = () => { location.hash = `#/exchange/${encodeURIComponent(x.id)}`; };
    return h('tr', {
      class: ['traffic-row', 'clickable', flagged && 'flagged', blocked && 'blocked', fresh && 'fresh'],
      testid: 'traffic-row', dataset: { id: x.id, flagged: String(flagged), blocked: String(blocked), rules: (x.rules || []).join(' ') },
      onclick: go,
    },
    h('td', { class: 'mono' }, h('a', { href: `#/exchange/${encodeURIComponent(x.id)}`, testid: 'traffic-link', title: x.id }, fmtTime(x.time))),
    h('td', {}, x.client),
    h('td', { class: 'muted small' }, (x.route || '').replace('/v1/', '')),
    h('td', {}, x.status !== 200 ? badge(String(x.status), 'block') : null,
      badge(x.finish_reason || (x.error ? 'error' : '–'), blocked ? 'block' : null)),
    h('td', {}, (x.rules || []).map((r) => badge(r, 'rule'))),
    h('td', {}, blocked ? badge('BLOCKED', 'block', { testid: 'blocked-mark' }) : null,
      actionBadges((x.actions || []).filter((a) => !(blocked && a === 'block')), x.shadow_actions || [])),
    h('td', { class: 'snippet', title: x.snippet || x.error || '' }, x.snippet ?? x.error ?? ''));
  }

  function add(x, fresh) {
    if (items.has(x.id)) return false;
    items.set(x.id, x);
    if (x.client) clients.add(x.client);
    (x.rules || []).forEach((r) => ruleIds.add(r));
    return true;
  }

  function paint(freshId) {
    const shown = [...items.values()].filter(matches).sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0)).slice(0, MAX_ROWS);
    clear(tbody, shown.map((x) => row(x, x.id === freshId)));
    if (!shown.length) tbody.append(h('tr', {}, h('td', { colspan: 7, class: 'empty', testid: 'traffic-empty' },
      items.size ? 'No exchange matches these filters.' : 'No exchanges yet. Send a request to /v1/chat/completions and it appears here.')));
    count.textContent = `${shown.length} shown`;
  }

  async function reload() {
    items.clear();
    clear(message);
    try {
      const from = since();
      const r = await api.auditSearch({ q: luceneQuery() || undefined, from: from?.toISOString(), limit: 50 });
      if (closed) return;
      r.data.forEach((x) => add(x, false));
    } catch (e) {
      message.append(errorBox(e, 'traffic-error'));
    }
    syncControls();
    paint();
  }

  // Charts: hits per minute from audit summaries (and live events), feature rates from /metrics.
  const paintHits = throttle(() => {
    if (closed) return;
    const now = Date.now();
    const start = Math.floor(now / 60000) * 60000 - (CHART_MINUTES - 1) * 60000;
    const buckets = Array.from({ length: CHART_MINUTES }, (_, i) => ({ t: new Date(start + i * 60000), values: {} }));
    const series = new Set();
    for (const x of chartEvents.values()) {
      const i = Math.floor((new Date(x.time).getTime() - start) / 60000);
      if (i < 0 || i >= CHART_MINUTES) continue;
      for (const r of x.rules || []) {
        buckets[i].values[r] = (buckets[i].values[r] || 0) + 1;
        series.add(r);
      }
    }
    const names = [...series].sort();
    clear(hitsChart, stackedBars(buckets, names, { testid: 'rule-hits-svg', unit: ' exchanges' }),
      names.length ? legend(names) : h('div', { class: 'muted small' }, 'No rule hits in this window.'));
  }, 1000);

  let densities = new Map();
  const paintRates = throttle(async () => {
    try {
      const [rules, metrics, labels] = await Promise.all([api.rules(), api.metrics(), api.labels()]);
      if (closed) return;
      rules.data.forEach((r) => ruleIds.add(r.id));
      const ids = [...new Set(rules.data.flatMap((r) => r.features || []))].sort((a, b) => a - b);
      const monitored = (metrics.featurewatch_monitored_tokens_total || [])[0]?.value || 0;
      const active = new Map((metrics.featurewatch_feature_active_tokens_total || []).map((m) => [Number(m.labels.feature), m.value]));
      if (ids.length && ids.some((i) => !densities.has(i))) {
        const found = await api.featureSearch(ids.map((i) => `index:${i}`).join(' OR '), ids.length);
        densities = new Map(found.data.map((f) => [f.index, f.density]));
      }
      if (!ids.length) {
        clear(ratesChart, h('div', { class: 'muted small' }, 'No rule names a feature.'));
        return;
      }
      const bars = ids.map((i) => ({
        label: labels.get(i) ? `#${i} ${labels.get(i)}` : `#${i}`,
        href: `#/features/${i}`,
        value: monitored ? (active.get(i) || 0) / monitored : 0,
        marker: densities.get(i),
      }));
      clear(ratesChart, hbars(bars, { testid: 'feature-rates-svg', markerLabel: 'dictionary density ' }),
        h('div', { class: 'muted small' }, `Share of the ${monitored} monitored tokens on which each feature was active (bar); `
          + 'the tick is its density in the dictionary corpus.'));
      if (!closed && document.activeElement?.tagName !== 'SELECT') syncControls();
    } catch (e) {
      clear(ratesChart, errorBox(e));
    }
  }, 3000);

  async function loadChart() {
    try {
      const from = new Date(Date.now() - CHART_MINUTES * 60000).toISOString();
      const r = await api.auditSearch({ from, limit: 5000 });
      r.data.forEach((x) => chartEvents.set(x.id, x));
    } catch { /* the chart stays empty */ }
    paintHits();
  }

  // The stream opens first, so nothing that finishes while the list loads is missed.
  const stop = api.traffic((x) => {
    chartEvents.set(x.id, x);
    paintHits();
    paintRates();
    if (add(x, true) && matches(x)) {
      syncControlsKeepFocus();
      paint(x.id);
    }
  }, (state) => {
    live.dataset.live = state;
    live.textContent = state === 'open' ? 'live' : state;
  });

  function syncControlsKeepFocus() {
    if (document.activeElement?.tagName !== 'SELECT') syncControls();
  }

  syncControls();
  reload();
  loadChart();
  paintRates();
  const tick = setInterval(paintHits, 30000);
  return () => { closed = true; stop(); clearInterval(tick); };
}
