/** `ayni calibrate <calibration.yaml>`: ABC-SMC of a calibration file's parameters, every generation a batch. */
import { Command } from 'commander';
import { EXIT_FAILURE, EXIT_INTERRUPTED, InputError } from '../exit.js';
import { onInterrupt } from '../interrupt.js';
import { parseCount, parsePositiveInt } from '../options.js';
import { LANG_HELP, parseLang, resolveLang } from '../lang.js';
import type { Lang } from '../../report/messages.js';
import { percent, short, whole } from '../../report/numbers.js';

interface Options {
  out: string;
  workers?: number;
  force?: boolean;
  particles?: number;
  maxSimulations?: number;
  predictive?: number;
  quiet?: boolean;
  json?: boolean;
  report: boolean;
  lang?: Lang;
}

export function calibrateCommand(): Command {
  return new Command('calibrate')
    .description(
      'calibrate scenario parameters by ABC-SMC (adaptive tolerances, Lenormand et al. 2013) against the targets of a calibration file; writes posterior.csv, parameters.csv, generations.csv, predictive.csv, calibrated.yaml, manifest.json and report.html',
    )
    .argument('<calibration>', 'calibration file (YAML; see calibration/ and calibration/calibration.schema.json)')
    .option('--out <dir>', 'output folder (each generation runs as a batch in <dir>/batches, resumable)', 'out/calibration')
    .option('--workers <w>', 'worker threads (default: available cores; 0: main thread)', parseCount)
    .option('--force', 'start over: run every generation again')
    .option('--particles <n>', "particles of the first generation (instead of the file's)", parsePositiveInt)
    .option('--max-simulations <n>', "stop before a generation that would exceed this (instead of the file's)", parsePositiveInt)
    .option('--predictive <n>', "runs of the posterior predictive check (instead of the file's)", parseCount)
    .option('--quiet', 'no progress output')
    .option('--json', 'print the posterior summary as JSON')
    .option('--lang <lang>', LANG_HELP, parseLang)
    .option('--no-report', 'do not write report.html')
    .action(async (file: string, options: Options) => {
      const interrupt = onInterrupt();
      const { runCalibration } = await import('../../experiments/calibration.js');
      const say = (line: string) => {
        if (!options.quiet) process.stderr.write(`${line}\n`);
      };
      const result = await runCalibration(
        file,
        {
          out: options.out,
          ...(options.workers !== undefined ? { workers: options.workers } : {}),
          ...(options.force ? { force: true } : {}),
          settings: {
            ...(options.particles !== undefined ? { particles: options.particles } : {}),
            ...(options.maxSimulations !== undefined ? { maxSimulations: options.maxSimulations } : {}),
            ...(options.predictive !== undefined ? { predictive: options.predictive } : {}),
          },
        },
        {
          signal: interrupt.signal,
          onGeneration: (g) =>
            say(
              `generation ${g.generation}: tolerance ${short(g.tolerance)}, acceptance ${percent(g.acceptanceRate)}, ESS ${whole(g.ess)}, ${whole(g.totalSimulations)} simulations`,
            ),
        },
      );
      interrupt.dispose();
      if (!result.success) throw new InputError(result.error);
      const s = result.data;
      if (s.status === 'interrupted') {
        process.stderr.write(`calibration interrupted after ${s.generations.length} generation(s); run the same command again to resume\n`);
        process.exitCode = EXIT_INTERRUPTED;
        return;
      }
      if (s.status === 'failed') {
        process.stderr.write(`calibration stopped: ${s.failure}\n`);
        process.exitCode = EXIT_FAILURE;
        return;
      }
      if (options.report) {
        const { writeCalibrationReport } = await import('../../publish/calibration-report.js');
        const written = await writeCalibrationReport(s, resolveLang(options.lang));
        if (!written.success) throw new InputError(written.error);
      }
      if (options.json) {
        const { parameters, predictive, generations, stop, simulations } = s;
        process.stdout.write(
          `${JSON.stringify({ stop, simulations, generations: generations.length, parameters, predictive }, null, 2)}\n`,
        );
        return;
      }
      const lines = [
        `calibration complete: ${s.generations.length} generations, ${whole(s.simulations)} simulations, stopped by ${s.stop ?? 'its rule'}`,
        ...s.parameters.map(
          (p) => `  ${p.name}: median ${short(p.median)}, ${Math.round(100 * p.level)}% interval [${short(p.low)}, ${short(p.high)}]`,
        ),
        ...s.predictive.map(
          (p) =>
            `  ${p.outcome}: observed ${short(p.observed)}, predicted ${short(p.p50)} [${short(p.p025)}, ${short(p.p975)}] (${percent(p.shareAtOrBelow, 0)} of ${whole(p.runs)} runs at or below)`,
        ),
        `files in ${s.out}${options.report ? ' (report.html)' : ''}; calibrated.yaml extends the base with the posterior medians`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
