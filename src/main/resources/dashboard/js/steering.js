// The steering playground: one prompt, the default and the steered completion side by side.
import { api } from './api.js';
import { h, clear, badge, errorBox, fmtNum, ruleLink } from './dom.js';

const MODES = ['pin', 'nudge', 'mul', 'ablate'];
const DEFAULT_PROMPT = 'Can you suggest a name for my cat?';

export function render(el, { query }) {
  const prompt = h('textarea', { testid: 'steer-prompt', rows: 3, style: { width: '100%' } }, query.get('prompt') || DEFAULT_PROMPT);
  const maxTokens = h('input', { type: 'number', min: 1, max: 1024, value: 24, testid: 'steer-max-tokens', style: { width: '90px' } });
  const temperature = h('input', { type: 'number', min: 0, max: 2, step: 0.1, value: 0, testid: 'steer-temperature', style: { width: '80px' } });
  const rows = h('div', { testid: 'steer-rows' });
  const results = h('div', { class: 'grid2', testid: 'steer-results' });
  const message = h('div');
  const runButton = h('button', { class: 'primary', type: 'submit', testid: 'steer-run' }, 'Generate both');

  function addRow(feature = '', mode = 'pin', value = '') {
    const f = h('input', { type: 'text', placeholder: '1250 or label:dna', value: String(feature), testid: 'steer-feature', 'aria-label': 'feature id or dictionary query' });
    const m = h('select', { testid: 'steer-mode', 'aria-label': 'mode' }, MODES.map((x) => h('option', { value: x }, x)));
    const v = h('input', { type: 'number', step: 'any', placeholder: 'value', value: String(value), testid: 'steer-value', 'aria-label': 'value' });
    const hint = h('span', { class: 'muted small', testid: 'steer-feature-label' });
    m.value = mode;
    const sync = () => { v.disabled = m.value === 'ablate'; };
    m.addEventListener('change', sync);
    sync();
    const label = async () => {
      const id = f.value.trim();
      if (!/^\d+$/.test(id)) { hint.textContent = id ? 'dictionary query' : ''; return; }
      const labels = await api.labels();
      hint.textContent = labels.get(Number(id)) || 'unlabelled';
    };
    f.addEventListener('change', label);
    label();
    const row = h('div', { class: 'steer-row', testid: 'steer-row' },
      h('label', { class: 'field' }, 'Feature', f), h('label', { class: 'field' }, 'Mode', m), h('label', { class: 'field' }, 'Value', v),
      h('button', { type: 'button', testid: 'steer-remove', title: 'remove', onclick: () => row.remove() }, '✕'), hint);
    row.read = () => {
      const text = f.value.trim();
      if (!text) return null;
      const item = /^\d+$/.test(text) ? { feature: Number(text) } : { query: text };
      item.mode = m.value;
      if (m.value !== 'ablate') {
        if (v.value === '' || Number.isNaN(Number(v.value))) throw new Error(`feature ${text}: ${m.value} needs a value`);
        item.value = Number(v.value);
      }
      return item;
    };
    rows.append(row);
  }

  const feature = query.get('feature');
  if (feature) addRow(feature, 'pin', query.get('value') || 8);
  else addRow();

  el.append(
    h('div', { class: 'view-head' }, h('h1', {}, 'Steering'), h('span', { class: 'sub' },
      'pin sets a feature to a value, nudge adds to it, mul scales it, ablate zeroes it — from the first prompt token on')),
    h('form', { class: 'panel', testid: 'steer-form', onsubmit: (e) => { e.preventDefault(); run(); } },
      h('label', { class: 'field' }, 'Prompt (one user message)', prompt),
      h('h3', {}, 'Feature controls'), rows,
      h('div', { class: 'row' },
        h('button', { type: 'button', testid: 'steer-add', onclick: () => addRow() }, '+ Add feature'),
        h('span', { class: 'spacer' }),
        h('label', { class: 'field' }, 'Max tokens', maxTokens),
        h('label', { class: 'field' }, 'Temperature', temperature),
        h('div', { style: { 'align-self': 'end' } }, runButton))),
    message, results);

  async function run() {
    clear(message);
    let steer;
    try {
      steer = [...rows.children].map((r) => r.read()).filter(Boolean);
    } catch (e) {
      message.append(errorBox(e, 'steer-error'));
      return;
    }
    if (!steer.length) {
      message.append(errorBox('Add at least one feature to steer.', 'steer-error'));
      return;
    }
    const base = {
      model: 'organism', max_tokens: Number(maxTokens.value) || 24, temperature: Number(temperature.value) || 0,
      messages: [{ role: 'user', content: prompt.value }],
    };
    const seed = Math.floor(Math.random() * 2 ** 31);
    runButton.disabled = true;
    const left = column('Default', 'steer-default');
    const right = column('Steered', 'steer-steered');
    clear(results, left.el, right.el);
    results.dataset.state = 'running';
    // The same seed for both, so at a temperature above 0 the steering is the only difference.
    await Promise.all([
      api.chat({ ...base, seed }).then(left.show, left.fail),
      api.chat({ ...base, seed, featurewatch: { steer } }).then(right.show, right.fail),
    ]);
    results.dataset.state = 'done';
    runButton.disabled = false;
  }
  return () => {};
}

