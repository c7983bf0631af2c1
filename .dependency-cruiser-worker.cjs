/**
 * A worker thread pays its imports before its first run, twice on two workers. It compiles a
 * scenario that the main thread has already validated, so it needs no zod: the Peru schema and
 * zod are about 110 ms of imports (src/models/compilers.ts). This checks that neither the
 * worker's static imports nor the Peru compiler's reach zod; the other models' compilers, and a
 * design's code, are imported dynamically and may. Only value imports count. Run by
 * `npm run deps`; it shares .dependency-cruiser.cjs's options.
 */
const { options } = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'worker-reaches-no-zod',
      severity: 'error',
      comment:
        'workers/simulate.worker.ts and the Peru compiler must not reach zod through static value imports: every worker would load it ' +
        'before its first run. Move the constant or type a simulation module needs out of the schema (see permit-kinds.ts).',
      from: { path: ['^workers/simulate[.]worker[.]ts$', '^src/models/peru-mining/compile[.]ts$'] },
      to: { path: '(^|/)node_modules/zod/', reachable: true },
    },
  ],
  options: { ...options, tsPreCompilationDeps: false, exclude: { dynamic: true } },
};
