/**
 * Test functions of sensitivity analysis, with their analytic Sobol indices, for checking the
 * designs and estimators against known answers. Pure.
 *
 * Ishigami & Homma (1990): f(x) = sin x1 + a sin² x2 + b x3⁴ sin x1, x_i uniform on [−π, π]
 * (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, Wiley). With
 * E sin² = 1/2, E sin⁴ = 3/8, E x⁴ = π⁴/5 and E x⁸ = π⁸/9 for x uniform on [−π, π]:
 *   V1  = Var E[f | x1] = Var(sin x1 · (1 + bπ⁴/5))  = (1 + bπ⁴/5)² / 2
 *   V2  = Var(a sin² x2) = a² (3/8 − 1/4)            = a² / 8
 *   V3  = 0 (x3 acts only through its product with sin x1)
 *   V13 = Var(b sin x1 (x3⁴ − π⁴/5)) = b² (π⁸/9 − π⁸/25) / 2 = 8 b² π⁸ / 225
 *   V   = V1 + V2 + V13 = 1/2 + a²/8 + bπ⁴/5 + b²π⁸/18
 * so S1 = (V1, V2, 0)/V and ST = (V1 + V13, V2, V13)/V; for a = 7, b = 0.1, S1 = (0.3139,
 * 0.4424, 0) and ST = (0.5576, 0.4424, 0.2437), the Primer's values.
 *
 * Sobol's g-function (Saltelli & Sobol' 1995; Saltelli et al. 2010): g(x) =
 * Π_i (|4x_i − 2| + a_i)/(1 + a_i), x_i uniform on [0, 1]. Each factor has mean 1 and variance
 * V_i = 1/(3(1 + a_i)²) (E|4x − 2| = 1, E(4x − 2)² = 4/3), and the factors are independent, so
 *   V = Π (1 + V_i) − 1,  S1_i = V_i / V,  ST_i = V_i Π_{j≠i} (1 + V_j) / V.
 * A small a_i makes x_i important (a = 0: the most), a large one (99) negligible.
 */
import type { UniformFactor } from './factors.js';

export interface AnalyticIndices {
  readonly S1: readonly number[];
  readonly ST: readonly number[];
}

/** The usual Ishigami parameters (Saltelli et al. 2008). */
export const ISHIGAMI_A = 7;
export const ISHIGAMI_B = 0.1;

export const ISHIGAMI_FACTORS: readonly UniformFactor[] = ['x1', 'x2', 'x3'].map((name) => ({ name, low: -Math.PI, high: Math.PI }));

export function ishigami(x: ArrayLike<number>, a = ISHIGAMI_A, b = ISHIGAMI_B): number {
  const s2 = Math.sin(x[1]);
  return Math.sin(x[0]) * (1 + b * x[2] ** 4) + a * s2 * s2;
}

export function ishigamiIndices(a = ISHIGAMI_A, b = ISHIGAMI_B): AnalyticIndices {
  const pi4 = Math.PI ** 4;
  const pi8 = Math.PI ** 8;
  const v1 = (1 + (b * pi4) / 5) ** 2 / 2;
  const v2 = (a * a) / 8;
  const v13 = (8 * b * b * pi8) / 225;
  const v = v1 + v2 + v13;
  return { S1: [v1 / v, v2 / v, 0], ST: [(v1 + v13) / v, v2 / v, v13 / v] };
}

/** The g-function's a_i used in the tests: two important factors, two minor, four negligible. */
export const G_FUNCTION_A: readonly number[] = [0, 1, 4.5, 9, 99, 99, 99, 99];

export function gFunctionFactors(a: readonly number[] = G_FUNCTION_A): UniformFactor[] {
  return a.map((_, i) => ({ name: `x${i + 1}`, low: 0, high: 1 }));
}

export function gFunction(x: ArrayLike<number>, a: readonly number[] = G_FUNCTION_A): number {
  let g = 1;
  for (let i = 0; i < a.length; i++) g *= (Math.abs(4 * x[i] - 2) + a[i]) / (1 + a[i]);
  return g;
}

export function gFunctionIndices(a: readonly number[] = G_FUNCTION_A): AnalyticIndices {
  const parts = a.map((ai) => 1 / (3 * (1 + ai) ** 2));
  const product = parts.reduce((p, vi) => p * (1 + vi), 1);
  const v = product - 1;
  return { S1: parts.map((vi) => vi / v), ST: parts.map((vi) => (vi * (product / (1 + vi))) / v) };
}
