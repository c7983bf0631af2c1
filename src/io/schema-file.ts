/**
 * A YAML or JSON input file checked against a zod schema (hypothesis files, design files):
 * a missing or refused file, bad YAML and every schema issue come back as InputIssues naming
 * the file and the field, never as exceptions.
 */
import type { z } from 'zod';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { parseText } from '../scenario/load.js';
import { readInputFile, type InputFileOptions } from './files.js';

export function readSchemaFile<T>(file: string, schema: z.ZodType<T>, options: InputFileOptions = {}): Result<T, InputIssue[]> {
  const bytes = readInputFile(file, options);
  if (bytes === undefined) return fail([{ file, path: [], message: 'file not found' }]);
  if (!(bytes instanceof Uint8Array)) return fail([{ file, path: [], message: `cannot read the file: ${bytes.refused}` }]);
  const parsed = parseText(bytes, file);
  if (!parsed.success) return parsed;
  const result = schema.safeParse(parsed.data);
  if (result.success) return ok(result.data);
  return fail(
    result.error.issues.map((i) => ({
      file,
      path: i.path.map(String),
      message: i.code === 'unrecognized_keys' ? `unknown key(s): ${i.keys.join(', ')}` : i.message,
    })),
  );
}
