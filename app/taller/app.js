// ayni taller: the workshop page. Plain JavaScript; every word comes from /api/config (src/workshop/messages.ts),
// every number from the server (src/workshop/cards.ts). Results stream in through /api/events.
const state = {
  config: null,
  lang: 'es',
  packages: [],
  active: 0,
  running: false,
  cards: null,
  timeline: null,
  map: null,
  geo: null,
};

const $ = (id) => document.getElementById(id);
const msg = (key, params = {}) =>
  (state.config.messages[state.lang][key] || key).replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
const text = (label) => (typeof label === 'string' ? label : label[state.lang]);

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'on') for (const [event, fn] of Object.entries(v)) node.addEventListener(event, fn);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) node.append(c);
  return node;
}

async function start() {
  state.config = await (await fetch('/api/config')).json();
  state.lang = state.config.lang;
  state.geo = await (await fetch('/geo/departamentos.json')).json();
  state.packages = [newPackage(1)];
  const base = $('base');
  for (const b of state.config.bases) base.append(el('option', { value: b.id, text: text(b.label) }));
  base.value = state.config.initialBase;
  base.addEventListener('change', () => {
    fillFutures();
    // The server reads the base and simulates its first futures while the room builds its packages.
    fetch('/api/prepare', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ base: base.value }) });
  });
  $('simulate').addEventListener('click', simulate);
  $('more').addEventListener('click', () => post('/api/more', {}));
  $('stop').addEventListener('click', () => post('/api/stop', {}));
  $('export').addEventListener('click', exportSession);
  $('lang-toggle').addEventListener('click', () => {
    state.lang = state.lang === 'es' ? 'en' : 'es';
    render();
  });
  $('map-measure').addEventListener('change', drawMap);
  $('map-show').addEventListener('change', drawMap);
  fillFutures();
  render();
  const events = new EventSource('/api/events');
  events.addEventListener('progress', (e) => onProgress(JSON.parse(e.data)));
  events.addEventListener('cards', (e) => {
    state.cards = JSON.parse(e.data);
    drawCards();
    fillMapShow();
  });
  events.addEventListener('timeline', (e) => {
    state.timeline = JSON.parse(e.data);
    drawTimeline();
  });
  events.addEventListener('map', (e) => {
    state.map = JSON.parse(e.data);
    fillMapShow();
    drawMap();
  });
  events.addEventListener('status', (e) => onStatus(JSON.parse(e.data)));
}

function newPackage(number) {
  return { number, label: '', levers: new Set(), values: {} };
}

function fillFutures() {
  const base = state.config.bases.find((b) => b.id === $('base').value);
  const select = $('futures');
  const chosen = base ? base.futures : 40;
  select.replaceChildren();
  for (const n of [5, 10, 20, 40, 100, 200, 400]) select.append(el('option', { value: n, text: String(n), selected: n === chosen }));
  select.value = String(chosen);
}

/** Everything whose words depend on the language. */
function render() {
  document.documentElement.lang = state.lang;
  $('title').textContent = msg('title');
  $('intro').textContent = msg('intro');
  $('lang-toggle').textContent = state.lang === 'es' ? 'English' : 'Español';
  $('base-heading').textContent = msg('baseHeading');
  $('base-label').textContent = msg('baseLabel');
  for (const option of $('base').options) {
    const b = state.config.bases.find((x) => x.id === option.value);
    option.textContent = text(b.label);
  }
  $('packages-heading').textContent = msg('packagesHeading');
  $('futures-label').textContent = msg('futuresLabel');
  $('simulate').textContent = msg('simulate');
  $('more').textContent = msg('simulateMore');
  $('stop').textContent = msg('stop');
  $('export').textContent = msg('exportSession');
  $('results-heading').textContent = msg('resultsHeading');
  $('map-heading').textContent = msg('mapHeading');
  $('map-measure-label').textContent = msg('mapOutcome');
  $('map-show-label').textContent = msg('mapShow');
  $('timeline-heading').textContent = msg('timelineHeading');
  $('timeline-note').textContent = msg('timelineNote');
  $('hypotheses-heading').textContent = msg('hypothesesHeading');
  const measure = $('map-measure');
  const chosen = measure.value || 'protests';
  measure.replaceChildren(...state.config.mapMeasures.map((m) => el('option', { value: m, text: msg(m) })));
  measure.value = chosen;
  renderPackages();
  fillMapShow();
  drawCards();
  drawMap();
  drawTimeline();
  drawHypotheses();
  updateButtons();
}

