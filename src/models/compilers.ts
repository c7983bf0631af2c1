/**
 * Each model's compiler, imported only when a scenario of that model comes. The worker threads
 * compile through this, not through the registry: the registry holds every model's zod schema,
 * and zod with the Peru schema is about 110 ms of imports that every worker would pay before its
 * first run for nothing, since the scenario it gets is already validated. The Peru compiler's
 * imports reach no zod (.dependency-cruiser-worker.cjs checks it). Pure.
 */
import type { CompiledModel } from '../engine/model.js';
import type { AnyScenario } from './registry.js';

type Compiler = (scenario: never) => CompiledModel;

/** By model id; registry.ts's MODELS has the same ids (test/models/compilers.test.ts). */
export const COMPILERS: Readonly<Record<string, () => Promise<Compiler>>> = {
  'peru-mining': async () => (await import('./peru-mining/compile.js')).compilePeruMining,
  'epstein-civil-violence': async () => (await import('./civil-violence/model.js')).civilViolence.compile,
  ishigami: async () => (await import('./ishigami/model.js')).ishigamiModel.compile,
  'normal-mean': async () => (await import('./normal-mean/model.js')).normalMeanModel.compile,
};

/** Compiles a validated scenario of any model, loading only that model's compiler. */
export async function compileScenario(scenario: AnyScenario): Promise<CompiledModel> {
  const id = scenario.model ?? 'peru-mining';
  const load = COMPILERS[id];
  if (load === undefined) throw new Error(`no compiler for model ${id}`);
  return ((await load()) as (s: AnyScenario) => CompiledModel)(scenario);
}
