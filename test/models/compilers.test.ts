/**
 * The workers' compilers (src/models/compilers.ts): one for every registered model, each
 * compiling a scenario as the registry does, and the Peru one reachable without zod (the
 * second is checked statically by .dependency-cruiser-worker.cjs; here, on the built files).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMPILERS, compileScenario } from '../../src/models/compilers.js';
import { compileModel, MODEL_IDS, parseAnyScenario } from '../../src/models/registry.js';
import { loadScenario } from '../../src/io/scenario-file.js';
import { tinyScenarioInput } from '../helpers/tiny-world.js';

describe('the compilers of the worker threads', () => {
  it('cover exactly the registered models', () => {
    expect(Object.keys(COMPILERS).sort()).toEqual([...MODEL_IDS].sort());
  });

  it('compile a scenario as the registry does: same steps, series, outcomes and runs', async () => {
    const shipped = ['reference/epstein-defaults.yaml', 'test-functions/ishigami.yaml', 'test-functions/normal-mean.yaml'];
    const scenarios = [
      parseAnyScenario(tinyScenarioInput()),
      ...shipped.map((f) => {
        const loaded = loadScenario(new URL(`../../scenarios/${f}`, import.meta.url).pathname);
        return loaded.success ? { success: true as const, data: loaded.data.scenario } : loaded;
      }),
    ];
    for (const parsed of scenarios) {
      if (!parsed.success) throw new Error(JSON.stringify(parsed.error));
      const viaWorker = await compileScenario(parsed.data);
      const viaRegistry = compileModel(parsed.data);
      expect(viaWorker.model).toBe(viaRegistry.model);
      expect([viaWorker.steps, viaWorker.seriesNames, viaWorker.outcomeNames]).toEqual([
        viaRegistry.steps,
        viaRegistry.seriesNames,
        viaRegistry.outcomeNames,
      ]);
      expect(Array.from(viaWorker.run(7).outcomes)).toEqual(Array.from(viaRegistry.run(7).outcomes));
    }
  });

  it('load no zod for a Peru scenario (the built worker imports and the Peru compiler)', () => {
    const dist = new URL('../../dist/src/', import.meta.url).href;
    // A resolve hook that reports every module of zod the imports below reach.
    const hook = `data:text/javascript,${encodeURIComponent(
      'export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes("/zod/")) process.stderr.write("zod: " + r.url + "\\n"); return r; }',
    )}`;
    const script = [
      `import { register } from 'node:module';`,
      `register(${JSON.stringify(hook)});`,
      `await import('${dist}io/mathjs.js');`,
      `const { COMPILERS } = await import('${dist}models/compilers.js');`,
      `await COMPILERS['peru-mining']();`,
      `for (const m of ['run-chunk', 'block-layout', 'series-rows']) await import('${dist}batch/' + m + '.js');`,
      `console.log('ok');`,
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('ok');
  });
});
