/**
 * Labels as written and the language of the terminal: a variant whose name has accents, a
 * colon and a plus sign keeps that name in comparison.json, comparison.csv, the table, the
 * report and the forest plot (its folder may be a slug); `--lang es` and AYNI_LANG give
 * Spanish tables and verdicts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const shipped = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
const ayni = (args: string[], env: Record<string, string> = {}) => {
  const { AYNI_LANG: _unset, ...rest } = process.env;
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...rest, ...env } });
};

const LABEL = 'Paquete A: diálogo temprano + inclusión de mujeres y jóvenes';
const dir = tempFolder('labels');
const base = join(dir, 'base.yaml');
writeFileSync(base, stringify({ ...tinyScenarioInput(3), months: 36 }));
const paquete = join(dir, 'paquete.yaml');
writeFileSync(paquete, stringify({ name: LABEL, policies: { dialogue: { timing: 'early' }, inclusion: { womenAndYouth: 1 } } }));
const esg = shipped('scenarios/reforms/esg-standards.yaml');
const out = join(dir, 'c');
const compare = (extra: string[], env: Record<string, string> = {}) =>
  ayni(['compare', base, paquete, esg, '--runs', '40', '--workers', '0', '--quiet', '--out', out, ...extra], env);

describe('a variant named with accents, a colon and a plus sign', () => {
  let first: ReturnType<typeof compare>;
  beforeAll(() => {
    first = compare([]);
  }, 180_000);

  it('keeps its name as written in comparison.json and comparison.csv; only the folder is a slug', () => {
    expect(first.status, first.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    const [v, shippedReform] = json.variants;
    expect(v.name).toBe(LABEL);
    expect(v.label).toEqual({ es: LABEL, en: LABEL });
    expect(v.arm).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(readdirSync(join(out, 'arms'))).toContain(v.arm);
    expect(json.results[0].variant).toBe(v.arm);
    // A shipped reform shows its label in each language, its name stays the folder.
    expect(shippedReform).toMatchObject({
      arm: 'esg-standards',
      name: 'esg-standards',
      label: { es: 'Estándares ASG claros y medibles', en: 'Clear, measurable ESG standards' },
    });
    const csv = readFileSync(join(out, 'comparison.csv'), 'utf8').trim().split('\n');
    expect(csv[0]?.split(',').at(-1)).toBe('variant_label');
    expect(csv[1]?.endsWith(`,${LABEL}`)).toBe(true);
    expect(csv.at(-1)?.endsWith(',"Clear, measurable ESG standards"')).toBe(true);
  });

  it('is shown whole in the terminal table', () => {
    expect(first.stdout).toContain(`\nvariant ${LABEL}:\n`);
    expect(first.stdout).toContain('\nvariant Clear, measurable ESG standards:\n');
    expect(first.stdout).not.toMatch(/di-logo/);
  });

  it('is shown whole in the report: subtitle, summary, legends and the forest plot', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain(`<p class="subtitle">Comparison of ${LABEL}, Clear, measurable ESG standards with tiny</p>`);
    expect(html).toContain(`<li>“${LABEL}”: in `);
    expect(html).toMatch(new RegExp(`<th scope="col" class="package">\\d\\. ${LABEL.replace(/[+]/g, '\\+')}</th>`));
    expect(html).not.toMatch(/di-logo/);
    const forest = JSON.parse(readFileSync(join(out, 'charts', 'differences.vl.json'), 'utf8'));
    const rows = forest.data.values.map((r: { outcome: string; variant: string }) => `${r.outcome} · ${r.variant}`);
    expect(rows).toContain(`months of active conflict (all cases) · ${LABEL}`);
    expect(new Set(rows).size).toBe(rows.length);
    // One panel per outcome; the packages' labels wrapped at spaces, never cut, rows tall enough for three lines.
    expect(forest.facet.field).toBe('outcome');
    const y = forest.spec.layer[1].encoding.y;
    expect(y.field).toBe('variant');
    expect(y.axis.labelLimit).toBe(0);
    expect(y.axis.labelExpr).toMatch(/^split\(/);
    expect(forest.spec.height.step).toBeGreaterThanOrEqual(13 * 3);
    const fan = JSON.parse(readFileSync(join(out, 'charts', 'active-conflicts.vl.json'), 'utf8'));
    // Rows name their arm by index; the chart looks the labels up once.
    expect(fan.transform[0].from.data.values.map((r: { arm: string }) => r.arm)).toContain(LABEL);
    expect(fan.encoding.color.legend.labelLimit).toBe(0);
  });

  it('--lang es and AYNI_LANG=es give Spanish tables; --lang wins over AYNI_LANG', () => {
    const es = compare(['--lang', 'es', '--no-report']);
    expect(es.status, es.stderr).toBe(0);
    expect(es.stdout).toMatch(/^ayni compare: 40 corridas pareadas por brazo \(semilla 1\), base tiny\n/);
    expect(es.stdout).toContain(`\nvariante ${LABEL}:\n`);
    expect(es.stdout).toContain('\nvariante Estándares ASG claros y medibles:\n');
    expect(es.stdout).toMatch(/resultado \(↓ menor es mejor, ↑ mayor\) +base +variante +diferencia \[IC 95 %\] +P\(mejor\) +p \(Holm\)/);
    expect(es.stdout).toMatch(/pareo: el IC 95 % pareado de activeConflictMonths es \d+ % más estrecho/);
    expect(es.stdout).toMatch(/se escribieron comparison\.json, comparison\.csv en /);
    expect(readFileSync(join(out, 'comparison.csv'), 'utf8').trim().split('\n').at(-1)?.endsWith(',Estándares ASG claros y medibles')).toBe(
      true,
    );
    const env = compare(['--no-report'], { AYNI_LANG: 'es' });
    expect(env.stdout).toBe(es.stdout);
    const flag = compare(['--no-report', '--lang', 'en'], { AYNI_LANG: 'es' });
    expect(flag.stdout).toMatch(/^ayni compare: 40 paired runs per arm/);
  }, 180_000);

  it('a Spanish report of the same folder keeps the label', () => {
    const r = ayni(['report', out, '--lang', 'es']);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain(`<p class="subtitle">Comparación de ${LABEL}, Estándares ASG claros y medibles con tiny</p>`);
    expect(html).toContain(`<li>«${LABEL}»: `);
  }, 120_000);
});

describe('AYNI_LANG', () => {
  it('an invalid value is an input error naming AYNI_LANG: exit 2, one line, no stack trace', () => {
    const r = compare([], { AYNI_LANG: 'fr' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('AYNI_LANG: is "fr"; expected es or en (or unset)');
    const run = ayni(['run', base], { AYNI_LANG: 'english' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^AYNI_LANG: is "english"/);
  }, 60_000);
});

describe('Spanish verdicts, run tables and batch summaries', () => {
  it('ayni test --lang es prints the statement, the verdict and its reason in Spanish', () => {
    const file = join(dir, 'h.yaml');
    writeFileSync(
      file,
      stringify({
        label: { es: 'Paquete A', en: 'Package A' },
        statement: { es: 'El paquete A reduce el conflicto.', en: 'Package A reduces conflict.' },
        base: 'base.yaml',
        variant: 'paquete.yaml',
        primary: 'activeConflictMonths',
        expect: 'lower',
        smallestEffect: 1_000_000,
        runs: 40,
      }),
    );
    const r = ayni(['test', file, '--workers', '0', '--quiet', '--out', join(dir, 't'), '--lang', 'es']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^El paquete A reduce el conflicto\.\n {2}veredicto: CONTRADICHA \(regla smallest-effect, declarada en .*h\.yaml\)\n {2}activeConflictMonths: variante − base = .*, IC 95 % \[.*\], 40 corridas pareadas; todo el intervalo queda por debajo del efecto mínimo relevante \(−1,000,000\)\n/,
    );
    expect(r.stdout).toContain(`\nvariante ${LABEL}:\n`);
    const html = readFileSync(join(dir, 't', 'h', 'report.html'), 'utf8');
    expect(html).toContain(`<p class="subtitle">Hipótesis «Paquete A»: comparación de ${LABEL} con tiny</p>`);
    expect(html).toContain('<li>«El paquete A reduce el conflicto.» La hipótesis queda contradicha');
    const verdict = JSON.parse(readFileSync(join(dir, 't', 'h', 'verdict.json'), 'utf8'));
    expect(verdict.statement).toEqual({ es: 'El paquete A reduce el conflicto.', en: 'Package A reduces conflict.' });
  }, 180_000);

  it('ayni run --lang es and ayni batch with AYNI_LANG=es speak Spanish', () => {
    const run = ayni(['run', base, '--lang', 'es']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^ayni run: tiny, semilla 1, 36 meses \(2020-01 a 2022-12\)\n {2}1 departamento, 1 provincia, 2 distritos, 6 comunidades, 1 proyecto\n {2}meses-caso de conflicto activo \(caso × mes\) +\d/,
    );
    expect(run.stdout).toMatch(/\n {2}confianza final en el Estado nacional +0\.\d\d\n/);
    expect(run.stdout).toMatch(/\(añada --out CARPETA para escribir summary\.json/);
    const batch = ayni(['batch', base, '--runs', '8', '--workers', '0', '--out', join(dir, 'b'), '--no-report'], { AYNI_LANG: 'es' });
    expect(batch.status, batch.stderr).toBe(0);
    expect(batch.stderr).toMatch(/lote completo: 8 de 8 corridas completadas, [\d.]+ s en el hilo principal; resultados en /);
  }, 120_000);
});
