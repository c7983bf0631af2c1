/**
 * The file Piscina loads in each worker thread. CommonJS on purpose: Piscina first tries
 * require(), and on Node 20.19+ require() of an ES module aborts the whole process (a V8
 * fatal error, "IsGraphAsync must be used on an instantiated module") if the worker is
 * terminated while the module is being instantiated, as when a batch ends or is
 * interrupted just after a hung worker was replaced. This entry is plain CommonJS and
 * loads the ES module by import(), which a terminated worker abandons safely.
 */
type SimulateWorker = typeof import('./simulate.worker.js');

const worker: Promise<SimulateWorker> = import('./simulate.worker.js');
// Workers start before the main thread has compiled the scenario: if it does not compile, the
// batch returns that error and closes the pool, so a failed start must not be an unhandled
// rejection that kills the worker first (each task still receives the error).
worker.catch(() => {});

module.exports = async (request: Parameters<SimulateWorker['default']>[0]) => (await worker).default(request);
module.exports.seriesRows = async (task: Parameters<SimulateWorker['seriesRows']>[0]) => (await worker).seriesRows(task);
