/**
 * Factors of a design and the map from the unit hypercube to their ranges. Pure.
 *
 * Uniform only for now: x = low + u · (high − low), which keeps a design's low-discrepancy
 * structure; other distributions will map u through their inverse distribution function.
 */

/** A factor varied uniformly over [low, high]. */
export interface UniformFactor {
  readonly name: string;
  readonly low: number;
  readonly high: number;
}

/**
 * Unit points (row-major, one coordinate per factor, each in [0, 1)) mapped to the factors'
 * ranges, as a new array of the same layout.
 */
export function scaleToFactors(unit: Float64Array, factors: readonly UniformFactor[]): Float64Array {
  const k = factors.length;
  if (k === 0 || unit.length % k !== 0) throw new RangeError(`${unit.length} unit coordinates do not split into rows of ${k} factors`);
  for (const f of factors)
    if (!Number.isFinite(f.low) || !Number.isFinite(f.high) || f.high < f.low)
      throw new RangeError(`factor ${f.name}: range [${f.low}, ${f.high}] is not a finite interval`);
  const out = new Float64Array(unit.length);
  for (let i = 0; i < unit.length; i++) {
    const f = factors[i % k];
    out[i] = f.low + unit[i] * (f.high - f.low);
  }
  return out;
}
