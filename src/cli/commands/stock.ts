/**
 * `ayni stock <scenario>`: the simulated stock of registered cases against a recorded band,
 * month by month (docs/calibration.md; `npm run check:calibration`). Thin: the batch and the
 * fit are src/experiments/stock-fit.ts, the chart src/report/stock-chart.ts.
 */
import { Command, InvalidArgumentError } from 'commander';
import { EXIT_FAILURE, InputError } from '../exit.js';
import { onInterrupt } from '../interrupt.js';
import { parseCount, parseMonth, parsePositiveInt, parseSeed } from '../options.js';

interface Options {
  runs: number;
  seed: number;
  workers?: number;
  out: string;
  from: string;
  to: string;
  band: [number, number];
  svg?: string;
  record?: string;
  require?: number;
  json?: boolean;
  quiet?: boolean;
  force?: boolean;
}

function parseBand(value: string): [number, number] {
  const parts = value.split(/[,:]/).map(Number);
  if (parts.length !== 2 || !parts.every(Number.isFinite) || !(parts[0]! < parts[1]!))
    throw new InvalidArgumentError('expected low,high with low < high, e.g. 70,110.');
  return [parts[0]!, parts[1]!];
}

function parseShare(value: string): number {
  const x = Number(value);
  if (!(x >= 0 && x <= 1)) throw new InvalidArgumentError('expected a share from 0 to 1.');
  return x;
}

export function stockCommand(): Command {
  return new Command('stock')
    .description('run a scenario many times and compare its monthly stock of registered cases (active and latent) with a recorded band')
    .argument('<scenario>', 'scenario file')
    .option('--runs <n>', 'runs', parsePositiveInt, 100)
    .option('--seed <n>', 'master seed', parseSeed, 1)
    .option('--workers <w>', 'worker threads (default: available cores; 0: main thread)', parseCount)
    .option('--out <dir>', 'output folder (the batch goes in <dir>/batch, resumable)', 'out/stock')
    .option('--from <month>', 'first month of the window', parseMonth, '2010-01')
    .option('--to <month>', 'last month of the window', parseMonth, '2022-12')
    .option('--band <low,high>', 'the recorded band (FACTS §1: 70–110 mining cases at a time)', parseBand, [70, 110])
    .option('--svg <file>', 'also write the chart as SVG')
    .option(
      '--record <file>',
      'recorded stock at dated months (CSV: month,low,high,how,confidence,counts,source; data/peru/stock-record.csv), compared month by month',
    )
    .option('--require <share>', 'exit 1 unless the median is inside the band in at least this share of the months', parseShare)
    .option('--force', 'start over: remove the batch already in <dir>/batch (only its files) first')
    .option('--json', 'print the fit as JSON')
    .option('--quiet', 'no progress output')
    .action(async (file: string, options: Options) => {
      const interrupt = onInterrupt();
      const [{ runStockFit }, { whole, percent, fixed }] = await Promise.all([
        import('../../experiments/stock-fit.js'),
        import('../../report/numbers.js'),
      ]);
      const fit = await runStockFit(
        file,
        {
          runs: options.runs,
          seed: options.seed,
          out: options.out,
          from: options.from,
          to: options.to,
          band: options.band,
          ...(options.force ? { force: true } : {}),
          ...(options.record !== undefined ? { record: options.record } : {}),
          ...(options.workers !== undefined ? { workers: options.workers } : {}),
        },
        {
          signal: interrupt.signal,
          ...(options.quiet ? {} : { onProgress: (p) => process.stderr.write(`\r${p.done}/${p.total} runs`) }),
        },
      );
      interrupt.dispose();
      if (!options.quiet) process.stderr.write('\n');
      if (!fit.success) throw new InputError(fit.error);
      const f = fit.data;
      if (options.svg !== undefined) {
        const [{ renderSvg }, { stockChartSpec }, { writeFileAtomic, writeIssue }] = await Promise.all([
          import('../../report/render.js'),
          import('../../report/stock-chart.js'),
          import('../../io/files.js'),
        ]);
        const title = `Registered cases, ${f.from} to ${f.to}: median and 90% band of ${f.runs} runs`;
        const svg = await renderSvg(stockChartSpec(f, title, `recorded ${f.band[0]}–${f.band[1]}`));
        try {
          writeFileAtomic(options.svg, svg);
        } catch (e) {
          throw new InputError([writeIssue(options.svg, e)]);
        }
      }
      if (options.json) {
        const { months: _months, ...summary } = f;
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      } else {
        const lines: Array<[string, string]> = [
          ['recorded band', `${whole(f.band[0])}–${whole(f.band[1])}`],
          [
            'median stock, mean over the months',
            `${fixed(f.medianMean, 1)} (lowest ${fixed(f.medianLow, 1)}, highest ${fixed(f.medianHigh, 1)})`,
          ],
          ['months with the median inside the band', percent(f.medianInside)],
          ['months with the whole 90% band inside', percent(f.bandInside)],
          ['registered case-months active', percent(f.activeShare)],
          ...(f.record
            ? ([
                [
                  'recorded months inside the 90% band',
                  `${percent(f.record.covered)} of ${whole(f.record.points.length)}; the median ${fixed(Math.abs(f.record.meanBias), 1)} ${f.record.meanBias < 0 ? 'below' : 'above'} the record on average`,
                ],
              ] as Array<[string, string]>)
            : []),
        ];
        const width = Math.max(...lines.map(([k]) => k.length));
        process.stdout.write(
          `stock of registered cases: ${f.scenario}, ${whole(f.runs)} runs, ${f.from} to ${f.to} (${f.months.length} months)\n${lines
            .map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)
            .join('\n')}\n`,
        );
        if (f.record)
          process.stdout.write(
            `  month     record          median   90% band\n${f.record.points
              .map(
                (p) =>
                  `  ${p.month}  ${(p.low === p.high ? fixed(p.low, 1) : `${fixed(p.low, 1)}–${fixed(p.high, 1)}`).padEnd(14)}  ${fixed(p.p50, 1).padStart(6)}   ${fixed(p.p05, 1)}–${fixed(p.p95, 1)}${p.withinBand ? '' : '  outside'}`,
              )
              .join('\n')}\n`,
          );
      }
      if (options.require !== undefined && f.medianInside < options.require) {
        process.stderr.write(
          `the median is inside the band in ${percent(f.medianInside)} of the months; required ${percent(options.require)}\n`,
        );
        process.exitCode = EXIT_FAILURE;
      }
    });
}
