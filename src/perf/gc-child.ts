/**
 * Garbage collection in steady-state months, in a fresh process (gc.ts): what a batch worker
 * running one scenario sees. In the benchmark's own process the kernel suite has already run
 * other worlds (one with formulas), and V8's code for the hot loops, compiled on that mixed
 * feedback, boxes numbers a worker's code does not (bench/README.md). Prints JSON.
 * Arguments: communities warmUpMonths measuredMonths.
 */
import { compileWorld } from '../models/peru-mining/world.js';
import { parseScenario } from '../models/peru-mining/validate.js';
import { syntheticScenario } from '../models/peru-mining/synthetic.js';
import { measureKernelGc } from './gc.js';

const [communities, warmUp, measured] = process.argv.slice(2).map(Number);
const parsed = parseScenario(syntheticScenario({ communities, months: warmUp + measured }));
if (!parsed.success) throw new Error(`bug: the long synthetic territory is invalid: ${JSON.stringify(parsed.error)}`);
process.stdout.write(`${JSON.stringify(await measureKernelGc(compileWorld(parsed.data), warmUp))}\n`);
