/**
 * Where the 9,385 communities of the 2017 censuses are: a documented rule that keeps every
 * sourced figure and states the rest as assumptions (data/peru/README.md, docs/national.md).
 *
 * Sourced (data/peru/sources.md): 6,682 peasant and 2,703 native communities (S10, S11);
 * Puno 1,352 and Cusco 969 peasant (S10), Loreto 1,170 native (S11); peasant communities in
 * 23 of 25 departments, none in Tumbes, and Puno > Cusco > Ayacucho > Huancavelica > Apurímac
 * the five with most (S11); native communities in twelve named departments (S11).
 *
 * Peasant communities by department: the counts fall with rank along a Zipf–Mandelbrot
 * curve c(k) = a·(k + b)^−s through the two sourced counts (ranks 1 and 2) and summing to
 * the national total over the 23 departments, which fixes a, b and s. Ayacucho, Huancavelica
 * and Apurímac take ranks 3–5 as the source orders them; the other departments rank by the
 * rural highland population of their districts (weight below). Assumed: that the counts fall
 * smoothly with rank, the order below rank 5, and that Callao (all urban) is the second
 * department without peasant communities.
 * Native communities by department: Loreto's sourced count; the rest in proportion to the
 * rural lowland population of the other eleven departments.
 * Within a department, communities go to its eligible districts (capital above
 * highlandAltitude for peasant, below lowlandAltitude for native; all districts if none is)
 * in proportion to each district's population capped at ruralCap. Every split is a
 * largest-remainder apportionment, so counts add up exactly. Pure; no draws.
 */
import { fail, ok, type InputIssue, type Result } from '../../../engine/result.js';
import { apportion } from '../apportion.js';
import type { BuildSettings } from './assumptions.js';

/** The sourced facts the rule keeps (source ids of data/peru/sources.md). */
export const COMMUNITY_FACTS = {
  peasant: {
    total: 6682,
    /** S11: the five departments with most peasant communities, in order. */
    topFive: ['Puno', 'Cusco', 'Ayacucho', 'Huancavelica', 'Apurímac'],
    /** S11: none in Tumbes; Callao is the assumed second of the two departments without. */
    without: ['Tumbes', 'Callao'],
  },
  native: {
    total: 2703,
    /** S11 and data/peru/README.md: the departments with native communities. */
    departments: [
      'Loreto',
      'Ucayali',
      'Amazonas',
      'San Martín',
      'Madre de Dios',
      'Junín',
      'Pasco',
      'Cusco',
      'Cajamarca',
      'Huánuco',
      'Ayacucho',
      'Puno',
    ],
  },
} as const;

export interface DistrictPlace {
  readonly department: string;
  readonly altitude: number;
  readonly population: number;
}

export interface CommunityPlacement {
  /** Per department (in the order given) and kind, the communities placed there. */
  readonly byDepartment: ReadonlyArray<{
    readonly department: string;
    readonly peasant: number;
    readonly native: number;
    readonly peasantSourced: boolean;
    readonly nativeSourced: boolean;
  }>;
  /** Per district (in the order given), the communities of each kind. */
  readonly peasantByDistrict: Int32Array;
  readonly nativeByDistrict: Int32Array;
  /** The rank-size curve's parameters for the peasant counts. */
  readonly curve: { readonly a: number; readonly b: number; readonly s: number };
}

/**
 * Places the communities. `departments` are the department names in order, `sourced` the
 * counts the sources give (by department name). Fails, naming the broken fact, if the
 * rule's output would contradict a source (which would mean the data changed).
 */
