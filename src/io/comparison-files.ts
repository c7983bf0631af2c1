/** Writes comparison.json and comparison.csv into a folder, atomically. */
import { join } from 'node:path';
import type { Comparison } from '../compare/compare.js';
import { comparisonCsv, comparisonJson } from '../output/comparison.js';
import { writeFileAtomic } from './files.js';

export function writeComparison(dir: string, comparison: Comparison): void {
  writeFileAtomic(join(dir, 'comparison.json'), comparisonJson(comparison));
  writeFileAtomic(join(dir, 'comparison.csv'), comparisonCsv(comparison));
}
