/**
 * The report as one self-contained HTML file: the summary and provenance first, then each
 * chart as a static SVG (readable without JavaScript) with its alt text and a CSV download,
 * made interactive (tooltips) by the inlined vega, vega-lite and vega-embed scripts. No
 * external resource is referenced. Pure.
 */
import type { ReportDocument } from './document.js';
import { t } from './messages.js';
import { base64Utf8 } from './base64.js';

export interface ScriptBundles {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Script text may not contain "</script": break the sequence where it occurs (in string literals). */
const safeScript = (js: string) => js.replace(/<\/script/gi, '<\\/script');
const safeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function toCsv(rows: ReadonlyArray<Record<string, string | number>>): string {
  const first = rows[0];
  if (!first) return '';
  const columns = Object.keys(first);
  const cell = (v: string | number | undefined) => {
    const s = v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${columns.join(',')}\n${rows.map((r) => columns.map((c) => cell(r[c])).join(',')).join('\n')}\n`;
}

const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;max-width:1100px;margin:0 auto;padding:1.5rem}
h1{margin:0;font-size:1.8rem}h2{font-size:1.25rem;margin:2rem 0 .5rem}
.subtitle{color:#444;margin:.2rem 0 1rem}
.summary li{margin:.4rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem}dt{font-weight:600}dd{margin:0;word-break:break-all}
figure{margin:2rem 0;padding:1rem;border:1px solid #ddd;border-radius:6px;overflow-x:auto}
figcaption{font-size:.9rem;color:#333;margin-top:.5rem}
figcaption a{margin-right:1rem}
.vega-embed{display:block}
table{border-collapse:collapse;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.25rem .75rem;text-align:left}
@media print{figure{break-inside:avoid}}
`;

export function reportHtml(doc: ReportDocument, svgs: readonly string[], scripts: ScriptBundles): string {
  const lang = doc.lang;
  const figures = doc.charts
    .map((chart, i) => {
      const csv = `data:text/csv;charset=utf-8;base64,${base64Utf8(toCsv(chart.rows))}`;
      return `<figure id="${chart.id}">
<h3>${escapeHtml(chart.title)}</h3>
<div class="chart" data-chart="${i}" role="img" aria-label="${escapeHtml(chart.alt)}">${svgs[i] ?? ''}</div>
<figcaption>${escapeHtml(chart.alt)}<br><a download="${chart.id}.csv" href="${csv}">${escapeHtml(t(lang, 'downloadCsv'))}</a><a href="charts/${chart.id}.vl.json">${escapeHtml(t(lang, 'openInEditor'))}</a></figcaption>
</figure>`;
    })
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
<h1>${escapeHtml(doc.title)}</h1>
<p class="subtitle">${escapeHtml(doc.subtitle)}</p>
</header>
<main>
<section>
<h2>${escapeHtml(t(lang, 'summary'))}</h2>
<ul class="summary">${doc.summary.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>
</section>
${tables}
<section>
<h2>${escapeHtml(t(lang, 'provenance'))}</h2>
<dl>${doc.provenance.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
</section>
<section>
<h2>${escapeHtml(t(lang, 'charts'))}</h2>
${figures}
</section>
</main>
<script>${safeScript(scripts.vega)}</script>
<script>${safeScript(scripts.vegaLite)}</script>
<script>${safeScript(scripts.vegaEmbed)}</script>
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
