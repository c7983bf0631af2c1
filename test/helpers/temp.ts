/**
 * Temporary folders that remove themselves: one made inside a test is removed when that
 * test ends, one made while a file is collected (at the top of the file, in a describe
 * body) when the file's tests have all run. test/setup/temp-cleanup.ts runs the second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

const fileScoped: string[] = [];

/** A new empty folder `<tmp>/ayni-<name>-XXXXXX`, removed after the test (or the file) that made it. */
export function tempFolder(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ayni-${name}-`));
  try {
    onTestFinished(() => removeFolder(dir));
  } catch {
    // Not inside a test: kept for the file's other tests.
    fileScoped.push(dir);
  }
  return dir;
}

/** Removes the folders made outside tests; called once the file's tests have run. */
export function removeFileScopedFolders(): void {
  for (const dir of fileScoped.splice(0)) removeFolder(dir);
}

// Retries: a child process killed a moment ago may still be closing files in it.
const removeFolder = (dir: string) => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
