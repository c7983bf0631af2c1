/** `ayni compare <base> <variant>...`: paired runs of scenarios or reform overlays. */
import { Command, InvalidArgumentError } from 'commander';
import { EXIT_INTERRUPTED, InputError } from '../exit.js';
import { onInterrupt } from '../interrupt.js';
import { parseCount, parsePositiveInt, parseSeed } from '../options.js';
import { progressReporter } from '../progress.js';
import type { OutcomeName } from '../../compare/compare.js';
import type { InputIssue } from '../../result.js';
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

export function compareCommand(): Command {
  return new Command('compare')
    .description('compare a base scenario with variants (full scenarios or reform overlays) on paired runs')
    .argument('<base>', 'base scenario')
    .argument('<variants...>', 'variant scenarios, or overlays applied onto the base')
    .option('--runs <n>', 'runs per arm', parsePositiveInt, 400)
    .option('--seed <n>', 'master seed shared by every arm', parseSeed, 1)
    .option('--workers <w>', 'worker threads (default: available cores; 0: main thread)', parseCount)
    .option('--out <dir>', 'output folder (arms are kept in DIR/arms to resume or extend)', 'out/compare')
    .option('--outcomes <list>', 'comma-separated outcomes; the first is the primary', (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean) as OutcomeName[])
    .option('--precision <h>', 'add runs until the 95% CI half-width of the primary outcome is at most h', parsePositive)
    .option('--max-runs <m>', 'most runs per arm with --precision (default: 10 × --runs)', parsePositiveInt)
    .option('--quiet', 'no progress output')
    .option('--json', 'print comparison.json')
    .option('--lang <lang>', LANG_HELP, parseLang)
    .option('--no-report', 'do not write report.html')
    .action(async (baseFile: string, variantFiles: string[], options: Options) => {
      const startedAt = new Date();
      const lang = resolveLang(options.lang);
      const interrupt = onInterrupt();
      const [{ loadScenario, loadVariant }, { compareScenarios }, { writeComparison }, { comparisonText, comparisonJson }] = await Promise.all([
        import('../../io/scenario-file.js'),
        import('../../compare/compare.js'),
        import('../../io/comparison-files.js'),
        import('../../output/comparison.js'),
      ]);
      const base = loadScenario(baseFile);
      const issues: InputIssue[] = base.success ? [] : [...base.error];
      const variants = variantFiles.map((f) => loadVariant(f, baseFile));
      for (const v of variants) if (!v.success) issues.push(...v.error);
      if (!base.success || issues.length > 0) throw new InputError(issues);
      const result = await compareScenarios(
        base.data,
        variants.flatMap((v) => (v.success ? [v.data] : [])),
        {
          runs: options.runs,
          seed: options.seed,
          out: options.out,
          ...(options.workers !== undefined ? { workers: options.workers } : {}),
          ...(options.outcomes ? { outcomes: options.outcomes } : {}),
          ...(options.precision !== undefined ? { precision: options.precision } : {}),
          ...(options.maxRuns !== undefined ? { maxRuns: options.maxRuns } : {}),
        },
        { onProgress: progressReporter(process.stderr, options.quiet === true || !process.stderr.isTTY), signal: interrupt.signal },
      );
      interrupt.dispose();
      if (interrupt.signal.aborted) return interrupted(options.out);
      if (!result.success) throw new InputError(result.error);
      writeComparison(options.out, result.data, { startedAt, lang });
      if (options.report) await writeReportFor(options.out, lang);
      process.stdout.write(options.json ? comparisonJson(result.data) : `${comparisonText(result.data, lang)}\n${t(lang, 'cmpWrote', { report: options.report ? t(lang, 'andReport') : '', out: options.out })}\n`);
    });
}

/** Ctrl-C or SIGTERM: the arms keep their completed blocks; the same command continues them. */
export function interrupted(out: string): void {
  process.stderr.write(`interrupted: completed blocks are kept in ${out}; run the same command again to continue\n`);
  process.exitCode = EXIT_INTERRUPTED;
}
