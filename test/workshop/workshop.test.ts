/** The pure parts of the workshop: levers into overlays, cards from known paired differences, sentences, the export, the map's counts. */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tempFolder } from '../helpers/temp.js';
import { join } from 'node:path';
import { comparePaired, type OutcomeComparison } from '../../src/experiments/paired-comparison.js';
import { seededStream } from '../../src/engine/streams.js';
import { OUTCOME_NAMES } from '../../src/models/peru-mining/outcomes.js';
import {
  betterSentence,
  buildCard,
  CARD_OUTCOMES,
  cardStatus,
  dotQuantiles,
  formatValue,
  pairedDifferences,
} from '../../src/workshop/cards.js';
import { LEVERS, packageOverlay, sliderDefault, type ReformPolicies } from '../../src/workshop/levers.js';
import { BOM, cardsCsv, compareArgs, exportFiles, type SessionSnapshot } from '../../src/workshop/export.js';
import { countByDepartment, departmentIndex, departmentKey, meanCounts } from '../../src/workshop/departments.js';
import {
  hypothesisRows,
  loadPackages,
  nationalUbigeos,
  readReformPolicies,
  shippedBases,
  simulationSteps,
  STEP,
} from '../../src/workshop/session.js';
import { loadScenario, loadVariant } from '../../src/io/scenario-file.js';
import type { Scenario } from '../../src/models/peru-mining/schema.js';
import type { ModelEvent } from '../../src/models/peru-mining/events.js';

const root = new URL('../..', import.meta.url).pathname;
const reforms: ReformPolicies = readReformPolicies();
const spec = (outcome: string) => CARD_OUTCOMES.find((o) => o.outcome === outcome) as (typeof CARD_OUTCOMES)[number];

/** A comparison result whose interval is given, for the status and wording rules. */
function resultWith(low: number, high: number, mean: number, better: OutcomeComparison['better'] = 'lower'): OutcomeComparison {
  return {
    variant: 'paquete-1',
    outcome: 'activeConflictMonths',
    better,
    n: 100,
    base: { mean: 1000, median: 1000 },
    variantArm: { mean: 1000 + mean, median: 1000 + mean },
    difference: { mean, ci95: { low, high }, unpairedCi95: { low, high }, pairedWidthShare: 1 },
    effectSize: null,
    probabilityBetter: null,
    wilcoxon: { statistic: 0, pValue: 1, method: 'exact' },
    pHolm: 1,
  };
}

