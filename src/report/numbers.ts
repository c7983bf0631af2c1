/**
 * The number formats of everything ayni shows people: run summaries, comparison tables,
 * reports, generated docs, the benchmark and progress lines. One place, so that a number
 * reads the same wherever it appears. Pure. (The CSV and JSON of batch tables keep full
 * precision and are not formatted here.)
 */
import type { Lang } from '../scenario/lang.js';

/** What a table shows for a number that is missing or not finite. */
const MISSING = '–';

/** BCP 47 locale of a language, for Intl number and date formats. */
export const LOCALE: Record<Lang, string> = { en: 'en-GB', es: 'es-PE' };

/** About `digits` significant digits in a language's own format. */
export function formatNumber(lang: Lang, x: number, digits = 3): string {
  if (!Number.isFinite(x)) return MISSING;
  return x.toLocaleString(LOCALE[lang], { maximumSignificantDigits: digits });
}

/** Exactly `digits` decimals, no separators: 12.5, 0.25. */
export function fixed(x: number, digits: number): string {
  return x.toFixed(digits);
}

/** A share as a percentage with `digits` decimals: 0.123 → 12.3%. */
export function percent(share: number, digits = 1): string {
  return `${fixed(share * 100, digits)}%`;
}

/** Rounded to a whole number, with thousands separators: 12,346. */
export function whole(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/** Exactly `digits` decimals with thousands separators (1,234.5); MISSING if not finite. */
export function decimals(x: number, digits = 1): string {
  return Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : MISSING;
}

/** A number with about three significant digits, for tables; tiny and huge ones in exponent form. */
export function short(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return MISSING;
  const a = Math.abs(x);
  if (a !== 0 && (a < 0.001 || a >= 1e7)) return x.toExponential(2);
  return x.toLocaleString('en-US', { maximumSignificantDigits: 3 });
}

/** A p-value to three decimals, or <0.001. */
export function pValue(p: number): string {
  return p < 0.001 ? '<0.001' : fixed(p, 3);
}

/** Six significant digits, as a number: enough for any chart; full precision stays in runs.csv. */
export function six(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}

/** A duration in seconds, rounded up, as 42s, 3m07s or 2h05m; -- if unknown. */
export function duration(s: number): string {
  if (!Number.isFinite(s)) return '--';
  const whole = Math.ceil(s);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  const seconds = String(whole % 60).padStart(2, '0');
  return minutes < 60 ? `${minutes}m${seconds}s` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
