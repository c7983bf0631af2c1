/**
 * PRIM, the patient rule induction method, for scenario discovery: a box in the space of the
 * inputs where the cases of interest (e.g. the runs where a reform fails) are dense. Pure and
 * deterministic (no randomness; ties go to the first factor, the low edge, the larger box).
 *
 * - Friedman, J. H. & Fisher, N. I. (1999). Bump hunting in high-dimensional data. Statistics
 *   and Computing 9: 123–143. Top-down peeling: from the box holding every point, remove a
 *   share α of the box's points from one edge of one dimension, the peel that leaves the box
 *   densest, until the box would hold fewer than a minimum support; then bottom-up pasting:
 *   widen an edge by a share α of the box's points while that raises the density.
 * - Bryant, B. P. & Lempert, R. J. (2010). Thinking inside the box: a participatory,
 *   computer-assisted approach to scenario discovery. Technological Forecasting & Social
 *   Change 77: 34–49. Coverage (share of all cases inside the box) and density (share of the
 *   box's points that are cases), the peeling trajectory as their trade-off, the number of
 *   restricted dimensions as the box's interpretability, and choosing a box on it.
 *
 * - Restrictions that do not earn their place: a restricted dimension's quasi-p-value is the
 *   one-sided binomial probability of at least the box's cases among its points if the box's
 *   density were that of the same box without this restriction (Bryant & Lempert 2010, §3.3;
 *   the EMA Workbench reports it). With many factors and few points, peeling restricts
 *   dimensions by chance; `primPrune` drops, one at a time, the restriction with the largest
 *   quasi-p-value above a level, so that the box names only the factors that matter.
 *
 * Peeling stops early when no peel raises the density (as the EMA Workbench does), so along
 * the trajectory density never falls and coverage never rises. Box limits sit on data values
 * and are inclusive; a dimension is restricted when a limit lies inside the data's range.
 */

/** Inputs as columns: a factor's name and its value on each row. */
export type PrimInputs = Readonly<Record<string, ArrayLike<number>>>;

export interface PrimOptions {
  /** Share of the box's points removed by a peel. Default 0.05. */
  readonly peelAlpha?: number;
  /** Share of the box's points added by a paste. Default 0.05. */
  readonly pasteAlpha?: number;
  /** Peeling stops before the box would hold fewer than this share of all points. Default 0.05. */
  readonly minSupport?: number;
  /**
   * Which box of the trajectory `prim` pastes and returns: the one of highest coverage with at
   * least this density (Bryant & Lempert's choice on the trade-off). Without it, or when no box
   * is that dense, the last one (Friedman & Fisher's).
   */
  readonly minDensity?: number;
}

/** A box's limits on one factor. */
export interface PrimLimit {
  readonly factor: string;
  readonly low: number;
  readonly high: number;
  /** A limit lies inside the data's range of the factor. */
  readonly restricted: boolean;
}

export interface PrimBox {
  /** Rows inside the box, and cases of interest among them. */
  readonly points: number;
  readonly cases: number;
  /** Share of all rows inside the box (Friedman & Fisher's support β). */
  readonly support: number;
  /** Share of all cases of interest inside the box. */
  readonly coverage: number;
  /** Share of the box's rows that are cases of interest. */
  readonly density: number;
  /** Number of restricted dimensions. */
  readonly restricted: number;
  readonly limits: readonly PrimLimit[];
}

export interface PrimResult {
  /** The peeling trajectory, from the box holding every point. */
  readonly trajectory: readonly PrimBox[];
  /** Index in the trajectory of the box that was pasted. */
  readonly chosen: number;
  /** The chosen box after pasting. */
  readonly box: PrimBox;
}

/** The data in the form the peels read. */
interface Table {
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
  readonly cases: Uint8Array;
  readonly rows: number;
  readonly totalCases: number;
  readonly min: Float64Array;
  readonly max: Float64Array;
}

