/**
 * Robust verdicts (issue #18, item 4): a hypothesis's pre-registered rule applied at every
 * point of a design over its assumptions, so that a verdict is reported with the share of the
 * plausible assumption space in which it holds, the assumptions that drive the paired effect,
 * and the region where the verdict flips. Pure: the points come from a design already run.
 *
 * - Verdict per point: the hypothesis's rule on the point's paired interval (decideInterval).
 * - Shares: each verdict's share of the points. For a Latin hypercube or Sobol design over
 *   the assumptions' ranges this estimates the share of the assumption space (uniform on the
 *   ranges) where the verdict holds.
 * - Drivers: Spearman's rank correlation of each factor with the paired difference, ranked by
 *   its size (meaningful when factors vary independently, as in LHS and Sobol designs; the
 *   Sobol and Morris indices of the design, where it has them, say more).
 * - Flips: the points whose verdict differs from the verdict at the default setting, and the
 *   PRIM box (Friedman & Fisher 1999; Bryant & Lempert 2010) where they are dense, without the
 *   restrictions whose quasi-p-value exceeds 0.05 (prim.ts primPrune).
 */
import { decideInterval, type DecisionRule, type Verdict } from './hypothesis.js';
import { prim, primPrune, type PrimBox, type PrimOptions, type PrimResult } from '../stats/prim.js';
import { spearman } from '../stats/rank-correlation.js';

/** One design point: its factor values (in the order of `factors`) and the paired effect there. */
export interface RobustnessPoint {
  readonly values: readonly number[];
  readonly difference: number;
  readonly low: number;
  readonly high: number;
}

export interface RobustnessDriver {
  readonly factor: string;
  readonly spearman: number;
}

export interface Robustness {
  readonly points: number;
  readonly verdicts: readonly Verdict[];
  readonly share: Readonly<Record<Verdict, number>>;
  /** Factors by the size of their rank correlation with the paired difference (NaN last). */
  readonly drivers: readonly RobustnessDriver[];
  /** Share of points whose verdict is not the default's, and the box where they are dense (null when none or all flip). */
  readonly flips: { readonly share: number; readonly box: PrimBox | null };
  /** PRIM's whole result on the flips (its peeling trajectory for the trade-off chart), null without a box. */
  readonly prim: PrimResult | null;
}

export function robustness(
  rule: DecisionRule,
  factors: readonly string[],
  points: readonly RobustnessPoint[],
  defaultVerdict: Verdict,
  options: PrimOptions = {},
): Robustness {
  for (const [i, point] of points.entries()) {
    if (point.values.length !== factors.length)
      throw new RangeError(`robustness: point ${i} has ${point.values.length} values for ${factors.length} factors`);
  }
  const n = points.length;
  const verdicts = points.map((p) => decideInterval(rule, p.low, p.high).verdict);
  const count = (v: Verdict) => verdicts.filter((x) => x === v).length;
  const share = {
    supported: n > 0 ? count('supported') / n : 0,
    contradicted: n > 0 ? count('contradicted') / n : 0,
    inconclusive: n > 0 ? count('inconclusive') / n : 0,
  };
  const differences = points.map((p) => p.difference);
  const column = (k: number) => points.map((p) => p.values[k] as number);
  const drivers = factors
    .map((factor, k) => ({ factor, spearman: spearman(column(k), differences) }))
    .sort((a, b) => magnitude(b.spearman) - magnitude(a.spearman));
  const flipped = verdicts.map((v) => v !== defaultVerdict);
  const flips = flipped.filter(Boolean).length;
  const inputs = Object.fromEntries(factors.map((f, k) => [f, column(k)]));
  const found = flips > 0 && flips < n ? prim(inputs, flipped, options) : null;
  // With a hundred assumptions and a hundred points, peeling restricts some by chance: the box
  // keeps only the restrictions whose quasi-p-value is at most 0.05 (Bryant & Lempert 2010).
  const box = found ? primPrune(inputs, flipped, found.box) : null;
  return { points: n, verdicts, share, drivers, flips: { share: n > 0 ? flips / n : 0, box }, prim: found };
}

/** |ρ|, with NaN (a constant factor or effect) below every number. */
const magnitude = (rho: number) => (Number.isNaN(rho) ? -1 : Math.abs(rho));
