/**
 * `ayni patterns <scenario>`: what emerges from the case life cycle (phases, crisis lengths,
 * flows, durations, protest, where cases are) over K runs, beside the recorded values
 * (docs/calibration.md). Thin: the runs and the summary are
 * src/experiments/case-patterns.ts, the table src/report/case-patterns-table.ts.
 */
import { Command } from 'commander';
import { InputError } from '../exit.js';
import { collect, parseMonth, parsePositiveInt, parseSeed } from '../options.js';

interface Options {
  runs: number;
  seed: number;
  from: string;
  to: string;
  blockadesFrom: string;
  blockadesTo: string;
  set: string[];
  panel?: string;
  json?: boolean;
  markdown?: boolean;
}

export function patternsCommand(): Command {
  return new Command('patterns')
    .description('run a scenario several times with its events and set the emergent case patterns beside the recorded ones')
    .argument('<scenario>', 'scenario file')
    .option('--runs <n>', 'runs (in this process, one after another)', parsePositiveInt, 10)
    .option('--seed <n>', 'master seed (run i gets the batch seed of run i)', parseSeed, 1)
    .option('--from <month>', 'first month counted', parseMonth, '2010-01')
    .option('--to <month>', 'last month counted', parseMonth, '2022-12')
    .option('--blockades-from <month>', 'first month of the blockade count (FACTS §8: Las Bambas 2016–2022)', parseMonth, '2016-01')
    .option('--blockades-to <month>', 'last month of the blockade count', parseMonth, '2022-12')
    .option('--set <path=value>', 'override a scenario field, e.g. parameters.conflict.emergeRate=0.25 (repeatable)', collect, [])
    .option(
      '--panel <dir>',
      'folder of the Defensoría case panel (defensoria-*.csv, e.g. data/peru): set its cases per mine and department beside the model',
    )
    .option('--json', 'print the patterns as JSON')
    .option('--markdown', 'print the table as Markdown')
    .action(async (file: string, options: Options) => {
      const [{ runCasePatterns }, { patternsText, patternsMarkdown, patternsHeading }, { parseOverride }] = await Promise.all([
        import('../../experiments/case-patterns.js'),
        import('../../report/case-patterns-table.js'),
        import('../../io/scenario-file.js'),
      ]);
      const set = options.set.map((text) => {
        const parsed = parseOverride(text);
        if (!parsed.success) throw new InputError([parsed.error]);
        return parsed.data;
      });
      if (options.from > options.to)
        throw new InputError([{ file: '--from', path: [], message: `${options.from} is after --to ${options.to}` }]);
      const result = runCasePatterns(file, {
        runs: options.runs,
        seed: options.seed,
        from: options.from,
        to: options.to,
        blockadesFrom: options.blockadesFrom,
        blockadesTo: options.blockadesTo,
        set,
        ...(options.panel !== undefined && { panel: options.panel }),
      });
      if (!result.success) throw new InputError(result.error);
      const p = result.data;
      if (options.json) process.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
      else if (options.markdown) process.stdout.write(`${patternsHeading(p)}\n\n${patternsMarkdown(p)}\n`);
      else process.stdout.write(`${patternsText(p)}\n`);
    });
}