function renderPackages() {
  const tabs = $('package-tabs');
  tabs.setAttribute('aria-label', msg('packagesHeading'));
  tabs.replaceChildren(
    ...state.packages.map((p, i) =>
      el('button', {
        type: 'button',
        'aria-pressed': String(i === state.active),
        text: p.label || `${state.lang === 'es' ? 'Paquete' : 'Package'} ${p.number}`,
        on: {
          click: () => {
            state.active = i;
            renderPackages();
          },
        },
      }),
    ),
  );
  if (state.packages.length < state.config.maxPackages)
    tabs.append(el('button', { type: 'button', id: 'add-package', text: `+ ${msg('addPackage')}`, on: { click: addPackage } }));
  const p = state.packages[state.active];
  const fieldset = el('fieldset', {}, [el('legend', { text: msg('leversLegend') })]);
  const name = el('input', {
    type: 'text',
    id: 'package-name',
    value: p.label,
    maxlength: 80,
    on: {
      input: (e) => {
        p.label = e.target.value;
        const tab = tabs.children[state.active];
        tab.textContent = p.label || `${state.lang === 'es' ? 'Paquete' : 'Package'} ${p.number}`;
      },
    },
  });
  const editor = $('package-editor');
  editor.replaceChildren(el('label', { for: 'package-name', text: msg('packageName') }), name, fieldset);
  for (const lever of state.config.levers) {
    const id = `lever-${lever.id}`;
    const box = el('input', {
      type: 'checkbox',
      id,
      'data-lever': lever.id,
      checked: p.levers.has(lever.id),
      'aria-describedby': `${id}-explain`,
      on: {
        change: (e) => {
          if (e.target.checked) p.levers.add(lever.id);
          else p.levers.delete(lever.id);
          renderPackages();
          updateButtons();
        },
      },
    });
    const row = el('div', { class: 'lever' }, [
      el('label', { class: 'name', for: id }, [box, el('span', { text: text(lever.name) })]),
      el('p', { class: 'explain', id: `${id}-explain`, text: text(lever.explanation) }),
    ]);
    if (p.levers.has(lever.id))
      for (const s of lever.sliders) {
        const value = p.values[lever.id]?.[s.key] ?? s.value;
        const sid = `${id}-${s.key}`;
        const output = el('output', { for: sid, text: showSlider(s, value) });
        const input = el('input', {
          type: 'range',
          id: sid,
          min: s.min,
          max: s.max,
          step: s.step,
          value,
          on: {
            input: (e) => {
              p.values[lever.id] ??= {};
              p.values[lever.id][s.key] = Number(e.target.value);
              output.textContent = showSlider(s, Number(e.target.value));
            },
          },
        });
        row.append(el('div', { class: 'slider' }, [el('label', { for: sid }, [`${text(s.name)}: `, output]), input]));
      }
    fieldset.append(row);
  }
  if (state.packages.length > 1)
    editor.append(el('button', { type: 'button', class: 'quiet', text: msg('removePackage'), on: { click: removePackage } }));
}

function showSlider(s, value) {
  return s.show === 'percent' ? `${Math.round(value * 100)}%` : String(Math.round(value * 100) / 100);
}

function addPackage() {
  const used = new Set(state.packages.map((p) => p.number));
  let n = 1;
  while (used.has(n)) n++;
  state.packages.push(newPackage(n));
  state.active = state.packages.length - 1;
  renderPackages();
  updateButtons();
  $('package-name').focus();
}

function removePackage() {
  state.packages.splice(state.active, 1);
  state.active = Math.max(0, state.active - 1);
  renderPackages();
  updateButtons();
}

