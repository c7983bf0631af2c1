/**
 * Epstein's civil violence model (2002, Model I) as a function of (scenario, seed).
 *
 * Each step: apply the schedules (legitimacy, cop density), release citizens whose term is
 * served, then activate every free agent once in a random order. An agent first moves to a
 * random empty cell within vision (rule M), then acts: a citizen is active iff
 * G − R·P > T with G = H·(1 − L) and P = 1 − exp(−k·⌊C/A⌋) (rule A); a cop arrests a random
 * active citizen within vision and takes its cell (rule C). Jail terms are uniform integers
 * in 0..J_max; a citizen jailed at step s with term j misses steps s+1..s+j and returns, quiet,
 * to a random empty cell at step s+j+1.
 *
 * State is struct-of-arrays; each cell holds one byte saying who is there, so that the
 * neighbourhood scans read bytes only. Every mechanism draws from its own seeded stream.
 * Pure: no I/O, no clock, no global randomness.
 */
import { neighbourTable, type NeighbourTable } from './grid.js';
import { CIVIL_VIOLENCE_SERIES_NAMES, civilViolenceOutcomes } from './metrics.js';
import type { CivilViolenceOutcomes } from './outcomes.js';
import { scheduleValue, type CivilViolenceScenario } from './schema.js';
import { seededStream, type Rng } from '../../engine/streams.js';

const EMPTY = 0;
const QUIET = 1;
const ACTIVE = 2;
const COP = 3;

/** The random streams of a run, one per mechanism (placement, order, moves, arrests, terms, releases, cop changes). */
const STREAMS = ['setup', 'order', 'move', 'arrest', 'jail', 'release', 'cops'] as const;

export type CivilViolenceEvent =
  | { readonly step: number; readonly type: 'arrest'; readonly citizen: number; readonly cop: number; readonly term: number }
  | { readonly step: number; readonly type: 'release'; readonly citizen: number };

/** What is computed once per scenario and shared by every run of a batch. */
export interface CivilViolenceWorld {
  readonly scenario: CivilViolenceScenario;
  readonly cells: number;
  readonly citizens: number;
  /** Cop slots: the most cops the schedule ever asks for. */
  readonly copSlots: number;
  readonly steps: number;
  /** Legitimacy and cop count at each step (index t is step t + 1). */
  readonly legitimacy: Float64Array;
  readonly copsAt: Int32Array;
  readonly citizenView: NeighbourTable;
  readonly copView: NeighbourTable;
}

export function compileCivilViolence(scenario: CivilViolenceScenario): CivilViolenceWorld {
  const { width, height } = scenario.grid;
  const cells = width * height;
  const steps = scenario.steps;
  const legitimacy = new Float64Array(steps);
  const copsAt = new Int32Array(steps);
  for (let t = 0; t < steps; t++) {
    legitimacy[t] = scheduleValue(scenario.legitimacy, t + 1);
    copsAt[t] = Math.round(scheduleValue(scenario.copDensity, t + 1) * cells);
  }
  const initialCops = Math.round(scenario.copDensity.initial * cells);
  const citizenView = neighbourTable(width, height, scenario.vision.citizens, scenario.neighbourhood);
  const copView =
    scenario.vision.cops === scenario.vision.citizens
      ? citizenView
      : neighbourTable(width, height, scenario.vision.cops, scenario.neighbourhood);
  return {
    scenario,
    cells,
    citizens: Math.round(scenario.citizenDensity * cells),
    copSlots: Math.max(initialCops, ...copsAt),
    steps,
    legitimacy,
    copsAt,
    citizenView,
    copView,
  };
}

export interface CivilViolenceRun {
  /** Metric-major: CIVIL_VIOLENCE_SERIES_NAMES × steps. */
  readonly series: Float64Array;
  readonly outcomes: CivilViolenceOutcomes;
  readonly events: CivilViolenceEvent[] | null;
}

