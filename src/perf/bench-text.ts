/** A benchmark report as tables for a terminal. Pure. */
import type { BenchReport, Check } from './run-bench.js';

import { decimals } from '../report/numbers.js';
const f = decimals;

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, k) => Math.max(...all.map((r) => (r[k] ?? '').length)));
  return all.map((r) => `  ${r.map((c, k) => (k === 0 ? c.padEnd(widths[k] ?? 0) : c.padStart(widths[k] ?? 0))).join('  ')}`);
}

export function benchText(r: BenchReport): string {
  const m = r.machine;
  const build = `ayni ${r.ayniVersion}${r.gitCommit ? ` (commit ${r.gitCommit.slice(0, 12)})` : ''}`;
  const out = [
    `${build} bench${r.quick ? ' --quick' : ''}: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node} (${m.platform})`,
    '',
  ];
  out.push(
    `kernel (scalar update: ${f(r.kernel.scalarNsPerUpdate, 2)} ns; state loop: ${r.kernel.stateReads} reads and ` +
      `${r.kernel.stateWrites} writes of state a community-month)`,
  );
  out.push(
    ...table(
      ['scenario', 'communities', 'ms/run', 'ns/community-month', '× scalar', 'state loop ns', '× state loop'],
      r.kernel.worlds.map((w) => [
        w.name,
        String(w.communities),
        f(w.msPerRun),
        f(w.nsPerCommunityMonth),
        f(w.ratioToScalar, 0),
        f(w.stateLoopNsPerCommunityMonth),
        f(w.ratioToStateLoop, 1),
      ]),
    ),
  );
  const g = r.kernelGc;
  out.push(
    `  garbage collections: ${g.gcEvents} in ${g.months} steady-state months of ${g.communities} communities ` +
      `(${f(g.gcPerMonth, 3)} a month, about ${f(g.bytesPerMonth / 1024, 1)} kB allocated a month) after ${g.warmUpMonths} of warm-up`,
  );
  out.push(`  response curves as mathjs formulas: ${f(r.formulaCost, 2)}× the built-in run time`);
  const d = r.designPoint;
  out.push(
    `  a run at its own design point: ${f(d.msPerPointRun)} ms against ${f(d.msPerRun)} ms (${f(d.ratio, 2)}×, ${f(d.overheadMs)} ms a point)`,
    '',
    'single run',
  );
  out.push(
    ...table(
      ['scenario', 'cold (new process) ms', 'warm ms'],
      r.singleRun.map((s) => [s.scenario, f(s.coldMs, 0), f(s.warmMs)]),
    ),
  );
  for (const b of [r.batch, ...(r.batch.large ? [r.batch.large] : [])]) {
    out.push('', `batch (${b.runs} runs of the default scenario)`);
    out.push(
      ...table(
        ['workers', 'runs/s', 'speed-up', 'steady runs/s', 'steady speed-up', 'efficiency'],
        b.byWorkers.map((w) => [
          String(w.workers),
          f(w.runsPerSecond, 0),
          f(w.speedUp, 2),
          f(w.steadyRunsPerSecond, 0),
          f(w.steadySpeedUp, 2),
          `${f(w.efficiency * 100, 0)}%`,
        ]),
      ),
    );
    // Where the fixed costs go: each phase's end in seconds from before the scenario is loaded.
    for (const w of b.byWorkers.filter((w) => w.phases !== undefined && w.workers <= 2))
      out.push(
        `  phases at ${w.workers} worker${w.workers === 1 ? '' : 's'} (s): ${Object.entries(w.phases ?? {})
          .map(([name, ms]) => `${name} ${f(ms / 1000, 2)}`)
          .join(', ')}`,
      );
  }
  if (r.batch.ceiling?.length)
    out.push(
      '',
      `parallel ceiling (threads running the default scenario in plain loops, no pool, blocks or files)`,
      ...table(
        ['threads', 'runs/s', 'speed-up', `batch steady speed-up (${r.batch.runs} runs) / ceiling`],
        r.batch.ceiling.map((c) => [String(c.workers), f(c.runsPerSecond, 0), f(c.speedUp, 2), `${f(c.batchSteadyShare * 100, 0)}%`]),
      ),
    );
  if (r.memory)
    out.push(
      '',
      `memory: peak RSS ${f(r.memory.small.peakRssMb, 0)} MB (1,000 runs), ${f(r.memory.large.peakRssMb, 0)} MB (10,000 runs): ${f(r.memory.ratio, 2)}×`,
    );
  const n = r.national;
  out.push(
    '',
    `national baseline (${f(n.districts, 0)} districts, ${f(n.communities, 0)} communities, ${n.projects} projects; ` +
      `${n.simulatedMonths} months simulated, ${n.countedMonths} counted after the spin-up)`,
    `  warm run: ${f(n.msPerRun)} ms mean, ${f(n.medianMs)} ms median (${f(n.minMs)}–${f(n.maxMs)}, ${n.samples} runs)`,
    `  ${f(n.communityMonthsPerSecond / 1e6, 2)} M community-months/s (communities × simulated months), ${f(n.nsPerCommunityMonth)} ns each: ` +
      `${f(n.ratioToCorridor, 2)}× the corridor's ${f(n.corridor.nsPerCommunityMonth)} ns (${f(n.corridor.msPerRun)} ms a run) in the same process`,
  );
  out.push('', `CLI start-up: ayni --help ${f(r.startup.helpMs, 0)} ms`);
  const ref = r.reference;
  out.push(
    '',
    `reference model: ${ref.scenario}, ${ref.agents} agents × ${ref.steps} steps: ${f(ref.msPerRun)} ms a run (±${f(ref.rmePercent)}%, ${ref.samples} runs)`,
    `  neighbourhood scans alone (${f(ref.cellsPerAgentStep, 0)} cells an agent-step): ${f(ref.scanMsPerRun)} ms, so the run is ` +
      `${f(ref.ratioToScan, 2)}× its scan limit; Mesa: run bench/mesa_epstein.py side by side (bench/README.md)`,
  );
  out.push('', 'checks (guards fail the command; targets are goals)');
  const verdict = (c: Check) => (c.status === 'pass' ? 'ok' : c.status === 'skipped' ? 'skipped' : c.kind === 'guard' ? 'FAIL' : 'not met');
  out.push(
    ...table(
      ['check', 'kind', 'value', 'limit', ''],
      // Small values (collections a month) keep two significant digits rather than print as 0.00.
      r.checks.map((c) => [
        c.name,
        c.kind,
        c.value !== 0 && Math.abs(c.value) < 0.1 ? c.value.toPrecision(2) : f(c.value, 2),
        `${c.comparison} ${c.limit}`,
        verdict(c),
      ]),
    ),
  );
  // A note said once for all the checks it explains.
  for (const note of new Set(r.checks.flatMap((c) => (c.note ? [c.note] : []))))
    out.push(
      `  skipped (${note}): ${r.checks
        .filter((c) => c.note === note)
        .map((c) => c.id)
        .join(', ')}`,
    );
  out.push(
    '',
    r.pass
      ? 'pass: no guard failed'
      : `FAIL: ${r.checks
          .filter((c) => c.kind === 'guard' && c.status === 'fail')
          .map((c) => c.id)
          .join(', ')}`,
  );
  return out.join('\n');
}
