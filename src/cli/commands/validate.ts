/** `ayni validate <file...>`: check scenario, overlay and hypothesis files without running them. */
import { Command } from 'commander';
import type { InputIssue } from '../../engine/result.js';
import { InputError } from '../exit.js';

export function validateCommand(): Command {
  return new Command('validate')
    .description(
      'check scenario files (shapes, ranges, references, extends chains), reform overlays (applied onto a base) and hypothesis files',
    )
    .argument('<files...>', 'scenario, overlay or hypothesis files')
    .option('--base <file>', 'base scenario that overlays are applied onto (default: the shipped corridor scenario)')
    .action(async (files: string[], options: { base?: string }) => {
      const [{ checkFile }, { shippedScenario }] = await Promise.all([
        import('../../experiments/check-file.js'),
        import('../../io/version.js'),
      ]);
      const base = options.base ?? shippedScenario('corridor.yaml');
      const issues: InputIssue[] = [];
      for (const file of files) {
        const checked = checkFile(file, { base });
        if (checked.success) process.stdout.write(`${file}: ok (${checked.data})\n`);
        else issues.push(...checked.error);
      }
      if (issues.length > 0) throw new InputError(issues);
    });
}
