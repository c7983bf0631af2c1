/**
 * The labels of a comparison's arms: each scenario's label (or name) as written, made
 * distinct so that legends and forest-plot rows can tell the arms apart. Pure.
 */
import { LANGS } from './lang.js';
import { scenarioLabel, type Label, type LocalizedText } from './label.js';

/** Labels of the arms in order; a label shared by several arms gets its arm's folder name added. */
export function distinctLabels(
  scenarios: ReadonlyArray<{ readonly name: string; readonly label?: LocalizedText | undefined }>,
  arms: readonly string[],
): Label[] {
  const labels = scenarios.map(scenarioLabel);
  return labels.map((label, i) => {
    const out = { ...label };
    for (const lang of LANGS) {
      const shared = labels.filter((other) => other[lang] === label[lang]).length > 1;
      if (shared) out[lang] = `${label[lang]} (${arms[i] ?? i})`;
    }
    return out;
  });
}

/** The label of arm `arm` in `lang`; comparisons written before labels fall back to the arm's name. */
export function armLabel(
  comparison: { readonly variants: ReadonlyArray<{ readonly arm?: string; readonly name: string; readonly label?: Label }> },
  arm: string,
  lang: (typeof LANGS)[number],
): string {
  const v = comparison.variants.find((x) => (x.arm ?? x.name) === arm);
  return v?.label?.[lang] ?? v?.name ?? arm;
}