function updateButtons() {
  const ready = state.packages.every((p) => p.levers.size > 0);
  $('simulate').disabled = state.running || !ready;
  $('more').disabled = state.running || !state.cards;
  $('stop').disabled = !state.running;
  $('export').disabled = state.running || !state.cards;
}

async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const reply = await response.json();
  if (!response.ok) {
    $('status').textContent = msg('errorPrefix') + (reply.error || response.status);
    return null;
  }
  if (path === '/api/simulate' || path === '/api/more') {
    state.running = true;
    $('progress').hidden = false;
    $('progress').value = 0;
    updateButtons();
  }
  return reply;
}

function simulate() {
  state.cards = null;
  state.map = null;
  state.timeline = null;
  drawCards();
  drawMap();
  drawTimeline();
  post('/api/simulate', {
    base: $('base').value,
    futures: Number($('futures').value),
    packages: state.packages.map((p) => ({
      number: p.number,
      ...(p.label.trim() ? { label: p.label.trim() } : {}),
      levers: [...p.levers],
      values: p.values,
    })),
  });
}

async function exportSession() {
  const reply = await post('/api/export', {});
  if (reply) $('status').textContent = msg('exported', { dir: reply.dir });
}

function onProgress(p) {
  state.running = true;
  $('progress').hidden = false;
  $('progress').value = p.total > 0 ? p.done / p.total : 0;
  $('status').textContent = msg('progress', { futures: p.futures, percent: p.total > 0 ? Math.floor((100 * p.done) / p.total) : 0 });
  updateButtons();
}

function onStatus(s) {
  state.running = false;
  $('progress').hidden = true;
  if (s.type === 'done') $('status').textContent = msg('progressDone', { n: s.futures });
  else if (s.type === 'stopped') $('status').textContent = msg('stopped');
  else $('status').textContent = msg('errorPrefix') + (s.message || '');
  updateButtons();
}

// ---- cards: one row per outcome, one column per package ---------------------------------

function drawCards() {
  const box = $('cards');
  if (!state.cards) {
    box.replaceChildren();
    return;
  }
  const { packages } = state.cards;
  const cards = state.cards.cards[state.lang];
  box.style.gridTemplateColumns = `minmax(7rem, 10rem) repeat(${packages.length}, minmax(0, 1fr))`;
  const nodes = [el('div', { class: 'col-head base-head' }, [msg('baseColumn'), el('small', { text: text(state.cards.base) })])];
  for (const p of packages) nodes.push(el('div', { class: 'col-head', text: text(p.label) }));
  for (const outcome of state.config.outcomes) {
    const row = cards.filter((c) => c.outcome === outcome.outcome);
    if (row.length === 0) continue;
    nodes.push(el('div', { class: 'row-head' }, [text(outcome.name), el('small', { text: text(outcome.detail) })]));
    const all = row.flatMap((c) => c.dots).concat([0]);
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    for (const p of packages) {
      const c = row.find((x) => x.variant === p.name);
      nodes.push(c ? card(c, lo, hi) : el('div'));
    }
  }
  box.replaceChildren(...nodes);
}

function card(c, lo, hi) {
  return el(
    'article',
    {
      class: `card ${c.status}`,
      'data-variant': c.variant,
      'data-outcome': c.outcome,
      'data-mean': c.mean,
      'data-low': c.low,
      'data-high': c.high,
      'data-n': c.n,
      'data-status': c.status,
      'aria-label': `${c.name}: ${c.verdict}. ${c.difference}, ${c.interval}. ${c.sentence}`,
    },
    [
      el('div', { class: 'verdict', text: c.verdict }),
      el('div', { class: 'diff', text: c.difference }),
      el('p', { class: 'ci' }, [c.interval, ' · ', el('span', { class: 'futures', text: msg('futures', { n: c.n }) })]),
      dotPlot(c.dots, lo, hi, c.status),
      el('p', { class: 'sentence', text: c.sentence }),
    ],
  );
}

