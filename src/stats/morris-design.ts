/**
 * The design of a Morris screening: r trajectories of k + 1 points each on a p-level grid of
 * [0, 1]^k, each moving one factor at a time by ±Δ with Δ = p / (2(p − 1)). Pure; all
 * randomness comes from the seeded stream passed in.
 *
 * - Morris, M. D. (1991). Factorial sampling plans for preliminary computational experiments.
 *   Technometrics 33(2): 161–174. The trajectory is his B* = (J x* + (Δ/2)[(2B − J)D* + J])P*:
 *   a random base point x*, a random direction per factor (D*) and a random order (P*).
 * - Campolongo, F., Cariboni, J. & Saltelli, A. (2007). An effective screening design for
 *   sensitivity analysis of large models. Environmental Modelling & Software 22: 1509–1518.
 *   The optional selection of r trajectories out of a larger pool that maximises their spread
 *   (the sum of squared distances between trajectories, their eq. 3). Their exhaustive search
 *   is out of reach for pools of useful size, so the r are chosen stepwise (greedy forward
 *   selection, as in Ruano, Ocampo-Martinez & Tenorio 2012, Environ. Model. Softw. 37: 103–109).
 */
import type { Rng } from '../engine/streams.js';

/** A factor of the screening and the range its unit coordinate is mapped onto. */
export interface MorrisFactor {
  readonly name: string;
  readonly low: number;
  readonly high: number;
}

export interface MorrisDesignOptions {
  /** Number of trajectories r (at least 2 for a σ and an interval). */
  readonly trajectories: number;
  /** Number of grid levels p; even, so that Δ = p / (2(p − 1)) is a whole number of grid steps. Default 4. */
  readonly levels?: number;
  /** Campolongo's selection: draw this many trajectories and keep the r most spread out. */
  readonly pool?: number;
}

/** One step of a trajectory: which factor moved and which way (+Δ or −Δ in unit space). */
export interface MorrisStep {
  readonly factor: number;
  readonly direction: 1 | -1;
}

export interface MorrisDesign {
  readonly factors: readonly MorrisFactor[];
  readonly levels: number;
  /** The step in unit space, p / (2(p − 1)). */
  readonly delta: number;
  readonly trajectories: number;
  /** Points in [0, 1]^k, trajectory after trajectory: point j of trajectory t is row t(k + 1) + j. */
  readonly unitPoints: readonly (readonly number[])[];
  /** The same points mapped onto the factors' ranges: the inputs to run. */
  readonly points: readonly (readonly number[])[];
  /** steps[t][j − 1]: the move from point j − 1 to point j of trajectory t. */
  readonly steps: readonly (readonly MorrisStep[])[];
}

/** One trajectory as drawn. */
interface Trajectory {
  /** Grid level indices (0..p − 1) of the k + 1 points. */
  readonly levels: number[][];
  readonly steps: MorrisStep[];
}

/**
 * A Morris design of r trajectories. Draws exactly 3k − 1 uniforms per trajectory drawn (k base
 * levels, k directions, k − 1 for the order), so the same stream always gives the same design.
 * Throws on arguments a design file's validation should have refused (odd p, r < 1, pool < r).
 */
export function morrisDesign(factors: readonly MorrisFactor[], options: MorrisDesignOptions, rng: Rng): MorrisDesign {
  const k = factors.length;
  const p = options.levels ?? 4;
  const r = options.trajectories;
  const pool = options.pool ?? r;
  if (k < 1) throw new RangeError('morrisDesign: at least one factor');
  if (!Number.isInteger(p) || p < 2 || p % 2 !== 0) throw new RangeError(`morrisDesign: levels must be even and ≥ 2, got ${p}`);
  if (!Number.isInteger(r) || r < 1) throw new RangeError(`morrisDesign: trajectories must be a whole number ≥ 1, got ${r}`);
  if (!Number.isInteger(pool) || pool < r) throw new RangeError(`morrisDesign: pool must be a whole number ≥ trajectories, got ${pool}`);

  const drawn: Trajectory[] = [];
  for (let t = 0; t < pool; t++) drawn.push(drawTrajectory(k, p, rng));
  const unit = drawn.map((t) => t.levels.map((point) => point.map((level) => level / (p - 1))));
  // Selection needs at least a pair; with r = 1 the first trajectory drawn is kept.
  const keep = pool > r && r >= 2 ? mostSpread(unit, r) : Array.from({ length: r }, (_, t) => t);
  const chosen = keep.map((t) => drawn[t]!);

  const delta = p / (2 * (p - 1));
  const unitPoints = keep.flatMap((t) => unit[t]!);
  const points = unitPoints.map((u) => u.map((v, i) => factors[i]!.low + v * (factors[i]!.high - factors[i]!.low)));
  return { factors, levels: p, delta, trajectories: r, unitPoints, points, steps: chosen.map((t) => t.steps) };
}

