// One exchange, token by token: every token shaded by a chosen feature or probe, rule hits
// marked where they fired, a side panel with the hovered token's features, the action taken.
import { api } from './api.js';
import { h, clear, badge, errorBox, loading, fmtTime, fmtNum, tokenText, isSpecial, ruleLink } from './dom.js';

const ROLE_TOKENS = /^<\|(user|assistant|system|tool)\|>$/;

/** The value of a shading source (feature:N or probe:name) on one token. */
function valueOf(source, t, probeNames) {
  if (source.kind === 'feature') {
    const f = (t.features || []).find((x) => x[0] === source.id);
    return f ? f[1] : 0;
  }
  const i = probeNames.indexOf(source.id);
  const v = i >= 0 && t.probes ? t.probes[i] : null;
  return typeof v === 'number' ? v : 0;
}

function parseSource(text) {
  const m = /^(feature|probe):(.+)$/.exec(text || '');
  if (!m) return null;
  return m[1] === 'feature' ? { kind: 'feature', id: Number(m[2]) } : { kind: 'probe', id: m[2] };
}

const key = (src) => `${src.kind}:${src.id}`;

export async function render(el, { params, query }) {
  const id = params[0];
  el.append(loading());
  let rec;
  let rules;
  let labels;
  try {
    [rec, rules, labels] = await Promise.all([
      api.auditRecord(id), api.rules().catch(() => ({ data: [] })), api.labels()]);
  } catch (e) {
    clear(el, h('h1', {}, 'Exchange'), errorBox(e, 'exchange-error'));
    return;
  }
  const tokens = rec.tokens || [];
  const probeNames = rec.probe_names || [];
  const hits = rec.hits || [];
  const rulesById = new Map(rules.data.map((r) => [r.id, r]));
  const byPosition = new Map(tokens.map((t) => [t.position, t]));
  const released = (rec.prompt_tokens ?? 0) + (rec.completion_tokens ?? 0);
  const featureName = (i) => (labels.get(i) ? `#${i} ${labels.get(i)}` : `#${i}`);
  const sourceName = (src) => (src.kind === 'feature' ? `feature ${featureName(src.id)}` : `probe ${src.id}`);

  /** What a hit read: among its rule's features (or the probes), the one whose value in the span is nearest the peak. */
  function sourceOfHit(hit) {
    const rule = rulesById.get(hit.rule);
    let candidates;
    if (rule && (rule.features || []).length) candidates = rule.features.map((f) => ({ kind: 'feature', id: f }));
    else if (rule) candidates = probeNames.map((p) => ({ kind: 'probe', id: p }));
    else {
      candidates = probeNames.map((p) => ({ kind: 'probe', id: p }));
      for (let p = hit.first_position; p <= hit.last_position; p++) {
        (byPosition.get(p)?.features || []).forEach((f) => candidates.push({ kind: 'feature', id: f[0] }));
      }
    }
    let best = null;
    let bestGap = Infinity;
    for (const c of candidates) {
      for (let p = hit.first_position; p <= hit.last_position; p++) {
        const t = byPosition.get(p);
        if (!t) continue;
        const gap = Math.abs(valueOf(c, t, probeNames) - hit.peak);
        if (gap < bestGap) { bestGap = gap; best = c; }
      }
    }
    return best;
  }

  function strongest(limit) {
    const max = new Map();
    const pool = tokens.some((t) => t.source === 'output') ? tokens.filter((t) => t.source === 'output') : tokens;
    for (const t of pool) {
      for (const [f, v] of t.features || []) if (v > (max.get(f) || 0)) max.set(f, v);
    }
    return [...max.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([f]) => ({ kind: 'feature', id: f }));
  }

  // The selector's choices: what the hits read, the hit rules' features, the probes, the strongest features.
  const hitSources = [];
  for (const hit of hits) {
    const src = sourceOfHit(hit);
    if (src && !hitSources.some((x) => key(x) === key(src))) hitSources.push(src);
  }
  const ruleFeatures = [...new Set(hits.flatMap((x) => rulesById.get(x.rule)?.features || []))].map((f) => ({ kind: 'feature', id: f }));
  const groups = [
    ['Read by the rules that fired', [...hitSources, ...ruleFeatures]],
    ['Probes', probeNames.map((p) => ({ kind: 'probe', id: p }))],
    ['Strongest features in the answer', strongest(10)],
  ];
  const seen = new Set();
  const select = h('select', { testid: 'shade-select', onchange: () => shade(parseSource(select.value), true) });
  for (const [label, list] of groups) {
    const og = h('optgroup', { label });
    for (const src of list) {
      if (seen.has(key(src))) continue;
      seen.add(key(src));
      og.append(h('option', { value: key(src) }, sourceName(src)));
    }
    if (og.children.length) select.append(og);
  }
  const other = h('input', { type: 'number', min: 0, placeholder: 'feature id', testid: 'shade-feature-input', style: { width: '110px' } });
  const showOther = (e) => {
    e.preventDefault();
    if (other.value === '') return;
    const src = { kind: 'feature', id: Number(other.value) };
    if (!seen.has(key(src))) {
      seen.add(key(src));
      select.append(h('option', { value: key(src) }, sourceName(src)));
    }
    shade(src, true);
  };

  const fallback = hitSources[0] || strongest(1)[0] || (probeNames[0] ? { kind: 'probe', id: probeNames[0] } : null);
  const initial = parseSource(query.get('shade')) || fallback;

  // Header, action taken, facts.
  const enforced = hits.filter((x) => x.mode !== 'shadow');
  const block = enforced.find((x) => x.action === 'block');
  const shadowHits = hits.filter((x) => x.mode === 'shadow');
  const actionBanner = (() => {
    if (block) {
      return h('div', { class: 'banner block', testid: 'exchange-action', dataset: { action: 'block', rule: block.rule } },
        h('b', {}, 'Blocked'), ` by rule `, ruleLink(block.rule), ` (${block.severity}) on tokens ${block.first_position}–${block.last_position}: `,
        `the client got finish_reason ${rec.finish_reason} and the message “${block.message ?? ''}”. What the model went on to write was withheld.`);
    }
    const acts = [...new Set(enforced.map((x) => x.action))];
    if (acts.length) {
      return h('div', { class: `banner ${acts.includes('steer') ? 'steer' : acts.includes('alert') ? 'alert' : 'flag'}`, testid: 'exchange-action', dataset: { action: acts.join(' ') } },
        h('b', {}, acts.map((a) => ({ flag: 'Flagged', alert: 'Alert raised', steer: 'Steered' }[a] || a)).join(', ')), ' by ',
        [...new Set(enforced.map((x) => x.rule))].map((r) => ruleLink(r)), '; the answer was delivered.');
    }
    return h('div', { class: 'banner ok', testid: 'exchange-action', dataset: { action: 'none' } },
      shadowHits.length ? 'No enforced rule acted; the answer was delivered.' : 'No rule fired; the answer was delivered.');
  })();
  const shadowNote = shadowHits.length ? h('div', { class: 'banner', testid: 'exchange-shadow', style: { border: '1px dashed #98a2b3' } },
    'Shadow rules would have acted: ', shadowHits.map((x) => badge(`${x.rule} → ${x.action}`, 'shadow'))) : null;

  const lat = rec.latency_ms || {};
  const facts = h('dl', { class: 'facts', testid: 'exchange-facts' },
    h('dt', {}, 'Time'), h('dd', {}, fmtTime(rec.time, true)),
    h('dt', {}, 'Client'), h('dd', {}, rec.client),
    h('dt', {}, 'Route'), h('dd', {}, `${rec.route} · ${rec.model} · HTTP ${rec.status}`),
    h('dt', {}, 'Finish'), h('dd', {}, badge(rec.finish_reason || '–', rec.finish_reason === 'content_filter' ? 'block' : null, { testid: 'exchange-finish' })),
    h('dt', {}, 'Tokens'), h('dd', {}, `${rec.prompt_tokens ?? '?'} prompt + ${rec.completion_tokens ?? '?'} released` +
      (tokens.length > released && released ? ` (+${tokens.length - released} withheld)` : '')),
    h('dt', {}, 'Latency'), h('dd', {}, `${fmtNum(lat.total, 0)} ms total, first token ${lat.first_token == null ? '–' : `${fmtNum(lat.first_token, 0)} ms`}`),
    rec.steer?.length ? [h('dt', {}, 'Steering'), h('dd', {}, rec.steer.map((x) => badge(`${x.feature ?? x.query} ${x.mode} ${x.value ?? ''}`, 'steer')))] : null,
    rec.error ? [h('dt', {}, 'Error'), h('dd', {}, rec.error)] : null);

  // Tokens.
  const tokenView = h('div', { class: 'tokens', testid: 'exchange-tokens' });
  const tokenEls = new Map();
  const marksAt = new Map();
  hits.forEach((x, i) => (marksAt.get(x.last_position) || marksAt.set(x.last_position, []).get(x.last_position)).push([x, i]));
  let lastSource = null;
  for (const t of tokens) {
    if (lastSource === 'prompt' && t.source === 'output') tokenView.append(h('span', { class: 'source-sep', title: 'the answer starts here' }));
    lastSource = t.source;
    const special = isSpecial(t.text);
    if (special && ROLE_TOKENS.test(t.text) && t.position > 1) tokenView.append(h('br'));
    const inHits = hits.filter((x) => t.position >= x.first_position && t.position <= x.last_position);
    const withheld = t.source === 'output' && released > 0 && t.position >= released && rec.finish_reason === 'content_filter';
    const span = h('span', {
      class: ['tok', t.source, special && 'special', special && ROLE_TOKENS.test(t.text) && 'role', inHits.length && 'in-span',
        inHits.some((x) => x.action === 'block' && x.mode !== 'shadow') && 'span-block', t.monitor_failed && 'monitor-failed'],
      testid: 'token',
      dataset: { position: t.position, source: t.source, hit: inHits.length ? [...new Set(inHits.map((x) => x.rule))].join(' ') : undefined, withheld: withheld ? 'true' : undefined },
      title: withheld ? 'generated, checked, withheld from the client' : undefined,
      onmouseenter: () => { if (pinned === null) showToken(t); },
      onclick: () => { pin(t); },
    }, tokenText(t.text));
    if (withheld) span.style.opacity = '0.6';
    tokenEls.set(t.position, span);
    tokenView.append(span);
    for (const [x, i] of marksAt.get(t.position) || []) {
      tokenView.append(h('sup', {
        class: ['hit-mark', x.action, x.mode === 'shadow' && 'shadow'], testid: 'hit-marker',
        dataset: { rule: x.rule, action: x.action, mode: x.mode, position: x.last_position, hit: i },
        title: `${x.rule}: ${x.action} (${x.mode}, ${x.severity}) on ${x.first_position}–${x.last_position}, peak ${fmtNum(x.peak)}`,
        onclick: () => focusHit(x),
      }, `${x.action === 'block' ? '✕' : '⚑'} ${x.rule}`));
    }
  }

  // The side panel: the hovered (or clicked) token's features.
  const panel = h('div', { class: 'panel side', testid: 'token-panel' }, h('div', { class: 'muted' }, 'Hover a token to see its strongest features; click to keep it here.'));
  let pinned = null;
  let current = null;
  function pin(t) {
    tokenEls.get(pinned)?.classList.remove('pinned');
    pinned = pinned === t.position ? null : t.position;
    if (pinned !== null) tokenEls.get(pinned).classList.add('pinned');
    showToken(t);
  }
  function showToken(t) {
    const feats = (t.features || []).slice(0, 12);
    const top = feats.length ? feats[0][1] : 1;
    clear(panel,
      h('h2', {}, 'Token ', h('span', { class: 'mono', testid: 'token-panel-text' }, JSON.stringify(t.text))),
      h('dl', { class: 'facts small' },
        h('dt', {}, 'Position'), h('dd', { testid: 'token-panel-position' }, String(t.position)),
        h('dt', {}, 'Token id'), h('dd', {}, String(t.token_id)),
        h('dt', {}, 'Source'), h('dd', {}, t.source),
        current ? [h('dt', {}, 'Shaded by'), h('dd', {}, `${sourceName(current)} = ${fmtNum(valueOf(current, t, probeNames))}`)] : null,
        t.monitor_failed ? [h('dt', {}, 'Monitor'), h('dd', {}, 'failed on this token')] : null),
      h('h3', {}, `Top features (${(t.features || []).length} active)`),
      feats.length ? h('ul', { class: 'feat-list', testid: 'token-panel-features' }, feats.map(([f, v]) => h('li', { dataset: { feature: f } },
        h('a', { href: '#', title: 'shade the conversation by this feature', onclick: (e) => { e.preventDefault(); addAndShade({ kind: 'feature', id: f }); } }, `#${f}`),
        h('span', {}, h('div', { class: 'bar' }, h('span', { style: { width: `${Math.max(2, (v / top) * 100)}%` } })),
          h('a', { class: 'small', href: `#/features/${f}` }, labels.get(f) || 'open')),
        h('span', { class: 'mono small', style: { 'text-align': 'right' } }, fmtNum(v, 2)))))
        : h('div', { class: 'muted small' }, 'No active feature.'),
      probeNames.length ? [h('h3', {}, 'Probes'), h('ul', { class: 'feat-list', testid: 'token-panel-probes' }, probeNames.map((p, i) => {
        const v = t.probes?.[i];
        return h('li', {}, h('a', { href: '#', onclick: (e) => { e.preventDefault(); addAndShade({ kind: 'probe', id: p }); } }, p),
          h('div', { class: 'bar' }, h('span', { style: { width: `${Math.max(0, Math.min(1, v ?? 0)) * 100}%` } })),
          h('span', { class: 'mono small', style: { 'text-align': 'right' } }, v == null ? '–' : fmtNum(v, 3)));
      }))] : null);
  }
  function addAndShade(src) {
    if (!seen.has(key(src))) {
      seen.add(key(src));
      select.append(h('option', { value: key(src) }, sourceName(src)));
    }
    shade(src, true);
  }

  // Shading.
  const legendMax = h('span', { testid: 'shade-max' });
  function shade(src, remember) {
    if (!src) return;
    current = src;
    if (!seen.has(key(src))) {
      seen.add(key(src));
      select.append(h('option', { value: key(src) }, sourceName(src)));
    }
    select.value = key(src);
    const values = tokens.map((t) => valueOf(src, t, probeNames));
    const max = src.kind === 'probe' ? 1 : Math.max(0, ...values);
    tokens.forEach((t, i) => {
      const span = tokenEls.get(t.position);
      const v = values[i];
      const a = max > 0 ? Math.max(0, Math.min(1, v / max)) : 0;
      span.dataset.value = v.toFixed(4);
      span.dataset.shade = a.toFixed(3);
      span.style.setProperty('--a', (a * 0.85).toFixed(3));
    });
    tokenView.dataset.shadeSource = key(src);
    legendMax.textContent = src.kind === 'probe' ? '1 (probe score)' : `${fmtNum(max, 2)} (max here)`;
    if (remember) {
      history.replaceState(null, '', `#/exchange/${encodeURIComponent(id)}?shade=${encodeURIComponent(key(src))}`);
    }
    if (pinned !== null) showToken(byPosition.get(pinned));
  }

  function focusHit(x) {
    const src = sourceOfHit(x);
    if (src) shade(src, true);
    const first = tokenEls.get(x.first_position);
    first?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    for (let p = x.first_position; p <= x.last_position; p++) {
      const e = tokenEls.get(p);
      if (!e) continue;
      e.classList.remove('flash');
      void e.offsetWidth;
      e.classList.add('flash');
      setTimeout(() => e.classList.remove('flash'), 1600);
    }
    const last = byPosition.get(x.last_position);
    if (last) showToken(last);
  }

  const hitsTable = hits.length ? h('table', { testid: 'exchange-hits' },
    h('thead', {}, h('tr', {}, ['Rule', 'Action', 'Mode', 'Severity', 'Span', 'Peak', 'Value', 'Message'].map((t) => h('th', {}, t)))),
    h('tbody', {}, hits.map((x) => h('tr', { class: 'clickable', testid: 'exchange-hit', dataset: { rule: x.rule, action: x.action, position: x.last_position }, onclick: () => focusHit(x) },
      h('td', {}, ruleLink(x.rule)), h('td', {}, badge(x.action, x.action)), h('td', {}, badge(x.mode, x.mode)), h('td', {}, x.severity),
      h('td', { class: 'mono' }, x.first_position === x.last_position ? String(x.last_position) : `${x.first_position}–${x.last_position}`),
      h('td', { class: 'num' }, fmtNum(x.peak)), h('td', { class: 'num' }, fmtNum(x.value)), h('td', {}, x.message || (x.cause !== 'condition' ? x.cause : '')))))) :
    h('div', { class: 'muted', testid: 'exchange-no-hits' }, 'No rule fired on this exchange.');

  clear(el,
    h('div', { class: 'view-head' }, h('h1', {}, 'Exchange'), h('span', { class: 'mono sub', testid: 'exchange-id' }, rec.id),
      h('span', { class: 'spacer' }), h('a', { href: '#/traffic', class: 'small' }, '← Live traffic')),
    actionBanner, shadowNote,
    h('div', { class: 'grid-side' },
      h('div', {},
        h('div', { class: 'panel' },
          h('div', { class: 'row', style: { 'margin-bottom': '8px' } },
            h('label', { class: 'field' }, 'Shade tokens by', select),
            h('form', { class: 'row', onsubmit: showOther, style: { 'align-self': 'end' } }, other, h('button', { type: 'submit', testid: 'shade-feature-show' }, 'Show')),
            h('span', { class: 'spacer' }),
            h('span', { class: 'legend' }, '0', h('span', { class: 'ramp' }), legendMax)),
          tokenView),
        h('div', { class: 'panel' }, h('h2', {}, 'Rule hits'), hitsTable),
        h('div', { class: 'panel' }, h('h2', {}, 'What the client received'),
          h('div', { class: ['steer-out', block && 'blocked'], testid: 'exchange-response' }, rec.response_text ?? ''),
          h('details', { style: { 'margin-top': '8px' } }, h('summary', {}, 'Request as sent'),
            h('pre', { class: 'json' }, JSON.stringify(rec.request, null, 2))))),
      h('div', {}, panel, h('div', { class: 'panel' }, h('h2', {}, 'Exchange'), facts))));

  shade(initial, false);
}
