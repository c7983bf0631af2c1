/**
 * Reads the three tables of the Defensoría case panel from a folder (data/peru by default):
 * defensoria-mine-cases.csv, defensoria-cases.csv and defensoria-mines.csv. Every problem is an
 * issue naming the file (and its row and column); nothing is thrown for bad input.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { readInputText } from '../io/files.js';
import type { MineProjects, RegisterCase } from '../models/peru-mining/national/defensoria.js';
import { parseMineCases, parseMineProjects, parseRegisterCases, type MineCase } from './case-panel.js';

export interface CasePanel {
  readonly mineCases: readonly MineCase[];
  readonly register: readonly RegisterCase[];
  readonly mines: readonly MineProjects[];
}

export const PANEL_FILES = {
  mineCases: 'defensoria-mine-cases.csv',
  register: 'defensoria-cases.csv',
  mines: 'defensoria-mines.csv',
} as const;

/**
 * The panel in `folder`, or every issue of its three files; a mine the cases name that the
 * mines table does not list is an issue too (it would be left out of every comparison).
 */
export function readCasePanel(folder: string): Result<CasePanel, InputIssue[]> {
  if (!existsSync(folder)) return fail([{ file: folder, path: [], message: 'no such folder (the case panel is data/peru)' }]);
  if (!statSync(folder).isDirectory())
    return fail([{ file: folder, path: [], message: 'expected the folder of the case panel, not a file' }]);
  const issues: InputIssue[] = [];
  const read = <T>(name: string, parseText: (text: string, file: string) => Result<T[], InputIssue[]>): T[] => {
    const file = join(folder, name);
    const text = readInputText(file, 'case panel tables');
    const parsed = text.success ? parseText(text.data, file) : text;
    if (!parsed.success) {
      issues.push(...parsed.error);
      return [];
    }
    return parsed.data;
  };
  const panel = {
    mineCases: read(PANEL_FILES.mineCases, parseMineCases),
    register: read(PANEL_FILES.register, parseRegisterCases),
    mines: read(PANEL_FILES.mines, parseMineProjects),
  };
  if (issues.length > 0) return fail(issues);
  const listed = new Set(panel.mines.map((m) => m.mine));
  const unlisted = (file: string, named: ReadonlyArray<{ caso_id: number; names: readonly string[] }>) => {
    for (const { caso_id, names } of named)
      for (const mine of names)
        if (!listed.has(mine))
          issues.push({
            file: join(folder, file),
            path: [`caso ${caso_id}`],
            message: `names ${mine}, which ${PANEL_FILES.mines} does not list`,
          });
  };
  unlisted(
    PANEL_FILES.mineCases,
    panel.mineCases.map((c) => ({ caso_id: c.caso_id, names: c.minas })),
  );
  unlisted(
    PANEL_FILES.register,
    panel.register.map((c) => ({ caso_id: c.caso_id, names: c.proyectos })),
  );
  return issues.length > 0 ? fail(issues) : ok(panel);
}