/** One trajectory (Morris's B*), in grid level indices. */
function drawTrajectory(k: number, p: number, rng: Rng): Trajectory {
  // Δ is p/2 grid steps; a base level in 0..p/2 − 1 keeps base + Δ on the grid.
  const span = p / 2;
  const base = Array.from({ length: k }, () => Math.floor(rng() * span));
  const direction = Array.from({ length: k }, (): 1 | -1 => (rng() < 0.5 ? 1 : -1));
  const order = Array.from({ length: k }, (_, i) => i);
  for (let i = k - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  // A factor that moves down starts at base + Δ, one that moves up at base: every point stays in [x*, x* + Δ].
  let point = base.map((b, i) => (direction[i] === 1 ? b : b + span));
  const levels = [point];
  const steps: MorrisStep[] = [];
  for (const factor of order) {
    point = point.slice();
    point[factor]! += direction[factor]! * span;
    levels.push(point);
    steps.push({ factor, direction: direction[factor]! });
  }
  return { levels, steps };
}

/** Campolongo's distance between two trajectories: the sum of Euclidean distances over all pairs of their points. */
function trajectoryDistance(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  let sum = 0;
  for (const x of a) {
    for (const y of b) {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += (x[i]! - y[i]!) ** 2;
      sum += Math.sqrt(s);
    }
  }
  return sum;
}

/** Indices of the r trajectories (given as unit points) chosen stepwise to maximise the sum of squared pairwise distances. */
function mostSpread(trajectories: readonly (readonly (readonly number[])[])[], r: number): number[] {
  const m = trajectories.length;
  const squared = Array.from({ length: m }, () => new Float64Array(m));
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const d = trajectoryDistance(trajectories[a]!, trajectories[b]!);
      squared[a]![b] = d * d;
      squared[b]![a] = d * d;
    }
  }
  // Start from the farthest pair; ties go to the trajectory drawn first, so the choice depends on the stream only.
  let first = 0;
  let second = 1;
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      if (squared[a]![b]! > squared[first]![second]!) {
        first = a;
        second = b;
      }
    }
  }
  const chosen = [first, second];
  const gain = new Float64Array(m);
  for (let a = 0; a < m; a++) gain[a] = squared[a]![first]! + squared[a]![second]!;
  while (chosen.length < r) {
    let next = -1;
    for (let a = 0; a < m; a++) if (!chosen.includes(a) && (next < 0 || gain[a]! > gain[next]!)) next = a;
    chosen.push(next);
    for (let a = 0; a < m; a++) gain[a]! += squared[a]![next]!;
  }
  // Kept in the order they were drawn, so a design reads the same whatever the selection's path.
  return chosen.sort((a, b) => a - b);
}

/** Campolongo's spread of a design's trajectories: the square root of the sum of squared pairwise distances. */
export function morrisSpread(design: MorrisDesign): number {
  const size = design.factors.length + 1;
  const trajectories = design.steps.map((_, t) => design.unitPoints.slice(t * size, (t + 1) * size));
  let sum = 0;
  for (let a = 0; a < trajectories.length; a++)
    for (let b = a + 1; b < trajectories.length; b++) sum += trajectoryDistance(trajectories[a]!, trajectories[b]!) ** 2;
  return Math.sqrt(sum);
}