describe('levers', () => {
  it('every reform overlay of scenarios/reforms has a lever, and every lever names a reform file or its own policies', () => {
    const files = readdirSync(join(root, 'scenarios/reforms')).filter((f) => f.endsWith('.yaml'));
    expect(
      LEVERS.filter((l) => l.reform)
        .map((l) => l.reform)
        .sort(),
    ).toEqual(files.sort());
    for (const l of LEVERS) expect(l.reform !== undefined || l.policies !== undefined, l.id).toBe(true);
  });

  it('speaks plainly: no jargon in names or explanations', () => {
    for (const l of LEVERS)
      for (const words of [l.name.es, l.explanation.es]) expect(words).not.toMatch(/brazo|meses-caso|semilla|runs?\b|overlay|ASG|ESG/i);
  });

  it('turns a package into an overlay: the policies of its levers merged, sliders applied', () => {
    const made = packageOverlay(
      {
        number: 2,
        label: 'Diálogo y control',
        levers: ['formalisation-push', 'early-permanent-dialogue', 'single-office', 'regional-conflict-offices'],
        values: { 'formalisation-push': { 'illegalMining.formalisation': 0.6 } },
      },
      reforms,
    );
    if ('issue' in made) throw new Error(made.issue.message);
    expect(made.overlay['name']).toBe('paquete-2');
    expect(made.overlay['label']).toEqual({ es: 'Diálogo y control', en: 'Diálogo y control' });
    expect(made.overlay['policies']).toEqual({
      dialogue: { timing: 'early', opensAt: 'exploration' },
      // Two levers on the same table merge.
      coordination: { singleOffice: true, office: 'PCM', commitmentRegistry: true, regionalConflictOffices: true },
      illegalMining: { formalisation: 0.6, enforcement: 0.5 },
    });
  });

  it("a slider starts at its reform file's value", () => {
    const push = LEVERS.find((l) => l.id === 'formalisation-push');
    expect(push?.sliders.map((s) => sliderDefault(push, s, reforms))).toEqual([0.8, 0.5]);
  });

  it('refuses a package without levers, an unknown lever, a slider out of range', () => {
    expect(packageOverlay({ number: 1, levers: [] }, reforms)).toMatchObject({ issue: { path: 'levers' } });
    expect(packageOverlay({ number: 1, levers: ['no-such'] }, reforms)).toMatchObject({
      issue: { path: 'levers', message: expect.stringContaining('no-such') },
    });
    expect(packageOverlay({ number: 5, levers: ['single-office'] }, reforms)).toMatchObject({ issue: { path: 'number' } });
    expect(
      packageOverlay({ number: 1, levers: ['esg-standards'], values: { 'esg-standards': { esgStandard: 1.5 } } }, reforms),
    ).toMatchObject({
      issue: { path: 'values.esg-standards.esgStandard' },
    });
  });

  it('every lever, alone, gives a valid scenario on the corridor that differs from the base', () => {
    const corridor = shippedBases().find((b) => b.id === 'corridor');
    if (!corridor) throw new Error('no corridor base');
    const loaded = loadPackages(corridor, LEVERS.map((l, i) => ({ number: (i % 4) + 1, levers: [l.id] })).slice(0, 4), reforms);
    expect(loaded.success, JSON.stringify(!loaded.success && loaded.error)).toBe(true);
    for (const l of LEVERS) {
      const one = loadPackages(corridor, [{ number: 1, levers: [l.id] }], reforms);
      if (!one.success) throw new Error(`${l.id}: ${JSON.stringify(one.error)}`);
      expect(one.data.arms[0]?.loaded.hash, l.id).not.toBe(one.data.base.hash);
    }
  });

  it('an overlay loaded from memory is the scenario ayni compare loads from the reform file', () => {
    const corridor = shippedBases().find((b) => b.id === 'corridor');
    if (!corridor) throw new Error('no corridor base');
    const loaded = loadPackages(corridor, [{ number: 1, levers: ['single-office'] }], reforms);
    if (!loaded.success) throw new Error('load failed');
    const arm = loaded.data.arms[0];
    if (!arm) throw new Error('no arm');
    const policies = (arm.loaded.scenario as Scenario).policies;
    const fromFile = loadScenario(join(root, 'scenarios/corridor.yaml'));
    const variant = loadVariant(join(root, 'scenarios/reforms/single-office.yaml'), join(root, 'scenarios/corridor.yaml'));
    if (!fromFile.success || !variant.success) throw new Error('corridor');
    expect(policies.coordination).toEqual({ singleOffice: true, office: 'PCM', commitmentRegistry: true, regionalConflictOffices: false });
    expect(policies).toEqual((variant.data.scenario as Scenario).policies);
    expect(loaded.data.base.hash).toBe(fromFile.data.hash);
  });
});

