/**
 * The file system, in one place: reading scenario files, and writing outputs atomically
 * (a temporary file in the same folder, then a rename), so that an interrupted write never
 * leaves a half-written file where a good one was.
 */
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { MAX_SCENARIO_BYTES } from '../scenario/limits.js';
import type { ReadOutcome, SourceHost } from '../scenario/load.js';
import type { InputIssue } from '../engine/result.js';

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

export interface InputFileOptions {
  /** Largest file accepted. @default MAX_SCENARIO_BYTES */
  readonly maxBytes?: number;
  /** Refuse any file whose real path (symlinks resolved) is outside this folder. */
  readonly root?: string;
  /** What the files are, for the size message ("scenarios are limited to …"). @default 'scenarios' */
  readonly what?: string;
}

/**
 * Reads an input file (scenario, extends target, overlay, hypothesis) with bounds: only a
 * regular file, at most `maxBytes` (checked after opening, and no more than that is ever
 * read, since /proc files report size 0), and inside `root` when one is given. Devices,
 * FIFOs and folders are refused without reading or blocking. Undefined when there is no
 * such file; other I/O errors propagate. Refusals never quote the file's content.
 */
export function readInputFile(path: string, options: InputFileOptions = {}): ReadOutcome {
  const maxBytes = options.maxBytes ?? MAX_SCENARIO_BYTES;
  let target = resolve(path);
  if (options.root !== undefined) {
    const confined = confine(target, options.root);
    if (confined === 'outside') return { refused: `it is outside the scenario folder ${options.root}; only files inside it may be read` };
    if (confined === undefined) return undefined;
    target = confined;
  }
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO with no writer returns at once (fstat refuses it next).
    fd = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { refused: 'it is a folder, not a file' };
    if (!stat.isFile()) return { refused: 'it is not a regular file (a device, FIFO or socket is never read)' };
    const what = options.what ?? 'scenarios';
    if (stat.size > maxBytes) return { refused: `it is ${stat.size} bytes; ${what} are limited to ${maxBytes} bytes` };
    const tooLarge = `it is larger than ${maxBytes} bytes; ${what} are limited to ${maxBytes} bytes`;
    let buffer = Buffer.alloc(Math.min(maxBytes, Math.max(stat.size, 64 * 1024)) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.byteLength) {
        // The file holds more than it reported (or reports no size): grow, never beyond limit + 1.
        const grown = Buffer.alloc(Math.min(maxBytes + 1, buffer.byteLength * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const n = readSync(fd, buffer, length, buffer.byteLength - length, null);
      if (n === 0) return buffer.subarray(0, length);
      length += n;
      if (length > maxBytes) return { refused: tooLarge };
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The real path of `target` if it is inside the real `root`; 'outside' if it is not;
 * undefined if it does not exist inside the root. A missing file is judged by its nearest
 * existing folder, so that files outside the root are refused whether or not they exist.
 */
function confine(target: string, root: string): string | 'outside' | undefined {
  const realRoot = realpathSync(resolve(root));
  const inside = (real: string) => {
    const rel = relative(realRoot, real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  try {
    const real = realpathSync(target);
    return inside(real) ? real : 'outside';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
  }
  let missing = basename(target);
  let dir = dirname(target);
  for (;;) {
    try {
      return inside(join(realpathSync(dir), missing)) ? undefined : 'outside';
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(dir) === dir) throw e;
      missing = join(basename(dir), missing);
      dir = dirname(dir);
    }
  }
}

/** The real file system as a loader host, confined to `root` when one is given. */
export function nodeSourceHost(root?: string): SourceHost {
  const options = root === undefined ? {} : { root };
  return {
    read: (path) => readInputFile(path, options),
    resolve: (fromFile, relativePath) => resolve(dirname(fromFile), relativePath),
  };
}

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

/**
 * A small input table or record (not a scenario) as text, or one issue naming the file: no such
 * file, refused (readInputFile's bounds), or an I/O error's code. `what` names the kind of file
 * in the size message.
 */
export function readInputText(path: string, what: string): { success: true; data: string } | { success: false; error: InputIssue[] } {
  let bytes: ReadOutcome;
  try {
    bytes = readInputFile(path, { what });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    return { success: false, error: [{ file: path, path: [], message: `cannot read the file (${code})` }] };
  }
  if (bytes === undefined) return { success: false, error: [{ file: path, path: [], message: 'no such file' }] };
  if (!(bytes instanceof Uint8Array))
    return { success: false, error: [{ file: path, path: [], message: `cannot read the file: ${bytes.refused}` }] };
  return { success: true, data: new TextDecoder().decode(bytes) };
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
    try {
      fsyncSync(this.fd);
    } finally {
      this.close();
    }
    try {
      renameSync(this.temporary, this.path);
    } catch (e) {
      rmSync(this.temporary, { force: true });
      throw e;
    }
  }

  /** Drops what was written (after a failed write): no temporary file is left behind. */
  abandon(): void {
    this.close();
    rmSync(this.temporary, { force: true });
  }

  private closed = false;

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
