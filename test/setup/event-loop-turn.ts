/**
 * Runs before each test file: one turn of the event loop after every test. A test that
 * blocks in spawnSync keeps the test worker from reading the runner's replies; with no
 * turn between synchronous tests, a file of them can exceed the runner's fixed 60 s reply
 * timeout and fail the run ("Timeout calling onTaskUpdate") though every test passed.
 */
import { afterEach } from 'vitest';

afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
