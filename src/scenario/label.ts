/**
 * Labels: how an arm or a hypothesis is shown to people, kept apart from the names and
 * folder slugs that files and commands use. A label is written as it should appear (full
 * Unicode, colons, plus signs...), either once for every language or once per language.
 * Pure.
 */
import { z } from 'zod';
import type { Lang } from './lang.js';

export const LocalizedTextSchema = z.union([z.string().min(1), z.strictObject({ es: z.string().min(1), en: z.string().min(1) })]);

/** Text in one form for every language, or one per language. */
export type LocalizedText = z.output<typeof LocalizedTextSchema>;

/** A label in both languages. */
export type Label = { readonly es: string; readonly en: string };

export const LabelSchema = LocalizedTextSchema.describe(
  'How people see this scenario in tables, reports and charts (the name is kept for files and folders): one text, or {es, en} for each language of --lang.',
);

/** Both languages of a text written once or per language. */
function bothLanguages(text: LocalizedText): Label {
  return typeof text === 'string' ? { es: text, en: text } : { es: text.es, en: text.en };
}

/** The text in `lang` (a text written once serves every language). */
export function textIn(lang: Lang, text: LocalizedText): string {
  return typeof text === 'string' ? text : text[lang];
}

/** A scenario's label: its `label` field, else its name as written. */
export function scenarioLabel(scenario: { readonly name: string; readonly label?: LocalizedText | undefined }): Label {
  return bothLanguages(scenario.label ?? scenario.name);
}
