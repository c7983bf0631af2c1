/** `ayni docs-cases --out scenarios/cases/README.md`: rerun the case fixtures and rewrite their README (maintainers). */
import { Command } from 'commander';
import { readdirSync } from 'node:fs';
import { InputError } from '../exit.js';
import { parsePositiveInt } from '../options.js';

export function docsCasesCommand(): Command {
  return new Command('docs-cases')
    .description('run every case fixture and write what the model produces for each')
    .requiredOption('--out <file>', 'the Markdown file (scenarios/cases/README.md)')
    .option('--runs <n>', 'runs per fixture', parsePositiveInt, 200)
    .action(async (options: { out: string; runs: number }) => {
      const [{ loadScenario }, { shippedScenario, ayniVersion }, { compileModel }, { seedFor }, { quantileSorted }, { casesDoc, CASE_OUTCOMES }, { writeFileAtomic, writeIssue }] = await Promise.all([
        import('../../io/scenario-file.js'),
        import('../../io/version.js'),
        import('../../models/registry.js'),
        import('../../batch/seeds.js'),
        import('../../stats/quantiles.js'),
        import('../../docs/cases-doc.js'),
        import('../../io/files.js'),
      ]);
      const seed = 1;
      const files = readdirSync(shippedScenario('cases')).filter((f) => f.endsWith('.yaml')).sort();
      const cases = files.map((file) => {
        const loaded = loadScenario(shippedScenario(`cases/${file}`));
        if (!loaded.success) throw new InputError(loaded.error);
        const model = compileModel(loaded.data.scenario);
        const columns = CASE_OUTCOMES.map(() => [] as number[]);
        for (let i = 0; i < options.runs; i++) {
          const run = model.run(seedFor(seed, i));
          CASE_OUTCOMES.forEach(([name], k) => columns[k]?.push(run.outcomes[model.outcomeNames.indexOf(name)] as number));
        }
        process.stderr.write(`${file}: ${options.runs} runs\n`);
        return {
          file,
          name: loaded.data.scenario.name,
          description: 'description' in loaded.data.scenario ? loaded.data.scenario.description : '',
          months: model.steps,
          firstMonth: model.firstMonth ?? '1',
          runs: options.runs,
          outcomes: CASE_OUTCOMES.map(([name, label], k) => {
            const sorted = Float64Array.from(columns[k] ?? []).sort();
            return { name, label, mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, p05: quantileSorted(sorted, 0.05), p95: quantileSorted(sorted, 0.95) };
          }),
        };
      });
      try {
        writeFileAtomic(options.out, casesDoc(cases, { ayniVersion: ayniVersion(), seed }));
      } catch (e) {
        throw new InputError([writeIssue(options.out, e)]);
      }
    });
}
