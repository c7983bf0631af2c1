/**
 * Contention before construction (docs/model.md §7.5a, §7.8a–c, §7.3a), on hand-built
 * worlds: perceived risk of a project in permitting, permit events and referendums, consulta
 * previa, sub-national stances, and the fate of the project (suspension, delay, abandonment).
 */
import { describe, expect, it } from 'vitest';
import { tinyScenario } from '../../helpers/tiny-world.js';
import { compileWorld, type World } from '../../../src/models/peru-mining/world.js';
import { createState, Fate, type State } from '../../../src/models/peru-mining/state.js';
import { createStreams, type StreamName } from '../../../src/engine/streams.js';
import { stepProjects } from '../../../src/models/peru-mining/mechanisms/projects.js';
import { stepPermits } from '../../../src/models/peru-mining/mechanisms/permits.js';
import { stepPerceivedRisk } from '../../../src/models/peru-mining/mechanisms/perceived-risk.js';
import { stepFate } from '../../../src/models/peru-mining/mechanisms/fate.js';
import { stepHardship } from '../../../src/models/peru-mining/mechanisms/hardship.js';
import { createAuthoritiesScratch, stepAuthorities } from '../../../src/models/peru-mining/mechanisms/authorities.js';
import { createStepScratch, stepMonth } from '../../../src/models/peru-mining/step.js';
import { createSeries, seriesColumn } from '../../../src/models/peru-mining/metrics.js';
import { simulate } from '../../../src/models/peru-mining/simulate.js';
import { PARAMETERS } from '../../../src/models/peru-mining/parameters.js';
import type { Scenario } from '../../../src/models/peru-mining/schema.js';

/** The tiny world with its mine in permitting for the whole run (licence due in 2030). */
function permittingScenario(overlay: Record<string, unknown> = {}, edit: (s: Scenario) => void = () => {}): Scenario {
  const scenario = tinyScenario(overlay);
  const project = scenario.projects[0];
  if (!project) throw new Error('tiny world has no project');
  project.phases = { exploration: '2015-01', permitting: '2019-01', construction: '2030-01' };
  edit(scenario);
  return scenario;
}

const fresh = (world: World, seed = 1): State => createState(world, createStreams(seed), []);

/** A run's events with the project held suspended from month 1 for `suspendedFor` months (fate set by hand). */
function eventsSuspended(scenario: Scenario, suspendedFor: number): NonNullable<State['events']> {
  const world = compileWorld(scenario);
  const events: NonNullable<State['events']> = [];
  const state = createState(world, createStreams(1), events);
  const scratch = createStepScratch(world);
  const series = createSeries(world.months);
  for (let t = 0; t < world.months; t++) {
    state.t = t;
    state.fate[0] = t >= 1 && t < 1 + suspendedFor ? Fate.suspended : Fate.planned;
    stepMonth(world, state, scratch, series);
  }
  return events;
}

/** Draws a whole run takes from one stream; `each` sets the state up before every month. */
function drawsOf(world: World, stream: StreamName, seed: number, each: (state: State) => void = () => {}): number {
  let draws = 0;
  const streams = createStreams(seed);
  const counting = () => {
    draws++;
    return streams[stream]();
  };
  const state = createState(world, { ...streams, [stream]: counting }, null);
  const scratch = createStepScratch(world);
  const series = createSeries(world.months);
  for (let t = 0; t < world.months; t++) {
    state.t = t;
    each(state);
    stepMonth(world, state, scratch, series);
  }
  return draws;
}

/** Perceived risk of community 0 (in the producing district) in the first month. */
function firstMonthRisk(edit: (s: Scenario) => void): number {
  const world = compileWorld(permittingScenario({}, edit));
  const state = fresh(world);
  stepProjects(world, state);
  stepPermits(world, state);
  stepPerceivedRisk(world, state);
  return state.perceivedRisk[0] ?? Number.NaN;
}

const setDistrict = (water: number, agriculture: number) => (s: Scenario) => {
  const d = s.territory.districts[0];
  if (!d) throw new Error('no district');
  d.waterDependence = water;
  d.agricultureDependence = agriculture;
};
const setTrust = (company: number, national: number) => (s: Scenario) => {
  for (const c of s.communities) Object.assign(c.trust, { company, national });
};

