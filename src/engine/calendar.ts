/**
 * Months as integers. A month "YYYY-MM" maps to year*12 + (month-1); a scenario's step t
 * is that index minus the start's. Pure; no I/O.
 */

/** Absolute month index of "YYYY-MM" (assumes a validated string). */
export function monthIndex(month: string): number {
  // Split at the dash, not at fixed offsets, so that any year a label can carry reads back.
  const dash = month.lastIndexOf('-');
  const year = Number(month.slice(0, dash));
  const m = Number(month.slice(dash + 1));
  return year * 12 + (m - 1);
}

/** "YYYY-MM" of an absolute month index (years padded to four digits, as scenarios write them). */
export function monthLabel(index: number): string {
  const year = Math.floor(index / 12);
  const m = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}`;
}

/** Calendar month 1–12 of an absolute month index. */
export function monthOfYear(index: number): number {
  return index - Math.floor(index / 12) * 12 + 1;
}
