/** An in-memory file tree for loader tests. */
import { posix } from 'node:path';
import type { SourceHost } from '../../src/scenario/load.js';

export function virtualHost(files: Record<string, string | Uint8Array>): SourceHost {
  return {
    read: (path) => {
      const f = files[path];
      return f === undefined ? undefined : typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    resolve: (from, relative) => posix.join(posix.dirname(from), relative),
  };
}
