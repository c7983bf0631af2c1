/**
 * Approximate Bayesian computation by sequential Monte Carlo, with adaptive tolerances:
 * the adaptive population Monte Carlo ABC (APMC) of Lenormand, Jabot & Deffuant (2013),
 * "Adaptive approximate Bayesian computation for complex models", Computational Statistics
 * 28: 2777–2796 (APMC), with the weights and the perturbation kernel of twice
 * the weighted variance of Beaumont, Cornuet, Marin & Robert (2009), "Adaptive approximate
 * Bayesian computation", Biometrika 96: 983–990. Pure and deterministic: every draw comes from
 * the stream passed in, and simulations are named by a seed the sampler hands out.
 *
 * Why APMC: each generation is a fixed batch of N − N_α simulations (the batch engine runs
 * them at once), the tolerance follows from the distances themselves (no schedule to choose),
 * and it stops by a rule a user can read: when fewer than p_acc_min of a generation's new
 * particles beat the previous tolerance, more generations would buy little.
 *
 * The algorithm, with N particles and N_α = ⌊αN⌋:
 *  1. Draw N particles from the prior, simulate each, weight 1. The tolerance ε_1 is the
 *     N_α-th smallest distance; keep the N_α particles within it.
 *  2. Propose N − N_α particles: an ancestor by weight, a Gaussian step (abc-kernel.ts); weight
 *     π(θ) / q(θ), q the kernel mixture over the kept particles. p_acc is the share of them
 *     with a distance below the previous tolerance.
 *  3. Pool the N_α kept and the N − N_α new particles; ε_t is the N_α-th smallest distance;
 *     keep the N_α particles within it (ties broken at random). Stop if p_acc ≤ p_acc_min,
 *     else go to 2.
 * Departures, each said where it happens: a step that leaves the prior box is drawn again
 * (abc-kernel.ts), and exactly N_α particles are kept when distances tie at the tolerance.
 *
 * The design is ask–tell: `propose()` gives a generation's particles with their seeds,
 * the caller simulates them however it likes (one by one, or as one batch), and `accept()`
 * takes their summaries. `abcSmc` runs the loop with a plain simulator function.
 */
import type { Rng } from '../engine/streams.js';
import { logPriorDensity, type PerturbationKernel, perturbationKernel, type UniformPrior } from './abc-kernel.js';
import { madScales, type SummaryDistance, scaledEuclidean } from './abc-distance.js';
import { effectiveSampleSize } from './weighted-quantiles.js';

export interface AbcSmcOptions {
  /** Uniform priors, one per parameter; names are the parameters' dotted paths. */
  readonly priors: readonly UniformPrior[];
  /** The observed summary statistics. */
  readonly target: readonly number[];
  /** The stream of every draw (seededStream). */
  readonly rng: Rng;
  /** Particles N in the first generation. Default 1,000. */
  readonly particles?: number;
  /** Share α of the particles kept each generation. Default 0.5. */
  readonly alpha?: number;
  /** Stop when the acceptance rate falls to this (p_acc_min). Default 0.05. */
  readonly minAcceptance?: number;
  /** Scale of each summary in the distance; a summary without one (or undefined) takes its MAD over the first generation's simulations. */
  readonly scales?: readonly (number | undefined)[];
  /** The distance. Default: Euclidean on scaled summaries. */
  readonly distance?: SummaryDistance;
  /** A stop however the acceptance goes. Default 100 generations. */
  readonly maxGenerations?: number;
  /** Stop before a generation that would exceed this many simulations in all. Default none. */
  readonly maxSimulations?: number;
  /** Seed of simulation 0; simulation i gets firstSeed + i. Default 1. */
  readonly firstSeed?: number;
}

/** One particle to simulate. */
export interface AbcProposal {
  /** The simulation's index over the whole calibration (0, 1, …). */
  readonly simulation: number;
  /** The seed to simulate it with: firstSeed + simulation. */
  readonly seed: number;
  /** Parameter values by name. */
  readonly parameters: Readonly<Record<string, number>>;
}