describe('cards', () => {
  it('map to outcomes the model has', () => {
    for (const o of CARD_OUTCOMES) expect(OUTCOME_NAMES).toContain(o.outcome);
  });

  it('are coloured by the interval, never the point estimate: "sin diferencia clara" whenever it includes zero', () => {
    expect(cardStatus(-10, 2, 'lower')).toBe('unclear');
    expect(cardStatus(-10, 0, 'lower')).toBe('unclear');
    expect(cardStatus(-10, -1, 'lower')).toBe('better');
    expect(cardStatus(1, 10, 'lower')).toBe('worse');
    expect(cardStatus(1, 10, 'higher')).toBe('better');
    expect(cardStatus(-3, -1, 'higher')).toBe('worse');
    expect(cardStatus(1, 10, 'neutral')).toBe('unclear');
    const card = buildCard(resultWith(-50, 3, -40), [-40], spec('activeConflictMonths'), 'es');
    expect(card.status).toBe('unclear');
    expect(card.verdict).toBe('Sin diferencia clara');
  });

  it('from known paired differences: the comparison’s numbers, wins and ties, 20 dots, the sentence', () => {
    // 100 futures: the package has 78 fewer, 2 the same, 20 more conflict than the base.
    const base = Float64Array.from({ length: 100 }, (_, i) => 1000 + i);
    const variant = base.map((x, i) => (i < 78 ? x - 30 : i < 80 ? x : x + 10));
    const compared = comparePaired('paquete-1', 'activeConflictMonths', 'lower', base, variant, 2000, seededStream('test/cards'));
    const result = { ...compared, pHolm: compared.wilcoxon.pValue };
    const d = pairedDifferences(base, variant);
    const card = buildCard(result, d, spec('activeConflictMonths'), 'es');
    expect(card.mean).toBe(result.difference.mean);
    expect(card.mean).toBeCloseTo((78 * -30 + 20 * 10) / 100, 10);
    expect([card.low, card.high]).toEqual([result.difference.ci95.low, result.difference.ci95.high]);
    expect(card.high).toBeLessThan(0);
    expect(card.status).toBe('better');
    expect([card.wins, card.ties, card.n]).toEqual([78, 2, 100]);
    expect(card.sentence).toBe(
      'En 78 de cada 100 futuros simulados, este paquete tiene menos conflictos que la base. En 2, el mismo resultado.',
    );
    expect(card.dots).toHaveLength(20);
    expect(card.dots[0]).toBe(-30);
    expect(card.dots[19]).toBe(10);
    expect(card.difference).toBe('−21');
    const english = buildCard(result, d, spec('activeConflictMonths'), 'en');
    expect(english.sentence).toBe(
      'In 78 of every 100 simulated futures, this package has fewer conflicts than the base. In 2, the same result.',
    );
  });

  it('leaves failed pairs out of the differences, as the comparison does', () => {
    expect(pairedDifferences(Float64Array.of(1, Number.NaN, 3), Float64Array.of(2, 5, Number.NaN))).toEqual([1]);
  });

  it('says "out of 100" for any number of futures, rounded', () => {
    expect(betterSentence(7, 0, 20, 'menos bloqueos', 'es')).toBe(
      'En 35 de cada 100 futuros simulados, este paquete tiene menos bloqueos que la base.',
    );
    expect(betterSentence(0, 0, 0, 'x', 'es')).toBe('Aún no hay futuros simulados.');
  });

  it('write numbers as a room reads them', () => {
    expect(formatValue(-1234.56, 1, 'es')).toBe('−1,234.6');
    expect(formatValue(1234.56, 1, 'en', true)).toBe('+1,234.6');
    expect(formatValue(-0.01, 1, 'es', true)).toBe('0.0');
    expect(formatValue(Number.NaN, 1, 'es')).toBe('–');
  });

  it('dots are the (i + ½)/20 quantiles', () => {
    const dots = dotQuantiles(Array.from({ length: 201 }, (_, i) => i));
    expect(dots[0]).toBeCloseTo(5, 10);
    expect(dots[19]).toBeCloseTo(195, 10);
    expect(dotQuantiles([])).toEqual([]);
  });
});

describe('simulation steps', () => {
  it('start small and double up to the target; more futures go straight to the target', () => {
    expect(simulationSteps(0, 40)).toEqual([5, 10, 20, 40]);
    expect(simulationSteps(0, 5)).toEqual([5]);
    expect(simulationSteps(0, 100)).toEqual([5, 10, 20, 40, 80, 100]);
    expect(simulationSteps(40, 80)).toEqual([80]);
    for (const s of simulationSteps(0, 400)) expect(s % STEP).toBe(0);
  });
});

