/**
 * Base64 of a text's UTF-8 bytes, for data: links in the report. Pure and browser-safe
 * (no Buffer); the same characters as Node's Buffer.toString('base64').
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out.push(
      ALPHABET[(triple >> 18) & 63]!,
      ALPHABET[(triple >> 12) & 63]!,
      b === undefined ? '=' : ALPHABET[(triple >> 6) & 63]!,
      c === undefined ? '=' : ALPHABET[triple & 63]!,
    );
  }
  return out.join('');
}
