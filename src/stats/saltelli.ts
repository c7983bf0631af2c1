/**
 * The Saltelli sampling scheme for first-order and total Sobol indices (Saltelli et al. 2010,
 * "Variance based sensitivity analysis of model output. Design and estimator for the total
 * sensitivity index", Computer Physics Communications 181: 259–270, section 3). Pure.
 *
 * From N points of a 2k-dimensional Sobol sequence, A is the first k coordinates and B the
 * last k; A_B^(i) is A with its column i taken from B. The design evaluates the model at
 * N(k + 2) points, grouped by base row j as SALib lays them out (so the two can be compared
 * row for row):
 *   row j(k + 2)         A_j
 *   row j(k + 2) + i     (A_B^(i))_j, for factor i = 1..k
 *   row j(k + 2) + k + 1 B_j
 * Each base row's k + 2 points are contiguous, so any prefix of whole groups is a smaller
 * complete design.
 */
import { type UniformFactor, scaleToFactors } from './factors.js';
import { SOBOL_MAX_DIMENSIONS, type SobolOptions, sobolPoint, sobolPoints } from './sobol-sequence.js';

export interface SaltelliDesign {
  readonly factors: readonly string[];
  /** N, the number of base rows. */
  readonly baseSamples: number;
  /** N(k + 2) points × k factor values, row-major, in the layout above. */
  readonly points: Float64Array;
}

/** N(k + 2): the model evaluations of a Saltelli design. */
export function saltelliPointCount(baseSamples: number, factorCount: number): number {
  return baseSamples * (factorCount + 2);
}

function checkFactorCount(k: number): void {
  if (!Number.isInteger(k) || k < 1 || 2 * k > SOBOL_MAX_DIMENSIONS)
    throw new RangeError(`a Saltelli design takes 1 to ${SOBOL_MAX_DIMENSIONS / 2} factors, got ${k}`);
}

/**
 * The design in the unit hypercube: N(k + 2) rows × k coordinates. `start` is the index of the
 * first Sobol point used (0 keeps the origin; N a power of two keeps the sequence's balance).
 */
export function saltelliUnitPoints(baseSamples: number, factorCount: number, options: SobolOptions = {}): Float64Array {
  const k = factorCount;
  if (!Number.isInteger(baseSamples) || baseSamples < 1)
    throw new RangeError(`base samples must be a positive integer, got ${baseSamples}`);
  checkFactorCount(k);
  const base = sobolPoints(baseSamples, 2 * k, options);
  const out = new Float64Array(saltelliPointCount(baseSamples, k) * k);
  for (let j = 0; j < baseSamples; j++) {
    const a = base.subarray(j * 2 * k, j * 2 * k + k);
    const b = base.subarray(j * 2 * k + k, (j + 1) * 2 * k);
    const group = j * (k + 2) * k;
    out.set(a, group);
    for (let i = 0; i < k; i++) {
      const row = group + (i + 1) * k;
      out.set(a, row);
      out[row + i] = b[i];
    }
    out.set(b, group + (k + 1) * k);
  }
  return out;
}

/**
 * Row `row` of the design in the unit hypercube alone, without the others (what a shard of a
 * large design needs: N(k + 2) × k values may not fit in memory). The same values as row `row`
 * of saltelliUnitPoints, for any N larger than the row's base row.
 */
export function saltelliUnitRow(row: number, factorCount: number, options: SobolOptions = {}): Float64Array {
  const k = factorCount;
  checkFactorCount(k);
  if (!Number.isInteger(row) || row < 0) throw new RangeError(`design row must be a non-negative integer, got ${row}`);
  const place = row % (k + 2);
  const base = sobolPoint((options.start ?? 0) + (row - place) / (k + 2), 2 * k);
  // place 0: A; 1..k: A_B^(place); k + 1: B.
  if (place === k + 1) return base.slice(k);
  const out = base.slice(0, k);
  if (place > 0) out[place - 1] = base[k + place - 1];
  return out;
}

/** The design over the factors' ranges (uniform). */
export function saltelliDesign(factors: readonly UniformFactor[], baseSamples: number, options: SobolOptions = {}): SaltelliDesign {
  const unit = saltelliUnitPoints(baseSamples, factors.length, options);
  return { factors: factors.map((f) => f.name), baseSamples, points: scaleToFactors(unit, factors) };
}