function column(title, testid) {
  const body = h('div', {}, h('div', { class: 'muted' }, 'Generating…'));
  const el = h('div', { class: 'panel', testid, dataset: { state: 'running' } }, h('h2', {}, title), body);
  return {
    el,
    show(r) {
      const fw = r.featurewatch || {};
      const choice = r.choices[0];
      const blocked = fw.blocked;
      el.dataset.state = 'done';
      el.dataset.finishReason = choice.finish_reason;
      if (blocked) el.dataset.blocked = blocked.rule;
      clear(body,
        blocked ? h('div', { class: 'banner block', testid: `${testid}-blocked`, dataset: { rule: blocked.rule } },
          h('b', {}, 'Blocked'), ' by rule ', ruleLink(blocked.rule), ` (${blocked.severity}) on tokens ${blocked.span.first_position}–${blocked.span.last_position}`,
          ` — finish_reason ${choice.finish_reason}. The steered model's answer never left the server; open the exchange to see what it computed.`) : null,
        h('div', { class: ['steer-out', blocked && 'blocked'], testid: `${testid}-text` }, choice.message?.content ?? ''),
        h('div', { class: 'row small', style: { 'margin-top': '6px' } },
          'finish_reason ', badge(choice.finish_reason, choice.finish_reason === 'content_filter' ? 'block' : null, { testid: `${testid}-finish` }),
          ` · ${r.usage?.completion_tokens ?? '?'} tokens`,
          h('span', { class: 'spacer' }),
          h('a', { href: `#/exchange/${encodeURIComponent(fw.audit_id || r.id)}`, testid: `${testid}-exchange` }, 'Token by token →')),
        (fw.steering || []).length ? h('div', { class: 'small', style: { 'margin-top': '6px' } }, 'Steering: ',
          fw.steering.map((x) => badge(`#${x.feature} ${x.mode}${x.value != null ? ` ${fmtNum(x.value, 2)}` : ''} (${x.source})`, 'steer'))) : null,
        (fw.flags || []).length ? h('div', { class: 'small', style: { 'margin-top': '6px' }, testid: `${testid}-flags` }, 'Rules: ',
          summarize(fw.flags)) : h('div', { class: 'small muted', style: { 'margin-top': '6px' } }, 'No rule fired.'));
    },
    fail(e) {
      el.dataset.state = 'error';
      clear(body, errorBox(e, `${testid}-error`));
    },
  };
}

function summarize(flags) {
  const by = new Map();
  for (const f of flags) {
    const k = `${f.rule} ${f.mode === 'shadow' ? 'shadow ' : ''}${f.action}`;
    by.set(k, { f, n: (by.get(k)?.n || 0) + 1 });
  }
  return [...by.values()].map(({ f, n }) => badge(`${f.rule} → ${f.mode === 'shadow' ? 'shadow ' : ''}${f.action}${n > 1 ? ` ×${n}` : ''}`,
    f.mode === 'shadow' ? 'shadow' : f.action));
}