describe('perceived risk before operation', () => {
  it('is what operation would bring, scaled by the livelihood stake and damped by trust in the sources', () => {
    const A = PARAMETERS.anticipation;
    const H = PARAMETERS.hardship;
    const risk = firstMonthRisk((s) => {
      setDistrict(0.9, 0.7)(s);
      setTrust(0.2, 0.4)(s);
    });
    const stake = A.stakeFloor.default + (1 - A.stakeFloor.default) * (0.5 * 0.9 + 0.5 * 0.7);
    const credibility = 0.5 * 0.2 + 0.5 * 0.4;
    const expected = H.operationExposure.default * (1 - H.esgMitigation.default * 0.5) * stake * (1 - A.reassurance.default * credibility);
    expect(risk).toBeCloseTo(expected, 12);
  });

  it('rises with water dependence and with farming dependence', () => {
    const dry = firstMonthRisk(setDistrict(0.1, 0.5));
    const wet = firstMonthRisk(setDistrict(0.9, 0.5));
    const farming = firstMonthRisk(setDistrict(0.9, 0.9));
    // Stakes 0.65, 0.85 and 0.95: risk scales with them.
    expect(wet / dry).toBeCloseTo(0.85 / 0.65, 12);
    expect(farming / wet).toBeCloseTo(0.95 / 0.85, 12);
  });

  it('falls with trust in the company and the state as sources of information', () => {
    const distrust = firstMonthRisk(setTrust(0.05, 0.05));
    const trusted = firstMonthRisk(setTrust(0.9, 0.9));
    expect(trusted).toBeLessThan(distrust * 0.6);
  });

  it('is felt at explorationWeight in exploration, not by corridor communities, and not at all before exploration', () => {
    const world = compileWorld(permittingScenario());
    const state = fresh(world);
    stepProjects(world, state);
    stepPerceivedRisk(world, state);
    const permitting = state.perceivedRisk[0] ?? 0;
    expect(permitting).toBeGreaterThan(0);
    // Communities 3–5 live on the corridor: no trucks before operation, so nothing anticipated.
    expect(Array.from(state.perceivedRisk.subarray(3))).toEqual([0, 0, 0]);

    const exploring = compileWorld(
      permittingScenario({}, (s) => {
        if (s.projects[0]) s.projects[0].phases = { exploration: '2019-01', permitting: '2030-01' };
      }),
    );
    const e = fresh(exploring);
    stepProjects(exploring, e);
    stepPerceivedRisk(exploring, e);
    expect(e.perceivedRisk[0]).toBeCloseTo(permitting * PARAMETERS.anticipation.explorationWeight.default, 12);

    const notYet = compileWorld(
      permittingScenario({}, (s) => {
        if (s.projects[0]) s.projects[0].phases = { exploration: '2028-01' };
      }),
    );
    const n = fresh(notYet);
    stepProjects(notYet, n);
    stepPerceivedRisk(notYet, n);
    expect(n.perceivedRisk[0]).toBe(0);
  });

  it('enters hardship as exposure: a community facing a project in permitting is harder off than one with none', () => {
    const run = (edit: (s: Scenario) => void) => simulate(permittingScenario({ months: 1 }, edit), { seed: 1 }).series;
    const withProject = run(() => {});
    const withoutProject = run((s) => {
      if (s.projects[0]) s.projects[0].phases = { exploration: '2028-01' };
    });
    const hardship = (series: Float64Array) => seriesColumn(series, 1, 'meanHardship')[0] ?? Number.NaN;
    expect(hardship(withProject)).toBeGreaterThan(hardship(withoutProject) + 0.02);
  });
});

