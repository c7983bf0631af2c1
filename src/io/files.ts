/**
 * The file system, in one place: reading scenario files, and writing outputs atomically
 * (a temporary file in the same folder, then a rename), so that an interrupted write never
 * leaves a half-written file where a good one was.
 */
import { accessSync, closeSync, constants, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import type { SourceHost } from '../scenario/load.js';
import type { InputIssue } from '../result.js';

/** Reads a file's bytes, or undefined if there is no such file. Other errors propagate. */
export function readBytes(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw e;
  }
}

export const nodeSourceHost: SourceHost = {
  read: readBytes,
  resolve: (fromFile, relative) => resolve(dirname(fromFile), relative),
};

/** Writes `data` to `path` atomically (temporary file in the same folder, fsync, rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at, bytes.byteLength - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw e;
  }
}

/** A file-system error while writing outputs, as one line for the user. */
export function writeIssue(target: string, error: unknown): InputIssue {
  let code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) throw error; // not an I/O error: a bug
  // Creating a folder on a read-only or forbidden file system can fail as ENOENT; the
  // nearest existing folder on the path says why.
  if (code === 'ENOENT') code = ancestorWriteError(target) ?? code;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EEXIST: 'a file is in the way of the folder',
    ENOTDIR: 'a file is in the way of the folder',
    EISDIR: 'a folder is in the way of the file',
  };
  return { file: target, path: [], message: `cannot write output: ${reasons[code] ?? code}` };
}

function ancestorWriteError(target: string): string | undefined {
  let dir = resolve(target);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    accessSync(dir, constants.W_OK);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code;
  }
}

/**
 * `writeFileAtomic` without blocking the event loop: a batch keeps feeding its workers while
 * a block is flushed to disk.
 */
export async function writeFileAtomicAsync(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (e) {
    await rm(temporary, { force: true });
    throw e;
  }
}

/** A file written in pieces and published atomically by `commit` (a temporary file until then). */
export class AtomicFileWriter {
  private readonly temporary: string;
  private readonly fd: number;

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.temporary = `${path}.${process.pid}.tmp`;
    this.fd = openSync(this.temporary, 'w');
  }

  write(text: string): void {
    const bytes = Buffer.from(text);
    for (let at = 0; at < bytes.byteLength; ) at += writeSync(this.fd, bytes, at, bytes.byteLength - at);
  }

  commit(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.temporary, this.path);
  }

  abandon(): void {
    closeSync(this.fd);
    rmSync(this.temporary, { force: true });
  }
}
