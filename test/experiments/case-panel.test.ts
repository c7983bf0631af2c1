/**
 * The Defensoría case panel (data/peru/defensoria-*.csv): its parsing (good and bad tables), the
 * recorded cases per mine and the register's summary on hand-built tables worked by hand, the
 * committed tables against the counts their source states, and `ayni patterns --panel`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  casesOnMines,
  parseMineCases,
  parseMineProjects,
  parseRegisterCases,
  recordedMineStock,
  summariseRegister,
} from '../../src/experiments/case-panel.js';
import { readCasePanel } from '../../src/experiments/case-panel-file.js';
import { departmentKey } from '../../src/models/peru-mining/national/defensoria.js';
import { tempFolder } from '../helpers/temp.js';
import { tinyScenarioInput } from '../helpers/tiny-world.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const ayni = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const dataDir = new URL('../../data/peru/', import.meta.url).pathname;

const MINE_HEADER =
  'caso_id,grupo,minas,es_ilegal,es_informal,primera_fecha,ultima_fecha,departamento,tipo,n_meses,n_filas_panel,reporte_min,reporte_max,es_socioambiental,menciona_mineria,ubicacion';
const mineRow = (id: number, minas: string, first: string, last: string, tipo = 'SOCIOAMBIENTAL') =>
  `${id},Caso_${id},${minas},No,No,${first},${last},,${tipo},1,1,1,1,${tipo === 'LABORAL' ? 0 : 1},1,"Distrito X, provincia Y"`;
const REGISTER_HEADER = 'caso_id,departamento,tipo,n_meses,n_apariciones,es_socioambiental,menciona_mineria,proyectos';
const MINES = ['mine,projects,note', 'Mina A,pa;pa2,', 'Mina B,pb,', 'Mina C,,not in the baseline'].join('\n');

const must = <T>(r: { success: true; data: T } | { success: false; error: unknown }): T => {
  if (!r.success) throw new Error(JSON.stringify(r.error));
  return r.data;
};

/*
 * Four cases, months 2010-01..2010-04:
 *   1  Mina A          2010-01 .. 2010-02  socio-environmental
 *   2  Mina A;Mina B   2010-02 .. 2010-04  socio-environmental (names both: once in "all")
 *   3  Mina B          2010-03 .. 2010-03  labour (not flagged socio-environmental): never counted
 *   4  Mina C          2010-01 .. 2010-04  socio-environmental, but Mina C maps to no project
 */
const mineCases = must(
  parseMineCases(
    [
      MINE_HEADER,
      mineRow(1, 'Mina A', '2010-01-31', '2010-02-28'),
      mineRow(2, 'Mina A;Mina B', '2010-02-28', '2010-04-30'),
      mineRow(3, 'Mina B', '2010-03-31', '2010-03-31', 'LABORAL'),
      mineRow(4, 'Mina C', '2010-01-31', '2010-04-30', ''),
    ].join('\n'),
    'mine-cases.csv',
  ),
);
const mines = must(parseMineProjects(MINES, 'mines.csv'));
const months = ['2010-01', '2010-02', '2010-03', '2010-04'];

describe('the cases on each mine', () => {
  it('counts a case in the months between its first and last listing, socio-environmental only', () => {
    const a = new Set(['Mina A']);
    expect(months.map((m) => casesOnMines(mineCases, a, m))).toEqual([1, 2, 1, 1]);
    // Case 3 (labour) never counts; case 2 does.
    expect(months.map((m) => casesOnMines(mineCases, new Set(['Mina B']), m))).toEqual([0, 1, 1, 1]);
    expect(months.map((m) => casesOnMines(mineCases, new Set(['Mina C']), m))).toEqual([1, 1, 1, 1]);
    expect(casesOnMines(mineCases, a, '2009-12')).toBe(0);
  });

  it('gives each mapped mine its mean over the months, and counts a case naming two mines once in all', () => {
    const stock = recordedMineStock(mineCases, mines, months);
    // Mina C maps to no project: left out.
    expect(stock.map((s) => s.mine)).toEqual(['Mina A', 'Mina B', 'all']);
    expect(stock[0]).toMatchObject({ projects: ['pa', 'pa2'], mean: 5 / 4, first: 1, last: 1 });
    expect(stock[1]).toMatchObject({ projects: ['pb'], mean: 3 / 4, first: 0, last: 1 });
    // All: months 1, 2, 1, 1 (case 2 once, not once per mine).
    expect(stock[2]).toMatchObject({ projects: ['pa', 'pa2', 'pb'], mean: 5 / 4 });
  });
});

