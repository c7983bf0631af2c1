/**
 * The kinds of permit event of a project's plan. Their own file, without zod, so that the
 * simulation (world.ts, mechanisms/permits.ts) does not import the scenario schema: a worker
 * thread that only runs a compiled scenario never loads zod (workers/simulate.worker.ts).
 */
export const PERMIT_KINDS = ['publication', 'hearing', 'observations', 'approval', 'rejection', 'consulta'] as const;
