// Rules: the list, and one rule's page: its YAML in an editor validated as you type (problems
// inline with file, line and field), save, a shadow/enforce toggle, and a replay of the edited
// rule over the last N exchanges.
import { api } from './api.js';
import { h, clear, badge, errorBox, loading, fmtNum, debounce } from './dom.js';

export function renderList(el, { query }) {
  const q = query.get('q') || '';
  const input = h('input', { class: 'query', testid: 'rules-query', value: q, placeholder: 'feature:1250 OR probe:deception', 'aria-label': 'rule query' });
  const body = h('div', { testid: 'rules-list' }, loading());
  el.append(
    h('div', { class: 'view-head' }, h('h1', {}, 'Rules'), h('span', { class: 'sub' }, 'edits are written to the rules folder and serve at once')),
    h('form', { class: 'panel row', onsubmit: (e) => { e.preventDefault(); history.replaceState(null, '', `#/rules${input.value ? `?q=${encodeURIComponent(input.value)}` : ''}`); load(input.value); } },
      input, h('button', { class: 'primary', type: 'submit', testid: 'rules-search' }, 'Filter')),
    h('div', { class: 'panel' }, body));

  async function load(text) {
    clear(body, loading());
    try {
      const r = await api.rules(text || undefined);
      clear(body,
        (r.warnings || []).length ? h('ul', { class: 'problems', testid: 'rules-warnings' }, r.warnings.map((w) => h('li', { class: 'warning' }, typeof w === 'string' ? w : JSON.stringify(w)))) : null,
        r.data.length ? h('table', { testid: 'rules-table' },
          h('thead', {}, h('tr', {}, ['Rule', 'Mode', 'Action', 'Severity', 'Condition', 'Features', 'File'].map((t) => h('th', {}, t)))),
          h('tbody', {}, r.data.map((x) => h('tr', { class: 'clickable', testid: 'rule-row', dataset: { id: x.id, mode: x.mode }, onclick: () => { location.hash = `#/rules/${encodeURIComponent(x.id)}`; } },
            h('td', {}, h('a', { href: `#/rules/${encodeURIComponent(x.id)}`, testid: 'rule-link' }, h('b', {}, x.id)), h('div', { class: 'muted small' }, x.description || '')),
            h('td', {}, badge(x.mode, x.mode)),
            h('td', {}, badge(x.action, x.action)),
            h('td', {}, x.severity),
            h('td', { class: 'mono small' }, condition(x)),
            h('td', {}, (x.features || []).map((f) => h('a', { href: `#/features/${f}`, class: 'badge', onclick: (e) => e.stopPropagation() }, `#${f}`))),
            h('td', { class: 'muted small' }, `${basename(x.file)}:${x.line}`))))) : h('div', { class: 'empty', testid: 'rules-empty' }, 'No rule matches.'),
        h('p', { class: 'help' }, `Answers are held back ${r.hold_back} token(s) (the largest hold_back of an enforced rule).`));
    } catch (e) {
      clear(body, errorBox(e, 'rules-error'));
    }
  }
  load(q);
}

function basename(path) {
  return (path || '').split(/[\\/]/).pop();
}

function condition(x) {
  const win = x.window > 1 ? ` over ${x.window}` : '';
  return `${x.aggregate}${win} ${x.scope} ≥ ${fmtNum(x.threshold)}`;
}

/** The YAML with its top-level mode set (added when absent). */
export function withMode(yaml, mode) {
  if (/^mode:[^\n]*$/m.test(yaml)) return yaml.replace(/^mode:[^\n]*$/m, `mode: ${mode}`);
  return `${yaml.replace(/\s*$/, '')}\nmode: ${mode}\n`;
}

/** "file:line: field: message" lines of a PUT's 400 into problems. */
function parseProblems(message) {
  return (message || '').split('\n').map((l) => /^(.*?):(\d+): ([^:]+): (.*)$/.exec(l)).filter(Boolean)
    .map((m) => ({ file: basename(m[1]), line: Number(m[2]), field: m[3], message: m[4] }));
}