describe('the export', () => {
  const card = buildCard(resultWith(-50, -10, -30), [-30, -30], spec('activeConflictMonths'), 'es');
  const snapshot: SessionSnapshot = {
    baseFile: '/project/scenarios/corridor.yaml',
    baseLabel: { es: 'Corredor', en: 'Corridor' },
    seed: 7,
    futures: 40,
    packages: [
      {
        name: 'paquete-1',
        label: { es: 'Paquete 1', en: 'Package 1' },
        levers: [{ es: 'Oficina única con registro de compromisos', en: 'A single office with a commitment registry' }],
        overlay: { name: 'paquete-1', policies: { coordination: { singleOffice: true } } },
      },
    ],
    cards: { es: [card], en: [{ ...card, name: 'Conflicts' }] },
  };

  it('holds each package as an overlay, the results with a BOM, the report in both languages and the exact command', () => {
    const files = exportFiles(snapshot, 'es');
    expect([...files.keys()].sort()).toEqual(
      ['README.md', 'commands.sh', 'informe.es.md', 'paquetes/paquete-1.yaml', 'report.en.md', 'resultados.csv', 'resultados.json'].sort(),
    );
    expect(files.get('paquetes/paquete-1.yaml')).toMatch(/name: paquete-1\npolicies:\n {2}coordination:\n {4}singleOffice: true/);
    const csv = files.get('resultados.csv') as string;
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe('paquete,resultado,diferencia_media,ic95_bajo,ic95_alto,futuros,mejor_en,igual_en,estado');
    expect(csv).toContain('Paquete 1,Conflictos,-30,-50,-10,100,2,0,Mejor que la base');
    expect(files.get('commands.sh')).toContain(
      'ayni compare /project/scenarios/corridor.yaml paquetes/paquete-1.yaml --runs 40 --seed 7 --outcomes activeConflictMonths,crisisEpisodes,blockades,violentEvents,trustNational,trustCompany,productionLostShare,canonExecuted --out comparacion',
    );
    expect(files.get('informe.es.md')).toMatch(/Semilla 7, 40 futuros simulados por paquete/);
    expect(files.get('informe.es.md')).toMatch(/Oficina única con registro de compromisos/);
    expect(files.get('report.en.md')).toMatch(/Seed 7, 40 simulated futures per package/);
    expect(JSON.parse(files.get('resultados.json') as string)).toMatchObject({ seed: 7, futures: 40 });
  });

  it('quotes a base path with spaces in the command, and writes English headers in English', () => {
    expect(compareArgs({ ...snapshot, baseFile: '/my project/base.yaml' })[2]).toBe('/my project/base.yaml');
    expect(exportFiles({ ...snapshot, baseFile: '/my project/base.yaml' }, 'es').get('commands.sh')).toContain("'/my project/base.yaml'");
    expect(cardsCsv([card], new Map([['paquete-1', 'Package 1']]), 'en').split('\r\n')[0]).toBe(
      `${BOM}package,outcome,mean_difference,ci95_low,ci95_high,futures,better_in,same_in,status`,
    );
  });
});

