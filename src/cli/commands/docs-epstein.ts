/** `ayni docs-epstein --out docs/reference-epstein.md`: rerun the Epstein reproduction and rewrite its page and charts (maintainers). */
import { Command } from 'commander';
import { dirname, join } from 'node:path';
import { InputError } from '../exit.js';
import { parsePositiveInt } from '../options.js';

export function docsEpsteinCommand(): Command {
  return new Command('docs-epstein')
    .description("rerun the reproduction of Epstein's civil violence results and write the page and its charts")
    .requiredOption('--out <file>', 'the Markdown file (docs/reference-epstein.md); charts go to a folder of the same name')
    .option('--runs <n>', 'seeds per scenario and arrest-probability form', parsePositiveInt, 100)
    .action(async (options: { out: string; runs: number }) => {
      const [{ loadScenario }, { shippedScenario, ayniVersion }, { isCivilViolence }, { reproduceCivilViolence }, { compileCivilViolence, simulateCivilViolence }, { civilViolenceCharts, civilViolenceDoc, CIVIL_VIOLENCE_CHARTS }, { renderSvg }, { writeFileAtomic, writeIssue }] = await Promise.all([
        import('../../io/scenario-file.js'),
        import('../../io/version.js'),
        import('../../models/registry.js'),
        import('../../experiments/civil-violence-reproduction.js'),
        import('../../models/civil-violence/simulate.js'),
        import('../../docs/civil-violence-doc.js'),
        import('../../report/render.js'),
        import('../../io/files.js'),
      ]);
      const load = (name: string) => {
        const loaded = loadScenario(shippedScenario(`reference/${name}.yaml`));
        if (!loaded.success) throw new InputError(loaded.error);
        if (!isCivilViolence(loaded.data.scenario)) throw new Error(`bug: reference/${name}.yaml is not an Epstein scenario`);
        return loaded.data.scenario;
      };
      const scenarios = {
        run1: load('epstein-table2-run1'),
        run2: load('epstein-table2-run2'),
        gradual: load('epstein-legitimacy-gradual'),
        jump: load('epstein-legitimacy-jump'),
        defaults: load('epstein-defaults'),
        copReduction: load('epstein-cop-reduction'),
      };
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const reproduction = reproduceCivilViolence(scenarios, options.runs, log);
      // A rough time per run for the page; `ayni bench` is the measurement of record.
      const world = compileCivilViolence(scenarios.defaults);
      for (let seed = 0; seed < 3; seed++) simulateCivilViolence(world, seed);
      const started = performance.now();
      for (let seed = 0; seed < 10; seed++) simulateCivilViolence(world, seed);
      const msPerRun = (performance.now() - started) / 10;
      const charts = civilViolenceCharts(reproduction);
      try {
        const folder = join(dirname(options.out), 'reference-epstein');
        for (const name of CIVIL_VIOLENCE_CHARTS) writeFileAtomic(join(folder, `${name}.svg`), await renderSvg(charts[name]));
        writeFileAtomic(options.out, civilViolenceDoc(reproduction, { ayniVersion: ayniVersion(), nodeVersion: process.version, msPerRun }));
      } catch (e) {
        throw new InputError([writeIssue(options.out, e)]);
      }
      log(`wrote ${options.out}`);
    });
}