/** Box limits, one per factor. */
interface Limits {
  readonly low: Float64Array;
  readonly high: Float64Array;
}

/** Peeling, the choice of a box on its trajectory, and pasting of that box. */
export function prim(inputs: PrimInputs, cases: ArrayLike<boolean>, options: PrimOptions = {}): PrimResult {
  const table = toTable(inputs, cases);
  const peeled = peel(table, options);
  const trajectory = peeled.map((limits) => describeBox(table, limits));
  const chosen = chooseBox(trajectory, options.minDensity);
  const box = describeBox(table, paste(table, peeled[chosen]!, options));
  return { trajectory, chosen, box };
}

/** The peeling trajectory alone. */
export function primPeel(inputs: PrimInputs, cases: ArrayLike<boolean>, options: PrimOptions = {}): PrimBox[] {
  const table = toTable(inputs, cases);
  return peel(table, options).map((limits) => describeBox(table, limits));
}

/** Pasting of a given box (its limits per factor, e.g. one of the trajectory's boxes). */
export function primPaste(
  inputs: PrimInputs,
  cases: ArrayLike<boolean>,
  box: { readonly limits: readonly Omit<PrimLimit, 'restricted'>[] },
  options: PrimOptions = {},
): PrimBox {
  const table = toTable(inputs, cases);
  return describeBox(table, paste(table, limitsOf(table, box), options));
}

/** A restricted dimension's quasi-p-value in a box. */
export interface PrimQuasiP {
  readonly factor: string;
  readonly quasiP: number;
}

/**
 * Quasi-p-values of a box's restricted dimensions: P(X ≥ cases) for X ~ Binomial(points, p),
 * p the density of the box with that dimension's limits removed.
 */
export function primQuasiP(inputs: PrimInputs, cases: ArrayLike<boolean>, box: Pick<PrimBox, 'limits'>): PrimQuasiP[] {
  const table = toTable(inputs, cases);
  return quasiP(table, limitsOf(table, box));
}

/**
 * The box without its restrictions whose quasi-p-value exceeds `level` (default 0.05): the
 * largest is dropped and the others computed again, until every remaining one is at most `level`.
 */
export function primPrune(inputs: PrimInputs, cases: ArrayLike<boolean>, box: Pick<PrimBox, 'limits'>, level = 0.05): PrimBox {
  if (!(level > 0 && level < 1)) throw new RangeError(`primPrune: level ${level} is not in (0, 1)`);
  const table = toTable(inputs, cases);
  const limits = limitsOf(table, box);
  for (;;) {
    const worst = quasiP(table, limits).reduce<PrimQuasiP | undefined>(
      (w, q) => (w === undefined || q.quasiP > w.quasiP ? q : w),
      undefined,
    );
    if (worst === undefined || worst.quasiP <= level) break;
    const j = table.names.indexOf(worst.factor);
    limits.low[j] = table.min[j]!;
    limits.high[j] = table.max[j]!;
  }
  return describeBox(table, limits);
}

/** A box's limits in the table's factor order (a box from elsewhere may list them in another). */
function limitsOf(
  table: Table,
  box: { readonly limits: readonly Omit<PrimLimit, 'restricted'>[] },
): { low: Float64Array; high: Float64Array } {
  const byName = new Map(box.limits.map((l) => [l.factor, l]));
  const limit = (name: string) => {
    const l = byName.get(name);
    if (!l) throw new RangeError(`prim: the box has no limits on ${name}`);
    return l;
  };
  return { low: Float64Array.from(table.names, (n) => limit(n).low), high: Float64Array.from(table.names, (n) => limit(n).high) };
}

