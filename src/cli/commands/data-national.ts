/**
 * `ayni data-national`: rebuild the national baseline from data/peru/ (maintainers; `npm run
 * data:national`). Reads the tables, builds, checks that the result is a valid scenario,
 * writes the scenario JSON and docs/national.md. Thin: the builder is in
 * src/models/peru-mining/national/.
 */
import { Command, InvalidArgumentError } from 'commander';
import { InputError } from '../exit.js';
import { collect } from '../options.js';

export function dataNationalCommand(): Command {
  return new Command('data-national')
    .description('build the national baseline scenario from the tables in data/peru/')
    .option('--data <dir>', 'the folder of source tables', 'data/peru')
    .option('--out <file>', 'the scenario JSON to write', 'scenarios/national/peru-national.json')
    .option('--doc <file>', 'the Markdown page to write (none with --doc "")', 'docs/national.md')
    .option('--assume <name=value>', 'another value of a build assumption (repeatable; see docs/national.md)', collect, [])
    .action(async (options: { data: string; out: string; doc: string; assume: string[] }) => {
      const [{ join }, { readFileSync }, build, assumptions, { nationalDoc }, { parseScenario }, { formatDocument }, files] =
        await Promise.all([
          import('node:path'),
          import('node:fs'),
          import('../../models/peru-mining/national/build.js'),
          import('../../models/peru-mining/national/assumptions.js'),
          import('../../docs/national-doc.js'),
          import('../../models/peru-mining/validate.js'),
          import('../../models/peru-mining/national/json.js'),
          import('../../io/files.js'),
        ]);
      const settings: Record<string, number> = { ...assumptions.DEFAULT_BUILD_SETTINGS };
      for (const pair of options.assume) {
        const [name, value] = pair.split('=');
        const spec = (assumptions.BUILD_ASSUMPTIONS as Record<string, { range: readonly [number, number] }>)[name];
        if (spec === undefined)
          throw new InvalidArgumentError(
            `--assume ${pair}: no assumption ${name}; known: ${Object.keys(assumptions.BUILD_ASSUMPTIONS).join(', ')}`,
          );
        const x = Number(value);
        if (value === undefined || value.trim() === '' || !Number.isFinite(x))
          throw new InvalidArgumentError(`--assume ${pair}: expected name=number`);
        settings[name] = x;
      }
      const tables: Record<string, string> = {};
      for (const name of build.NATIONAL_TABLES) {
        const path = join(options.data, name);
        try {
          tables[name] = readFileSync(path, 'utf8');
        } catch (e) {
          throw new InputError([
            { file: path, path: [], message: `cannot read the table: ${(e as NodeJS.ErrnoException).code ?? String(e)}` },
          ]);
        }
      }
      const typedSettings = settings as typeof assumptions.DEFAULT_BUILD_SETTINGS;
      const built = build.buildNational(tables as never, typedSettings);
      if (!built.success) throw new InputError(built.error.map((i) => ({ ...i, file: join(options.data, i.file) })));
      const valid = parseScenario(built.data.scenario, options.out);
      if (!valid.success) throw new InputError(valid.error);
      try {
        files.writeFileAtomic(options.out, `${formatDocument(built.data.scenario)}\n`);
        if (options.doc !== '') files.writeFileAtomic(options.doc, nationalDoc(built.data, typedSettings));
      } catch (e) {
        throw new InputError([files.writeIssue(options.out, e)]);
      }
      const s = built.data.scenario;
      const communities = (s.communities ?? []).filter((c) => c.kind !== 'organisation').length;
      process.stderr.write(
        `${options.out}: ${s.territory.districts.length} districts, ${communities} communities, ${built.data.organisations} local organisations, ${s.projects?.length ?? 0} projects\n`,
      );
    });
}