/** A quantile dot plot: each of the 20 dots is 5% of the paired differences, stacked where they fall. */
function dotPlot(dots, lo, hi, status) {
  const ns = 'http://www.w3.org/2000/svg';
  const width = 200;
  const r = 3.4;
  const span = hi - lo || 1;
  const x = (v) => 6 + ((v - lo) / span) * (width - 12);
  const stacks = new Map();
  const placed = dots.map((v) => {
    const bin = Math.round(x(v) / (2 * r));
    const level = stacks.get(bin) || 0;
    stacks.set(bin, level + 1);
    return { bin, level };
  });
  const height = Math.max(30, 2 * r * Math.max(0, ...stacks.values()) + 2);
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('aria-hidden', 'true');
  const colour = status === 'better' ? '#0b5394' : status === 'worse' ? '#a33a00' : '#4a4a4a';
  for (const { bin, level } of placed) {
    const dot = document.createElementNS(ns, 'circle');
    for (const [k, val] of Object.entries({ cx: bin * 2 * r, cy: height - r - 1 - level * 2 * r, r: r - 0.3, fill: colour }))
      dot.setAttribute(k, val);
    svg.append(dot);
  }
  // Zero, drawn over the dots so that it shows where they pile up.
  const zero = document.createElementNS(ns, 'line');
  for (const [k, v] of Object.entries({ x1: x(0), x2: x(0), y1: 0, y2: height, stroke: '#111', 'stroke-width': 1.5 }))
    zero.setAttribute(k, v);
  svg.append(zero);
  return svg;
}

// ---- map ---------------------------------------------------------------------------------

function fillMapShow() {
  const select = $('map-show');
  const chosen = select.value || 'base';
  const options = [el('option', { value: 'base', text: msg('mapBase') })];
  const packages = state.cards ? state.cards.packages : [];
  for (const p of packages) options.push(el('option', { value: p.name, text: `${text(p.label)}: ${msg('difference')}` }));
  select.replaceChildren(...options);
  select.value = [...select.options].some((o) => o.value === chosen) ? chosen : 'base';
}

function mapValues() {
  if (!state.map) return { rows: [], note: '' };
  const measure = $('map-measure').value;
  const show = $('map-show').value;
  const base = state.map.arms[0];
  const arm = state.map.arms.find((a) => a.name === show);
  const rows = [];
  for (const d of state.map.departments) {
    if (!d.ubigeo) continue;
    const b = base.means[d.id]?.[measure] ?? 0;
    const value = show === 'base' || !arm ? b : (arm.means[d.id]?.[measure] ?? 0) - b;
    rows.push({ ubigeo: d.ubigeo, name: d.name, value: Math.round(value * 100) / 100 });
  }
  const joined = rows.length > 0;
  return { rows, note: joined ? msg('mapNote', { n: state.map.futures }) : msg('mapNoDepartments'), difference: show !== 'base' };
}

function drawMap() {
  if (!state.geo || typeof vegaEmbed !== 'function') return;
  const { rows, note, difference } = mapValues();
  $('map-note').textContent = note;
  const measureName = msg($('map-measure').value);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 340,
    data: { values: state.geo.features },
    transform: [
      { calculate: 'datum.properties.ubigeo', as: 'ubigeo' },
      { calculate: 'datum.properties.name', as: 'department' },
      { lookup: 'ubigeo', from: { data: { values: rows }, key: 'ubigeo', fields: ['value'] } },
    ],
    projection: { type: 'mercator' },
    mark: { type: 'geoshape', stroke: '#fff', strokeWidth: 0.8 },
    encoding: {
      color:
        rows.length > 0
          ? {
              field: 'value',
              type: 'quantitative',
              title: difference ? `${measureName}: ${msg('difference')}` : measureName,
              scale: difference ? { scheme: 'blueorange', domainMid: 0 } : { scheme: 'blues' },
              legend: { orient: 'bottom', titleFontSize: 13, labelFontSize: 12, titleLimit: 400 },
            }
          : { value: '#c8c8c8' },
      tooltip: [
        { field: 'department', title: msg('department') },
        { field: 'value', title: measureName, format: ',.2f' },
      ],
    },
    config: { view: { stroke: null }, background: null },
  };
  $('map').setAttribute('aria-label', `${msg('mapHeading')}: ${measureName}`);
  vegaEmbed('#map', spec, { actions: false, renderer: 'svg' })
    .then(() => $('map').setAttribute('data-drawn', 'true'))
    .catch((e) => console.error(e));
  const table = $('map-table');
  const shown = rows.filter((r) => r.value !== 0).sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  table.replaceChildren(
    ...(shown.length > 0 ? [el('tr', {}, [el('th', { text: msg('department') }), el('th', { text: measureName })])] : []),
    ...shown.slice(0, 8).map((r) => el('tr', {}, [el('td', { text: r.name }), el('td', { class: 'num', text: formatNumber(r.value) })])),
  );
}

