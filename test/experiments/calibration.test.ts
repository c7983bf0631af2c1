/**
 * `runCalibration` through the batch engine on the normal-mean test model, whose posterior is
 * known: with a uniform prior on μ and the mean of n draws of N(μ, σ²) as the summary, the
 * exact posterior is N(x̄, σ²/n) truncated to the prior. Checked: the posterior against it,
 * the coverage of its 95% interval over repeated trials with μ drawn from the prior, the
 * files and the calibrated overlay, determinism at any worker count, and resume.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCalibration, type CalibrationSummary } from '../../src/experiments/calibration.js';
import { compileModel } from '../../src/models/registry.js';
import { loadScenario } from '../../src/io/scenario-file.js';
import { seededStream } from '../../src/engine/streams.js';
import { tempFolder } from '../helpers/temp.js';

const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
const scenario = repo('scenarios/test-functions/normal-mean.yaml');
const SIGMA = 1;
const N_DRAWS = 10;

/** A calibration file of μ on [−5, 5] against an observed mean, written into `dir`. */
function calibrationFile(dir: string, observed: number, settings: Record<string, unknown> = {}): string {
  const file = join(dir, 'calibration.yaml');
  const document = {
    scenario,
    parameters: [{ path: 'mu', range: [-5, 5] }],
    targets: [{ outcome: 'mean', value: observed }],
    particles: 400,
    minAcceptance: 0.05,
    predictive: 100,
    seed: 7,
    ...settings,
  };
  writeFileSync(file, stringify(document));
  return file;
}

async function calibrate(file: string, out: string, workers = 0): Promise<CalibrationSummary> {
  const result = await runCalibration(file, { out, workers });
  if (!result.success) throw new Error(JSON.stringify(result.error));
  return result.data;
}

const muOf = (s: CalibrationSummary) => {
  const mu = s.parameters.find((p) => p.name === 'mu');
  if (mu === undefined) throw new Error('no posterior of mu');
  return mu;
};

