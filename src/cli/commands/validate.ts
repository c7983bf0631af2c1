/** `ayni validate <file...>`: check scenario files without running them. */
import { Command } from 'commander';
import type { InputIssue } from '../../result.js';
import { InputError } from '../exit.js';

export function validateCommand(): Command {
  return new Command('validate')
    .description('check scenario files: shapes, ranges, references, extends chains')
    .argument('<files...>', 'scenario files')
    .action(async (files: string[]) => {
      const { loadScenario } = await import('../../io/scenario-file.js');
      const issues: InputIssue[] = [];
      for (const file of files) {
        const loaded = loadScenario(file);
        if (!loaded.success) {
          issues.push(...loaded.error);
          continue;
        }
        const s = loaded.data.scenario;
        const size = s.model === 'epstein-civil-violence'
          ? `${s.model}, ${s.grid.width}×${s.grid.height} grid, ${s.steps} steps`
          : `${s.communities.length} communities, ${s.projects.length} projects, ${s.months} months`;
        process.stdout.write(`${file}: ok (${size})\n`);
      }
      if (issues.length > 0) throw new InputError(issues);
    });
}