export async function renderRule(el, { params }) {
  const id = params[0];
  el.append(loading());
  let rule;
  try {
    rule = await api.rule(id);
  } catch (e) {
    clear(el, h('h1', {}, `Rule ${id}`), errorBox(e, 'rule-error'));
    return undefined;
  }
  let saved = rule.source;

  const editor = h('textarea', { testid: 'rule-editor', spellcheck: 'false', 'aria-label': 'rule YAML' });
  editor.value = saved;
  const gutter = h('div', { class: 'gutter', testid: 'rule-gutter' });
  const problems = h('div', { testid: 'rule-problems' });
  const status = h('div', { class: 'status-line', testid: 'rule-status' });
  const modeBadge = h('span', { testid: 'rule-mode', class: 'badge' });
  const toggle = h('button', { testid: 'rule-mode-toggle', onclick: () => toggleMode() });
  const summary = h('div', { testid: 'rule-summary' });
  const replayLimit = h('input', { type: 'number', min: 1, max: 10000, value: 50, testid: 'replay-limit', style: { width: '90px' } });
  const replayButton = h('button', { testid: 'rule-replay', onclick: () => replay() }, 'Replay');
  const replayOut = h('div', { testid: 'replay-result' });
  let badLines = new Set();

  function paintGutter() {
    const n = editor.value.split('\n').length;
    clear(gutter, Array.from({ length: n }, (_, i) => [
      h('span', { class: badLines.has(i + 1) ? 'bad' : null, dataset: { line: i + 1 } }, String(i + 1)), '\n']));
    gutter.scrollTop = editor.scrollTop;
  }
  editor.addEventListener('scroll', () => { gutter.scrollTop = editor.scrollTop; });

  function showProblems(errors, warnings = [], headline = null) {
    badLines = new Set(errors.map((e) => e.line).filter(Boolean));
    paintGutter();
    problems.dataset.valid = String(!errors.length);
    clear(problems,
      headline,
      errors.length ? h('ul', { class: 'problems', testid: 'rule-errors' }, errors.map((e) => h('li', {
        testid: 'rule-error', dataset: { line: e.line ?? '', field: e.field ?? '', file: e.file ?? '' },
        class: 'clickable', onclick: () => goToLine(e.line),
      },
      h('span', { class: 'where' }, `line ${e.line ?? '?'}`), ' ', h('span', { class: 'field-name' }, e.field || ''), h('div', {}, e.message),
      e.file && e.file !== 'body' ? h('div', { class: 'muted small' }, e.file) : null)))
        : h('div', { class: 'status-line ok', testid: 'rule-valid' }, '✓ valid'),
      warnings.length ? h('ul', { class: 'problems', testid: 'rule-warnings' }, warnings.map((w) => h('li', { class: 'warning' },
        typeof w === 'string' ? w : [w.line ? h('span', { class: 'where' }, `line ${w.line} `) : null, w.field ? h('span', { class: 'field-name' }, `${w.field} `) : null, w.message ?? JSON.stringify(w)]))) : null);
  }

  function goToLine(line) {
    if (!line) return;
    const lines = editor.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((a, l) => a + l.length + 1, 0);
    editor.focus();
    editor.setSelectionRange(start, start + (lines[line - 1] || '').length);
  }

  let validation = 0;
  async function validate() {
    const mine = ++validation;
    try {
      const r = await api.validateRule(editor.value);
      if (mine !== validation) return r;
      showProblems(r.errors || [], r.warnings || []);
      return r;
    } catch (e) {
      if (mine === validation) clear(problems, errorBox(e));
      return null;
    }
  }
  const validateSoon = debounce(validate, 350);
  editor.addEventListener('input', () => {
    paintGutter();
    status.textContent = editor.value === saved ? '' : 'unsaved changes';
    status.className = 'status-line';
    validateSoon();
  });

  function paintRule(r) {
    rule = r;
    modeBadge.textContent = r.mode;
    modeBadge.className = `badge ${r.mode}`;
    modeBadge.dataset.mode = r.mode;
    toggle.textContent = r.mode === 'shadow' ? 'Switch to enforce' : 'Switch to shadow';
    toggle.dataset.target = r.mode === 'shadow' ? 'enforce' : 'shadow';
    clear(summary, h('dl', { class: 'facts' },
      h('dt', {}, 'Description'), h('dd', {}, r.description || '–'),
      h('dt', {}, 'Action'), h('dd', {}, badge(r.action, r.action), ` severity ${r.severity}`),
      h('dt', {}, 'Condition'), h('dd', { class: 'mono' }, condition(r)),
      h('dt', {}, 'Features'), h('dd', {}, (r.features || []).length ? r.features.map((f) => h('a', { class: 'badge', href: `#/features/${f}` }, `#${f}`)) : '–'),
      h('dt', {}, 'Hold back'), h('dd', {}, String(r.hold_back)),
      h('dt', {}, 'Monitor failure'), h('dd', {}, r.on_monitor_failure),
      h('dt', {}, 'File'), h('dd', { class: 'mono small' }, `${basename(r.file)}:${r.line}`)));
  }

  async function save(yaml = editor.value, what = 'Saved') {
    status.className = 'status-line';
    status.textContent = 'saving…';
    try {
      const r = await api.putRule(id, yaml);
      saved = yaml;
      editor.value = yaml;
      paintGutter();
      paintRule({ ...rule, ...r });
      status.className = 'status-line ok';
      status.textContent = `${what} — the rule serves now.`;
      showProblems([], r.warnings || []);
      return true;
    } catch (e) {
      status.className = 'status-line bad';
      status.textContent = 'Not saved: the server refused the rule.';
      const found = parseProblems(e.message);
      if (found.length) showProblems(found, [], null);
      else clear(problems, errorBox(e, 'rule-save-error'));
      return false;
    }
  }

  async function toggleMode() {
    const target = toggle.dataset.target;
    toggle.disabled = true;
    await save(withMode(editor.value, target), `Now in ${target} mode`);
    toggle.disabled = false;
  }

  /** The serving rules with this one replaced by the editor's text: how it would have judged. */
  async function replay() {
    replayButton.disabled = true;
    clear(replayOut, loading('Replaying…'));
    replayOut.dataset.state = 'running';
    try {
      const list = await api.rules();
      const others = await Promise.all(list.data.filter((r) => r.id !== id).map((r) => api.rule(r.id).then((x) => x.source)));
      const limit = Number(replayLimit.value) || 50;
      const r = await api.replay({ limit, rules: [editor.value, ...others].join('\n---\n') });
      const mine = r.rules?.[id] || Object.values(r.rules || {})[0] || { hits_before: 0, hits_after: 0, records_before: 0, records_after: 0 };
      const s = r.summary;
      const count = (label, value, testid) => h('div', { class: 'count' }, h('b', { testid, dataset: { value } }, String(value)), h('span', {}, label));
      clear(replayOut,
        h('div', { class: 'muted small' }, `Over the last ${s.examined} exchange(s), with the editor's version of ${id} and the other rules as they serve now:`),
        h('div', { class: 'counts' },
          count(`hits of ${id} then`, mine.hits_before, 'replay-hits-before'),
          count(`hits of ${id} now`, mine.hits_after, 'replay-hits-after'),
          count('exchanges hit then', mine.records_before, 'replay-records-before'),
          count('exchanges hit now', mine.records_after, 'replay-records-after')),
        h('div', { class: 'counts' },
          count('examined', s.examined, 'replay-examined'),
          count('changed', s.changed, 'replay-changed'),
          count('newly blocked', s.newly_blocked, 'replay-newly-blocked'),
          count('unblocked', s.unblocked, 'replay-unblocked'),
          count('newly flagged', s.newly_flagged, 'replay-newly-flagged'),
          count('newly steered', s.newly_steered, 'replay-newly-steered')),
        (r.records || []).length ? h('table', { testid: 'replay-records' },
          h('thead', {}, h('tr', {}, ['Exchange', 'Newly firing', 'No longer firing', 'Block'].map((t) => h('th', {}, t)))),
          h('tbody', {}, r.records.map((x) => h('tr', {},
            h('td', { class: 'mono small' }, h('a', { href: `#/exchange/${encodeURIComponent(x.id)}` }, x.id)),
            h('td', {}, (x.newly_firing || []).map((t) => badge(t, 'flag'))),
            h('td', {}, (x.no_longer_firing || []).map((t) => badge(t))),
            h('td', {}, x.newly_blocked ? badge('newly blocked', 'block') : x.unblocked ? badge('unblocked', 'ok') : ''))))) : null,
        h('p', { class: 'help' }, r.limits));
      replayOut.dataset.state = 'done';
    } catch (e) {
      clear(replayOut, errorBox(e, 'replay-error'));
      replayOut.dataset.state = 'error';
    }
    replayButton.disabled = false;
  }

  clear(el,
    h('div', { class: 'view-head' }, h('h1', {}, 'Rule ', h('span', { class: 'mono', testid: 'rule-id' }, id)), modeBadge, toggle,
      h('span', { class: 'spacer' }),
      h('a', { href: `#/traffic?rule=${encodeURIComponent(id)}`, class: 'small' }, 'Its traffic'), ' · ',
      h('a', { href: `#/audit?q=${encodeURIComponent(`rule:"${id}"`)}`, class: 'small' }, 'Its exchanges'), ' · ',
      h('a', { href: '#/rules', class: 'small' }, 'All rules')),
    h('div', { class: 'panel' }, summary),
    h('div', { class: 'panel' },
      h('h2', {}, 'YAML'),
      h('div', { class: 'editor-wrap' },
        h('div', {},
          h('div', { class: 'editor' }, gutter, editor),
          h('div', { class: 'row', style: { 'margin-top': '8px' } },
            h('button', { class: 'primary', testid: 'rule-save', onclick: () => save() }, 'Save'),
            h('button', { testid: 'rule-validate', onclick: () => validate() }, 'Validate'),
            h('button', { testid: 'rule-revert', onclick: () => { editor.value = saved; paintGutter(); status.textContent = ''; validate(); } }, 'Revert'),
            status)),
        h('div', {}, h('h3', { style: { 'margin-top': 0 } }, 'Problems'), problems))),
    h('div', { class: 'panel' },
      h('h2', {}, 'Replay'),
      h('div', { class: 'row' }, 'How the editor’s version (saved or not) would have judged the last', replayLimit, 'exchanges', replayButton),
      replayOut));

  paintRule(rule);
  paintGutter();
  validate();
  return () => validateSoon.cancel();
}
