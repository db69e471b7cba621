// The hash router: #/traffic, #/exchange/<id>, #/features, #/features/<id>, #/steer, #/rules,
// #/rules/<id>, #/audit (an optional ?query after the path). Each view renders into a fresh
// container and may return a cleanup function, called when the route changes.
import { api, setApiKey } from './api.js';
import { h, errorBox } from './dom.js';
import * as traffic from './traffic.js';
import * as exchange from './exchange.js';
import * as features from './features.js';
import * as steering from './steering.js';
import * as rules from './rules.js';
import * as audit from './audit.js';

const routes = [
  { pattern: /^\/?(?:traffic)?$/, view: 'traffic', nav: 'traffic', render: traffic.render },
  { pattern: /^\/exchange\/(.+)$/, view: 'exchange', nav: 'traffic', render: exchange.render },
  { pattern: /^\/features$/, view: 'features', nav: 'features', render: features.renderSearch },
  { pattern: /^\/features\/(\d+)$/, view: 'feature', nav: 'features', render: features.renderFeature },
  { pattern: /^\/steer$/, view: 'steer', nav: 'steer', render: steering.render },
  { pattern: /^\/rules$/, view: 'rules', nav: 'rules', render: rules.renderList },
  { pattern: /^\/rules\/(.+)$/, view: 'rule', nav: 'rules', render: rules.renderRule },
  { pattern: /^\/audit$/, view: 'audit', nav: 'audit', render: audit.render },
];

let cleanup = null;
let routeToken = 0;

function route() {
  const hash = location.hash.replace(/^#/, '');
  const [path, qs = ''] = hash.split('?');
  const main = document.getElementById('view');
  if (cleanup) { try { cleanup(); } catch { /* a view's cleanup must not stop navigation */ } cleanup = null; }
  const container = h('section', { class: 'view' });
  main.replaceChildren(container);
  for (const r of routes) {
    const m = path.match(r.pattern);
    if (!m) continue;
    container.dataset.testid = `view-${r.view}`;
    document.body.dataset.view = r.view;
    document.querySelectorAll('.nav a[data-nav]').forEach((a) => a.classList.toggle('active', a.dataset.nav === r.nav));
    const params = m.slice(1).map((p) => decodeURIComponent(p));
    const token = ++routeToken;
    try {
      // A view may be async; its cleanup counts only while its route is still the current one.
      Promise.resolve(r.render(container, { params, query: new URLSearchParams(qs) })).then((result) => {
        if (typeof result !== 'function') return;
        if (token === routeToken) cleanup = result;
        else result();
      }, (e) => container.append(errorBox(e)));
    } catch (e) {
      container.append(errorBox(e));
    }
    return;
  }
  container.dataset.testid = 'view-not-found';
  container.append(h('h1', {}, 'Not found'), h('p', {}, 'No view at ', h('code', {}, location.hash), '. ',
    h('a', { href: '#/traffic' }, 'Back to live traffic')));
}

async function modelInfo() {
  try {
    const m = (await api.models()).data[0];
    const fw = m.featurewatch || {};
    document.getElementById('model-info').textContent =
      `model ${m.id} · SAE ${fw.d_sae ?? '?'} features at ${fw.sae_hook ?? '?'} · probes ${(fw.probes || []).join(', ') || 'none'}`;
  } catch { /* the footer is optional */ }
}

// The dashboard honours the API's keys: a key typed here is kept for this browser tab only
// (sessionStorage) and sent with every call; the page itself holds no secret.
const KEY = 'featurewatch.apiKey';

function useKey(key) {
  setApiKey(key);
  if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY);
  document.getElementById('key-state').textContent = key ? 'key set' : '';
}

document.getElementById('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = document.getElementById('api-key');
  useKey(input.value.trim());
  input.value = '';
  route();
  modelInfo();
});

useKey(sessionStorage.getItem(KEY));
window.addEventListener('hashchange', route);
route();
modelInfo();
