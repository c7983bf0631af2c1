import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadScenarioFrom } from '../../src/models/scenario-loader.js';
import { parseScenario } from '../../src/models/peru-mining/validate.js';
import { mergeOverlay } from '../../src/scenario/load.js';
import { formatIssue } from '../../src/engine/result.js';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { virtualHost } from '../helpers/virtual-host.js';
import { compilePeruMining } from '../../src/models/peru-mining/model.js';
import { stepLabel } from '../../src/engine/model.js';
import { monthIndex, monthLabel } from '../../src/engine/calendar.js';

const issuesOf = (overlay: Record<string, unknown>) => {
  const result = parseScenario(mergeOverlay(tinyScenarioInput(), overlay), 'x.yaml');
  return result.success ? [] : result.error.map(formatIssue);
};
const issuesOfText = (text: string | Uint8Array) => {
  const result = loadScenarioFrom('/x.yaml', virtualHost({ '/x.yaml': text }));
  return result.success ? [] : result.error.map(formatIssue);
};

describe('scenario validation', () => {
  it('accepts the tiny world', () => expect(issuesOf({})).toEqual([]));

  it('names an unknown key by its path, with "did you mean" only when a known key is close', () => {
    expect(issuesOf({ policies: { dialogue: { timming: 'early' } } })).toEqual([
      'x.yaml: policies.dialogue.timming: unknown key (did you mean timing?)',
    ]);
    expect(issuesOf({ policies: { dialogue: { colour: 'blue' } } })).toEqual(['x.yaml: policies.dialogue.colour: unknown key']);
    expect(issuesOf({ comunities: [] })).toEqual(['x.yaml: comunities: unknown key (did you mean communities?)']);
    // Inside lists, records and unions too.
    expect(issuesOf({ communities: [{ id: 'c', district: 'mine', population: 5, mobilization: 0.5 }] })).toEqual([
      'x.yaml: communities.0.mobilization: unknown key (did you mean mobilisation?)',
    ]);
    expect(issuesOf({ exogenous: { prices: { silver: { kind: 'gbm', initial: 20, volatilty: 0.1 } } } })).toEqual([
      'x.yaml: exogenous.prices.silver.volatilty: unknown key (did you mean volatility?)',
    ]);
    expect(issuesOf({ policies: { dialogue: { timming: 'early', convenr: 'state' } } })).toEqual([
      'x.yaml: policies.dialogue: unknown keys: timming (did you mean timing?), convenr (did you mean convener?)',
    ]);
  });

  it('names a wrong type', () => {
    expect(issuesOf({ months: 'ten' })[0]).toMatch(/^x\.yaml: months: .*number/);
  });

  it('rejects a negative population', () => {
    const districts = tinyScenarioInput().territory.districts.map((d, i) => (i === 1 ? { ...d, population: -5 } : d));
    expect(issuesOf({ territory: { districts } })[0]).toMatch(/^x\.yaml: territory\.districts\.1\.population: /);
  });

  it('rejects an out-of-range share', () => {
    expect(issuesOf({ policies: { inclusion: { womenAndYouth: 1.5 } } })[0]).toMatch(/^x\.yaml: policies\.inclusion\.womenAndYouth: /);
  });

  it('rejects revenue tiers that do not sum to 1', () => {
    const canon = {
      producingDistrict: 0.1,
      producingProvince: 0.25,
      producingDepartment: 0.4,
      regionalGovernment: 0.25,
      universities: 0.05,
    };
    expect(issuesOf({ policies: { revenue: { canon } } })).toEqual([
      'x.yaml: policies.revenue.canon: tier shares must sum to 1 (got 1.05)',
    ]);
  });

  it('rejects references to things that do not exist, and duplicate ids', () => {
    const communities = [
      { id: 'a', district: 'atlantis', population: 10 },
      { id: 'a', district: 'mine', population: 10 },
    ];
    expect(issuesOf({ communities })).toEqual([
      'x.yaml: communities.1.id: duplicate id "a"',
      'x.yaml: communities.0.district: unknown district "atlantis"',
    ]);
  });

  it('rejects phases out of order', () => {
    const projects = [{ ...tinyScenarioInput().projects?.[0], phases: { exploration: '2010-01', construction: '2009-01' } }];
    expect(issuesOf({ projects })).toEqual([
      'x.yaml: projects.0.phases.construction: construction (2009-01) starts before the phase it follows',
    ]);
  });

  it('rejects NaN and infinite numbers', () => {
    expect(issuesOfText(stringify({ ...tinyScenarioInput(), months: Number.NaN }))[0]).toMatch(/^\/x\.yaml: months: /);
    expect(issuesOfText(stringify({ ...tinyScenarioInput(), months: Number.POSITIVE_INFINITY }))[0]).toMatch(/^\/x\.yaml: months: /);
  });

  it('reports malformed YAML with its line', () => {
    expect(issuesOfText('name: x\nmonths: [1, 2\n')[0]).toMatch(/^\/x\.yaml: \(root\): malformed YAML at line \d+, column \d+: /);
  });

  it('rejects duplicate keys', () => {
    expect(issuesOfText('name: x\nname: y\n')[0]).toMatch(/malformed YAML at line 2.*unique/);
  });

  it('refuses an alias bomb quickly', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
    ].join('\n');
    const started = Date.now();
    const issues = issuesOfText(bomb);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(issues[0]).toMatch(/^\/x\.yaml: \(root\): YAML could not be expanded: /);
  });

  it('rejects invalid UTF-8', () => {
    expect(issuesOfText(new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe]))).toEqual([
      '/x.yaml: (root): file is not valid UTF-8 text',
    ]);
  });

  it('bounds the calendar: a start year below 1000 is an input error naming the field', () => {
    expect(issuesOf({ start: '0999-01' })).toEqual([
      'x.yaml: start: expected a month written YYYY-MM with a year from 1000 to 9999, e.g. "2022-12"',
    ]);
    expect(issuesOf({ start: '9999-01', months: 13 })).toEqual(['x.yaml: months: 13 months from 9999-01 run past 9999-12 (to 10000-01)']);
    expect(issuesOf({ start: '9999-01', months: 12 })).toEqual([]);
  });

  it('labels every month of every accepted year as YYYY-MM', () => {
    for (const start of ['1000-01', '2020-07', '9998-12']) {
      const parsed = parseScenario(mergeOverlay(tinyScenarioInput(), { start, months: 13 }));
      if (!parsed.success) throw new Error(parsed.error.map(formatIssue).join('\n'));
      const run = compilePeruMining(parsed.data);
      const labels = Array.from({ length: run.steps }, (_, t) => stepLabel(run.firstMonth, t));
      expect(labels[0]).toBe(start);
      for (const label of labels) expect(label).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
      expect(labels.map(monthIndex)).toEqual(labels.map((_, t) => monthIndex(start) + t));
    }
    expect(monthLabel(monthIndex('0999-12') + 1)).toBe('1000-01');
    expect(monthLabel(12 * 7)).toBe('0007-01');
  });

  it('rejects a document that is not a mapping', () => {
    expect(issuesOfText('- just\n- a list\n')).toEqual(['/x.yaml: (root): a scenario must be a mapping of keys to values']);
  });
});

