// The feature explorer: dictionary search (Lucene syntax) and one feature's page.
import { api } from './api.js';
import { h, clear, badge, errorBox, loading, fmtNum, fmtPct, tokenText, ruleLink } from './dom.js';
import { histogram } from './charts.js';

const EXAMPLES = ['label:dna', 'concept:deception', 'confidence:[0.9 TO 1]', 'tokens:Gate', 'index:1250', 'label:*'];

export function renderSearch(el, { query }) {
  const q = query.get('q') ?? 'label:*';
  const input = h('input', { class: 'query', testid: 'feature-query', value: q, placeholder: 'label:dna AND confidence:[0.8 TO 1]', 'aria-label': 'feature query' });
  const goId = h('input', { type: 'number', min: 0, placeholder: 'feature id', testid: 'feature-goto-id', style: { width: '120px' } });
  const results = h('div', { testid: 'feature-results' });
  const run = (text) => {
    history.replaceState(null, '', `#/features?q=${encodeURIComponent(text)}`);
    search(text);
  };
  el.append(
    h('div', { class: 'view-head' }, h('h1', {}, 'Features'), h('span', { class: 'sub' }, 'the SAE dictionary: labels, densities, top examples')),
    h('div', { class: 'panel' },
      h('div', { class: 'row' },
        h('form', { class: 'row', style: { flex: '1' }, testid: 'feature-search-form', onsubmit: (e) => { e.preventDefault(); run(input.value); } },
          input, h('button', { class: 'primary', type: 'submit', testid: 'feature-search' }, 'Search')),
        h('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); if (goId.value !== '') location.hash = `#/features/${goId.value}`; } },
          goId, h('button', { type: 'submit', testid: 'feature-goto' }, 'Open'))),
      h('p', { class: 'help' }, 'Fields: label, explanation, concept, tokens, index, density, max_activation, confidence. Try ',
        EXAMPLES.map((x) => [h('code', { onclick: () => { input.value = x; run(x); } }, x), ' ']))),
    h('div', { class: 'panel' }, results));

  async function search(text) {
    clear(results, loading('Searching…'));
    try {
      const r = await api.featureSearch(text || '*', 200);
      if (!r.data.length) {
        clear(results, h('div', { class: 'empty', testid: 'feature-results-empty' }, 'No feature matches.'));
        return;
      }
      clear(results, h('div', { class: 'muted small', testid: 'feature-results-count' }, `${r.data.length} features`),
        h('table', {},
          h('thead', {}, h('tr', {}, ['Feature', 'Label', 'Concept', 'Confidence', 'Density', 'Max activation'].map((t, i) => h('th', { class: i >= 3 ? 'num' : null }, t)))),
          h('tbody', {}, r.data.map((f) => h('tr', { class: 'clickable', testid: 'feature-result', dataset: { index: f.index }, onclick: () => { location.hash = `#/features/${f.index}`; } },
            h('td', {}, h('a', { href: `#/features/${f.index}`, testid: 'feature-link' }, `#${f.index}`)),
            h('td', {}, f.label || h('span', { class: 'muted' }, 'unlabelled')),
            h('td', {}, f.concept || ''),
            h('td', { class: 'num' }, f.confidence == null ? '–' : fmtNum(f.confidence, 3)),
            h('td', { class: 'num' }, fmtPct(f.density)),
            h('td', { class: 'num' }, fmtNum(f.max_activation, 2)))))));
    } catch (e) {
      clear(results, errorBox(e, 'feature-search-error'));
    }
  }
  search(q);
}

/** Tokens of an example, each shaded by its value relative to the feature's max activation. */
function example(ex, maxActivation) {
  const top = Math.max(maxActivation || 0, ex.max_value || 0) || 1;
  return h('div', { class: 'example', testid: 'feature-example', dataset: { sequence: ex.sequence_id } },
    ex.tokens.map((t, i) => {
      const v = ex.values?.[i] ?? 0;
      return h('span', {
        class: ['tok', i === ex.max_value_token_index && 'max'], dataset: { value: v.toFixed(4) },
        style: { '--a': (Math.max(0, Math.min(1, v / top)) * 0.85).toFixed(3) }, title: `${JSON.stringify(t)}: ${fmtNum(v)}`,
      }, tokenText(t));
    }),
    h('span', { class: 'muted small' }, `  max ${fmtNum(ex.max_value, 2)} · ${ex.sequence_id}`));
}

function tokenChips(strs = [], values = [], kind, testid) {
  if (!strs.length) return h('div', { class: 'muted small', testid }, 'none recorded');
  return h('div', { class: 'token-list', testid }, strs.map((t, i) => h('span', { class: ['token-chip', kind], title: fmtNum(values[i]) },
    JSON.stringify(t).slice(1, -1), h('span', { class: 'muted' }, ` ${values[i] > 0 ? '+' : ''}${fmtNum(values[i], 2)}`))));
}

