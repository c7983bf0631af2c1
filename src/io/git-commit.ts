/**
 * The git commit of a checkout, read from its `.git` without spawning git (which may be
 * missing, and costs a process): HEAD, then the branch it names as a loose ref or in
 * packed-refs. A worktree's `.git` is a file naming its git folder, whose `commondir` holds
 * the shared refs. Anything else (no `.git`, an unreadable or unknown layout) gives null.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { packageRoot } from './version.js';

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

const readTrimmed = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
};

/** The git folder of a checkout: `.git` itself, or the folder a `.git` file points to. */
function gitDir(root: string): string | null {
  const dotGit = join(root, '.git');
  let isFolder: boolean;
  try {
    isFolder = statSync(dotGit).isDirectory();
  } catch {
    return null;
  }
  if (isFolder) return dotGit;
  const pointer = /^gitdir:\s*(.+)$/m.exec(readTrimmed(dotGit) ?? '')?.[1]?.trim();
  if (!pointer) return null;
  return isAbsolute(pointer) ? pointer : resolve(root, pointer);
}

/** The commit HEAD points to in the checkout at `root`, or null when it cannot be read. */
export function gitCommit(root: string): string | null {
  const dir = gitDir(root);
  if (dir === null) return null;
  const head = readTrimmed(join(dir, 'HEAD'));
  if (head === null) return null;
  if (SHA.test(head)) return head;
  const ref = /^ref:\s*(refs\/\S+)$/.exec(head)?.[1];
  if (!ref) return null;
  const common = readTrimmed(join(dir, 'commondir'));
  const shared = common === null ? dir : isAbsolute(common) ? common : resolve(dir, common);
  for (const base of [dir, shared]) {
    const loose = readTrimmed(join(base, ref));
    if (loose !== null && SHA.test(loose)) return loose;
  }
  for (const line of (readTrimmed(join(shared, 'packed-refs')) ?? '').split('\n')) {
    const [sha, name] = line.trim().split(/\s+/);
    if (name === ref && sha !== undefined && SHA.test(sha)) return sha;
  }
  return null;
}

/** The commit of ayni's own checkout; null when ayni runs from a package rather than a clone. */
export function ayniGitCommit(): string | null {
  return gitCommit(packageRoot());
}