describe('the area of direct influence', () => {
  /** Hardship of the community of a third district, 'valley', in the first month of an operating mine. */
  const valleyHardship = (influence: string[]) => {
    const scenario = tinyScenario({ months: 1 });
    scenario.territory.districts.push({
      ...scenario.territory.districts[0],
      id: 'valley',
      name: 'valley',
    } as (typeof scenario.territory.districts)[0]);
    scenario.communities.push({ ...scenario.communities[0], id: 'valley-0', district: 'valley' } as (typeof scenario.communities)[0]);
    if (scenario.projects[0]) scenario.projects[0].influence = influence;
    const world = compileWorld(scenario);
    const state = fresh(world);
    stepProjects(world, state);
    stepPerceivedRisk(world, state);
    const scratch = createStepScratch(world);
    stepHardship(world, state, scratch.hardship);
    return { valley: state.hardship[world.communityIds.indexOf('valley-0')] ?? Number.NaN, mine: state.hardship[0] ?? Number.NaN };
  };

  it('an influence district feels the exposure of an operating mine as the producing district does', () => {
    const outside = valleyHardship([]);
    const inside = valleyHardship(['valley']);
    expect(inside.valley).toBeGreaterThan(outside.valley + 0.1);
    expect(inside.valley).toBeCloseTo(inside.mine, 12);
  });
});

describe('the permit calendar', () => {
  const permitsOf = (overlay: Record<string, unknown>, edit: (s: Scenario) => void) => {
    const world = compileWorld(permittingScenario(overlay, edit));
    return { month: Array.from(world.permits.month), kind: Array.from(world.permits.kind), start: world.projectPhaseStart[3] };
  };

  it('streamlining compresses events inside permitting and moves later ones back by the months saved', () => {
    const plan = (s: Scenario) => {
      if (!s.projects[0]) return;
      s.projects[0].phases = { exploration: '2015-01', permitting: '2020-01', construction: '2020-11' };
      s.projects[0].consultation.required = false;
      s.projects[0].permits = [
        { month: '2020-06', kind: 'hearing' },
        { month: '2020-11', kind: 'approval' },
        { month: '2021-03', kind: 'observations' },
      ];
    };
    expect(permitsOf({}, plan).month).toEqual([5, 10, 14]);
    // Full streamlining at permittingSpeedup 0.3: 10 months of permitting save 3; month 5 → round(3.5) = 4.
    const streamlined = permitsOf({ policies: { consultation: { streamlining: 1 } } }, plan);
    expect(streamlined.month).toEqual([4, 7, 11]);
    expect(streamlined.start).toBe(7);
  });

  it('holds the consulta previa when permitting starts if the project requires one and lists none', () => {
    const consulta = (required: boolean) =>
      permitsOf({}, (s) => {
        if (!s.projects[0]) return;
        s.projects[0].phases = { exploration: '2015-01', permitting: '2020-03', construction: '2030-01' };
        s.projects[0].consultation.required = required;
      });
    expect(consulta(true)).toMatchObject({ month: [2], kind: [5] });
    expect(consulta(false)).toMatchObject({ month: [], kind: [] });
  });

  it("fires events of the run's first month, and none dated before the run", () => {
    const world = compileWorld(
      permittingScenario({}, (s) => {
        if (s.projects[0]) {
          s.projects[0].consultation.required = false;
          s.projects[0].permits = [
            { month: '2019-06', kind: 'publication' },
            { month: '2020-01', kind: 'hearing' },
          ];
        }
      }),
    );
    const events: NonNullable<State['events']> = [];
    const state = createState(world, createStreams(1), events);
    for (let t = 0; t < 3; t++) {
      state.t = t;
      stepProjects(world, state);
      stepPermits(world, state);
    }
    expect(events.filter((e) => e.type === 'permit')).toEqual([expect.objectContaining({ month: 0, kind: 'hearing' })]);
  });

  it('the record is documentation: a run is the same with or without it', () => {
    const plain = permittingScenario({ months: 24 });
    const recorded = permittingScenario({ months: 24, record: [{ month: '2020-05', event: 'a strike', kind: 'protest' }] });
    expect(recorded.record).toHaveLength(1);
    expect(simulate(recorded, { seed: 4 }).series).toEqual(simulate(plain, { seed: 4 }).series);
  });
});