export async function renderFeature(el, { params }) {
  const id = Number(params[0]);
  el.append(loading());
  let f;
  let metrics = null;
  let rules = [];
  try {
    [f, metrics, rules] = await Promise.all([api.feature(id), api.metrics().catch(() => null), api.rules().then((r) => r.data).catch(() => [])]);
  } catch (e) {
    clear(el, h('h1', {}, `Feature #${id}`), errorBox(e, 'feature-error'));
    return;
  }
  const monitored = metrics?.featurewatch_monitored_tokens_total?.[0]?.value || 0;
  const active = metrics?.featurewatch_feature_active_tokens_total?.find((m) => Number(m.labels.feature) === id)?.value;
  const usedBy = f.rules || [];
  const thresholds = rules.filter((r) => usedBy.includes(r.id) && r.aggregate === 'max').map((r) => r.threshold);
  const facts = h('dl', { class: 'facts', testid: 'feature-facts' },
    h('dt', {}, 'Label'), h('dd', { testid: 'feature-label' }, f.label || 'unlabelled'),
    h('dt', {}, 'Concept'), h('dd', {}, f.concept || '–'),
    h('dt', {}, 'Confidence'), h('dd', { testid: 'feature-confidence' }, f.confidence == null ? '–' : `${fmtNum(f.confidence, 3)} (token-level AUROC)`),
    h('dt', {}, 'Density'), h('dd', { testid: 'feature-density' }, fmtPct(f.density, 2)),
    h('dt', {}, 'Max activation'), h('dd', { testid: 'feature-max' }, fmtNum(f.max_activation, 3)),
    f.mean_activation_positive != null ? [h('dt', {}, 'Mean (positive)'), h('dd', {}, fmtNum(f.mean_activation_positive, 3))] : null,
    f.explanation ? [h('dt', {}, 'Explanation'), h('dd', {}, f.explanation)] : null,
    active !== undefined && monitored ? [h('dt', {}, 'Live rate'), h('dd', { testid: 'feature-live-rate' }, `${fmtPct(active / monitored)} of ${monitored} monitored tokens`)] : null);
  const concepts = (f.concept_scores || []).length ? h('table', { testid: 'feature-concepts' },
    h('tbody', {}, f.concept_scores.map((c) => h('tr', {}, h('td', {}, c.concept), h('td', { style: { width: '55%' } },
      h('div', { class: 'bar' }, h('span', { style: { width: `${Math.max(0, (c.auroc - 0.5) * 2) * 100}%` } }))),
    h('td', { class: 'num' }, fmtNum(c.auroc, 3)))))) : h('div', { class: 'muted small' }, 'No concept scores.');
  const hist = f.histogram?.edges?.length
    ? histogram(f.histogram.edges, f.histogram.counts, { testid: 'feature-histogram', marker: thresholds.length ? Math.min(...thresholds) : null })
    : h('div', { class: 'muted', testid: 'feature-histogram' }, 'No histogram in the dictionary.');

  clear(el,
    h('div', { class: 'view-head' },
      h('h1', { testid: 'feature-title' }, `Feature #${id}`, f.label ? ` · ${f.label}` : ''),
      f.label ? badge(f.label, 'flag') : badge('unlabelled'),
      h('span', { class: 'spacer' }),
      h('a', { href: `#/steer?feature=${id}`, testid: 'feature-steer' }, 'Steer with it'), ' · ',
      h('a', { href: `#/audit?q=${encodeURIComponent(`feature:${id}`)}`, testid: 'feature-audit' }, 'Exchanges where it fired'), ' · ',
      h('a', { href: '#/features' }, 'Search')),
    h('div', { class: 'grid2' },
      h('div', { class: 'panel', testid: 'feature-detail', dataset: { index: id } }, facts,
        h('h3', {}, 'Rules that read it'),
        h('div', { testid: 'feature-rules' }, usedBy.length ? usedBy.map((r) => ruleLink(r)) : h('span', { class: 'muted small' }, 'No rule reads this feature.')),
        h('h3', {}, 'Concept scores (AUROC)'), concepts),
      h('div', { class: 'panel' }, h('h2', {}, 'Activation histogram'), hist,
        h('div', { class: 'muted small' }, 'Tokens of the dictionary corpus by activation, where active.',
          thresholds.length ? ' Dashed: the lowest threshold of a rule that reads it.' : ''))),
    h('div', { class: 'grid2' },
      h('div', { class: 'panel' }, h('h2', {}, 'Top promoted tokens'), tokenChips(f.pos_str, f.pos_values, 'pos', 'feature-promoted')),
      h('div', { class: 'panel' }, h('h2', {}, 'Top suppressed tokens'), tokenChips(f.neg_str, f.neg_values, 'neg', 'feature-suppressed'))),
    h('div', { class: 'panel' }, h('h2', {}, 'Top activating examples'),
      h('div', { testid: 'feature-examples' }, (f.top_examples || []).length
        ? f.top_examples.map((ex) => example(ex, f.max_activation))
        : h('div', { class: 'muted' }, 'No examples recorded.'))));
}
