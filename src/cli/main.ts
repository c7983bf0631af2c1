#!/usr/bin/env node
/**
 * The `ayni` command: wiring only. Each command parses its options, calls the library and
 * formats the result; user errors end with one line per problem and exit code 2.
 */
import { Command, CommanderError } from 'commander';
import { resolve } from 'node:path';
import { ayniVersion } from '../io/version.js';
import { toError } from '../engine/result.js';
import { isRunFailure } from '../engine/run-failure.js';
import { EXIT_FAILURE, EXIT_INPUT, InputError, printIssues } from './exit.js';
import { ignoreVanishedReaders } from './streams.js';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { schemaCommand } from './commands/schema.js';
import { docsParamsCommand } from './commands/docs-params.js';
import { docsEpsteinCommand } from './commands/docs-epstein.js';
import { docsCasesCommand } from './commands/docs-cases.js';
import { dataNationalCommand } from './commands/data-national.js';
import { batchCommand } from './commands/batch.js';
import { mergeCommand } from './commands/merge.js';
import { compareCommand } from './commands/compare.js';
import { testCommand } from './commands/test.js';
import { experimentCommand } from './commands/experiment.js';
import { calibrateCommand } from './commands/calibrate.js';
import { stockCommand } from './commands/stock.js';
import { patternsCommand } from './commands/patterns.js';
import { benchCommand } from './commands/bench.js';
import { reportCommand } from './commands/report.js';
import { reportsCommand } from './commands/reports.js';
import { slurmCommand } from './commands/slurm.js';
import { tallerCommand } from './commands/taller.js';

function program(): Command {
  const root = new Command('ayni')
    .description('Trust, commitments and conflict in mining territories: an agent-based simulation (Peru first).')
    .version(ayniVersion())
    .option('--scenario-root <dir>', 'read scenario and hypothesis files only from inside this folder (also AYNI_SCENARIO_ROOT)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) })
    // The library reads the confinement from the environment, so that every load a command makes is confined.
    .hook('preAction', (command) => {
      const dir = command.opts<{ scenarioRoot?: string }>().scenarioRoot;
      if (dir !== undefined) process.env['AYNI_SCENARIO_ROOT'] = resolve(dir);
    });
  for (const command of [
    runCommand(),
    batchCommand(),
    mergeCommand(),
    compareCommand(),
    testCommand(),
    experimentCommand(),
    calibrateCommand(),
    stockCommand(),
    patternsCommand(),
    reportCommand(),
    tallerCommand(),
    reportsCommand(),
    slurmCommand(),
    benchCommand(),
    validateCommand(),
    schemaCommand(),
    docsParamsCommand(),
    docsEpsteinCommand(),
    docsCasesCommand(),
    dataNationalCommand(),
  ]) {
    root.addCommand(command.exitOverride());
  }
  return root;
}

ignoreVanishedReaders();
try {
  await program().parseAsync(process.argv);
} catch (e) {
  if (e instanceof InputError) {
    printIssues(e.issues);
    process.exitCode = EXIT_INPUT;
  } else if (e instanceof CommanderError) {
    // Help and version exit 0; usage errors (already printed by commander) are input errors.
    process.exitCode = e.exitCode === 0 ? 0 : EXIT_INPUT;
  } else if (isRunFailure(e)) {
    // The inputs drove the run somewhere it cannot go on (see engine/run-failure.ts): not a bug.
    process.stderr.write(`ayni: run failed: ${toError(e).message}\n`);
    process.exitCode = EXIT_FAILURE;
  } else {
    const error = toError(e);
    process.stderr.write(`ayni: internal error: ${error.message}\n${error.stack ?? ''}\n`);
    process.exitCode = EXIT_FAILURE;
  }
}
