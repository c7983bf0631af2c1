/**
 * The library's types as a user meets them: imported by package name, type-checked by tsc in
 * test/package.test.ts against the packed package (not part of the repo's own typecheck,
 * which runs before the package is built).
 */
import {
  compareScenarios,
  loadScenario,
  loadVariant,
  testHypothesis,
  writeReport,
  comparisonText,
  formatIssue,
  type Comparison,
  type HypothesisResult,
  type Verdict,
} from 'ayni';
import pkg from 'ayni/package.json' with { type: 'json' };

export async function compareOnce(baseFile: string, variantFile: string, out: string): Promise<Comparison> {
  const base = loadScenario(baseFile);
  const variant = loadVariant(variantFile, baseFile);
  if (!base.success) throw new Error(base.error.map(formatIssue).join('\n'));
  if (!variant.success) throw new Error(variant.error.map(formatIssue).join('\n'));
  const comparison = await compareScenarios(base.data, [variant.data], { runs: 20, seed: 1, out, outcomes: ['activeConflictMonths'] });
  if (!comparison.success) throw new Error(comparison.error.map(formatIssue).join('\n'));
  const first = comparison.data.results[0];
  const width: number | undefined = first ? first.difference.ci95.high - first.difference.ci95.low : undefined;
  console.log(comparisonText(comparison.data), width, pkg.version);
  return comparison.data;
}

export async function verdictOf(file: string, out: string): Promise<Verdict> {
  const result = await testHypothesis(file, { out, workers: 0 });
  if (!result.success) throw new Error(result.error.map(formatIssue).join('\n'));
  const tested: HypothesisResult = result.data;
  const report = await writeReport(out, { lang: 'es' });
  if (!report.success) throw new Error(report.error.map(formatIssue).join('\n'));
  return tested.verdict;
}
