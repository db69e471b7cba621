// Inline SVG charts: a histogram, stacked bars over time, horizontal bars. No library.
import { h, s, fmtNum, fmtPct } from './dom.js';

const PALETTE = ['#2563eb', '#d97706', '#7c3aed', '#0f766e', '#c0262d', '#0891b2', '#65a30d', '#db2777', '#4b5563'];

const assigned = new Map();

/** A colour per name (rule id, say), the same for the page's life: palette colours in order of first use. */
export function colour(name) {
  if (!assigned.has(name)) assigned.set(name, PALETTE[assigned.size % PALETTE.length]);
  return assigned.get(name);
}

function niceMax(v) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

/** Activation histogram: edges (n + 1 bin edges), counts (n). */
export function histogram(edges, counts, { width = 520, height = 180, testid = 'histogram', marker = null } = {}) {
  const pad = { l: 44, r: 10, t: 10, b: 26 };
  const w = width - pad.l - pad.r;
  const hgt = height - pad.t - pad.b;
  const max = niceMax(Math.max(1, ...counts));
  const lo = edges[0];
  const hi = edges[edges.length - 1];
  const x = (v) => pad.l + ((v - lo) / (hi - lo || 1)) * w;
  const y = (c) => pad.t + hgt - (c / max) * hgt;
  const svg = s('svg', { class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'activation histogram', 'data-testid': testid });
  for (const f of [0, 0.5, 1]) {
    svg.append(s('line', { class: 'gridline', x1: pad.l, x2: pad.l + w, y1: y(max * f), y2: y(max * f) }),
      s('text', { x: pad.l - 6, y: y(max * f) + 3, 'text-anchor': 'end' }, fmtCount(max * f)));
  }
  counts.forEach((c, i) => {
    const x0 = x(edges[i]);
    const x1 = x(edges[i + 1]);
    svg.append(s('rect', { x: x0 + 0.5, y: y(c), width: Math.max(1, x1 - x0 - 1), height: pad.t + hgt - y(c), fill: 'rgb(255,122,0)', 'fill-opacity': 0.8, 'data-testid': 'histogram-bar', 'data-count': c },
      s('title', {}, `${fmtNum(edges[i])} – ${fmtNum(edges[i + 1])}: ${c} tokens`)));
  });
  svg.append(s('line', { class: 'axis', x1: pad.l, x2: pad.l + w, y1: pad.t + hgt, y2: pad.t + hgt }));
  const ticks = 5;
  for (let i = 0; i <= ticks; i++) {
    const v = lo + ((hi - lo) * i) / ticks;
    svg.append(s('text', { x: x(v), y: height - 8, 'text-anchor': 'middle' }, fmtNum(v, 2)));
  }
  if (marker !== null && marker >= lo && marker <= hi) {
    svg.append(s('line', { x1: x(marker), x2: x(marker), y1: pad.t, y2: pad.t + hgt, stroke: '#c0262d', 'stroke-dasharray': '4 3' },
      s('title', {}, `rule threshold ${marker}`)));
  }
  return svg;
}

function fmtCount(v) {
  return v >= 1000 ? `${(v / 1000).toFixed(v >= 10000 ? 0 : 1)}k` : String(Math.round(v));
}

/**
 * Stacked bars per time bucket. buckets: [{ t: Date, values: { series: n } }], series: names.
 */
export function stackedBars(buckets, series, { width = 640, height = 170, testid = 'stacked-bars', unit = '' } = {}) {
  const pad = { l: 34, r: 8, t: 10, b: 24 };
  const w = width - pad.l - pad.r;
  const hgt = height - pad.t - pad.b;
  const totals = buckets.map((b) => series.reduce((a, k) => a + (b.values[k] || 0), 0));
  const max = niceMax(Math.max(1, ...totals));
  const bw = w / Math.max(1, buckets.length);
  const y = (v) => pad.t + hgt - (v / max) * hgt;
  const svg = s('svg', { class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'data-testid': testid });
  for (const f of [0, 0.5, 1]) {
    svg.append(s('line', { class: 'gridline', x1: pad.l, x2: pad.l + w, y1: y(max * f), y2: y(max * f) }),
      s('text', { x: pad.l - 5, y: y(max * f) + 3, 'text-anchor': 'end' }, fmtCount(max * f)));
  }
  buckets.forEach((b, i) => {
    let acc = 0;
    for (const k of series) {
      const v = b.values[k] || 0;
      if (!v) continue;
      svg.append(s('rect', { x: pad.l + i * bw + 1, y: y(acc + v), width: Math.max(1, bw - 2), height: y(acc) - y(acc + v), fill: colour(k), 'data-series': k, 'data-value': v },
        s('title', {}, `${b.t.toLocaleTimeString([], { hour12: false, hour: '2-digit', minute: '2-digit' })} ${k}: ${v}${unit}`)));
      acc += v;
    }
  });
  svg.append(s('line', { class: 'axis', x1: pad.l, x2: pad.l + w, y1: pad.t + hgt, y2: pad.t + hgt }));
  const every = Math.max(1, Math.ceil(buckets.length / 6));
  buckets.forEach((b, i) => {
    if (i % every === 0 || i === buckets.length - 1) {
      svg.append(s('text', { x: pad.l + i * bw + bw / 2, y: height - 7, 'text-anchor': 'middle' },
        b.t.toLocaleTimeString([], { hour12: false, hour: '2-digit', minute: '2-digit' })));
    }
  });
  return svg;
}

export function legend(series) {
  return h('div', { class: 'chart-legend' }, series.map((k) => h('span', {}, h('i', { style: { background: colour(k) } }), k)));
}

/**
 * Horizontal bars: items [{ label, value, marker?, href?, title? }], values as fractions.
 * marker: a second value drawn as a tick (the dictionary's density, say).
 */
export function hbars(items, { width = 520, testid = 'hbars', format = fmtPct, markerLabel = '' } = {}) {
  const row = 22;
  const pad = { l: 110, r: 70, t: 4, b: 4 };
  const height = pad.t + pad.b + row * Math.max(1, items.length);
  const w = width - pad.l - pad.r;
  const max = Math.max(1e-9, ...items.map((i) => Math.max(i.value || 0, i.marker || 0))) * 1.05;
  const svg = s('svg', { class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'data-testid': testid });
  items.forEach((it, i) => {
    const y0 = pad.t + i * row;
    const label = s('text', { x: pad.l - 6, y: y0 + 14, 'text-anchor': 'end' }, it.label);
    svg.append(it.href ? s('a', { href: it.href }, label) : label);
    svg.append(s('rect', { x: pad.l, y: y0 + 4, width: w, height: 12, fill: '#eef0f3', rx: 3 }));
    svg.append(s('rect', { x: pad.l, y: y0 + 4, width: Math.max(0, (it.value / max) * w), height: 12, fill: it.colour || 'rgb(255,122,0)', rx: 3,
      'data-testid': `${testid}-bar`, 'data-label': it.label, 'data-value': it.value }, s('title', {}, it.title || `${it.label}: ${format(it.value)}`)));
    if (it.marker !== undefined && it.marker !== null) {
      const mx = pad.l + (it.marker / max) * w;
      svg.append(s('line', { x1: mx, x2: mx, y1: y0 + 1, y2: y0 + 19, stroke: '#111827', 'stroke-width': 2 },
        s('title', {}, `${markerLabel}${format(it.marker)}`)));
    }
    svg.append(s('text', { x: pad.l + w + 6, y: y0 + 14 }, format(it.value)));
  });
  return svg;
}
