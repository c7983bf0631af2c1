/**
 * The language of tables, verdicts and reports: `--lang es|en`, else the AYNI_LANG
 * environment variable, else English. A bad AYNI_LANG is an input error (exit 2).
 */
import { InvalidArgumentError } from 'commander';
import { InputError } from './exit.js';
import type { Lang } from '../report/messages.js';

export function parseLang(value: string): Lang {
  if (value !== 'es' && value !== 'en') throw new InvalidArgumentError('expected es or en.');
  return value;
}

export const LANG_HELP = 'language of tables, verdicts and report.html: es or en (default: $AYNI_LANG, else en)';

/** The --lang value if given, else AYNI_LANG, else English. */
export function resolveLang(option: Lang | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (option !== undefined) return option;
  const value = env['AYNI_LANG'];
  if (value === undefined || value === '') return 'en';
  if (value === 'es' || value === 'en') return value;
  throw new InputError([{ file: '', path: ['AYNI_LANG'], message: `is "${value}"; expected es or en (or unset)` }]);
}
