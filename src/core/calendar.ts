/**
 * Months as integers. A month "YYYY-MM" maps to year*12 + (month-1); a scenario's step t
 * is that index minus the start's. Pure; no I/O.
 */

/** Absolute month index of "YYYY-MM" (assumes a validated string). */
export function monthIndex(month: string): number {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return year * 12 + (m - 1);
}

/** "YYYY-MM" of an absolute month index. */
export function monthLabel(index: number): string {
  const year = Math.floor(index / 12);
  const m = index - year * 12 + 1;
  return `${year}-${m < 10 ? '0' : ''}${m}`;
}

/** Calendar month 1–12 of an absolute month index. */
export function monthOfYear(index: number): number {
  return index - Math.floor(index / 12) * 12 + 1;
}