describe('the map', () => {
  const ubigeos = nationalUbigeos();

  it('joins departments by ubigeo, or by name against the national table', () => {
    expect(departmentKey('Áncash')).toBe(departmentKey('ANCASH'));
    expect(ubigeos.get(departmentKey('CAJAMARCA'))).toBe('06');
    const conga = loadScenario(join(root, 'scenarios/cases/conga.yaml'));
    if (!conga.success) throw new Error('conga');
    const index = departmentIndex(conga.data.scenario as Scenario, ubigeos);
    expect(index.departments).toEqual([{ id: 'cajamarca', name: 'Cajamarca', ubigeo: '06' }]);
    const corridor = loadScenario(join(root, 'scenarios/corridor.yaml'));
    if (!corridor.success) throw new Error('corridor');
    expect(departmentIndex(corridor.data.scenario as Scenario, ubigeos).departments.map((d) => d.ubigeo)).toEqual([null, null]);
  });

  it('counts each event in the department where it happened, and averages runs', () => {
    const corridor = loadScenario(join(root, 'scenarios/corridor.yaml'));
    if (!corridor.success) throw new Error('corridor');
    const scenario = corridor.data.scenario as Scenario;
    const index = departmentIndex(scenario, ubigeos);
    const inValley = scenario.communities.find((c) => index.ofCommunity.get(c.id) === 'valley')?.id as string;
    const inHighland = scenario.communities.find((c) => index.ofCommunity.get(c.id) === 'highland')?.id as string;
    const events: ModelEvent[] = [
      { month: 1, type: 'protest', community: inValley, project: 'p', blockadeDays: 3 },
      { month: 1, type: 'protest', community: inHighland, project: 'p', blockadeDays: 0 },
      { month: 2, type: 'violence', community: inHighland, project: 'p' },
      { month: 2, type: 'crisis', community: inValley, project: 'p', days: 2 },
      { month: 3, type: 'illegal-mining-violence', district: 'road-1' },
    ];
    const counts = countByDepartment(index, events);
    expect(counts.get('valley')).toEqual({ protests: 1, blockades: 1, violence: 1, crises: 1 });
    expect(counts.get('highland')).toEqual({ protests: 1, blockades: 0, violence: 1, crises: 0 });
    expect(meanCounts([counts, countByDepartment(index, [])])['valley']).toEqual({
      protests: 0.5,
      blockades: 0.5,
      violence: 0.5,
      crises: 0.5,
    });
  });
});

describe('hypotheses', () => {
  it('are "no disponible" without results, and show the verdict and robustness a results folder holds', () => {
    const none = hypothesisRows(undefined, 'es');
    expect(none.length).toBeGreaterThan(0);
    expect(none.every((h) => h.verdict === null && h.robustness === null)).toBe(true);
    const dir = tempFolder('taller-verdicts');
    mkdirSync(join(dir, 'single-office'));
    writeFileSync(
      join(dir, 'single-office', 'verdict.json'),
      JSON.stringify({
        file: 'hypotheses/single-office.yaml',
        verdict: 'supported',
        robustness: { sentence: { es: 'Se mantiene en 9 de 10.', en: 'Holds in 9 of 10.' } },
      }),
    );
    const rows = hypothesisRows(dir, 'es');
    const single = rows.find((h) => h.label === 'Oficina única');
    expect(single).toMatchObject({ verdict: 'supported', robustness: 'Se mantiene en 9 de 10.' });
    expect(rows.filter((h) => h.verdict !== null)).toHaveLength(1);
  });

  it("keep the corridor's and the national baseline's verdicts apart when their files share a name", () => {
    const dir = tempFolder('taller-verdicts-national');
    const write = (folder: string, file: string, verdict: string) => {
      mkdirSync(join(dir, folder));
      writeFileSync(join(dir, folder, 'verdict.json'), JSON.stringify({ file, verdict, robustness: null }));
    };
    // reports/ order: the national folder is read after the corridor's.
    write('canon-corridor-share', 'hypotheses/canon-corridor-share.yaml', 'contradicted');
    write('national-canon-corridor-share', 'hypotheses/national/canon-corridor-share.yaml', 'inconclusive');
    const rows = hypothesisRows(dir, 'en');
    expect(rows.find((h) => h.label === 'Canon for the corridor')?.verdict).toBe('contradicted');
    expect(rows.find((h) => h.label === 'Canon for the corridor (national baseline)')?.verdict).toBe('inconclusive');
  });
});
