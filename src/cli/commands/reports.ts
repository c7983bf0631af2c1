/**
 * `ayni reports [--only id]... [--workers W] [--force]`: makes the published reports listed in
 * reports/reports.yaml (npm run reports); a report whose inputs have not changed is skipped.
 */
import { Command } from 'commander';
import { collect, parseCount } from '../options.js';
import { comparisonProgressReporter } from '../progress.js';
import { onInterrupt } from '../interrupt.js';
import { failed, interrupted } from './compare.js';

interface Options {
  manifest: string;
  only: string[];
  workers?: number;
  force?: boolean;
  quiet?: boolean;
}

export function reportsCommand(): Command {
  return new Command('reports')
    .description('make the published reports listed in reports/reports.yaml (only those whose inputs changed)')
    .option('--manifest <file>', 'the list of reports', 'reports/reports.yaml')
    .option('--only <id>', 'make only this report (repeatable)', collect, [])
    .option('--workers <w>', 'worker threads (default: available cores; 0: main thread)', parseCount)
    .option('--force', 'make the reports even when their inputs have not changed')
    .option('--quiet', 'no progress output')
    .action(async (options: Options) => {
      const [{ generateReports }, { isArmStopped }] = await Promise.all([
        import('../../publish/published-reports.js'),
        import('../../experiments/compare.js'),
      ]);
      const interrupt = onInterrupt();
      // One progress line per report, named after it.
      let progress: ReturnType<typeof comparisonProgressReporter> = () => {};
      const started = Date.now();
      const result = await generateReports(
        options.manifest,
        {
          only: options.only,
          ...(options.workers !== undefined ? { workers: options.workers } : {}),
          ...(options.force ? { force: true } : {}),
        },
        {
          onReport: (id, state, { index, count }) => {
            const label = `${id} (${index + 1}/${count})`;
            if (!options.quiet) process.stderr.write(`${label}: ${state === 'current' ? 'current, skipped' : 'running'}\n`);
            progress = comparisonProgressReporter(process.stderr, { quiet: options.quiet === true, label });
          },
          onProgress: (p) => progress(p),
          signal: interrupt.signal,
        },
      );
      interrupt.dispose();
      if (interrupt.signal.aborted) return interrupted(options.manifest.replace(/[^/]*$/, 'out'));
      if (!result.success) return failed(result.error, isArmStopped);
      const written = result.data.filter((r) => r.state === 'written');
      for (const r of written) process.stdout.write(`wrote ${r.files.join(', ')}\n`);
      process.stdout.write(
        `${written.length} report(s) written, ${result.data.length - written.length} current, in ${Math.round((Date.now() - started) / 1000)} s\n`,
      );
    });
}
