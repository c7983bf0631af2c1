/**
 * One writer per folder: a lock file `.lock` naming its holder by host, PID and process
 * start time, so that a PID reused by another process (in a container both the killed
 * batch and its resumer are PID 1) is recognised as stale.
 *
 * The file appears with its whole content or not at all (written to a temporary file,
 * then hard-linked into place, which fails if a lock exists), so a reader never sees it
 * empty. A stale lock is removed only under a short-lived takeover file and only if it
 * still holds what was judged stale, so two resumers cannot both take a folder over.
 */
import { closeSync, fstatSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const LOCK_FILE = '.lock';

/** Who holds a lock, as recorded in the file. */
export interface LockOwner {
  readonly host: string;
  readonly pid: number;
  /** Linux: /proc/<pid>/stat starttime (clock ticks since boot); absent elsewhere. */
  readonly startTicks?: number;
  /** Linux: /proc/sys/kernel/random/boot_id, which changes at every boot. */
  readonly bootId?: string;
  /** When the holder started, for people reading the file or the message. */
  readonly startedAt: string;
  /** Tells this acquisition from any other, so that a release removes only its own lock. */
  readonly token: string;
}

export interface FolderLock {
  readonly path: string;
  release(): void;
}

/** The folder's lock, or who holds it (undefined fields: unknown, e.g. a lock being written). */
export type LockAttempt =
  | { readonly acquired: true; readonly lock: FolderLock }
  | { readonly acquired: false; readonly holder: Partial<LockOwner>; readonly message: string };

// A lock file that cannot be read as a lock and is older than this was left by a writer
// that crashed (or an older ayni): stale. Younger, it may still be being written.
const UNREADABLE_STALE_MS = 10_000;
// A takeover file lives for microseconds; one this old was left by a crash.
const TAKEOVER_STALE_MS = 10_000;
const ATTEMPTS = 20;

export function acquireFolderLock(dir: string): LockAttempt {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const me = currentOwner();
  const content = `${JSON.stringify(me)}\n`;
  let last: Seen | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusive(path, content, me.token)) return { acquired: true, lock: { path, release: () => releaseIfOwn(path, me.token) } };
    const seen = readLock(path);
    if (seen === undefined) continue; // released meanwhile: try again
    last = seen;
    const verdict = judge(seen, me);
    if (verdict === 'live') return refused(dir, seen);
    if (verdict === 'stale') removeIfUnchanged(path, seen.raw, content);
    else pause(5); // being written, or another process is taking a stale lock over
  }
  return refused(dir, last ?? { raw: '', owner: {}, ageMs: 0 });
}

/** This process as a lock holder. */
export function currentOwner(): LockOwner {
  const startTicks = processStartTicks(process.pid);
  const bootId = readBootId();
  return {
    host: hostname(),
    pid: process.pid,
    ...(startTicks !== undefined ? { startTicks } : {}),
    ...(bootId !== undefined ? { bootId } : {}),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    token: randomBytes(8).toString('hex'),
  };
}

/** Start time of a live process in clock ticks since boot (Linux), or undefined. */
export function processStartTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces; starttime is field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isSafeInteger(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

function readBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

interface Seen {
  readonly raw: string;
  /** Empty when the file does not hold a lock record. */
  readonly owner: Partial<LockOwner>;
  readonly ageMs: number;
}

/** Creates `path` with `content`, all at once; false if a lock is already there. */
function createExclusive(path: string, content: string, token: string): boolean {
  const temporary = `${path}.${process.pid}.${token}.tmp`;
  writeFileSync(temporary, content, { flag: 'wx' });
  try {
    linkSync(temporary, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT') return false; // the temporary file was cleaned away: try again
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS')
      return createExclusiveWithoutLinks(path, content);
    throw e;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Where hard links are not supported: O_EXCL and one write (readers wait out an empty file). */
function createExclusiveWithoutLinks(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readLock(path: string): Seen | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const raw = readFileSync(fd, 'utf8');
    return { raw, owner: parseOwner(raw), ageMs: Date.now() - fstatSync(fd).mtimeMs };
  } finally {
    closeSync(fd);
  }
}

function parseOwner(raw: string): Partial<LockOwner> {
  const text = raw.trim();
  // Before ayni recorded more, the lock held only the PID.
  if (/^\d+$/.test(text)) return { pid: Number(text) };
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return typeof value === 'object' && value !== null && Number.isSafeInteger(value.pid) && typeof value.host === 'string' ? value : {};
  } catch {
    return {};
  }
}

/** live: its holder may be running; stale: its holder is certainly gone; unsure: look again shortly. */
function judge(seen: Seen, me: LockOwner): 'live' | 'stale' | 'unsure' {
  const { owner } = seen;
  if (owner.pid === undefined || owner.pid < 1) return seen.ageMs > UNREADABLE_STALE_MS ? 'stale' : 'unsure';
  if (owner.host === undefined) {
    // A PID-only lock: this process holds none, so one naming this PID is left over.
    return owner.pid === me.pid || !isAlive(owner.pid) ? 'stale' : 'live';
  }
  // Another machine's processes cannot be checked from here.
  if (owner.host !== me.host) return 'live';
  if (owner.bootId !== undefined && me.bootId !== undefined && owner.bootId !== me.bootId) return 'stale';
  if (owner.pid !== me.pid && !isAlive(owner.pid)) return 'stale';
  // A process under that PID runs (perhaps this one): is it the one that took the lock?
  const ticks = owner.pid === me.pid ? me.startTicks : processStartTicks(owner.pid);
  if (owner.startTicks !== undefined && ticks !== undefined) return owner.startTicks === ticks ? 'live' : 'stale';
  return 'live';
}

/**
 * Removes a stale lock, under a takeover file so that two processes judging the same lock
 * stale cannot remove one another's new lock.
 */
function removeIfUnchanged(path: string, staleRaw: string, content: string): void {
  const takeover = `${path}.takeover`;
  try {
    writeFileSync(takeover, content, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const age = readLock(takeover)?.ageMs ?? 0;
    if (age > TAKEOVER_STALE_MS) rmSync(takeover, { force: true });
    else pause(5);
    return;
  }
  try {
    if (readLock(path)?.raw === staleRaw) rmSync(path, { force: true });
  } finally {
    rmSync(takeover, { force: true });
  }
}

function releaseIfOwn(path: string, token: string): void {
  const seen = readLock(path);
  if (seen?.owner.token === token) rmSync(path, { force: true });
}

function refused(dir: string, seen: Seen): LockAttempt {
  const { owner } = seen;
  const clear = `if it is no longer running, delete ${join(dir, LOCK_FILE)}`;
  if (owner.pid === undefined) return { acquired: false, holder: owner, message: `another batch is taking this folder's lock; ${clear}` };
  const where = [
    owner.host !== undefined ? `on host ${owner.host}` : undefined,
    owner.startedAt !== undefined ? `started ${owner.startedAt}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return {
    acquired: false,
    holder: owner,
    message: `another batch (PID ${owner.pid}${where ? ` ${where}` : ''}) is writing into this folder; ${clear}`,
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A short synchronous wait (the lock is taken once per batch; blocking a few ms is fine). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
