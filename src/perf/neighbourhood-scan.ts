/**
 * The scan limit of a civil violence agent-step: every agent reads the whole neighbourhood
 * within its vision once per step (the compiled neighbour table of the scenario, one byte per
 * cell) and counts active citizens and cops, branch-free as the model does, and nothing else:
 * no moves, no draws, no decisions. Agents stand where a random placement puts them (the
 * model's cells are scattered in memory the same way). The model scans at most once per
 * agent-step (a citizen whose decision does not depend on its neighbours skips it), so its time
 * over this loop's is how far it is from scanning alone.
 */
import type { CivilViolenceWorld } from '../models/civil-violence/simulate.js';
import { seededStream } from '../engine/streams.js';

const QUIET = 1;
const ACTIVE = 2;
const COP = 3;

export interface NeighbourhoodScan {
  readonly agents: number;
  readonly steps: number;
  /** Neighbourhood cells an agent reads per step: the mean size of its view. */
  readonly cellsPerAgentStep: number;
  /** Runs a whole scan (agents × steps neighbourhoods) and returns a checksum. */
  readonly run: () => number;
}

export function neighbourhoodScan(world: CivilViolenceWorld): NeighbourhoodScan {
  const { cells, citizens, copSlots, steps } = world;
  const agents = citizens + copSlots;
  const rng = seededStream('ayni/perf/neighbourhood-scan');
  const order = Int32Array.from({ length: cells }, (_, i) => i);
  for (let i = cells - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const x = order[i] as number;
    order[i] = order[j] as number;
    order[j] = x;
  }
  const kind = new Uint8Array(cells);
  const position = new Int32Array(agents);
  for (let a = 0; a < agents; a++) {
    const cell = order[a % cells] as number;
    position[a] = cell;
    kind[cell] = a >= citizens ? COP : rng() < 0.1 ? ACTIVE : QUIET;
  }
  let viewed = 0;
  for (let a = 0; a < agents; a++) {
    const view = a >= citizens ? world.copView : world.citizenView;
    const cell = position[a] as number;
    viewed += (view.start[cell + 1] as number) - (view.start[cell] as number);
  }
  const run = (): number => {
    let checksum = 0;
    for (let t = 0; t < steps; t++) {
      for (let a = 0; a < agents; a++) {
        const view = a >= citizens ? world.copView : world.citizenView;
        const here = position[a] as number;
        const until = view.start[here + 1] as number;
        const seen = view.cells;
        let copsSeen = 0;
        let activesSeen = 1;
        for (let j = view.start[here] as number; j < until; j++) {
          const w = kind[seen[j] as number] as number;
          const occupied = w >> 1;
          activesSeen += occupied & ~w & 1;
          copsSeen += occupied & w;
        }
        checksum += copsSeen / activesSeen;
      }
    }
    return checksum;
  };
  return { agents, steps, cellsPerAgentStep: agents > 0 ? viewed / agents : 0, run };
}
