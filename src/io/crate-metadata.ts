/**
 * ro-crate-metadata.json for a results folder: an RO-Crate 1.1 that conforms to the
 * Process Run Crate profile 0.5 (https://w3id.org/ro/wfrun/process/0.5). One CreateAction
 * (the ayni command) with ayni as its instrument, the scenarios as run as its object and the
 * folder's files as its result. Written by ayni itself (the ro-crate npm package is GPL).
 * Pure; src/io/run-crate.ts lists the folder and writes the file.
 */

export const CRATE_FILE = 'ro-crate-metadata.json';
const RO_CRATE = 'https://w3id.org/ro/crate/1.1';
const PROCESS_RUN_CRATE = 'https://w3id.org/ro/wfrun/process/0.5';

/** A file or folder of the crate, by its path relative to the crate's root ("arms/" for a folder). */
export interface CrateEntry {
  readonly path: string;
  readonly folder: boolean;
  readonly bytes?: number;
  readonly description?: string;
}

export interface CrateInput {
  /** What the folder holds, e.g. "ayni batch: corridor, 400 runs". */
  readonly name: string;
  readonly description: string;
  readonly software: { readonly version: string; readonly gitCommit: string | null; readonly nodeVersion: string };
  readonly action: {
    readonly argv: readonly string[];
    readonly startTime?: string;
    readonly endTime: string;
    /** false: the command stopped early (interrupted, too many failures); the files are partial. */
    readonly completed: boolean;
  };
  /** Inputs, e.g. scenario.resolved.json. */
  readonly objects: readonly CrateEntry[];
  /** Everything else the command wrote. */
  readonly results: readonly CrateEntry[];
}

const FORMATS: Record<string, string> = {
  json: 'application/json',
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
  parquet: 'application/vnd.apache.parquet',
  html: 'text/html',
  yaml: 'application/yaml',
  bin: 'application/octet-stream',
};

const id = (path: string) => encodeURI(path);

function entity(entry: CrateEntry): Record<string, unknown> {
  const name = entry.path.replace(/\/$/, '').split('/').pop() as string;
  if (entry.folder)
    return { '@id': id(entry.path), '@type': 'Dataset', name, ...(entry.description ? { description: entry.description } : {}) };
  const format = FORMATS[name.split('.').pop() ?? ''];
  return {
    '@id': id(entry.path),
    '@type': 'File',
    name,
    ...(entry.description ? { description: entry.description } : {}),
    ...(format ? { encodingFormat: format } : {}),
    ...(entry.bytes !== undefined ? { contentSize: String(entry.bytes) } : {}),
  };
}

const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

export function runCrateJson(input: CrateInput): string {
  const software = input.software;
  const entries = [...input.objects, ...input.results];
  const refs = (list: readonly CrateEntry[]) => list.map((e) => ({ '@id': id(e.path) }));
  const graph = [
    { '@id': CRATE_FILE, '@type': 'CreativeWork', conformsTo: { '@id': RO_CRATE }, about: { '@id': './' } },
    {
      '@id': './',
      '@type': 'Dataset',
      name: input.name,
      description: input.description,
      datePublished: input.action.endTime,
      conformsTo: { '@id': PROCESS_RUN_CRATE },
      hasPart: refs(entries),
      mentions: { '@id': '#ayni-run' },
    },
    { '@id': PROCESS_RUN_CRATE, '@type': 'CreativeWork', name: 'Process Run Crate', version: '0.5' },
    {
      '@id': '#ayni',
      '@type': 'SoftwareApplication',
      name: 'ayni',
      description: 'Agent-based simulation of trust, commitments and conflict in mining territories.',
      softwareVersion: software.version,
      license: 'https://spdx.org/licenses/MIT',
      softwareRequirements: `Node.js ${software.nodeVersion}`,
      ...(software.gitCommit ? { identifier: `git:${software.gitCommit}` } : {}),
    },
    {
      '@id': '#ayni-run',
      '@type': 'CreateAction',
      name: input.name,
      description: input.action.argv.map(quote).join(' '),
      instrument: { '@id': '#ayni' },
      object: refs(input.objects),
      result: refs(input.results),
      ...(input.action.startTime ? { startTime: input.action.startTime } : {}),
      endTime: input.action.endTime,
      actionStatus: { '@id': input.action.completed ? 'http://schema.org/CompletedActionStatus' : 'http://schema.org/FailedActionStatus' },
    },
    ...entries.map(entity),
  ];
  return `${JSON.stringify({ '@context': `${RO_CRATE}/context`, '@graph': graph }, null, 2)}\n`;
}

/**
 * A crate with a second action, the report: `ayni report` (or the report written at the end
 * of batch, compare and test) reads the folder's tables and writes report.html and charts/.
 * Replaces an earlier report action and its entities, so the crate lists each file once.
 */
export function withReportAction(
  crateJson: string,
  report: { readonly argv: readonly string[]; readonly endTime: string; readonly results: readonly CrateEntry[] },
): string {
  const crate = JSON.parse(crateJson) as { '@context': unknown; '@graph': Array<Record<string, unknown>> };
  const graph = crate['@graph'];
  const ids = new Set(report.results.map((e) => id(e.path)));
  const root = graph.find((e) => e['@id'] === './') as Record<string, unknown>;
  const mainAction = graph.find((e) => e['@id'] === '#ayni-run');
  const kept = graph.filter((e) => e['@id'] !== '#ayni-report' && !ids.has(e['@id'] as string));
  const refs = report.results.map((e) => ({ '@id': id(e.path) }));
  const without = (list: unknown) => (Array.isArray(list) ? list : list ? [list] : []).filter((r: { '@id': string }) => !ids.has(r['@id']));
  root['hasPart'] = [...without(root['hasPart']), ...refs];
  root['mentions'] = [{ '@id': '#ayni-run' }, { '@id': '#ayni-report' }];
  if (mainAction) mainAction['result'] = without(mainAction['result']);
  const action = {
    '@id': '#ayni-report',
    '@type': 'CreateAction',
    name: "ayni report: report.html and its charts from the folder's tables",
    description: report.argv.map(quote).join(' '),
    instrument: { '@id': '#ayni' },
    object: [{ '@id': './' }],
    result: refs,
    endTime: report.endTime,
    actionStatus: { '@id': 'http://schema.org/CompletedActionStatus' },
  };
  return `${JSON.stringify({ ...crate, '@graph': [...kept, action, ...report.results.map(entity)] }, null, 2)}\n`;
}
