/** `ayni compare <base> <variant>...`: paired runs of scenarios or reform overlays. */
import { Command, InvalidArgumentError } from 'commander';
import { EXIT_FAILURE, EXIT_INTERRUPTED, InputError, printIssues } from '../exit.js';
import { onInterrupt } from '../interrupt.js';
import { collect, parseCount, parseSeed } from '../options.js';
import { parseOverrides, SET_HELP } from '../overrides.js';
import { comparisonProgressReporter } from '../progress.js';
import { loadTestFaults } from '../fault-hooks.js';
import type { OutcomeName } from '../../experiments/compare.js';
import { MAX_ARM_RUNS } from '../../experiments/limits.js';
import type { InputIssue } from '../../engine/result.js';
import { writeReportFor } from './report.js';
import { LANG_HELP, parseLang, resolveLang } from '../lang.js';
import { t, type Lang } from '../../report/messages.js';

interface Options {
  runs: number;
  seed: number;
  workers?: number;
  out: string;
  outcomes?: OutcomeName[];
  precision?: number;
  maxRuns?: number;
  maxFailures: number;
  set: string[];
  keepSeries?: boolean;
  quiet?: boolean;
  json?: boolean;
  report: boolean;
  lang?: Lang;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

/** Runs per arm: a whole number from 2 (a paired interval needs two pairs) to MAX_ARM_RUNS. */
function parseArmRuns(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 2 || n > MAX_ARM_RUNS)
    throw new InvalidArgumentError(`expected a whole number from 2 to ${MAX_ARM_RUNS}.`);
  return n;
}

/** A comma-separated list of outcomes, none empty. */
function parseOutcomes(value: string): OutcomeName[] {
  const names = value.split(',').map((s) => s.trim());
  if (names.some((s) => s === ''))
    throw new InvalidArgumentError('expected outcome names separated by commas, e.g. activeConflictMonths,crisisMonths.');
  return names;
}

export function compareCommand(): Command {
  return new Command('compare')
    .description('compare a base scenario with variants (full scenarios or reform overlays) on paired runs')
    .argument('<base>', 'base scenario')
    .argument('<variants...>', 'variant scenarios, or overlays applied onto the base')
    .option('--runs <n>', `runs per arm (2 to ${MAX_ARM_RUNS})`, parseArmRuns, 400)
    .option('--seed <n>', 'master seed shared by every arm', parseSeed, 1)
    .option('--workers <w>', 'worker threads (default: available cores; 0: main thread)', parseCount)
    .option('--out <dir>', 'output folder (arms are kept in DIR/arms to resume or extend)', 'out/compare')
    .option('--outcomes <list>', 'comma-separated outcomes; the first is the primary', parseOutcomes)
    .option('--precision <h>', 'add runs until the 95% CI half-width of the primary outcome is at most h', parsePositive)
    .option('--max-runs <m>', `most runs per arm with --precision (default: 10 × --runs, at most ${MAX_ARM_RUNS})`, parseArmRuns)
    .option('--max-failures <f>', 'failed runs tolerated per arm before stopping; failed pairs are left out', parseCount, 0)
    .option('--set <path=value>', `${SET_HELP}; applied to every arm, the base and each variant`, collect, [])
    .option('--keep-series', "also keep every run's monthly series in each arm (arms/*/series/*.parquet)")
    .option('--quiet', 'no progress output')
    .option('--json', 'print comparison.json')
    .option('--lang <lang>', LANG_HELP, parseLang)
    .option('--no-report', 'do not write report.html')
    .action(async (baseFile: string, variantFiles: string[], options: Options) => {
      const startedAt = new Date();
      const lang = resolveLang(options.lang);
      const interrupt = onInterrupt();
      const [{ loadScenario, loadVariant }, { compareScenarios, isArmStopped }, { writeComparison }, { comparisonText, comparisonJson }] =
        await Promise.all([
          import('../../io/scenario-file.js'),
          import('../../experiments/compare.js'),
          import('../../publish/comparison-files.js'),
          import('../../report/comparison-text.js'),
        ]);
      const set = { set: await parseOverrides(options.set) };
      const base = loadScenario(baseFile, set);
      // A broken base is reported once: overlays applied onto it would repeat its errors under their names.
      if (!base.success) throw new InputError(base.error);
      const issues: InputIssue[] = [];
      const variants = variantFiles.map((f) => loadVariant(f, baseFile, set));
      for (const v of variants) if (!v.success) issues.push(...v.error);
      if (issues.length > 0) throw new InputError(issues);
      const result = await compareScenarios(
        base.data,
        variants.flatMap((v) => (v.success ? [v.data] : [])),
        {
          runs: options.runs,
          seed: options.seed,
          out: options.out,
          maxFailures: options.maxFailures,
          ...(options.keepSeries ? { keepSeries: true } : {}),
          ...(options.workers !== undefined ? { workers: options.workers } : {}),
          ...(options.outcomes ? { outcomes: options.outcomes } : {}),
          ...(options.precision !== undefined ? { precision: options.precision } : {}),
          ...(options.maxRuns !== undefined ? { maxRuns: options.maxRuns } : {}),
          ...(await loadTestFaults()),
        },
        { onProgress: comparisonProgressReporter(process.stderr, { quiet: options.quiet === true }), signal: interrupt.signal },
      );
      interrupt.dispose();
      if (interrupt.signal.aborted) return interrupted(options.out);
      if (!result.success) return failed(result.error, isArmStopped);
      writeComparison(options.out, result.data, { startedAt, lang });
      if (options.report) await writeReportFor(options.out, lang);
      process.stdout.write(
        options.json
          ? comparisonJson(result.data)
          : `${comparisonText(result.data, lang)}\n${t(lang, 'cmpWrote', { report: options.report ? t(lang, 'andReport') : '', out: options.out })}\n`,
      );
    });
}

/** Ctrl-C or SIGTERM: the arms keep their completed blocks; the same command continues them. */
export function interrupted(out: string): void {
  process.stderr.write(`interrupted: completed blocks are kept in ${out}; run the same command again to continue\n`);
  process.exitCode = EXIT_INTERRUPTED;
}

/** Bad input ends with exit 2; an arm stopped by failed runs is a failed run (exit 1), as for ayni batch. */
export function failed(issues: readonly InputIssue[], isArmStopped: (issue: InputIssue) => boolean): void {
  if (!issues.some(isArmStopped)) throw new InputError(issues);
  printIssues(issues);
  process.exitCode = EXIT_FAILURE;
}
