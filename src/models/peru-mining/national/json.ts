/**
 * The generated scenario as JSON a reviewer can diff: nested objects indented, and each
 * element of a list of records on one line (a district, a community, a link per line), so
 * that a change in the data shows as the lines it changed. Pure.
 */

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function formatDocument(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    // A list of records: one record per line.
    if (value.every(isRecord)) return `[\n${value.map((v) => `${inner}${JSON.stringify(v)}`).join(',\n')}\n${indent}]`;
    return JSON.stringify(value);
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatDocument(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