export interface AbcParticle {
  readonly parameters: Readonly<Record<string, number>>;
  /** Normalised importance weight (the population's weights sum to 1). */
  readonly weight: number;
  readonly distance: number;
  /** The generation (1, 2, …) in which it was simulated. */
  readonly generation: number;
}

export interface AbcGeneration {
  readonly generation: number;
  /** ε_t: the largest distance kept. */
  readonly tolerance: number;
  /** p_acc: share of the new particles below the previous tolerance (1 for the first generation). */
  readonly acceptanceRate: number;
  /** Kish's effective sample size of the kept particles, in (0, N_α]. */
  readonly ess: number;
  readonly simulations: number;
  readonly totalSimulations: number;
  /** Standard deviation of the perturbation step per parameter for the next generation. */
  readonly kernelSd: readonly number[];
}

export type AbcStopReason = 'acceptance' | 'generations' | 'simulations';

export interface AbcPosterior {
  readonly names: readonly string[];
  readonly particles: readonly AbcParticle[];
  readonly generations: readonly AbcGeneration[];
  /** The scales the distance divided by. */
  readonly scales: readonly number[];
  /** Why the sampler stopped; absent while it runs. */
  readonly stop?: AbcStopReason;
}

export interface AbcSmcSampler {
  /** True once the stopping rule has fired; then propose() throws. */
  readonly done: boolean;
  /** The next generation's particles, in simulation order. */
  propose(): readonly AbcProposal[];
  /** The summaries of the particles last proposed, in their order. */
  accept(summaries: readonly (readonly number[])[]): AbcGeneration;
  /** The current population (the kept particles) with the diagnostics so far. */
  posterior(): AbcPosterior;
}

interface Kept {
  readonly values: Float64Array;
  readonly weight: number;
  readonly distance: number;
  readonly generation: number;
}

