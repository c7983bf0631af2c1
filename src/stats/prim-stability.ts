/**
 * How stable a PRIM box is: PRIM re-run on bootstrap resamples of the rows, and how often each
 * dimension is restricted in the box chosen there. A dimension restricted in nearly every
 * resample is part of the scenario; one restricted now and then is fitting noise. Pure; the
 * resamples draw from the seeded stream passed in (n draws per resample).
 *
 * - Bryant, B. P. & Lempert, R. J. (2010). Thinking inside the box: a participatory,
 *   computer-assisted approach to scenario discovery. Technological Forecasting & Social
 *   Change 77: 34–49 (resampling tests of which dimensions a box restricts).
 * - Friedman, J. H. & Fisher, N. I. (1999). Bump hunting in high-dimensional data. Statistics
 *   and Computing 9: 123–143 (PRIM itself, see prim.ts).
 */
import type { Rng } from '../engine/streams.js';
import { type PrimBox, type PrimInputs, type PrimOptions, prim } from './prim.js';

export interface PrimStabilityOptions extends PrimOptions {
  /** Bootstrap resamples. Default 100. */
  readonly resamples?: number;
}

export interface PrimStability {
  readonly resamples: number;
  /** Per factor, in input order: the share of resamples whose chosen, pasted box restricts it. */
  readonly restricted: readonly { readonly factor: string; readonly share: number }[];
  /** The chosen, pasted box of each resample. */
  readonly boxes: readonly PrimBox[];
}

export function primStability(inputs: PrimInputs, cases: ArrayLike<boolean>, rng: Rng, options: PrimStabilityOptions = {}): PrimStability {
  const resamples = options.resamples ?? 100;
  const names = Object.keys(inputs);
  const n = cases.length;
  const boxes: PrimBox[] = [];
  const counts = new Array<number>(names.length).fill(0);
  for (let b = 0; b < resamples; b++) {
    const rows = Int32Array.from({ length: n }, () => Math.floor(rng() * n));
    const sample: Record<string, Float64Array> = {};
    for (const name of names) {
      const column = inputs[name]!;
      sample[name] = Float64Array.from(rows, (i) => column[i]!);
    }
    const { box } = prim(
      sample,
      Array.from(rows, (i) => cases[i]!),
      options,
    );
    boxes.push(box);
    box.limits.forEach((limit, j) => {
      if (limit.restricted) counts[j]!++;
    });
  }
  return {
    resamples,
    restricted: names.map((factor, j) => ({ factor, share: resamples > 0 ? counts[j]! / resamples : Number.NaN })),
    boxes,
  };
}