export function simulateCivilViolence(
  world: CivilViolenceWorld,
  seed: number,
  options: { readonly events?: boolean } = {},
): CivilViolenceRun {
  const s = world.scenario;
  const rng = Object.fromEntries(STREAMS.map((name) => [name, seededStream(`ayni/${seed}/epstein.${name}`)])) as unknown as Record<
    (typeof STREAMS)[number],
    Rng
  >;
  const events: CivilViolenceEvent[] | null = options.events ? [] : null;
  const { cells, citizens, copSlots, steps } = world;
  const agents = citizens + copSlots;

  const kind = new Uint8Array(cells);
  const occupant = new Int32Array(cells).fill(-1);
  const position = new Int32Array(agents).fill(-1);
  const hardship = new Float64Array(citizens);
  const riskAversion = new Float64Array(citizens);
  /** Step at which a jailed citizen comes back (0: not jailed). */
  const releaseStep = new Int32Array(citizens);
  let jailed = 0;
  let cops = 0;
  /** Active citizens on the grid (kept in step with the cells, so that cops can skip looking when there are none). */
  let activeCount = 0;

  const place = (agent: number, cell: number, what: number) => {
    position[agent] = cell;
    occupant[cell] = agent;
    kind[cell] = what;
  };
  const vacate = (agent: number) => {
    const cell = position[agent];
    occupant[cell] = -1;
    kind[cell] = EMPTY;
    position[agent] = -1;
  };
  /** A uniformly random empty cell of the whole grid (rejection, then a scan when the grid is nearly full). */
  const randomEmptyCell = (r: Rng): number => {
    for (let i = 0; i < 64; i++) {
      const c = Math.floor(r() * cells);
      if (kind[c] === EMPTY) return c;
    }
    const empty: number[] = [];
    for (let c = 0; c < cells; c++) if (kind[c] === EMPTY) empty.push(c);
    return empty[Math.floor(r() * empty.length)] as number;
  };

  // Placement: a random permutation of the cells; citizens first, then the initial cops.
  {
    const setup = rng.setup;
    const order = Int32Array.from({ length: cells }, (_, i) => i);
    shuffle(order, cells, setup);
    for (let i = 0; i < citizens; i++) {
      hardship[i] = setup();
      riskAversion[i] = setup();
      place(i, order[i] as number, QUIET);
    }
    cops = Math.round(s.copDensity.initial * cells);
    for (let j = 0; j < cops; j++) place(citizens + j, order[citizens + j] as number, COP);
  }

  const series = new Float64Array(CIVIL_VIOLENCE_SERIES_NAMES.length * steps);
  const orderList = new Int32Array(agents);
  const found = new Int32Array(Math.max(maxDegree(world.citizenView), maxDegree(world.copView)));
  const k = s.arrestProbability.k;
  const floorForm = s.arrestProbability.form === 'floor';
  const threshold = s.threshold;
  const jailChoices = s.maxJailTerm + 1;
  const cView = world.citizenView;
  const kView = world.copView;

  for (let t = 0; t < steps; t++) {
    const step = t + 1;
    const legitimacy = world.legitimacy[t] as number;
    let arrests = 0;

    // Releases, in citizen order: those whose term is served come back quiet, anywhere there is room.
    if (jailed > 0) {
      for (let c = 0; c < citizens; c++) {
        if (releaseStep[c] !== step) continue;
        place(c, randomEmptyCell(rng.release), QUIET);
        releaseStep[c] = 0;
        jailed--;
        events?.push({ step, type: 'release', citizen: c });
      }
    }

    // Cop schedule: remove random cops or add cops on random empty cells. Present cops
    // always fill slots citizens .. citizens + cops − 1.
    const target = world.copsAt[t] as number;
    while (cops > target) {
      const victim = citizens + Math.floor(rng.cops() * cops);
      const last = citizens + cops - 1;
      vacate(victim);
      if (victim !== last) {
        const cell = position[last] as number;
        vacate(last);
        place(victim, cell, COP);
      }
      cops--;
    }
    while (cops < target) {
      place(citizens + cops, randomEmptyCell(rng.cops), COP);
      cops++;
    }

    // Random sequential activation of every free agent.
    let n = 0;
    for (let a = 0; a < citizens; a++) if (position[a] >= 0) orderList[n++] = a;
    for (let j = 0; j < cops; j++) orderList[n++] = citizens + j;
    shuffle(orderList, n, rng.order);

    for (let o = 0; o < n; o++) {
      const agent = orderList[o] as number;
      let here = position[agent] as number;
      if (here < 0) continue; // arrested earlier in this step
      const isCop = agent >= citizens;
      const view = isCop ? kView : cView;

      if (s.movement) {
        const to = randomEmptyNeighbour(view, here, kind, rng.move, found);
        if (to >= 0) {
          const what = kind[here] as number;
          vacate(agent);
          place(agent, to, what);
          here = to;
        }
      }

      const from = view.start[here] as number;
      const until = view.start[here + 1] as number;
      const seen = view.cells;
      if (!isCop) {
        // Exact shortcuts (in floating point too, as rounding is monotone): with G ≤ T no
        // risk makes a citizen active, and with G − R > T (R·P ≤ R) no risk keeps it quiet;
        // only the others need to look around.
        const grievance = (hardship[agent] as number) * (1 - legitimacy);
        const risk = riskAversion[agent] as number;
        if (grievance <= threshold || grievance - risk > threshold) {
          const next = grievance > threshold ? ACTIVE : QUIET;
          activeCount += (next === ACTIVE ? 1 : 0) - (kind[here] === ACTIVE ? 1 : 0);
          kind[here] = next;
          continue;
        }
        let copsSeen = 0;
        let activesSeen = 1; // the citizen counts itself as active
        // Branch-free counts: kind codes 2 (active) and 3 (cop) differ in bit 0.
        for (let j = from; j < until; j++) {
          const w = kind[seen[j] as number] as number;
          const occupied = w >> 1;
          activesSeen += occupied & ~w & 1;
          copsSeen += occupied & w;
        }
        const ratio = floorForm ? Math.floor(copsSeen / activesSeen) : copsSeen / activesSeen;
        const next = grievance - risk * (1 - Math.exp(-k * ratio)) > threshold ? ACTIVE : QUIET;
        activeCount += (next === ACTIVE ? 1 : 0) - (kind[here] === ACTIVE ? 1 : 0);
        kind[here] = next;
      } else {
        if (activeCount === 0) continue; // nobody to arrest anywhere
        let m = 0;
        for (let j = from; j < until; j++) {
          const cell = seen[j] as number;
          found[m] = cell;
          m += kind[cell] === ACTIVE ? 1 : 0;
        }
        if (m === 0) continue;
        const cell = found[Math.floor(rng.arrest() * m)] as number;
        const suspect = occupant[cell] as number;
        const term = Math.floor(rng.jail() * jailChoices);
        vacate(suspect);
        activeCount--;
        releaseStep[suspect] = step + term + 1;
        jailed++;
        arrests++;
        events?.push({ step, type: 'arrest', citizen: suspect, cop: agent - citizens, term });
        vacate(agent);
        place(agent, cell, COP);
      }
    }

    let quiet = 0;
    let active = 0;
    for (let a = 0; a < citizens; a++) {
      const p = position[a] as number;
      if (p < 0) continue;
      if (kind[p] === ACTIVE) active++;
      else quiet++;
    }
    series[0 * steps + t] = quiet;
    series[1 * steps + t] = active;
    series[2 * steps + t] = jailed;
    series[3 * steps + t] = cops;
    series[4 * steps + t] = legitimacy;
    series[5 * steps + t] = arrests;
  }

  return { series, outcomes: civilViolenceOutcomes(series, steps, s.outburstThreshold), events };
}