export function abcSmcSampler(options: AbcSmcOptions): AbcSmcSampler {
  const { priors, target, rng } = options;
  const n = options.particles ?? 1000;
  const alpha = options.alpha ?? 0.5;
  const minAcceptance = options.minAcceptance ?? 0.05;
  const maxGenerations = options.maxGenerations ?? 100;
  const maxSimulations = options.maxSimulations ?? Infinity;
  const firstSeed = options.firstSeed ?? 1;
  const distance = options.distance ?? scaledEuclidean;
  const keep = Math.floor(alpha * n);
  const k = priors.length;
  const names = priors.map((p) => p.name);
  if (k === 0) throw new RangeError('no parameters to calibrate');
  for (const p of priors)
    if (!Number.isFinite(p.low) || !Number.isFinite(p.high) || p.high < p.low)
      throw new RangeError(`prior of ${p.name}: [${p.low}, ${p.high}] is not a finite interval`);
  if (new Set(names).size !== k) throw new RangeError('two priors share a name');
  if (!Number.isInteger(n) || keep < 2 || keep >= n)
    throw new RangeError(`N = ${n} and α = ${alpha} must keep between 2 and N − 1 particles`);
  if (options.scales && options.scales.length !== target.length)
    throw new RangeError(`${options.scales.length} scales for ${target.length} summaries`);
  if (options.scales?.some((s) => s !== undefined && !(s > 0))) throw new RangeError('scales must be positive');

  const logPrior = logPriorDensity(priors);
  const given = options.scales;
  let scales: readonly number[] | undefined = given?.every((s) => s !== undefined) ? (given as number[]) : undefined;
  let kept: Kept[] = [];
  const generations: AbcGeneration[] = [];
  let simulations = 0;
  let pending: { values: Float64Array[]; logWeights: Float64Array } | undefined;
  let stop: AbcStopReason | undefined;
  let kernel: PerturbationKernel | undefined;

  const toRecord = (values: Float64Array): Record<string, number> => Object.fromEntries(names.map((name, d) => [name, values[d]!]));

  const checkLimits = (): void => {
    if (stop) return;
    if (generations.length >= maxGenerations) stop = 'generations';
    else if (simulations + (n - keep) > maxSimulations) stop = 'simulations';
  };

  return {
    get done() {
      return stop !== undefined;
    },
    propose() {
      if (stop) throw new Error(`the calibration has stopped (${stop})`);
      if (pending) throw new Error('the last proposals have not been accepted');
      const values: Float64Array[] = [];
      const logWeights = new Float64Array(generations.length === 0 ? n : n - keep);
      if (generations.length === 0) {
        // Generation 1 samples the prior: weight π/π = 1.
        for (let i = 0; i < n; i++) values.push(Float64Array.from(priors, (p) => p.low + rng() * (p.high - p.low)));
      } else {
        for (let i = 0; i < n - keep; i++) {
          const point = kernel!.propose(rng);
          values.push(point);
          logWeights[i] = logPrior - kernel!.logDensity(point);
        }
      }
      pending = { values, logWeights };
      return values.map((v, i) => ({ simulation: simulations + i, seed: firstSeed + simulations + i, parameters: toRecord(v) }));
    },
    accept(summaries) {
      if (!pending) throw new Error('nothing was proposed');
      const { values, logWeights } = pending;
      if (summaries.length !== values.length) throw new RangeError(`${summaries.length} summaries for ${values.length} proposals`);
      for (const s of summaries)
        if (s.length !== target.length) throw new RangeError(`a simulation gave ${s.length} summaries; the target has ${target.length}`);
      pending = undefined;
      const first = generations.length === 0;
      if (scales === undefined) {
        const mad = madScales(summaries, target.length);
        scales = mad.map((m, j) => given?.[j] ?? m);
      }
      const generation = generations.length + 1;
      const distances = summaries.map((s) => distance(s, target, scales!));
      // Weights stay unnormalised across generations (each is π/q with q a normalised density), so old and new pool fairly.
      const fresh: Kept[] = values.map((v, i) => ({ values: v, weight: Math.exp(logWeights[i]!), distance: distances[i]!, generation }));
      const previous = first ? Infinity : generations.at(-1)!.tolerance;
      const acceptanceRate = first ? 1 : fresh.filter((p) => p.distance < previous).length / fresh.length;
      const pool = [...kept, ...fresh];
      // A random key per particle breaks ties in distance without favouring old particles over new.
      const keys = Float64Array.from(pool, () => rng());
      const order = pool.map((_, i) => i).sort((a, b) => pool[a]!.distance - pool[b]!.distance || keys[a]! - keys[b]! || a - b);
      kept = order.slice(0, keep).map((i) => pool[i]!);
      simulations += values.length;
      const weights = kept.map((p) => p.weight);
      kernel = perturbationKernel(
        { values: Float64Array.from(kept.flatMap((p) => Array.from(p.values))), weights: Float64Array.from(weights) },
        priors,
      );
      const diagnostics: AbcGeneration = {
        generation,
        tolerance: kept.at(-1)!.distance,
        acceptanceRate,
        ess: effectiveSampleSize(weights),
        simulations: values.length,
        totalSimulations: simulations,
        kernelSd: Array.from(kernel.sd),
      };
      generations.push(diagnostics);
      if (!first && acceptanceRate <= minAcceptance) stop = 'acceptance';
      checkLimits();
      return diagnostics;
    },
    posterior() {
      if (kept.length === 0) throw new Error('no generation has been accepted yet');
      let total = 0;
      for (const p of kept) total += p.weight;
      return {
        names,
        particles: kept.map((p) => ({
          parameters: toRecord(p.values),
          weight: p.weight / total,
          distance: p.distance,
          generation: p.generation,
        })),
        generations: [...generations],
        scales: [...scales!],
        ...(stop ? { stop } : {}),
      };
    },
  };
}

/** The simulator: summary statistics of one run at the given parameters and seed. */
export type AbcSimulator = (parameters: Readonly<Record<string, number>>, seed: number) => readonly number[];

/** ABC-SMC to its stopping rule with a simulator called one particle at a time. */
export function abcSmc(options: AbcSmcOptions, simulate: AbcSimulator): AbcPosterior {
  const sampler = abcSmcSampler(options);
  while (!sampler.done) sampler.accept(sampler.propose().map((p) => simulate(p.parameters, p.seed)));
  return sampler.posterior();
}
