/**
 * Regression scoring of a design whose factors vary independently (a Latin hypercube):
 * standardised regression coefficients (SRC) of a least-squares fit of the output on every
 * factor at once, with 95% intervals from the coefficients' standard errors, the fit's R², and
 * Spearman's ρ of each factor with the output with the interval of Bonett & Wright (2000).
 * SRC_i = β_i sd(x_i) / sd(y); for a model that is linear in its factors, SRC_i² is factor i's
 * share of the output's variance and they sum to R² (Saltelli et al. 2008, The Primer, §1.2.5).
 * Where R² is low the coefficients say little and ρ (monotone, not linear) or Sobol indices say
 * more. Why regression here: all points inform every coefficient, so the replicate noise of a
 * stochastic model is pooled over the design instead of being fought point by point as a
 * Morris screening must. Pure.
 *
 * The normal equations are solved by Cholesky factorisation of XᵀX (symmetric positive
 * definite for a design with more points than factors and no constant factor): a dozen lines
 * for k ≤ a few hundred factors, where loading a linear-algebra library would cost more than the
 * solve.
 */
import { spearman } from './rank-correlation.js';

export interface RegressionRow {
  readonly factor: string;
  readonly index: 'SRC' | 'spearman' | 'R2';
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

const Z95 = 1.959963984540054;

/** In-place Cholesky of a k×k row-major SPD matrix into its lower factor; false if not positive definite. */
function cholesky(a: Float64Array, k: number): boolean {
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j] as number;
    for (let m = 0; m < j; m++) d -= (a[j * k + m] as number) ** 2;
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    a[j * k + j] = l;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j] as number;
      for (let m = 0; m < j; m++) s -= (a[i * k + m] as number) * (a[j * k + m] as number);
      a[i * k + j] = s / l;
    }
  }
  return true;
}

/** Solves L Lᵀ x = b for the factor L (lower, row-major). */
function choleskySolve(l: Float64Array, k: number, b: Float64Array): Float64Array {
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = b[i] as number;
    for (let m = 0; m < i; m++) s -= (l[i * k + m] as number) * (y[m] as number);
    y[i] = s / (l[i * k + i] as number);
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let m = i + 1; m < k; m++) s -= (l[m * k + i] as number) * (x[m] as number);
    x[i] = s / (l[i * k + i] as number);
  }
  return x;
}

const mean = (v: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] as number;
  return s / v.length;
};
const sd = (v: ArrayLike<number>, m: number) => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += ((v[i] as number) - m) ** 2;
  return Math.sqrt(s / (v.length - 1));
};

/**
 * SRC and Spearman's ρ of each factor, and R², for columns[i][p] (factor i at point p) and
 * y[p]. Factors are centred and scaled before the fit, so the solve is well conditioned.
 * Throws when there are not more points than factors + 1 or a factor is constant.
 */
export function regressionScores(names: readonly string[], columns: readonly ArrayLike<number>[], y: ArrayLike<number>): RegressionRow[] {
  const k = names.length;
  const n = y.length;
  if (columns.length !== k) throw new RangeError(`${columns.length} columns for ${k} factors`);
  if (n <= k + 1) throw new RangeError(`regression scores need more points (${n}) than factors + 1 (${k + 1})`);
  const my = mean(y);
  const sy = sd(y, my);
  // Standardised columns z_i = (x_i − mean) / sd.
  const z = columns.map((c, i) => {
    if (c.length !== n) throw new RangeError(`factor ${names[i]} has ${c.length} values for ${n} points`);
    const m = mean(c);
    const s = sd(c, m);
    if (!(s > 0)) throw new RangeError(`factor ${names[i]} is constant over the design`);
    return Float64Array.from({ length: n }, (_, p) => ((c[p] as number) - m) / s);
  });
  const spearmanRows = names.map((factor, i): RegressionRow => {
    const rho = spearman(columns[i] as ArrayLike<number>, y);
    // Bonett & Wright (2000), Psychometrika 65: 23–28: var(atanh ρ_s) ≈ (1 + ρ²/2) / (n − 3).
    const half = Z95 * Math.sqrt((1 + (rho * rho) / 2) / (n - 3));
    const at = Math.atanh(Math.max(-0.999999, Math.min(0.999999, rho)));
    return { factor, index: 'spearman', estimate: rho, low: Math.tanh(at - half), high: Math.tanh(at + half) };
  });
  if (!(sy > 0)) {
    const nan = { estimate: Number.NaN, low: Number.NaN, high: Number.NaN };
    return [
      ...names.map((factor): RegressionRow => ({ factor, index: 'SRC', ...nan })),
      ...spearmanRows,
      { factor: '(all)', index: 'R2', ...nan },
    ];
  }
  // Centred y over standardised z: the intercept is 0 and drops out of the normal equations.
  const yc = Float64Array.from({ length: n }, (_, p) => ((y[p] as number) - my) / sy);
  const xtx = new Float64Array(k * k);
  const xty = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const zi = z[i] as Float64Array;
    for (let j = 0; j <= i; j++) {
      const zj = z[j] as Float64Array;
      let s = 0;
      for (let p = 0; p < n; p++) s += (zi[p] as number) * (zj[p] as number);
      xtx[i * k + j] = s;
      xtx[j * k + i] = s;
    }
    let s = 0;
    for (let p = 0; p < n; p++) s += (zi[p] as number) * (yc[p] as number);
    xty[i] = s;
  }
  const l = Float64Array.from(xtx);
  if (!cholesky(l, k)) throw new RangeError('the factors are collinear over the design: no unique regression');
  const beta = choleskySolve(l, k, xty);
  let rss = 0;
  for (let p = 0; p < n; p++) {
    let fit = 0;
    for (let i = 0; i < k; i++) fit += (beta[i] as number) * ((z[i] as Float64Array)[p] as number);
    rss += ((yc[p] as number) - fit) ** 2;
  }
  // yc has variance 1, so its total sum of squares is n − 1.
  const r2 = 1 - rss / (n - 1);
  const sigma2 = rss / (n - k - 1);
  const src = names.map((factor, i): RegressionRow => {
    // The i-th diagonal of (ZᵀZ)⁻¹: solve for the i-th unit vector.
    const unit = new Float64Array(k);
    unit[i] = 1;
    const se = Math.sqrt(sigma2 * (choleskySolve(l, k, unit)[i] as number));
    const b = beta[i] as number;
    return { factor, index: 'SRC', estimate: b, low: b - Z95 * se, high: b + Z95 * se };
  });
  return [...src, ...spearmanRows, { factor: '(all)', index: 'R2', estimate: r2, low: Number.NaN, high: Number.NaN }];
}