function maxDegree(view: NeighbourTable): number {
  let most = 0;
  for (let c = 0; c + 1 < view.start.length; c++) most = Math.max(most, (view.start[c + 1] as number) - (view.start[c] as number));
  return most;
}

/** Fisher–Yates on the first n entries. */
function shuffle(xs: Int32Array, n: number, r: Rng): void {
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const x = xs[i] as number;
    xs[i] = xs[j] as number;
    xs[j] = x;
  }
}

/**
 * A uniformly random empty cell among `cell`'s neighbours, or −1 if there is none.
 * Random probes first (the first empty cell hit is uniform among the empty ones), then a
 * full scan, which is also uniform: the mixture of the two stays exact.
 */
function randomEmptyNeighbour(view: NeighbourTable, cell: number, kind: Uint8Array, r: Rng, scratch: Int32Array): number {
  const from = view.start[cell] as number;
  const size = (view.start[cell + 1] as number) - from;
  if (size === 0) return -1;
  for (let i = 0; i < 8; i++) {
    const c = view.cells[from + Math.floor(r() * size)] as number;
    if (kind[c] === EMPTY) return c;
  }
  let m = 0;
  for (let j = 0; j < size; j++) {
    const c = view.cells[from + j] as number;
    if (kind[c] === EMPTY) scratch[m++] = c;
  }
  return m === 0 ? -1 : (scratch[Math.floor(r() * m)] as number);
}