describe('ABC-SMC calibration of a model with a known posterior', () => {
  it('recovers the exact posterior N(x̄, σ²/n) of μ, and writes its files and a calibrated overlay', async () => {
    const dir = tempFolder('calibration-known');
    const out = join(dir, 'out');
    const observed = 1.2;
    const s = await calibrate(calibrationFile(dir, observed), out);
    expect(s.status).toBe('complete');
    expect(s.stop).toBe('acceptance');
    const exactSd = SIGMA / Math.sqrt(N_DRAWS);
    const mu = muOf(s);
    // Tolerances: with about 200 kept particles (ESS 150–200) the Monte Carlo sd of the
    // posterior mean is exactSd/√150 ≈ 0.026, so 0.1 is four of them; the ABC tolerance at the
    // stop is about 0.03 of a summary whose sd is 0.32, which widens the posterior by well under
    // 10%, and the Monte Carlo error of a standard deviation from 150 particles is about 6%.
    expect(Math.abs(mu.mean - observed)).toBeLessThan(0.1);
    expect(mu.sd / exactSd).toBeGreaterThan(0.8);
    expect(mu.sd / exactSd).toBeLessThan(1.25);
    expect(mu.low).toBeLessThan(observed - exactSd);
    expect(mu.high).toBeGreaterThan(observed + exactSd);
    // Tolerances only fall, and every generation ran its particles as one batch.
    const tolerances = s.generations.map((g) => g.tolerance);
    expect(tolerances).toEqual([...tolerances].sort((a, b) => b - a));
    expect(s.generations[0]?.simulations).toBe(400);
    expect(s.generations.slice(1).every((g) => g.simulations === 200)).toBe(true);
    // The predictive check: runs drawn from the posterior spread around the observed mean by
    // about √(posterior var + sampling var) = 0.45, so it falls well inside their 95% range.
    const [check] = s.predictive;
    expect(check).toMatchObject({ outcome: 'mean', observed, runs: 100 });
    expect(check!.p025).toBeLessThan(observed);
    expect(check!.p975).toBeGreaterThan(observed);
    expect(check!.shareAtOrBelow).toBeGreaterThan(0.2);
    expect(check!.shareAtOrBelow).toBeLessThan(0.8);

    const posterior = readFileSync(join(out, 'posterior.csv'), 'utf8').trim().split('\n');
    expect(posterior[0]).toBe('particle,weight,distance,generation,mu');
    expect(posterior).toHaveLength(201);
    const weights = posterior.slice(1).map((line) => Number(line.split(',')[1]));
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(readFileSync(join(out, 'generations.csv'), 'utf8').split('\n')[0]).toBe(
      'generation,tolerance,acceptanceRate,ess,simulations,totalSimulations,kernelSd:mu',
    );
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ kind: 'calibration', stop: 'acceptance', generations: s.generations.length, distance: 'euclidean' });
    // calibrated.yaml extends the base with the posterior median, and loads as a scenario.
    const calibrated = loadScenario(join(out, 'calibrated.yaml'));
    expect(calibrated.success).toBe(true);
    if (calibrated.success) expect((calibrated.data.scenario as { mu: number }).mu).toBe(mu.median);
  }, 60_000);

  it('holds the true μ in its 95% interval in about 95% of 30 trials with μ drawn from the prior', async () => {
    // With θ drawn from the prior, a posterior's 95% interval covers it with probability 0.95
    // (exactly for the exact posterior; ABC's tolerance only widens it). 30 trials: 24 or fewer
    // hits has probability 0.003 if the coverage is 0.95; the mean width is checked too, so that
    // covering by being vague would fail. (stats/abc-smc.test.ts runs 100 trials of the core.)
    const trials = 30;
    const rng = seededStream('ayni/test/calibration-coverage');
    let covered = 0;
    let width = 0;
    for (let trial = 0; trial < trials; trial++) {
      const dir = tempFolder('calibration-coverage');
      const truth = -5 + 10 * rng();
      const model = compileModel({ model: 'normal-mean', name: 'truth', description: '', mu: truth, sigma: SIGMA, observations: N_DRAWS });
      // An observation seed no calibration run uses (those are splitmix outputs of the file's seed).
      const observed = model.run(1_000_000 + trial).outcomes[0] as number;
      const s = await calibrate(
        calibrationFile(dir, observed, { particles: 200, minAcceptance: 0.15, predictive: 0, seed: trial + 1 }),
        join(dir, 'out'),
      );
      const mu = muOf(s);
      if (mu.low <= truth && truth <= mu.high) covered++;
      width += (mu.high - mu.low) / trials;
    }
    expect(covered).toBeGreaterThanOrEqual(25);
    // The exact 95% interval is 2 × 1.96 × 0.316 = 1.24 wide (less where the prior truncates it).
    expect(width).toBeGreaterThan(0.9);
    expect(width).toBeLessThan(1.6);
  }, 120_000);

  it('gives the same files with 0 or 2 workers, and resumes a calibration cut short', async () => {
    const dir = tempFolder('calibration-determinism');
    const file = calibrationFile(dir, -0.4, { particles: 100, predictive: 20, minAcceptance: 0.2 });
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    await calibrate(file, a, 0);
    const s = await calibrate(file, b, 2);
    const tables = ['posterior.csv', 'parameters.csv', 'generations.csv', 'predictive.csv', 'calibrated.yaml'];
    for (const name of tables) expect(readFileSync(join(b, name), 'utf8')).toBe(readFileSync(join(a, name), 'utf8'));
    // Cut short: the tables and the last generation's batch are gone; running again replays
    // the generations found complete and runs the missing one, to the same answer.
    const last = `generation-${String(s.generations.length).padStart(3, '0')}`;
    for (const name of [...tables, 'manifest.json']) rmSync(join(b, name));
    rmSync(join(b, 'batches', last), { recursive: true });
    rmSync(join(b, 'batches', 'predictive'), { recursive: true });
    await calibrate(file, b, 0);
    for (const name of tables) expect(readFileSync(join(b, name), 'utf8')).toBe(readFileSync(join(a, name), 'utf8'));
  }, 60_000);
});
