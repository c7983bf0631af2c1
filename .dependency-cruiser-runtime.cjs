/**
 * The pure layers run in a browser too: no file in engine, scenario, stats, models or report may reach a
 * Node core module through any chain of imports. Only value imports count here (type-only imports are
 * erased by the compiler), so report may name the types of io, batch and experiments. Run after
 * .dependency-cruiser.cjs by `npm run deps`; it shares that file's options.
 */
const { builtinModules } = require('node:module');
const { options } = require('./.dependency-cruiser.cjs');

const literal = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** dependency-cruiser names a core module without its node: prefix (fs, fs/promises, module). */
const NODE_CORE = `^(node:)?(${builtinModules.map(literal).join('|')})$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'pure-layers-reach-no-node-core',
      severity: 'error',
      comment:
        'engine, scenario, stats, models and report are browser-safe: none of their files may reach node:* through any chain of value ' +
        'imports. Inject what needs Node (a hash, a file read) from io/ or publish/.',
      from: { path: '^src/(engine|scenario|stats|models|report)/' },
      to: { path: NODE_CORE, reachable: true },
    },
    {
      name: 'workshop-pure-parts-reach-no-node-core',
      severity: 'error',
      comment:
        "The workshop's levers, cards, export, map counts and words are pure: only session.ts, server.ts and simulation-thread.ts touch Node.",
      from: { path: '^src/workshop/(levers|cards|export|departments|messages|thread-protocol)[.]ts$' },
      to: { path: NODE_CORE, reachable: true },
    },
  ],
  options: { ...options, tsPreCompilationDeps: false },
};
