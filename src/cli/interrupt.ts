/**
 * Ctrl-C and SIGTERM for long commands: an AbortSignal the library honours (running tasks
 * finish, completed blocks are kept), so that the command can end with exit 130 and be
 * resumed. Install it first thing in an action, before loading the implementation.
 */
export interface Interrupt {
  readonly signal: AbortSignal;
  dispose(): void;
}

export function onInterrupt(): Interrupt {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', abort);
      process.off('SIGTERM', abort);
    },
  };
}
