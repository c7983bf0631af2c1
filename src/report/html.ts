/**
 * The report as one self-contained HTML file: for a comparison, the headline and the table of
 * packages first, then the sentences, the glossary, each chart as a static SVG (readable
 * without JavaScript) with its alt text and a CSV download, and what reproduces it; made
 * interactive (tooltips) by the vega, vega-lite and vega-embed scripts, inlined (or, for the
 * published reports, loaded from files beside them). No external resource is referenced. Pure.
 */
import type { ReportDocument } from './document.js';
import { columnTitle, t, type Lang } from './messages.js';
import type { Overview } from './overview.js';
import { EFFECT_COLOUR } from './effect.js';
import { base64Utf8 } from './base64.js';

export interface ScriptBundles {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
}

/**
 * Where the page gets its scripts: inlined (the default, one file that works anywhere), or
 * from files at these relative addresses (published reports share one copy; still offline).
 */
export type ScriptSource =
  | ScriptBundles
  | { readonly href: { readonly vega: string; readonly vegaLite: string; readonly vegaEmbed: string } };

export interface PageOptions {
  /** Link each chart to its specification in charts/*.vl.json. @default true */
  readonly specLinks?: boolean;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Script text may not contain "</script": break the sequence where it occurs (in string literals). */
const safeScript = (js: string) => js.replace(/<\/script/gi, '<\\/script');
const safeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * Rows as CSV for a spreadsheet: a UTF-8 byte-order mark (so Excel reads the accents), the
 * columns titled in the report's language, cells quoted where they need it.
 */
function toCsv(rows: ReadonlyArray<Record<string, string | number>>, lang: Lang): string {
  const first = rows[0];
  if (!first) return '';
  const columns = Object.keys(first);
  const cell = (v: string | number | undefined) => {
    const s = v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const head = columns.map((c) => cell(columnTitle(lang, c))).join(',');
  return `\uFEFF${head}\n${rows.map((r) => columns.map((c) => cell(r[c])).join(',')).join('\n')}\n`;
}

const csvLink = (name: string, csv: string, text: string) =>
  `<a download="${name}.csv" href="data:text/csv;charset=utf-8;base64,${base64Utf8(csv)}">${escapeHtml(text)}</a>`;

/** The overview table: packages as columns, each cell its change, range and verdict word, coloured by the verdict. */
/** Packages per table: more would squeeze the words of a projector-width table into slivers. */
const PACKAGES_PER_TABLE = 5;

function overviewHtml(o: Overview, lang: Lang): string {
  const packages = o.columns.length - 2;
  // Many packages go in several tables of at most five, stacked, still in the ranked order.
  const tables = Math.max(1, Math.ceil(packages / PACKAGES_PER_TABLE));
  const per = Math.ceil(packages / tables);
  const table = (from: number, to: number) => {
    const head = [o.columns[0], o.columns[1], ...o.columns.slice(2 + from, 2 + to)]
      .map((c, i) => `<th scope="col"${i > 1 ? ' class="package"' : ''}>${escapeHtml(c ?? '')}</th>`)
      .join('');
    const body = o.rows
      .map(
        (row) =>
          `<tr><th scope="row">${escapeHtml(row.label)}</th><td class="base">${escapeHtml(row.base)}</td>${row.cells
            .slice(from, to)
            .map(
              (c) =>
                `<td class="effect ${c.effect}"><span class="change">${escapeHtml(c.change)}</span><span class="range">${escapeHtml(c.range)}</span><span class="word">${escapeHtml(c.word)}</span></td>`,
            )
            .join('')}</tr>`,
      )
      .join('\n');
    return `<table class="overview" style="width:min(100%, ${18 + 14 * (to - from)}rem)">
<colgroup><col class="outcome"><col class="base">${'<col>'.repeat(to - from)}</colgroup>
<thead><tr>${head}</tr></thead>
<tbody>${body}</tbody>
</table>`;
  };
  const parts = Array.from({ length: tables }, (_, k) => table(k * per, Math.min(packages, (k + 1) * per)));
  return `<section id="overview">
<h2>${escapeHtml(o.title)}</h2>
${parts.join('\n')}
<p class="note">${escapeHtml(o.note)}</p>
<p>${csvLink('overview', toCsv(o.csvRows, lang), t(lang, 'downloadTable'))}</p>
</section>`;
}

/** Light backgrounds for the verdicts; the verdict's own colour marks the cell's edge. */
const TINT = { improvement: '#e3f4ee', deterioration: '#fbe6da', unclear: '#f0f0f0', neutral: '#fafafa' } as const;

const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;max-width:1100px;margin:0 auto;padding:1.5rem}
h1{margin:.2rem 0;font-size:1.45rem;line-height:1.3}h2{font-size:1.25rem;margin:2rem 0 .5rem}
.kicker{margin:0;color:#555;font-size:.95rem;text-transform:uppercase;letter-spacing:.04em}
.subtitle{color:#444;margin:.2rem 0 1rem}
.summary li{margin:.4rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
dl.glossary{grid-template-columns:minmax(8rem,max-content) 1fr;font-size:.95rem}
figure{margin:2rem 0;padding:1rem;border:1px solid #ddd;border-radius:6px;overflow-x:auto}
figcaption{font-size:.9rem;color:#333;margin-top:.5rem}
figcaption a{margin-right:1rem}
.chart svg{max-width:100%;height:auto}
.vega-embed{display:block}
table{border-collapse:collapse;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.25rem .75rem;text-align:left}
table.overview{table-layout:fixed;font-size:.95rem}
table.overview{margin-bottom:1rem}table.overview th,table.overview td{padding:.4rem .5rem;vertical-align:top;overflow-wrap:break-word}
table.overview thead th{border-bottom:2px solid #888}table.overview col.outcome{width:12rem}table.overview col.base{width:6rem}
table.overview th[scope=row]{font-weight:600}
table.overview td.base{color:#333}
td.effect span{display:block}td.effect .change{font-weight:600}td.effect .range{font-size:.85rem;color:#333}td.effect .word{font-size:.85rem;font-weight:600}
${Object.entries(TINT)
  .map(([effect, tint]) => `td.${effect}{background:${tint};border-left:4px solid ${EFFECT_COLOUR[effect as keyof typeof TINT]}}`)
  .join('')}
.note{font-size:.9rem;color:#333}
.notice{background:#fff6d6;border-left:4px solid #E69F00;padding:.5rem .75rem;margin:.5rem 0 1rem}
details summary{cursor:pointer;font-size:1.25rem;font-weight:600;margin:2rem 0 .5rem}
@media print{figure{break-inside:avoid}}
`;

export function reportHtml(doc: ReportDocument, svgs: readonly string[], scripts: ScriptSource, options: PageOptions = {}): string {
  const lang = doc.lang;
  const specLink = (id: string) =>
    options.specLinks === false ? '' : `<a href="charts/${id}.vl.json">${escapeHtml(t(lang, 'openInEditor'))}</a>`;
  const script = (key: keyof ScriptBundles) =>
    'href' in scripts ? `<script src="${escapeHtml(scripts.href[key])}"></script>` : `<script>${safeScript(scripts[key])}</script>`;
  const figures = doc.charts
    .map(
      (chart, i) => `<figure id="${chart.id}">
<h3>${escapeHtml(chart.title)}</h3>
<div class="chart" data-chart="${i}" role="img" aria-label="${escapeHtml(chart.alt)}">${svgs[i] ?? ''}</div>
<figcaption>${escapeHtml(chart.alt)}<br>${csvLink(chart.id, toCsv(chart.rows, lang), t(lang, 'downloadCsv'))}${specLink(chart.id)}</figcaption>
</figure>`,
    )
    .join('\n');
  const tables = (doc.tables ?? [])
    .map(
      (table) => `<section>
<h2>${escapeHtml(table.title)}</h2>
<table>
<thead><tr>${table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>${table.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n')}</tbody>
</table>
</section>`,
    )
    .join('\n');
  const glossary = doc.glossary?.length
    ? `<section id="glossary">
<h2>${escapeHtml(t(lang, 'glossaryTitle'))}</h2>
<dl class="glossary">${doc.glossary.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
</section>`
    : '';
  const specs = doc.charts.map((c) => c.spec);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${doc.title}: ${doc.subtitle}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="kicker">${escapeHtml(doc.kicker ? `${doc.title} · ${doc.kicker}` : doc.title)}</p>
<h1>${escapeHtml(doc.headline ?? doc.title)}</h1>
<p class="subtitle">${escapeHtml(doc.subtitle)}</p>
${doc.notice ? `<p class="notice">${escapeHtml(doc.notice)}</p>` : ''}
</header>
<main>
${doc.overview ? overviewHtml(doc.overview, lang) : ''}
<section>
<h2>${escapeHtml(t(lang, 'summary'))}</h2>
<ul class="summary">${doc.summary.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>
</section>
${glossary}
${tables}
<section>
<h2>${escapeHtml(t(lang, 'charts'))}</h2>
${figures}
</section>
<section id="provenance">
<h2>${escapeHtml(t(lang, 'provenance'))}</h2>
<dl>${doc.provenance.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
</section>
</main>
${script('vega')}
${script('vegaLite')}
${script('vegaEmbed')}
<script type="application/json" id="ayni-specs">${safeJson(specs)}</script>
<script>
(function () {
  var specs = JSON.parse(document.getElementById('ayni-specs').textContent);
  document.querySelectorAll('.chart').forEach(function (el) {
    var spec = specs[Number(el.getAttribute('data-chart'))];
    var target = document.createElement('div');
    // The static SVG is replaced only once the interactive view has rendered.
    vegaEmbed(target, spec, { actions: false, renderer: 'svg', tooltip: true }).then(function () {
      el.replaceChildren(target);
      el.setAttribute('data-interactive', 'true');
    }).catch(function (e) { console.warn('chart kept static:', e && e.message); });
  });
})();
</script>
</body>
</html>
`;
}
