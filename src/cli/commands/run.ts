/** `ayni run [scenario]`: one seeded run, a readable summary, and files with --out. */
import { Command } from 'commander';
import { shippedScenario } from '../../io/version.js';
import type { InputIssue } from '../../engine/result.js';
import type { Override } from '../../scenario/load.js';
import { InputError } from '../exit.js';
import { collect, parsePositiveInt, parseSeed } from '../options.js';
import { LANG_HELP, parseLang, resolveLang } from '../lang.js';
import { t, type Lang } from '../../report/messages.js';

interface RunOptions {
  seed: number;
  months?: number;
  steps?: number;
  set: string[];
  out?: string;
  json?: boolean;
  lang?: Lang;
}

export const DEFAULT_SCENARIO = 'corridor.yaml';

export function runCommand(): Command {
  return new Command('run')
    .description('run the model once on a scenario (default: the shipped corridor scenario)')
    .argument('[scenario]', 'scenario file (YAML or JSON)')
    .option('--seed <n>', 'run seed', parseSeed, 1)
    .option('--months <m>', 'months to simulate (overrides the scenario)', parsePositiveInt)
    .option('--steps <n>', 'steps to simulate, for step-based models such as epstein-civil-violence', parsePositiveInt)
    .option('--set <path=value>', 'override a scenario field, e.g. policies.dialogue.timing=early (repeatable)', collect, [])
    .option(
      '--out <dir>',
      'write summary.json, timeseries.csv, events.ndjson, scenario.resolved.json, manifest.json and ro-crate-metadata.json into this folder',
    )
    .option('--json', 'print summary.json instead of a table')
    .option('--lang <lang>', LANG_HELP.replace(' and report.html', ''), parseLang)
    .action(async (file: string | undefined, options: RunOptions) => {
      const lang = resolveLang(options.lang);
      // Loaded here, not at start-up, so that `ayni --help` stays fast.
      const [
        { loadScenario, parseOverride },
        { writeRunOutputs, RUN_FILES },
        { runScenario },
        { formatOutcomes },
        { summaryJson },
        { scenarioLabel },
      ] = await Promise.all([
        import('../../io/scenario-file.js'),
        import('../../publish/run-folder.js'),
        import('../../models/run.js'),
        import('../../report/summary-text.js'),
        import('../../report/run-files.js'),
        import('../../scenario/label.js'),
      ]);
      const scenarioFile = file ?? shippedScenario(DEFAULT_SCENARIO);
      const overrides = overridesFrom(options, parseOverride);
      const loaded = loadScenario(scenarioFile, { set: overrides });
      if (!loaded.success) throw new InputError(loaded.error);
      const { scenario, hash } = loaded.data;
      const result = runScenario(scenario, { seed: options.seed, events: options.out !== undefined });
      const identity = {
        scenarioName: scenario.name,
        scenarioFile: file ?? `scenarios/${DEFAULT_SCENARIO}`,
        scenarioHash: hash,
        seed: options.seed,
        months: result.stepLabels.length,
        overrides: overrides.map((o) => `${o.path}=${o.value}`),
      };
      if (options.out !== undefined) {
        const written = writeRunOutputs(options.out, identity, result, new Date(), scenario);
        if (!written.success) throw new InputError(written.error);
      }
      if (options.json) {
        process.stdout.write(summaryJson(identity, result));
        return;
      }
      process.stdout.write(`${formatOutcomes(identity, result, lang, scenarioLabel(scenario)[lang])}\n`);
      const files = RUN_FILES.join(', ');
      process.stdout.write(
        `${options.out !== undefined ? t(lang, 'runWrote', { files, out: options.out }) : t(lang, 'runHint', { files })}\n`,
      );
    });
}

type ParseOverride = (text: string) => { success: true; data: Override } | { success: false; error: InputIssue };

function overridesFrom(options: RunOptions, parseOverride: ParseOverride): Override[] {
  const issues: InputIssue[] = [];
  const overrides = options.set.flatMap((text) => {
    const parsed = parseOverride(text);
    if (parsed.success) return [parsed.data];
    issues.push(parsed.error);
    return [];
  });
  if (issues.length > 0) throw new InputError(issues);
  if (options.months !== undefined) overrides.push({ path: 'months', value: String(options.months) });
  if (options.steps !== undefined) overrides.push({ path: 'steps', value: String(options.steps) });
  return overrides;
}