export function placeCommunities(
  departments: readonly string[],
  districts: readonly DistrictPlace[],
  sourced: { readonly peasant: ReadonlyMap<string, number>; readonly native: ReadonlyMap<string, number> },
  settings: BuildSettings,
  file: string,
): Result<CommunityPlacement, InputIssue[]> {
  const issues: InputIssue[] = [];
  const problem = (message: string) => issues.push({ file, path: ['communities'], message });
  for (const name of [
    ...sourced.peasant.keys(),
    ...sourced.native.keys(),
    ...COMMUNITY_FACTS.peasant.topFive,
    ...COMMUNITY_FACTS.native.departments,
  ])
    if (!departments.includes(name)) problem(`the rule names department ${name}, which is not in the tables`);
  if (issues.length > 0) return fail(issues);

  const capped = (d: DistrictPlace) => Math.min(d.population, settings.ruralCap);
  const highland = (d: DistrictPlace) => d.altitude >= settings.highlandAltitude;
  const lowland = (d: DistrictPlace) => d.altitude < settings.lowlandAltitude;
  const weightOf = (department: string, eligible: (d: DistrictPlace) => boolean) =>
    districts.reduce((sum, d) => sum + (d.department === department && eligible(d) ? capped(d) : 0), 0);

  // Peasant: ranks, then the rank-size curve through the sourced counts.
  const P = COMMUNITY_FACTS.peasant;
  const withPeasant = departments.filter((d) => !(P.without as readonly string[]).includes(d));
  const rest = withPeasant
    .filter((d) => !(P.topFive as readonly string[]).includes(d))
    .map((d) => ({ d, w: weightOf(d, highland) }))
    .sort((x, y) => y.w - x.w || departments.indexOf(x.d) - departments.indexOf(y.d))
    .map((x) => x.d);
  const ranked = [...P.topFive, ...rest];
  const c1 = sourced.peasant.get(ranked[0]);
  const c2 = sourced.peasant.get(ranked[1]);
  if (c1 === undefined || c2 === undefined) {
    problem(`the rank-size rule needs the sourced counts of ${ranked[0]} and ${ranked[1]}`);
    return fail(issues);
  }
  const curve = rankSizeCurve(c1, c2, P.total, ranked.length);
  if (curve === undefined) {
    problem(`no falling rank-size curve passes through ${c1} and ${c2} and sums to ${P.total} over ${ranked.length} departments`);
    return fail(issues);
  }
  const peasant = new Map<string, number>();
  const unsourced = ranked.filter((d) => !sourced.peasant.has(d));
  let sourcedSum = 0;
  for (const [d, n] of sourced.peasant) {
    peasant.set(d, n);
    sourcedSum += n;
  }
  const split = apportion(
    P.total - sourcedSum,
    unsourced.map((d) => curve.at(ranked.indexOf(d) + 1)),
    new Float64Array(unsourced.length),
  );
  unsourced.forEach((d, i) => peasant.set(d, split[i]));
  const counts = ranked.map((d) => peasant.get(d) ?? 0);
  for (let k = 1; k < P.topFive.length; k++)
    if (!(counts[k] < counts[k - 1])) problem(`${ranked[k]} would have as many peasant communities as ${ranked[k - 1]}`);
  const fifth = counts[P.topFive.length - 1];
  for (let k = P.topFive.length; k < counts.length; k++) if (!(counts[k] < fifth)) problem(`${ranked[k]} would rank among the top five`);

  // Native: Loreto's sourced count, the rest by lowland population.
  const N = COMMUNITY_FACTS.native;
  const native = new Map<string, number>();
  let nativeSourced = 0;
  for (const [d, n] of sourced.native) {
    native.set(d, n);
    nativeSourced += n;
  }
  const nativeOthers = N.departments.filter((d) => !sourced.native.has(d));
  const nativeSplit = apportion(
    N.total - nativeSourced,
    nativeOthers.map((d) => weightOf(d, lowland)),
    new Float64Array(nativeOthers.length),
  );
  nativeOthers.forEach((d, i) => native.set(d, nativeSplit[i]));
  for (const d of nativeOthers) if ((native.get(d) ?? 0) < 1) problem(`the source lists native communities in ${d}, the rule placed none`);

  // Within departments: eligible districts by capped population.
  const peasantByDistrict = new Int32Array(districts.length);
  const nativeByDistrict = new Int32Array(districts.length);
  const spread = (department: string, count: number, eligible: (d: DistrictPlace) => boolean, out: Int32Array) => {
    const own = districts.flatMap((d, i) => (d.department === department ? [i] : []));
    const chosen = own.some((i) => eligible(districts[i])) ? own.filter((i) => eligible(districts[i])) : own;
    const parts = apportion(
      count,
      chosen.map((i) => capped(districts[i])),
      new Float64Array(chosen.length),
    );
    chosen.forEach((i, k) => (out[i] = parts[k]));
  };
  for (const d of departments) {
    spread(d, peasant.get(d) ?? 0, highland, peasantByDistrict);
    spread(d, native.get(d) ?? 0, lowland, nativeByDistrict);
  }
  if (issues.length > 0) return fail(issues);
  return ok({
    byDepartment: departments.map((d) => ({
      department: d,
      peasant: peasant.get(d) ?? 0,
      native: native.get(d) ?? 0,
      peasantSourced: sourced.peasant.has(d),
      nativeSourced: sourced.native.has(d),
    })),
    peasantByDistrict,
    nativeByDistrict,
    curve: { a: curve.a, b: curve.b, s: curve.s },
  });
}

/**
 * The falling curve c(k) = a·(k + b)^−s, k = 1..K, with c(1) = c1, c(2) = c2 and
 * Σ c(k) = total. For a given b, s follows from c1/c2 and a from c1; the sum falls as b
 * grows (the tail thins), so b is found by bisection. Undefined when no b ≥ −0.99 gives the total.
 */
export function rankSizeCurve(
  c1: number,
  c2: number,
  total: number,
  K: number,
): { a: number; b: number; s: number; at: (k: number) => number } | undefined {
  if (!(c1 > c2 && c2 > 0 && K >= 2)) return undefined;
  // c(k) = c1·((k + b)/(1 + b))^−s, written so that a large b does not overflow a.
  const exponent = (b: number) => Math.log(c1 / c2) / Math.log((2 + b) / (1 + b));
  const count = (b: number, s: number, k: number) => c1 * Math.exp(-s * Math.log((k + b) / (1 + b)));
  const sum = (b: number) => {
    const s = exponent(b);
    let total = 0;
    for (let k = 1; k <= K; k++) total += count(b, s, k);
    return total;
  };
  // As b grows the curve tends to the geometric c1·(c2/c1)^(k−1), whose sum is the least.
  let lo = -0.99;
  let hi = 1e4;
  if (sum(lo) < total || sum(hi) > total) return undefined;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (sum(mid) > total) lo = mid;
    else hi = mid;
  }
  const b = (lo + hi) / 2;
  const s = exponent(b);
  const a = c1 * (1 + b) ** s;
  return { a, b, s, at: (k: number) => count(b, s, k) };
}