describe('the register summary', () => {
  const register = must(
    parseRegisterCases(
      [
        REGISTER_HEADER,
        '1,Áncash,socioambiental,10,10,1,1,Mina A',
        '2,ANCASH,,30,31,1,1,',
        '3,Cusco,,20,20,1,1,Mina C',
        '4,NACIONAL,,40,40,1,1,Mina B',
        '5,Cusco,,99,99,0,1,Mina A', // not socio-environmental: not a mining case
        '6,Cusco,,99,99,1,0,', // mentions no mining: not a mining case
      ].join('\n'),
      'cases.csv',
    ),
  );

  it('places mining case-months by department, keeps the unplaced apart, and counts those naming a baseline project', () => {
    const s = summariseRegister(register, mines, ['Áncash', 'Cusco']);
    expect([s.cases, s.caseMonths]).toEqual([4, 100]);
    // Placed: Áncash 10 + 30, Cusco 20; NACIONAL's 40 unplaced.
    expect(s.departments).toEqual([
      { department: 'ANCASH', share: 40 / 60 },
      { department: 'CUSCO', share: 20 / 60 },
    ]);
    expect(s.unplaced).toBeCloseTo(0.4, 12);
    // Cases 1 (Mina A) and 4 (Mina B): 50 of 100; Mina C maps to no project.
    expect(s.namingBaselineProjects).toBeCloseTo(0.5, 12);
    // Months 10, 20, 30, 40 (type-7 quantiles): median 25, 90th percentile 10 + 0.9 · 3 · 10 = 37.
    expect(s.medianMonths).toBe(25);
    expect(s.p90Months).toBeCloseTo(37, 12);
  });

  it('folds case and accents, and reads Lima Provincias as Lima', () => {
    expect(departmentKey(' Áncash ')).toBe('ANCASH');
    expect(departmentKey('Lima Provincias')).toBe('LIMA');
    expect(departmentKey('San Martín')).toBe('SAN MARTIN');
  });
});

describe('bad tables', () => {
  it('name the file, the row and the column', () => {
    const bad = parseMineCases([MINE_HEADER, mineRow(1, 'Mina A', '2010-13-31', '2010-02-28')].join('\n'), 'f.csv');
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error[0]).toMatchObject({ file: 'f.csv', path: ['row 2', 'primera_fecha'] });
    const reversed = parseMineCases([MINE_HEADER, mineRow(1, 'Mina A', '2010-03-31', '2010-02-28')].join('\n'), 'f.csv');
    if (!reversed.success) expect(reversed.error[0].message).toBe('primera_fecha is after ultima_fecha');
    expect(reversed.success).toBe(false);
    const twice = parseRegisterCases([REGISTER_HEADER, '7,Cusco,,1,1,1,1,', '7,Cusco,,1,1,1,1,'].join('\n'), 'g.csv');
    expect(twice.success).toBe(false);
    if (!twice.success)
      expect(twice.error).toEqual([{ file: 'g.csv', path: ['row 3', 'caso_id'], message: '7 is listed twice (row 2 too)' }]);
    const flag = parseRegisterCases([REGISTER_HEADER, '7,Cusco,,1,1,yes,1,'].join('\n'), 'g.csv');
    if (!flag.success) expect(flag.error[0].path).toEqual(['row 2', 'es_socioambiental']);
    expect(flag.success).toBe(false);
    const short = parseRegisterCases([REGISTER_HEADER, '7,Cusco,,1,1,1'].join('\n'), 'g.csv');
    if (!short.success) expect(short.error[0]).toMatchObject({ path: ['row 2'], message: 'expected 8 cells, found 6' });
    expect(short.success).toBe(false);
    const header = parseMineProjects('mine,project\nA,b', 'm.csv');
    expect(header.success).toBe(false);
    if (!header.success) expect(header.error[0].message).toMatch(/^missing column projects, note; unknown column project/);
  });
});

describe('the committed panel', () => {
  const panel = must(readCasePanel(dataDir));

  it('holds every case its source lists (conflicto_recreado: 507; casos_unicos: 2,968 cases, 41,880 case × month rows)', () => {
    // The source's own counts (comparacion_conflicto_drive.txt, RESUMEN.txt): a transcription
    // that lost, doubled or misread a row would miss them.
    expect(panel.mineCases).toHaveLength(507);
    expect(panel.register).toHaveLength(2968);
    expect(panel.register.reduce((s, c) => s + c.n_apariciones, 0)).toBe(41880);
    for (const c of panel.mineCases) expect(c.n_meses, String(c.caso_id)).toBeLessThanOrEqual(c.n_filas_panel);
  });

  it('maps every mine to projects of the national baseline, or to none', () => {
    const scenario = JSON.parse(readFileSync(join(dataDir, '../../scenarios/national/peru-national.json'), 'utf8')) as {
      projects: Array<{ id: string }>;
    };
    const ids = new Set(scenario.projects.map((p) => p.id));
    // readCasePanel (above) already refuses a mine the cases name that the mines table does not list.
    for (const m of panel.mines) for (const p of m.projects) expect(ids.has(p), `${m.mine} → ${p}`).toBe(true);
  });
});