/** A number as the cards write it: the locale of the screen (es-PE or en-GB), a true minus sign. */
function formatNumber(x) {
  const text = Math.abs(x).toLocaleString(state.lang === 'es' ? 'es-PE' : 'en-GB', { maximumFractionDigits: 1 });
  return x < 0 ? `−${text}` : text;
}

// ---- timeline ----------------------------------------------------------------------------

function drawTimeline() {
  if (typeof vegaEmbed !== 'function') return;
  const box = $('timeline');
  if (!state.timeline) {
    box.replaceChildren();
    box.removeAttribute('data-drawn');
    return;
  }
  const name = (a) => `${text(a.label)} · ${a.futures}`;
  const values = state.timeline.arms.flatMap((a) => a.rows.map((r) => ({ ...r, arm: name(a) })));
  // The base in black, the packages in colours that stay apart for colour-blind viewers (Okabe-Ito).
  const domain = state.timeline.arms.map(name);
  const range = ['#111111', '#0072B2', '#D55E00', '#009E73', '#CC79A7'].slice(0, domain.length);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 300,
    data: { values },
    encoding: {
      x: { field: 'month', type: 'temporal', title: null, axis: { format: '%Y', labelFontSize: 13 } },
      color: {
        field: 'arm',
        type: 'nominal',
        title: null,
        scale: { domain, range },
        legend: { orient: 'bottom', direction: 'vertical', labelFontSize: 13, labelLimit: 420 },
      },
    },
    layer: [
      { mark: { type: 'area', opacity: 0.15 }, encoding: { y: { field: 'p05', type: 'quantitative' }, y2: { field: 'p95' } } },
      {
        mark: { type: 'line', strokeWidth: 2.5 },
        encoding: {
          y: { field: 'p50', type: 'quantitative', title: msg('activeConflicts'), axis: { labelFontSize: 13, titleFontSize: 13 } },
        },
      },
    ],
    config: { background: null },
  };
  box.setAttribute('aria-label', msg('timelineHeading'));
  vegaEmbed('#timeline', spec, { actions: false, renderer: 'svg' })
    .then(() => box.setAttribute('data-drawn', 'true'))
    .catch((e) => console.error(e));
}

// ---- hypotheses --------------------------------------------------------------------------

function drawHypotheses() {
  const rows = state.config.hypotheses[state.lang];
  const box = $('hypotheses');
  if (rows.every((h) => h.verdict === null)) {
    box.replaceChildren(el('p', { class: 'note', text: msg('hypothesesNone') }));
    return;
  }
  const word = { supported: 'verdictSupported', contradicted: 'verdictContradicted', inconclusive: 'verdictInconclusive' };
  box.replaceChildren(
    ...rows.map((h) =>
      el('p', { class: 'hypothesis' }, [
        el('strong', { text: `${h.label}: ` }),
        `${h.statement} — ${h.verdict ? msg(word[h.verdict]) : msg('notAvailable')}`,
        ...(h.robustness ? [el('br'), el('small', { text: h.robustness })] : []),
      ]),
    ),
  );
}

window.addEventListener('DOMContentLoaded', () => {
  start().catch((e) => {
    console.error(e);
    $('status').textContent = String(e);
  });
});
