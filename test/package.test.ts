/**
 * The npm package as a user installs it: the files `npm pack` ships, and the packed package
 * imported and required by name from a project outside the repository (its node_modules
 * linked to the repository's, so no network), with the README's TypeScript example
 * type-checked and run. Needs the built dist/ (npm test builds first).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { tinyScenarioInput } from './helpers/tiny-world.js';
import { tempFolder } from './helpers/temp.js';

const root = new URL('../', import.meta.url).pathname;
const npm = (args: string[], cwd = root) => spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 120_000 });
const node = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });

describe('npm pack', () => {
  it('ships dist, scenarios, hypotheses, docs and the citation files; no tests and no fault-injection hooks', () => {
    // --ignore-scripts: the file list, without rebuilding dist/ under the other tests' feet.
    const r = npm(['pack', '--dry-run', '--json', '--ignore-scripts']);
    expect(r.status, r.stderr).toBe(0);
    const files: string[] = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
    for (const expected of [
      'package.json',
      'README.md',
      'LICENSE',
      'CITATION.cff',
      'codemeta.json',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/cli/main.js',
      'scenarios/corridor.yaml',
      'hypotheses/early-vs-reactive.yaml',
      'docs/model.md',
      // ayni taller's page, its map (with the MPL-2.0 notice beside it) and its simulation thread.
      'app/taller/index.html',
      'app/taller/app.js',
      'app/taller/app.css',
      'app/taller/geo/departamentos.json',
      'app/taller/geo/LICENSE',
      'app/taller/geo/NOTICE.md',
      'dist/src/workshop/simulation-thread.js',
    ]) {
      expect(files).toContain(expected);
    }
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('dist/test/'))).toEqual([]);
    expect(files.filter((f) => f.includes('test-hooks'))).toEqual([]);
  });
});

describe('citation and licence', () => {
  it('CITATION.cff, codemeta.json and LICENSE agree with package.json (name, version, MIT)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; license: string };
    const cff = parse(readFileSync(join(root, 'CITATION.cff'), 'utf8')) as {
      'cff-version': string;
      version: string;
      license: string;
      title: string;
      authors: Array<{ name: string }>;
    };
    const codemeta = JSON.parse(readFileSync(join(root, 'codemeta.json'), 'utf8')) as {
      '@context': string;
      name: string;
      version: string;
      license: string;
    };
    expect(pkg.license).toBe('MIT');
    expect(cff).toMatchObject({ 'cff-version': '1.2.0', version: pkg.version, license: pkg.license });
    expect(cff.title.startsWith(`${pkg.name}:`)).toBe(true);
    expect(cff.authors.length).toBeGreaterThan(0);
    expect(codemeta).toMatchObject({
      '@context': 'https://w3id.org/codemeta/3.0',
      name: pkg.name,
      version: pkg.version,
      license: 'https://spdx.org/licenses/MIT',
    });
    const licence = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} ayni contributors\n/);
  });
});

describe('the packed package, from a project outside the repository', () => {
  let project: string;
  let installed: string;

  beforeAll(() => {
    project = tempFolder('package');
    const packed = npm(['pack', '--ignore-scripts', '--pack-destination', project]);
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = readdirSync(project).find((f) => f.endsWith('.tgz')) as string;
    mkdirSync(join(project, 'node_modules'));
    expect(spawnSync('tar', ['xzf', join(project, tarball), '-C', join(project, 'node_modules')]).status).toBe(0);
    installed = join(project, 'node_modules', 'ayni');
    spawnSync('mv', [join(project, 'node_modules', 'package'), installed]);
    // The package's own dependencies: the repository's installed ones.
    symlinkSync(join(root, 'node_modules'), join(installed, 'node_modules'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  }, 120_000);

  it('imports comparisons, hypothesis tests and reports by name', () => {
    const script = `
      import * as ayni from 'ayni';
      const names = ['loadScenario', 'simulate', 'runBatch', 'compareScenarios', 'loadVariant', 'testHypothesis', 'loadHypothesis', 'decide', 'writeComparison', 'comparisonText', 'writeReport', 'readReportData'];
      console.log(JSON.stringify(names.filter((n) => typeof ayni[n] !== 'function')));
    `;
    const r = node(['--input-type=module', '-e', script], project);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it("works with require('ayni') and require('ayni/package.json')", () => {
    const script = `
      const ayni = require('ayni');
      const pkg = require('ayni/package.json');
      const loaded = ayni.loadScenario(require('node:path').join(__dirname, 'node_modules/ayni/scenarios/corridor.yaml'), { set: [{ path: 'months', value: '12' }] });
      console.log(JSON.stringify({ simulate: typeof ayni.simulate, compare: typeof ayni.compareScenarios, version: pkg.version, months: loaded.success && ayni.simulate(loaded.data.scenario, { seed: 1 }).monthLabels.length }));
    `;
    writeFileSync(join(project, 'require.cjs'), script);
    const r = node(['require.cjs'], project);
    expect(r.status, r.stderr).toBe(0);
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    expect(JSON.parse(r.stdout)).toEqual({ simulate: 'function', compare: 'function', version, months: 12 });
  });

  it("type-checks and runs the README's TypeScript example, and type-checks test/api-types", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const example = /## As a library\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'the README has a ```ts block under "## As a library"').toBeDefined();
    const src = join(project, 'src');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'readme-example.ts'), example as string);
    for (const f of readdirSync(join(root, 'test', 'api-types'))) copyFileSync(join(root, 'test', 'api-types', f), join(src, f));
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          exactOptionalPropertyTypes: true,
          resolveJsonModule: true,
          skipLibCheck: true,
          outDir: 'built',
          rootDir: 'src',
          typeRoots: [join(root, 'node_modules', '@types')],
          types: ['node'],
        },
        include: ['src'],
      }),
    );
    const tsc = node([join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    // The example reads scenarios/corridor.yaml from the current folder: the installed package's.
    const run = node([join(project, 'built', 'readme-example.js')], installed);
    expect(run.stderr).toBe('');
    expect(Number(run.stdout.trim())).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it('ignores AYNI_TEST_FAULTS: the fault-injection hooks are not in the package', () => {
    writeFileSync(join(project, 'tiny.yaml'), stringify(tinyScenarioInput()));
    const cli = join(installed, 'dist', 'src', 'cli', 'main.js');
    const args = [cli, 'batch', 'tiny.yaml', '--runs', '4', '--workers', '0', '--quiet', '--no-report', '--out', 'out-faults'];
    const r = node(args, project, { AYNI_TEST_FAULTS: JSON.stringify({ throwAt: [0, 1, 2, 3] }) });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(project, 'out-faults', 'manifest.json'), 'utf8')) as {
      runs: { completed: number; failed: number };
    };
    expect(manifest.runs).toMatchObject({ completed: 4, failed: 0 });
  });
});
