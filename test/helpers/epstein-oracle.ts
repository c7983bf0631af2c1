/**
 * A plain, readable implementation of the civil violence model, the oracle for the
 * optimised one (src/models/civil-violence/simulate.ts): agents are objects, the grid is an array
 * of agents, every citizen looks around every step (no shortcuts, no byte codes), and the
 * estimated arrest probability is computed exactly as the paper writes it. It draws from
 * the same streams in the same order, so both must give identical series.
 */
import seedrandom from 'seedrandom';
import { neighbourTable } from '../../src/models/civil-violence/grid.js';
import { scheduleValue, type CivilViolenceScenario } from '../../src/models/civil-violence/schema.js';

interface Citizen {
  readonly hardship: number;
  readonly riskAversion: number;
  cell: number | null;
  active: boolean;
  releaseStep: number;
}
interface Cop {
  cell: number;
}
type Agent = { kind: 'citizen'; who: Citizen } | { kind: 'cop'; who: Cop };

export function oracleRun(s: CivilViolenceScenario, seed: number): { quiet: number[]; active: number[]; jailed: number[]; cops: number[] } {
  const stream = (name: string) => seedrandom.xor4096(`ayni/${seed}/epstein.${name}`);
  const rng = {
    setup: stream('setup'),
    order: stream('order'),
    move: stream('move'),
    arrest: stream('arrest'),
    jail: stream('jail'),
    release: stream('release'),
    cops: stream('cops'),
  };
  const cells = s.grid.width * s.grid.height;
  const citizenView = neighbourTable(s.grid.width, s.grid.height, s.vision.citizens, s.neighbourhood);
  const copView = neighbourTable(s.grid.width, s.grid.height, s.vision.cops, s.neighbourhood);
  const around = (view: typeof citizenView, cell: number) => Array.from(view.cells.subarray(view.start[cell], view.start[cell + 1]));
  const grid: Array<Agent | null> = new Array(cells).fill(null);

  const permutation = Array.from({ length: cells }, (_, i) => i);
  for (let i = cells - 1; i > 0; i--) {
    const j = Math.floor(rng.setup() * (i + 1));
    [permutation[i], permutation[j]] = [permutation[j] as number, permutation[i] as number];
  }
  const citizens: Citizen[] = [];
  const nCitizens = Math.round(s.citizenDensity * cells);
  for (let i = 0; i < nCitizens; i++) {
    const c: Citizen = { hardship: rng.setup(), riskAversion: rng.setup(), cell: permutation[i] as number, active: false, releaseStep: 0 };
    citizens.push(c);
    grid[c.cell as number] = { kind: 'citizen', who: c };
  }
  const cops: Cop[] = [];
  for (let j = 0; j < Math.round(s.copDensity.initial * cells); j++) {
    const cop = { cell: permutation[nCitizens + j] as number };
    cops.push(cop);
    grid[cop.cell] = { kind: 'cop', who: cop };
  }

  const randomEmptyCell = (r: () => number) => {
    for (let i = 0; i < 64; i++) {
      const c = Math.floor(r() * cells);
      if (grid[c] === null) return c;
    }
    const empty = grid.flatMap((a, c) => (a === null ? [c] : []));
    return empty[Math.floor(r() * empty.length)] as number;
  };
  const moveTo = (agent: Agent, from: number, to: number) => {
    grid[from] = null;
    grid[to] = agent;
    agent.who.cell = to;
  };

  const out = { quiet: [] as number[], active: [] as number[], jailed: [] as number[], cops: [] as number[] };
  for (let step = 1; step <= s.steps; step++) {
    const legitimacy = scheduleValue(s.legitimacy, step);
    for (const c of citizens) {
      if (c.cell === null && c.releaseStep === step) {
        c.cell = randomEmptyCell(rng.release);
        c.active = false;
        grid[c.cell] = { kind: 'citizen', who: c };
      }
    }
    const target = Math.round(scheduleValue(s.copDensity, step) * cells);
    while (cops.length > target) {
      const j = Math.floor(rng.cops() * cops.length);
      grid[(cops[j] as Cop).cell] = null;
      cops[j] = cops[cops.length - 1] as Cop;
      cops.pop();
    }
    while (cops.length < target) {
      const cop = { cell: randomEmptyCell(rng.cops) };
      cops.push(cop);
      grid[cop.cell] = { kind: 'cop', who: cop };
    }

    const order: Agent[] = [
      ...citizens.filter((c) => c.cell !== null).map((c) => ({ kind: 'citizen' as const, who: c })),
      ...cops.map((c) => ({ kind: 'cop' as const, who: c })),
    ];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.order() * (i + 1));
      [order[i], order[j]] = [order[j] as Agent, order[i] as Agent];
    }

    for (const agent of order) {
      if (agent.who.cell === null) continue; // arrested earlier in this step
      const view = agent.kind === 'cop' ? copView : citizenView;
      const placed = grid[agent.who.cell] as Agent; // the grid's own record of this agent
      if (s.movement) {
        const neighbours = around(view, agent.who.cell);
        let to = -1;
        for (let i = 0; i < 8 && neighbours.length > 0; i++) {
          const c = neighbours[Math.floor(rng.move() * neighbours.length)] as number;
          if (grid[c] === null) {
            to = c;
            break;
          }
        }
        if (to < 0 && neighbours.length > 0) {
          const empty = neighbours.filter((c) => grid[c] === null);
          if (empty.length > 0) to = empty[Math.floor(rng.move() * empty.length)] as number;
        }
        if (to >= 0) moveTo(placed, agent.who.cell, to);
      }
      const seen = around(view, agent.who.cell as number).map((c) => grid[c]);
      if (agent.kind === 'citizen') {
        const c = agent.who;
        const copsSeen = seen.filter((a) => a?.kind === 'cop').length;
        const activesSeen = 1 + seen.filter((a) => a?.kind === 'citizen' && a.who.active).length;
        const ratio = s.arrestProbability.form === 'floor' ? Math.floor(copsSeen / activesSeen) : copsSeen / activesSeen;
        const arrestProbability = 1 - Math.exp(-s.arrestProbability.k * ratio);
        const grievance = c.hardship * (1 - legitimacy);
        c.active = grievance - c.riskAversion * arrestProbability > s.threshold;
      } else {
        const suspects = around(view, agent.who.cell).filter((cell) => {
          const a = grid[cell];
          return a?.kind === 'citizen' && a.who.active;
        });
        if (suspects.length === 0) continue;
        const cell = suspects[Math.floor(rng.arrest() * suspects.length)] as number;
        const suspect = (grid[cell] as { who: Citizen }).who;
        const term = Math.floor(rng.jail() * (s.maxJailTerm + 1));
        suspect.cell = null;
        suspect.active = false;
        suspect.releaseStep = step + term + 1;
        grid[cell] = null;
        moveTo(placed, agent.who.cell, cell);
      }
    }
    const free = citizens.filter((c) => c.cell !== null);
    out.active.push(free.filter((c) => c.active).length);
    out.quiet.push(free.length - (out.active[out.active.length - 1] as number));
    out.jailed.push(citizens.length - free.length);
    out.cops.push(cops.length);
  }
  return out;
}
