// Small DOM helpers. Text always goes in as text nodes (prompts and answers are untrusted).

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'testid') el.setAttribute('data-testid', v);
    else if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else if (k === 'dataset') Object.entries(v).forEach(([dk, dv]) => { if (dv !== undefined && dv !== null) el.dataset[dk] = dv; });
    else if (k === 'style' && typeof v === 'object') Object.entries(v).forEach(([sk, sv]) => el.style.setProperty(sk, sv));
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else if (k === 'checked' || k === 'disabled' || k === 'selected') el[k] = !!v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** h('div', {class, testid, onclick, ...}, ...children) */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** The same for SVG elements. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function badge(text, kind, attrs = {}) {
  return h('span', { class: ['badge', kind], ...attrs }, text);
}

export function errorBox(err, testid = 'error') {
  const where = err?.param ? ` (${err.param})` : '';
  return h('div', { class: 'error', testid, role: 'alert' }, `${err?.message || err}${where}`);
}

export function loading(text = 'Loading…') {
  return h('div', { class: 'empty', testid: 'loading' }, text);
}

export function fmtTime(iso, withDate = false) {
  if (!iso) return '';
  const d = new Date(iso);
  const t = d.toLocaleTimeString([], { hour12: false });
  return withDate ? `${d.toLocaleDateString()} ${t}` : t;
}

export function fmtNum(x, digits = 3) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (typeof x !== 'number') return String(x);
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(1) : x.toFixed(digits);
}

export function fmtPct(x, digits = 2) {
  return x === null || x === undefined || Number.isNaN(x) ? '–' : `${(x * 100).toFixed(digits)}%`;
}

/** A token's text made visible: newlines as ↵ (with the break), an empty token as ∅. */
export function tokenText(text) {
  if (text === '') return '∅';
  return text.replace(/\n/g, '↵\n');
}

export function isSpecial(text) {
  return /^<\|[^|]*\|>$/.test(text);
}

/** Runs fn at most once every ms milliseconds (trailing call kept). */
export function throttle(fn, ms) {
  let timer = null;
  let last = 0;
  return (...args) => {
    const wait = last + ms - Date.now();
    clearTimeout(timer);
    if (wait <= 0) { last = Date.now(); fn(...args); } else timer = setTimeout(() => { last = Date.now(); fn(...args); }, wait);
  };
}

export function debounce(fn, ms) {
  let timer = null;
  const d = (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  d.cancel = () => clearTimeout(timer);
  return d;
}

/** The action badges of an exchange summary: enforced actions, then shadow ones. */
export function actionBadges(actions = [], shadow = []) {
  return [
    ...actions.map((a) => badge(a, a, { dataset: { action: a } })),
    ...shadow.map((a) => badge(`shadow ${a}`, 'shadow', { dataset: { shadowAction: a } })),
  ];
}

export function ruleLink(id) {
  return h('a', { href: `#/rules/${encodeURIComponent(id)}`, class: 'badge rule' }, id);
}