describe('the plan, its permits and referendums', () => {
  const project = (extra: Record<string, unknown>) => [{ ...tinyScenarioInput().projects?.[0], ...extra }];
  it('refuses an influence district that is already the producing or a corridor district, or unknown', () => {
    expect(issuesOf({ projects: project({ influence: ['road', 'nowhere'] }) })).toEqual([
      'x.yaml: projects.0.influence.0: district "road" is already related to the project (producing, corridor or listed twice)',
      'x.yaml: projects.0.influence.1: unknown district "nowhere"',
    ]);
  });
  it('refuses a consulta previa listed for a project that does not require one', () => {
    const permits = [{ month: '2020-03', kind: 'consulta' }];
    expect(issuesOf({ projects: project({ permits, consultation: { required: false } }) })).toEqual([
      'x.yaml: projects.0.permits.0.kind: a consulta previa is listed but consultation.required is false',
    ]);
    expect(issuesOf({ projects: project({ permits, consultation: { required: true } }) })).toEqual([]);
  });
  it("refuses a referendum that reaches none of its project's districts, or of an unknown project", () => {
    const territory = tinyScenarioInput().territory as { districts: Array<Record<string, unknown>> };
    const districts = [...territory.districts, { id: 'far', name: 'far', province: 'prov', population: 100, poverty: 0.5 }];
    const referendum = (extra: Record<string, unknown>) => ({
      territory: { ...territory, districts },
      exogenous: { referendums: [{ month: '2020-02', project: 'mine', districts: ['mine', 'road'], against: 0.9, ...extra }] },
    });
    expect(issuesOf(referendum({}))).toEqual([]);
    // A district of the territory outside the project may vote too (Tía María 2009: six districts), as long as one is the project's.
    expect(issuesOf(referendum({ districts: ['far', 'mine'] }))).toEqual([]);
    expect(issuesOf(referendum({ districts: ['far'] }))).toEqual([
      'x.yaml: exogenous.referendums.0.districts: none of these districts is a producing, influence or corridor district of project "mine"',
    ]);
    expect(issuesOf(referendum({ project: 'other' }))).toEqual(['x.yaml: exogenous.referendums.0.project: unknown project "other"']);
  });
});

describe('names that objects inherit', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])(
    'a project metal named %s is an input error, not a crash',
    (metal) => {
      const projects = [{ ...tinyScenarioInput().projects?.[0], metal }];
      const parsed = parseScenario(mergeOverlay(tinyScenarioInput(), { projects }), 'x.yaml');
      expect(parsed.success ? [] : parsed.error.map(formatIssue)).toEqual([
        `x.yaml: projects.0.metal: no price series "${metal}" in exogenous.prices`,
      ]);
    },
  );

  it('ids named like inherited members are ordinary ids, and the world compiles', () => {
    const input = tinyScenarioInput();
    const rename = (id: string) => ({ mine: 'constructor', road: 'toString' })[id] ?? id;
    const overlay = {
      territory: {
        ...input.territory,
        districts: input.territory.districts.map((d) => ({ ...d, id: rename(d.id) })),
        links: [{ from: 'constructor', to: 'toString', kind: 'corridor' }],
      },
      communities: input.communities?.map((c) => ({ ...c, district: rename(c.district) })),
      companies: [{ id: 'hasOwnProperty', name: 'Company' }],
      projects: input.projects?.map((p) => ({ ...p, company: 'hasOwnProperty', district: 'constructor', corridor: ['toString'] })),
    };
    const parsed = parseScenario(mergeOverlay(input, overlay));
    if (!parsed.success) throw new Error(parsed.error.map(formatIssue).join('\n'));
    const bad = parseScenario(
      mergeOverlay(input, { ...overlay, communities: [{ id: 'c', district: 'valueOf', population: 5 }] }),
      'x.yaml',
    );
    expect(bad.success ? [] : bad.error.map(formatIssue)).toEqual(['x.yaml: communities.0.district: unknown district "valueOf"']);
    expect(compilePeruMining(parsed.data).steps).toBe(24);
  });
});