describe('permit events and referendums', () => {
  /** Alarm and trigger of the producing district's relation 0 and corridor relation 3 after month `t`'s events. */
  function afterEvents(edit: (s: Scenario) => void, months: number) {
    const world = compileWorld(permittingScenario({}, edit));
    const state = fresh(world);
    for (let t = 0; t < months; t++) {
      state.t = t;
      stepProjects(world, state);
      stepPermits(world, state);
    }
    return {
      alarm: state.alarm[0] ?? 0,
      trigger: state.permitTrigger[0] ?? 0,
      referendum: state.referendumTrigger[0] ?? 0,
      corridor: state.alarm[3],
    };
  }

  it('a rejection confirms the risk (reviewAlarm) and mobilises the area of influence, not the corridor', () => {
    const out = afterEvents((s) => {
      if (s.projects[0]) s.projects[0].permits = [{ month: '2020-03', kind: 'rejection' }];
    }, 3);
    expect(out).toEqual({ alarm: PARAMETERS.anticipation.reviewAlarm.default, trigger: 1, referendum: 0, corridor: 0 });
  });

  it('a publication raises alarm by permitAlarm·(1 − quality) without mobilising; an open early table softens it', () => {
    const publish = (timing: string) =>
      afterEvents((s) => {
        s.policies.dialogue.timing = timing as 'early';
        if (s.projects[0]) {
          s.projects[0].permits = [{ month: '2020-02', kind: 'publication' }];
          s.projects[0].consultation.quality = 0.2;
        }
      }, 2);
    const reactive = publish('reactive');
    expect(reactive.alarm).toBeCloseTo(PARAMETERS.anticipation.permitAlarm.default * 0.8, 12);
    expect(reactive.trigger).toBe(0);
    const gain = PARAMETERS.anticipation.tableQualityGain.default;
    expect(publish('early').alarm).toBeCloseTo(PARAMETERS.anticipation.permitAlarm.default * (1 - (0.2 + 0.8 * gain)), 12);
  });

  it('a referendum alarms and mobilises the communities of the districts that voted, by the share against', () => {
    const out = afterEvents((s) => {
      s.exogenous.referendums = [{ month: '2020-02', project: 'mine', districts: ['mine'], against: 0.9, label: 'consulta vecinal' }];
    }, 2);
    expect(out.alarm).toBeCloseTo(PARAMETERS.anticipation.referendumAlarm.default * 0.9, 12);
    expect(out.referendum).toBe(0.9);
    expect(out.corridor).toBe(0);
  });

  /** Mean active conflict-months over paired seeds. */
  function meanConflict(edit: (s: Scenario) => void, seeds = 300): number {
    const world = compileWorld(permittingScenario({ months: 18 }, edit));
    let sum = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const series = createSeries(world.months);
      const state = fresh(world, seed);
      const scratch = createStepScratch(world);
      for (let t = 0; t < world.months; t++) {
        state.t = t;
        stepMonth(world, state, scratch, series);
      }
      sum += seriesColumn(series, world.months, 'casesActive').reduce((a, b) => a + b, 0);
    }
    return sum / seeds;
  }

  it('a rejection or a referendum raises mobilisation: more active conflict-months than the same world without', () => {
    const none = meanConflict(() => {});
    const rejection = meanConflict((s) => {
      if (s.projects[0]) s.projects[0].permits = [{ month: '2020-02', kind: 'rejection' }];
    });
    const referendum = meanConflict((s) => {
      s.exogenous.referendums = [{ month: '2020-02', project: 'mine', districts: ['mine'], against: 0.9, label: 'referendum' }];
    });
    expect(rejection).toBeGreaterThan(none * 1.1);
    expect(referendum).toBeGreaterThan(none * 1.1);
  });

  it('consulta previa reaches the indigenous share: poor quality frustrates and mobilises, good quality builds trust in the state', () => {
    const consult = (quality: number, indigenousShare: number) => {
      const world = compileWorld(
        permittingScenario({}, (s) => {
          const d = s.territory.districts[0];
          if (d) d.indigenousShare = indigenousShare;
          if (s.projects[0]) {
            s.projects[0].phases = { exploration: '2015-01', permitting: '2020-02', construction: '2030-01' };
            s.projects[0].consultation = { required: true, quality };
          }
        }),
      );
      const state = fresh(world);
      for (let t = 0; t < 2; t++) {
        state.t = t;
        stepProjects(world, state);
        stepPermits(world, state);
      }
      return { signal: state.signal[0 * 4 + 1] ?? 0, trigger: state.permitTrigger[0] ?? 0 };
    };
    const T = PARAMETERS.trust;
    expect(consult(0.2, 0.5)).toEqual({ signal: -T.frustrationSignal.default * 0.5, trigger: 0.5 });
    expect(consult(0.8, 0.5)).toEqual({ signal: T.meetingSignal.default * 0.5, trigger: 0 });
    expect(consult(0.2, 0)).toEqual({ signal: 0, trigger: 0 });
  });
});

