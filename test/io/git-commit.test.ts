/** The git commit read from `.git` without git: the layouts git writes, and null otherwise. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ayniGitCommit, gitCommit } from '../../src/io/git-commit.js';
import { tempFolder } from '../helpers/temp.js';

const root = tempFolder('git-commit');
const A = 'a'.repeat(40);
const B = '0123456789abcdef0123456789abcdef01234567';

/** A checkout folder with the given files, by path relative to it. */
function checkout(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('gitCommit', () => {
  it("is ayni's own HEAD, as git itself says, when run from a clone", () => {
    const repo = fileURLToPath(new URL('../..', import.meta.url));
    const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' });
    if (git.error) return; // no git on this machine to compare with
    expect(ayniGitCommit()).toBe(git.status === 0 ? git.stdout.trim() : null);
  });

  it('follows HEAD to a loose branch ref', () => {
    expect(gitCommit(checkout('loose', { '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${A}\n` }))).toBe(A);
  });

  it('finds a branch in packed-refs', () => {
    const packed = `# pack-refs with: peeled fully-peeled sorted\n${A} refs/heads/other\n${B} refs/heads/main\n^${A}\n`;
    expect(gitCommit(checkout('packed', { '.git/HEAD': 'ref: refs/heads/main\n', '.git/packed-refs': packed }))).toBe(B);
  });

  it('reads a detached HEAD', () => {
    expect(gitCommit(checkout('detached', { '.git/HEAD': `${B}\n` }))).toBe(B);
  });

  it("follows a worktree's .git file to its git folder and the shared refs", () => {
    checkout('main', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/refs/heads/main': `${A}\n`,
      '.git/refs/heads/topic': `${B}\n`,
      '.git/worktrees/topic/HEAD': 'ref: refs/heads/topic\n',
      '.git/worktrees/topic/commondir': '../..\n',
    });
    expect(gitCommit(checkout('topic', { '.git': 'gitdir: ../main/.git/worktrees/topic\n' }))).toBe(B);
  });

  it('is null without .git, on an unborn branch and on a HEAD it cannot read', () => {
    expect(gitCommit(checkout('plain', { 'package.json': '{}' }))).toBeNull();
    expect(gitCommit(checkout('unborn', { '.git/HEAD': 'ref: refs/heads/main\n' }))).toBeNull();
    expect(gitCommit(checkout('garbage', { '.git/HEAD': 'not a ref\n' }))).toBeNull();
    expect(gitCommit(checkout('dangling', { '.git': 'gitdir: /nonexistent/ayni\n' }))).toBeNull();
  });
});
