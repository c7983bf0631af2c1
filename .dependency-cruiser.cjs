/**
 * The house's dependency rules (HOUSE.md): imports run only downward through the layers, nothing is
 * circular, shipped code uses no devDependency. Type-only imports count here. `npm run deps` runs this
 * file and then .dependency-cruiser-runtime.cjs, which follows value imports only to keep the pure layers
 * free of Node.
 */
/** From the bottom: a layer may import the layers before it, never those after it. perf and slurm share a rung; workshop (ayni taller's library) sits just below cli. */
const LAYERS = [
  ['engine'],
  ['scenario'],
  ['stats'],
  ['models'],
  ['io'],
  ['batch'],
  ['experiments'],
  ['report'],
  ['publish'],
  ['docs'],
  ['perf', 'slurm'],
  ['workshop'],
  ['cli'],
];
const folders = (names) => `^src/(${names.join('|')})/`;
/** What no layer may import: the public API and the worker entry sit above all of them. */
const TOP = ['^src/index[.]ts$', '^workers/'];

const layerRules = LAYERS.slice(0, -1).map((rung, i) => ({
  name: `${rung.join('-')}-imports-only-below`,
  severity: 'error',
  comment: `${rung.join(' and ')} may import only the layers below it (engine < scenario < stats < models < io < batch < experiments < report < publish < docs < perf, slurm < workshop < cli).`,
  from: { path: folders(rung) },
  to: { path: [folders(LAYERS.slice(i + 1).flat()), ...TOP] },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'cli-imports-no-entry',
      severity: 'error',
      comment: 'The command line is wiring over the layers; it does not go through the public API or the worker entry.',
      from: { path: folders(['cli']) },
      to: { path: TOP },
    },
    {
      name: 'report-imports-only-types-from-io-batch-experiments',
      severity: 'error',
      comment: 'report is pure (it runs in a browser): it may name the types of io, batch and experiments, never import their code.',
      from: { path: folders(['report']) },
      to: { path: folders(['io', 'batch', 'experiments']), dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'index-imports-no-cli',
      severity: 'error',
      comment: 'src/index.ts is the public API: anything but the command line.',
      from: { path: '^src/index[.]ts$' },
      to: { path: [folders(['cli']), '^workers/'] },
    },
    {
      name: 'workers-import-batch-and-below',
      severity: 'error',
      comment: 'A worker thread runs chunks of a batch: it may import batch and the layers below it.',
      from: { path: '^workers/' },
      to: { path: [folders(['experiments', 'report', 'publish', 'docs', 'perf', 'slurm', 'workshop', 'cli']), '^src/index[.]ts$'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle ties two modules into one: move the shared part down a layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-dev-dependency-in-shipped-code',
      severity: 'error',
      comment: 'src/ and workers/ ship in the package; a devDependency is not installed with it.',
      from: { path: '^(src|workers)/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'no-undeclared-package',
      severity: 'error',
      comment: 'Every package the code imports is declared in package.json.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to no file.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    moduleSystems: ['es6', 'cjs'],
    // Type-only imports count for the layers: a type from above is still an upward tie.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // process.getBuiltinModule('fs') is an import of fs too.
    detectProcessBuiltinModuleCalls: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
