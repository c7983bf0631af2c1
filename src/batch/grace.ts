/**
 * After an interrupt, running tasks get a grace period to finish (so that nearly complete
 * blocks are kept); then they are abandoned, so that a hung run cannot hold the batch past
 * Ctrl-C or SIGTERM.
 */
import { setMaxListeners } from 'node:events';

export interface Grace {
  /** Aborted `graceMs` after the interrupt. */
  readonly signal: AbortSignal;
  dispose(): void;
}

export function abandonAfterGrace(interrupt: AbortSignal | undefined, graceMs: number): Grace {
  const controller = new AbortController();
  // Every queued chunk listens to it: many listeners is expected, not a leak.
  setMaxListeners(0, controller.signal);
  let timer: NodeJS.Timeout | undefined;
  const start = () => {
    timer = setTimeout(() => controller.abort(new Error('abandoned after an interrupt')), graceMs);
  };
  if (interrupt?.aborted) start();
  else interrupt?.addEventListener('abort', start, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      interrupt?.removeEventListener('abort', start);
    },
  };
}
