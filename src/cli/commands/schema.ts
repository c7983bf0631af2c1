/** `ayni schema`: print (or write) a JSON Schema generated from the zod schemas. */
import { Command, InvalidArgumentError } from 'commander';
import { writeFileAtomic, writeIssue } from '../../io/files.js';
import { InputError } from '../exit.js';
import type { SchemaKind, SchemaModel } from '../../docs/json-schema.js';

function parseModel(value: string): SchemaModel {
  if (value !== 'peru-mining' && value !== 'epstein-civil-violence')
    throw new InvalidArgumentError('expected peru-mining or epstein-civil-violence.');
  return value;
}

function parseKind(value: string): SchemaKind {
  if (
    value !== 'scenario' &&
    value !== 'overlay' &&
    value !== 'hypothesis' &&
    value !== 'design' &&
    value !== 'calibration' &&
    value !== 'reports'
  )
    throw new InvalidArgumentError('expected scenario, overlay, hypothesis, design, calibration or reports.');
  return value;
}

export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the JSON Schema of scenario, overlay, hypothesis, design or calibration files (generated from the zod schemas)')
    .option('--out <file>', 'write it to a file instead')
    .option('--model <id>', 'the model whose scenarios it describes: peru-mining or epstein-civil-violence', parseModel, 'peru-mining')
    .option(
      '--kind <kind>',
      'scenario, overlay (a reform applied onto a base; peru-mining), hypothesis, design, calibration or reports (reports/reports.yaml)',
      parseKind,
      'scenario',
    )
    .action(async (options: { out?: string; model: SchemaModel; kind: SchemaKind }) => {
      const { scenarioJsonSchemaText } = await import('../../docs/json-schema.js');
      const text = scenarioJsonSchemaText(options.model, options.kind);
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