describe('sub-national authorities take sides', () => {
  /** Share of seeds in which the producing district's mayor opposes at the start. */
  function opposingShare(poverty: number, seeds = 1500): number {
    const world = compileWorld(
      permittingScenario({}, (s) => {
        for (const d of s.territory.districts) d.poverty = poverty;
      }),
    );
    let n = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const state = fresh(world, seed);
      state.grievance.fill(poverty / 2);
      stepAuthorities(world, state, createAuthoritiesScratch(world));
      n += state.mayorOpposes[0] ?? 0;
    }
    return n / seeds;
  }

  it('a mayor opposes with probability 1 − exp(−opposeRate · mean grievance)', () => {
    const rate = PARAMETERS.authorities.opposeRate.default;
    for (const poverty of [0.2, 0.8]) {
      const expected = 1 - Math.exp(-rate * (poverty / 2));
      expect(Math.abs(opposingShare(poverty) - expected)).toBeLessThan(0.04);
    }
  });

  it('stances are drawn at the start and when new authorities take office, and nowhere else', () => {
    const scenario = permittingScenario({ months: 40, exogenous: { elections: { subnational: ['2021-01', '2023-01'] } } });
    const events = simulate(scenario, { seed: 3, events: true }).events ?? [];
    const months = new Set(events.filter((e) => e.type === 'authority-stance').map((e) => e.month));
    expect(months.size).toBeGreaterThan(0);
    for (const m of months) expect([0, 12, 36]).toContain(m);
    // And the stream draws the same number each time, whatever the stances: one per district and per department.
    const world = compileWorld(scenario);
    expect(drawsOf(world, 'authorities', 3)).toBe(3 * (world.districtIds.length + world.departmentIds.length));
  });

  it('opposing authorities lend mobilisation: more conflict when they back the communities', () => {
    const conflict = (gain: number) => {
      const scenario = permittingScenario({ months: 18, parameters: { authorities: { opposeRate: 20, mobilisationGain: gain } } });
      let sum = 0;
      for (let seed = 0; seed < 200; seed++) sum += simulate(scenario, { seed }).outcomes.activeConflictMonths;
      return sum / 200;
    };
    expect(conflict(1.5)).toBeGreaterThan(conflict(0) * 1.1);
  });
});

