/** `ayni schema`: print (or write) the JSON Schema generated from the zod scenario schema. */
import { Command } from 'commander';
import { writeFileAtomic, writeIssue } from '../../io/files.js';
import { InputError } from '../exit.js';

export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the JSON Schema of scenario files (generated from the zod schema)')
    .option('--out <file>', 'write it to a file instead')
    .action(async (options: { out?: string }) => {
      const { scenarioJsonSchemaText } = await import('../../scenario/json-schema.js');
      const text = scenarioJsonSchemaText();
      if (options.out === undefined) process.stdout.write(text);
      else {
        try {
          writeFileAtomic(options.out, text);
        } catch (e) {
          throw new InputError([writeIssue(options.out, e)]);
        }
      }
    });
}
