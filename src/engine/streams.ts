/**
 * Seeded random streams, the only source of randomness in the model.
 *
 * Each mechanism draws from its own stream, derived from the run seed and the mechanism's
 * name, so that a policy that changes how often one mechanism draws does not shift the
 * draws of any other (this keeps paired comparisons between scenarios paired). Mechanisms
 * whose entities exist in every arm (offices, projects, relations, districts) also draw a
 * fixed number of times per entity per month, whether or not the draw is used.
 *
 * Generator: seedrandom's xor4096 (Brent's xorgens; ~5 ns a draw here, period 2^4096−1).
 * This file is ayni's only caller of seedrandom: every seeded stream, of the models and of
 * the statistics, is made by `seededStream` below.
 */
import seedrandom from 'seedrandom';

/** A stream of uniform draws in [0, 1). */
export type Rng = () => number;

/** The model's random streams, one per mechanism. */
export const STREAM_NAMES = [
  'prices',
  'turnover',
  'incidents',
  'commitments',
  'dialogue',
  'conflict',
  'violence',
  'illegalMining',
  'crisis',
  'protest',
  'authorities',
  'fate',
  'disputes',
  'informalMiners',
  'municipalDisputes',
  'demarcation',
  'register',
] as const;
export type StreamName = (typeof STREAM_NAMES)[number];
export type Streams = Readonly<Record<StreamName, Rng>>;

/**
 * A seeded stream named by a key (seedrandom hashes the whole string into the generator
 * state). The keys in use, each fixed for good (changing one changes every draw after it):
 *   ayni/<seed>/<mechanism>               the Peru model's mechanisms (createStream)
 *   ayni/<seed>/epstein.<stream>          the civil violence model's streams
 *   ayni/<seed>/ishigami.noise            the Ishigami test function's optional noise
 *   ayni-synthetic/<seed>                 the layout of a synthetic territory
 *   ayni/bootstrap/<seed>/<variant>/<o>   a comparison's bootstrap of one variant and outcome
 *   ayni/reference/<tag>                  the civil violence reproduction's intervals
 */
export function seededStream(key: string): Rng {
  return seedrandom.xor4096(key);
}

/**
 * The stream of one mechanism for one run: xor4096 seeded with the string
 * `ayni/<seed>/<mechanism>` (seedrandom hashes the whole string into the generator state).
 */
export function createStream(seed: number, name: StreamName): Rng {
  return seededStream(`ayni/${seed}/${name}`);
}

export function createStreams(seed: number): Streams {
  const streams = {} as Record<StreamName, Rng>;
  for (const name of STREAM_NAMES) streams[name] = createStream(seed, name);
  return streams;
}

/** A standard normal draw by Box–Muller; always consumes exactly two uniforms. */
export function normal(rng: Rng): number {
  const u1 = rng();
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * A Poisson count of mean `rate` from one uniform `u`, by inversion of the distribution
 * function: one draw whatever the count, so a stream's draws do not depend on it. Counts stop
 * at 1,000 (far beyond any rate the models use).
 */
export function poissonByInversion(rate: number, u: number): number {
  let k = 0;
  let term = Math.exp(-rate);
  let cdf = term;
  while (u > cdf && k < 1000) {
    k++;
    term *= rate / k;
    cdf += term;
  }
  return k;
}
