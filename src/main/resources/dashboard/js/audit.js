// Audit search: the API's query language (Lucene over rule action shadow_action mode severity
// feature text client route status finish_reason), a time range, results linking to exchanges.
import { api } from './api.js';
import { h, clear, badge, errorBox, loading, fmtTime, actionBadges } from './dom.js';
import { isBlocked } from './traffic.js';

const EXAMPLES = ['action:block', 'rule:golden-gate', 'feature:1250', 'text:bridge', 'finish_reason:content_filter', 'shadow_action:*', 'status:[400 TO 599]'];

/** A datetime-local value (local time) → ISO instant, or undefined. */
function instant(v) {
  return v ? new Date(v).toISOString() : undefined;
}

function local(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function render(el, { query }) {
  const input = h('input', { class: 'query', testid: 'audit-query', value: query.get('q') || '', placeholder: 'rule:deception AND client:"user:alice"', 'aria-label': 'audit query' });
  const from = h('input', { type: 'datetime-local', testid: 'audit-from', value: local(query.get('from')) });
  const to = h('input', { type: 'datetime-local', testid: 'audit-to', value: local(query.get('to')) });
  const limit = h('input', { type: 'number', min: 1, max: 10000, value: query.get('limit') || 100, testid: 'audit-limit', style: { width: '90px' } });
  const results = h('div', { testid: 'audit-results' });

  const submit = () => {
    const p = new URLSearchParams();
    if (input.value) p.set('q', input.value);
    if (from.value) p.set('from', instant(from.value));
    if (to.value) p.set('to', instant(to.value));
    if (limit.value && limit.value !== '100') p.set('limit', limit.value);
    history.pushState(null, '', `#/audit${p.toString() ? `?${p}` : ''}`);
    search();
  };

  el.append(
    h('div', { class: 'view-head' }, h('h1', {}, 'Audit search'), h('span', { class: 'sub' }, 'every exchange, newest first')),
    h('form', { class: 'panel', testid: 'audit-form', onsubmit: (e) => { e.preventDefault(); submit(); } },
      h('div', { class: 'row' }, input,
        h('label', { class: 'field' }, 'From', from), h('label', { class: 'field' }, 'To', to), h('label', { class: 'field' }, 'Limit', limit),
        h('button', { class: 'primary', type: 'submit', testid: 'audit-search', style: { 'align-self': 'end' } }, 'Search')),
      h('p', { class: 'help' }, 'Fields: rule, action, shadow_action, mode, severity, feature, text, client, route, status, finish_reason. Try ',
        EXAMPLES.map((x) => [h('code', { onclick: () => { input.value = x; submit(); } }, x), ' ']))),
    h('div', { class: 'panel' }, results));

  async function search() {
    clear(results, loading('Searching…'));
    results.dataset.state = 'running';
    try {
      const r = await api.auditSearch({ q: input.value || undefined, from: instant(from.value), to: instant(to.value), limit: limit.value || undefined });
      clear(results,
        h('div', { class: 'muted small', testid: 'audit-count', dataset: { count: r.data.length } }, `${r.data.length} exchange(s)`),
        r.data.length ? h('table', { testid: 'audit-table' },
          h('thead', {}, h('tr', {}, ['Time', 'Exchange', 'Client', 'Finish', 'Rules', 'Actions', 'Answer'].map((t) => h('th', {}, t)))),
          h('tbody', {}, r.data.map((x) => h('tr', {
            class: ['traffic-row', 'clickable', (x.rules || []).length && 'flagged', isBlocked(x) && 'blocked'], testid: 'audit-row',
            dataset: { id: x.id, blocked: String(isBlocked(x)) }, onclick: () => { location.hash = `#/exchange/${encodeURIComponent(x.id)}`; },
          },
          h('td', { class: 'mono small' }, fmtTime(x.time, true)),
          h('td', { class: 'mono small' }, h('a', { href: `#/exchange/${encodeURIComponent(x.id)}`, testid: 'audit-link' }, x.id.replace(/^chatcmpl-/, '').slice(0, 12))),
          h('td', {}, x.client),
          h('td', {}, badge(x.finish_reason || '–', x.finish_reason === 'content_filter' ? 'block' : null)),
          h('td', {}, (x.rules || []).map((r2) => badge(r2, 'rule'))),
          h('td', {}, actionBadges(x.actions || [])),
          h('td', { class: 'snippet', title: x.snippet || '' }, x.snippet || ''))))) : h('div', { class: 'empty', testid: 'audit-empty' }, 'Nothing found.'));
      results.dataset.state = 'done';
    } catch (e) {
      clear(results, errorBox(e, 'audit-error'));
      results.dataset.state = 'error';
    }
  }
  search();
}
