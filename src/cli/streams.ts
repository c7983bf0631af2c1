/**
 * Output whose reader has gone: `ayni run | head -1` closes stdout early (EPIPE), a batch's
 * log pipe or terminal may vanish under it (EPIPE, EIO). Nothing more can be said to that
 * reader, but the work must not die of it: a batch goes on, writes its files and releases
 * its lock. Such errors are ignored and later writes to that stream are dropped; any other
 * stream error is still a bug.
 */
const READER_GONE = new Set(['EPIPE', 'EIO']);

export function ignoreVanishedReaders(streams: readonly NodeJS.WritableStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== undefined && READER_GONE.has(error.code)) return;
      throw error;
    });
  }
}