function quasiP(table: Table, limits: Limits): PrimQuasiP[] {
  const box = describeBox(table, limits);
  return box.limits.flatMap((l, j) => {
    if (!l.restricted) return [];
    let points = 0;
    let cases = 0;
    for (let i = 0; i < table.rows; i++) {
      if (inside(table, limits, i, j)) {
        points++;
        cases += table.cases[i]!;
      }
    }
    return [{ factor: l.factor, quasiP: binomialUpperTail(box.points, box.cases, points > 0 ? cases / points : 0) }];
  });
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space (n up to millions of rows is fine). */
export function binomialUpperTail(n: number, k: number, p: number): number {
  if (k <= 0) return 1;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  // log C(n, k) by the sum of logs; then each next term by the ratio (n − i) / (i + 1) · p / q.
  let logC = 0;
  for (let i = 0; i < k; i++) logC += Math.log(n - i) - Math.log(i + 1);
  let logTerm = logC + k * logP + (n - k) * logQ;
  let total = 0;
  for (let i = k; i <= n; i++) {
    total += Math.exp(logTerm);
    logTerm += Math.log(n - i) - Math.log(i + 1) + logP - logQ;
  }
  return Math.min(1, total);
}

/** The index of the box of highest coverage with density ≥ minDensity, else of the last box. */
function chooseBox(trajectory: readonly PrimBox[], minDensity: number | undefined): number {
  if (minDensity !== undefined) {
    // Coverage never rises along the trajectory, so the first box dense enough covers the most.
    const first = trajectory.findIndex((b) => b.density >= minDensity);
    if (first >= 0) return first;
  }
  return trajectory.length - 1;
}

function toTable(inputs: PrimInputs, cases: ArrayLike<boolean>): Table {
  const names = Object.keys(inputs);
  const rows = cases.length;
  if (names.length === 0) throw new RangeError('prim: at least one factor');
  if (rows === 0) throw new RangeError('prim: at least one row');
  const columns = names.map((name) => {
    const values = Float64Array.from(inputs[name]!);
    if (values.length !== rows) throw new RangeError(`prim: ${name} has ${values.length} values for ${rows} rows`);
    if (!values.every(Number.isFinite)) throw new RangeError(`prim: ${name} has a value that is not a finite number`);
    return values;
  });
  const flags = Uint8Array.from({ length: rows }, (_, i) => (cases[i] ? 1 : 0));
  return {
    names,
    columns,
    cases: flags,
    rows,
    totalCases: flags.reduce((a, b) => a + b, 0),
    min: Float64Array.from(columns, (c) => c.reduce((a, b) => Math.min(a, b), Infinity)),
    max: Float64Array.from(columns, (c) => c.reduce((a, b) => Math.max(a, b), -Infinity)),
  };
}

function inside(table: Table, limits: Limits, row: number, except = -1): boolean {
  for (let j = 0; j < table.columns.length; j++) {
    if (j === except) continue;
    const v = table.columns[j]![row]!;
    if (v < limits.low[j]! || v > limits.high[j]!) return false;
  }
  return true;
}

function describeBox(table: Table, limits: Limits): PrimBox {
  let points = 0;
  let cases = 0;
  for (let i = 0; i < table.rows; i++) {
    if (inside(table, limits, i)) {
      points++;
      cases += table.cases[i]!;
    }
  }
  const described = table.names.map((factor, j) => ({
    factor,
    low: limits.low[j]!,
    high: limits.high[j]!,
    restricted: limits.low[j]! > table.min[j]! || limits.high[j]! < table.max[j]!,
  }));
  return {
    points,
    cases,
    support: points / table.rows,
    coverage: table.totalCases > 0 ? cases / table.totalCases : Number.NaN,
    density: points > 0 ? cases / points : Number.NaN,
    restricted: described.filter((l) => l.restricted).length,
    limits: described,
  };
}

/** A candidate new box: its limits, rows and cases. */
interface Candidate {
  readonly limits: Limits;
  readonly points: number;
  readonly cases: number;
}

/** Better: denser, then larger; on a full tie the earlier candidate stays. */
const better = (a: Candidate, b: Candidate | undefined) =>
  b === undefined || a.cases * b.points > b.cases * a.points || (a.cases * b.points === b.cases * a.points && a.points > b.points);

/** The boxes of top-down peeling, from the box holding every row. */
function peel(table: Table, options: PrimOptions): Limits[] {
  const alpha = options.peelAlpha ?? 0.05;
  const minPoints = (options.minSupport ?? 0.05) * table.rows;
  let limits: Limits = { low: table.min.slice(), high: table.max.slice() };
  let members = Array.from({ length: table.rows }, (_, i) => i);
  let cases = members.reduce((s, i) => s + table.cases[i]!, 0);
  const boxes = [limits];
  for (;;) {
    const m = members.length;
    const count = Math.max(1, Math.floor(alpha * m));
    let best: (Candidate & { keep: number[] }) | undefined;
    for (let j = 0; j < table.columns.length; j++) {
      const column = table.columns[j]!;
      const sorted = Float64Array.from(members, (i) => column[i]!).sort();
      for (const side of ['low', 'high'] as const) {
        // Remove the `count` rows at this edge and every row tied with the last of them, so a peel always removes something.
        const threshold = side === 'low' ? sorted[count - 1]! : sorted[m - count]!;
        const keep = members.filter((i) => (side === 'low' ? column[i]! > threshold : column[i]! < threshold));
        if (keep.length === 0 || keep.length < minPoints) continue;
        const low = limits.low.slice();
        const high = limits.high.slice();
        if (side === 'low') low[j] = keep.reduce((a, i) => Math.min(a, column[i]!), Infinity);
        else high[j] = keep.reduce((a, i) => Math.max(a, column[i]!), -Infinity);
        const candidate = { limits: { low, high }, points: keep.length, cases: keep.reduce((s, i) => s + table.cases[i]!, 0), keep };
        if (better(candidate, best)) best = candidate;
      }
    }
    // Stop when no peel raises the density (cases/points compared without division).
    if (best === undefined || best.cases * m <= cases * best.points) return boxes;
    limits = best.limits;
    members = best.keep;
    cases = best.cases;
    boxes.push(limits);
  }
}

/** Bottom-up pasting: widen the edge that raises the density most, while one does. */
function paste(table: Table, start: Limits, options: PrimOptions): Limits {
  const alpha = options.pasteAlpha ?? 0.05;
  let limits = start;
  let current = describeBox(table, limits);
  for (;;) {
    const count = Math.max(1, Math.floor(alpha * current.points));
    let best: Candidate | undefined;
    for (let j = 0; j < table.columns.length; j++) {
      const column = table.columns[j]!;
      // Rows just outside this dimension's limits and inside all the others'.
      const beside: number[] = [];
      for (let i = 0; i < table.rows; i++) if (inside(table, limits, i, j)) beside.push(i);
      for (const side of ['low', 'high'] as const) {
        const outside = beside.filter((i) => (side === 'low' ? column[i]! < limits.low[j]! : column[i]! > limits.high[j]!));
        if (outside.length === 0) continue;
        // Nearest first; the new limit takes in the `count` nearest rows and every row tied with the last of them.
        const values = Float64Array.from(outside, (i) => column[i]!).sort();
        const edge = side === 'low' ? values[Math.max(0, values.length - count)]! : values[Math.min(values.length, count) - 1]!;
        const added = outside.filter((i) => (side === 'low' ? column[i]! >= edge : column[i]! <= edge));
        const low = limits.low.slice();
        const high = limits.high.slice();
        if (side === 'low') low[j] = edge;
        else high[j] = edge;
        const candidate = {
          limits: { low, high },
          points: current.points + added.length,
          cases: current.cases + added.reduce((s, i) => s + table.cases[i]!, 0),
        };
        if (better(candidate, best)) best = candidate;
      }
    }
    if (best === undefined || best.cases * current.points <= current.cases * best.points) return limits;
    limits = best.limits;
    current = describeBox(table, limits);
  }
}