describe('project fate', () => {
  /** Share of seeds in which a project in permitting is suspended after one month with `violence` violent events. */
  function suspendedShare(
    violence: number,
    crises: number,
    overlay: Record<string, unknown> = {},
    setUp: (state: State) => void = () => {},
    seeds = 2000,
  ): number {
    const world = compileWorld(permittingScenario(overlay));
    let n = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const state = fresh(world, seed);
      stepProjects(world, state);
      setUp(state);
      state.projectViolence[0] = violence;
      state.projectCrises[0] = crises;
      stepFate(world, state);
      if (state.fate[0] === Fate.suspended) n++;
    }
    return n / seeds;
  }

  it('a suspension follows violence more often than calm, at 1 − exp(−violenceSuspension · V)', () => {
    expect(suspendedShare(0, 0)).toBe(0);
    const violent = suspendedShare(1, 0);
    expect(Math.abs(violent - (1 - Math.exp(-PARAMETERS.fate.violenceSuspension.default)))).toBeLessThan(0.035);
    expect(suspendedShare(1, 1)).toBeGreaterThan(violent);
  });

  it('the political cost of a national campaign and of opposing authorities raises it', () => {
    const base = suspendedShare(1, 0);
    // The tiny world starts 2020-01: a national election in 2020-04 puts the first month in the campaign.
    const F = PARAMETERS.fate;
    const campaign = suspendedShare(1, 0, { exogenous: { elections: { national: ['2020-04'] } } });
    expect(Math.abs(campaign - (1 - Math.exp(-(1 + F.campaignCost.default) * F.violenceSuspension.default)))).toBeLessThan(0.035);
    const opposed = suspendedShare(1, 0, {}, (state) => {
      state.mayorOpposes[0] = 1;
      state.governorOpposes[0] = 1;
    });
    expect(Math.abs(opposed - (1 - Math.exp(-(1 + F.authorityCost.default) * F.violenceSuspension.default)))).toBeLessThan(0.035);
    expect(Math.min(campaign, opposed)).toBeGreaterThan(base + 0.1);
  });

  it('an operating mine is not suspended: its stoppages are blockades', () => {
    const world = compileWorld(tinyScenario());
    const state = fresh(world);
    stepProjects(world, state);
    state.projectViolence[0] = 50;
    stepFate(world, state);
    expect(state.fate[0]).toBe(Fate.planned);
  });

  it('a suspension delays the plan by its length: the licence comes as many months later', () => {
    const scenario = permittingScenario(
      {
        months: 24,
        parameters: { fate: { violenceSuspension: 0, crisisSuspension: 0, mobilisedSuspension: 0, resumeRate: 0, abandonRate: 0 } },
      },
      (s) => {
        if (s.projects[0]) s.projects[0].phases = { exploration: '2015-01', permitting: '2019-01', construction: '2020-06' };
      },
    );
    const licenceMonth = (suspendedFor: number) => eventsSuspended(scenario, suspendedFor).find((e) => e.type === 'licence')?.month;
    expect(licenceMonth(0)).toBe(5);
    expect(licenceMonth(7)).toBe(12);
  });

  it('draws one number a project a month from the fate stream, whatever happens', () => {
    for (const violence of [0, 5]) {
      const world = compileWorld(permittingScenario({ months: 30, parameters: { fate: { violenceSuspension: violence } } }));
      expect(drawsOf(world, 'fate', 2, (state) => (state.projectViolence[0] = 1))).toBe(30);
    }
  });

  it('permit events wait while the project is suspended, and fire when it resumes', () => {
    const scenario = permittingScenario(
      {
        months: 12,
        parameters: { fate: { violenceSuspension: 0, crisisSuspension: 0, mobilisedSuspension: 0, resumeRate: 0, abandonRate: 0 } },
      },
      (s) => {
        if (s.projects[0]) s.projects[0].permits = [{ month: '2020-04', kind: 'hearing' }];
      },
    );
    const hearing = (suspendedFor: number) =>
      eventsSuspended(scenario, suspendedFor)
        .filter((e) => e.type === 'permit')
        .map((e) => e.month);
    expect(hearing(0)).toEqual([3]);
    expect(hearing(4)).toEqual([7]);
  });

  it('a suspended project is abandoned at abandonRate, and an abandoned one closes: no more cases', () => {
    const scenario = permittingScenario({
      months: 6,
      parameters: { fate: { abandonRate: 1 } },
    });
    const world = compileWorld(scenario);
    const events: NonNullable<State['events']> = [];
    const state = createState(world, createStreams(1), events);
    const scratch = createStepScratch(world);
    const series = createSeries(world.months);
    state.t = 0;
    stepMonth(world, state, scratch, series);
    state.fate[0] = Fate.suspended;
    for (let t = 1; t < world.months; t++) {
      state.t = t;
      stepMonth(world, state, scratch, series);
    }
    expect(events.filter((e) => e.type === 'project-abandoned').map((e) => e.month)).toEqual([1]);
    expect(state.fate[0]).toBe(Fate.abandoned);
    expect(seriesColumn(series, world.months, 'projectsAbandoned')[5]).toBe(1);
    expect(Array.from(state.perceivedRisk)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('early dialogue in permitting', () => {
  /** Mean perceived risk over the last year of 30 months in permitting, over seeds. */
  function lateRisk(timing: 'early' | 'reactive', fulfilmentRate: number, seeds = 120): number {
    const scenario = permittingScenario({
      months: 30,
      policies: { dialogue: { timing, opensAt: 'permitting' } },
      parameters: { commitments: { fulfilmentRate } },
    });
    let sum = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const risk = seriesColumn(simulate(scenario, { seed }).series, 30, 'perceivedRisk');
      sum += risk.subarray(18).reduce((a, b) => a + b, 0) / 12;
    }
    return sum / seeds;
  }

  it('lowers perceived risk when its commitments are kept, and less (or not) when they are broken', () => {
    const kept = lateRisk('early', 0.3);
    const broken = lateRisk('early', 0);
    const none = lateRisk('reactive', 0.3);
    expect(kept).toBeLessThan(broken);
    expect(kept).toBeLessThan(none);
  });
});