describe('ayni patterns --panel', () => {
  const setup = () => {
    const dir = tempFolder('panel');
    const file = join(dir, 'tiny.yaml');
    writeFileSync(file, stringify(tinyScenarioInput()));
    const panel = join(dir, 'panel');
    mkdirSync(panel);
    writeFileSync(join(panel, 'defensoria-mines.csv'), 'mine,projects,note\nMina,mine,the tiny world\n');
    writeFileSync(join(panel, 'defensoria-mine-cases.csv'), [MINE_HEADER, mineRow(1, 'Mina', '2020-01-31', '2020-12-31')].join('\n'));
    writeFileSync(join(panel, 'defensoria-cases.csv'), [REGISTER_HEADER, '1,Department,,12,12,1,1,Mina'].join('\n'));
    return { file, panel };
  };

  it('sets the cases per mine and the places beside the model', () => {
    const { file, panel } = setup();
    // Cases emerge readily, so that the tiny world has some in two years.
    const args = ['patterns', file, '--runs', '2', '--from', '2020-01', '--to', '2021-12', '--set', 'parameters.conflict.emergeRate=1'];
    const r = ayni(...args, '--panel', panel);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // One case over 12 of the 24 months: 0.5 at a time.
    expect(r.stdout).toMatch(/registered cases at a time on Mina \(mine\) .* 0\.5 naming it \[Defensoría panel, first to last listing\]/);
    expect(r.stdout).toMatch(/registered case-months in Department .* 100\.0% of mining case-months placed/);
    expect(r.stdout).toMatch(/mining case-months naming one of the baseline's projects .* 100\.0% of 12 /);
    // The tiny world has one project: its cases at a time are the whole registered stock.
    const json = ayni(...args, '--panel', panel, '--json');
    const p = JSON.parse(json.stdout);
    expect(p.stock.registered.p50).toBeGreaterThan(0);
    expect(p.mines).toEqual([
      { mine: 'Mina', projects: ['mine'], model: p.stock.registered, recorded: 0.5 },
      { mine: 'all', projects: ['mine'], model: p.stock.registered, recorded: 0.5 },
    ]);
    expect(p.register).toMatchObject({ cases: 1, caseMonths: 12, unplaced: 0, namingBaselineProjects: 1, medianMonths: 12 });
  }, 60_000);

  it('rejects a bad panel with exit 2 and one line naming the file, row and column', () => {
    const { file, panel } = setup();
    writeFileSync(join(panel, 'defensoria-cases.csv'), [REGISTER_HEADER, '1,Department,,twelve,12,1,1,Mina'].join('\n'));
    const r = ayni('patterns', file, '--runs', '1', '--from', '2020-01', '--to', '2021-12', '--panel', panel);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(/defensoria-cases\.csv: "row 2"\.n_meses: expected a whole number$/);
    writeFileSync(join(panel, 'defensoria-cases.csv'), [REGISTER_HEADER, '1,Department,,12,12,1,1,Mina'].join('\n'));
    const refuse = (target: string, message: RegExp) => {
      const bad = ayni('patterns', file, '--runs', '1', '--panel', target);
      expect(bad.code, message.source).toBe(2);
      expect(bad.stderr.trim().split('\n'), message.source).toHaveLength(1);
      expect(bad.stderr.trim(), message.source).toMatch(message);
    };
    refuse(join(panel, 'nowhere'), /nowhere: \(root\): no such folder/);
    writeFileSync(join(panel, 'defensoria-mines.csv'), 'mine,projects,note\nMina,mien,a typo\n');
    refuse(panel, /defensoria-mines\.csv: Mina\.projects: mien is not a project of /);
    writeFileSync(join(panel, 'defensoria-mine-cases.csv'), [MINE_HEADER, mineRow(1, 'Mine', '2020-01-31', '2020-09-31')].join('\n'));
    refuse(panel, /defensoria-mine-cases\.csv: "row 2"\.ultima_fecha: expected the last day of a month/);
    // A mine the cases name that the mines table does not list.
    writeFileSync(join(panel, 'defensoria-mines.csv'), 'mine,projects,note\nMina,mine,\n');
    writeFileSync(join(panel, 'defensoria-cases.csv'), [REGISTER_HEADER, '1,Department,,12,12,1,1,Mine'].join('\n'));
    writeFileSync(join(panel, 'defensoria-mine-cases.csv'), [MINE_HEADER, mineRow(1, 'Mina', '2020-01-31', '2020-12-31')].join('\n'));
    const unlisted = ayni('patterns', file, '--runs', '1', '--panel', panel);
    expect(unlisted.code).toBe(2);
    expect(unlisted.stderr.trim()).toMatch(/defensoria-cases\.csv: "caso 1": names Mine, which defensoria-mines\.csv does not list$/);
  }, 60_000);
});
