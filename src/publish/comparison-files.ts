/**
 * Writes a comparison's folder: comparison.json and comparison.csv, a top-level
 * manifest.json (versions, git commit, command line, the arms) and ro-crate-metadata.json,
 * each atomically. Paths in comparison.json and the manifest are relative to the folder, so
 * the folder can be moved or archived as a whole.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Comparison } from '../experiments/compare.js';
import { comparisonCsv, comparisonJson } from '../report/comparison-text.js';
import type { Lang } from '../report/messages.js';
import { writeFileAtomic } from '../io/files.js';
import { provenance, RESOLVED_SCENARIO } from '../io/provenance.js';
import { writeRunCrate } from '../io/run-crate.js';

export interface ComparisonFilesOptions {
  /** `test` for a hypothesis test's folder (its verdict.json is written first). @default compare */
  readonly kind?: 'compare' | 'test';
  readonly startedAt?: Date;
  /** @default now */
  readonly now?: Date;
  /** Language of comparison.csv's variant_label column (comparison.json holds both). @default en */
  readonly lang?: Lang;
}

/** A path as seen from `dir`, with forward slashes. */
const from = (dir: string, path: string) => relative(resolve(dir), resolve(path)).split(sep).join('/') || '.';

/** The comparison with its scenario files and arm folders relative to `dir`. */
function relativeComparison(comparison: Comparison, dir: string): Comparison {
  return {
    ...comparison,
    base: { ...comparison.base, file: from(dir, comparison.base.file) },
    variants: comparison.variants.map((v) => ({ ...v, file: from(dir, v.file) })),
    arms: comparison.arms.map((a) => from(dir, a)),
  };
}

export function writeComparison(dir: string, comparison: Comparison, options: ComparisonFilesOptions = {}): void {
  const kind = options.kind ?? 'compare';
  const now = options.now ?? new Date();
  const c = relativeComparison(comparison, dir);
  writeFileAtomic(join(dir, 'comparison.json'), comparisonJson(c));
  writeFileAtomic(join(dir, 'comparison.csv'), comparisonCsv(c, options.lang ?? 'en'));
  const manifest = {
    tool: 'ayni',
    kind,
    ...provenance(),
    base: c.base,
    variants: c.variants,
    seed: c.seed,
    runs: c.runs,
    outcomes: c.outcomes,
    precision: c.precision,
    arms: c.arms,
    files: [...(kind === 'test' ? ['verdict.json'] : []), 'comparison.json', 'comparison.csv', ...c.arms.map((a) => `${a}/`)],
    ...(options.startedAt ? { startedAt: options.startedAt.toISOString() } : {}),
    createdAt: now.toISOString(),
  };
  writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const names = ['base', ...c.variants.map((v) => v.name)];
  const scenarios = [c.base, ...c.variants];
  writeRunCrate(dir, {
    name: `ayni ${kind}: ${c.base.name} vs ${c.variants.map((v) => v.name).join(', ')}, ${c.runs} paired runs per arm`,
    description: `Paired runs (seed ${c.seed}) of ${names.length} arms, compared on ${c.outcomes.join(', ')}.`,
    ...(options.startedAt ? { startTime: options.startedAt } : {}),
    endTime: now,
    completed: true,
    objects: c.arms
      .map((arm, i) => ({
        path: `${arm}/${RESOLVED_SCENARIO}`,
        description: `Arm ${names[i]}: the scenario as run (${scenarios[i]?.file}, ${scenarios[i]?.hash}).`,
      }))
      .filter((o) => existsSync(join(dir, o.path))),
  });
}
