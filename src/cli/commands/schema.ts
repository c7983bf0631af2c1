/** `ayni schema`: print (or write) the JSON Schema generated from the zod scenario schema. */
import { Command, InvalidArgumentError } from 'commander';
import { writeFileAtomic, writeIssue } from '../../io/files.js';
import { InputError } from '../exit.js';
import type { SchemaModel } from '../../scenario/json-schema.js';

function parseModel(value: string): SchemaModel {
  if (value !== 'peru-mining' && value !== 'epstein-civil-violence') throw new InvalidArgumentError('expected peru-mining or epstein-civil-violence.');
  return value;
}

export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the JSON Schema of scenario files (generated from the zod schema)')
    .option('--out <file>', 'write it to a file instead')
    .option('--model <id>', 'the model whose scenarios it describes: peru-mining or epstein-civil-violence', parseModel, 'peru-mining')
    .action(async (options: { out?: string; model: SchemaModel }) => {
      const { scenarioJsonSchemaText } = await import('../../scenario/json-schema.js');
      const text = scenarioJsonSchemaText(options.model);
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
