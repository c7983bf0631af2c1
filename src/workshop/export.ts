/**
 * The export of a workshop session: the files of a folder a facilitator can keep and share.
 * Each package as an overlay file, the cards as JSON and as CSV (UTF-8 with a BOM, headers in
 * the session's language, so that Excel opens it right), a short report in Spanish and in
 * English, and commands.sh with the exact `ayni compare` command that reproduces every number.
 * Pure: returns file names and contents; the session writes them.
 */
import { stringify } from 'yaml';
import type { Lang } from '../scenario/lang.js';
import type { Label } from '../scenario/label.js';
import { type Card, CARD_OUTCOME_NAMES } from './cards.js';
import { workshopText } from './messages.js';

export interface ExportedPackage {
  readonly name: string;
  readonly label: Label;
  readonly levers: readonly Label[];
  readonly overlay: Record<string, unknown>;
}

export interface SessionSnapshot {
  /** The base's file as the command should name it (relative to the export folder when it can be). */
  readonly baseFile: string;
  readonly baseLabel: Label;
  readonly seed: number;
  readonly futures: number;
  readonly packages: readonly ExportedPackage[];
  /** Cards in each language, as the screen showed them. */
  readonly cards: Readonly<Record<Lang, readonly Card[]>>;
}

/** Where each package's overlay goes inside the export folder. */
export const packageFile = (name: string): string => `paquetes/${name}.yaml`;

/** The shell words of the comparison that gives the cards' numbers (run from the export folder). */
export function compareArgs(snapshot: SessionSnapshot, out = 'comparacion'): string[] {
  return [
    'ayni',
    'compare',
    snapshot.baseFile,
    ...snapshot.packages.map((p) => packageFile(p.name)),
    '--runs',
    String(snapshot.futures),
    '--seed',
    String(snapshot.seed),
    '--outcomes',
    CARD_OUTCOME_NAMES.join(','),
    '--out',
    out,
  ];
}

const shellWord = (w: string) => (/^[A-Za-z0-9_./,=:-]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`);

export const BOM = '\uFEFF';

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

const CSV_HEADERS: Record<Lang, readonly string[]> = {
  es: ['paquete', 'resultado', 'diferencia_media', 'ic95_bajo', 'ic95_alto', 'futuros', 'mejor_en', 'igual_en', 'estado'],
  en: ['package', 'outcome', 'mean_difference', 'ci95_low', 'ci95_high', 'futures', 'better_in', 'same_in', 'status'],
};

/** The cards as CSV: one row per package and outcome, full-precision numbers, a BOM first. */
export function cardsCsv(cards: readonly Card[], labels: ReadonlyMap<string, string>, lang: Lang): string {
  const rows = cards.map((c) =>
    [labels.get(c.variant) ?? c.variant, c.name, c.mean, c.low, c.high, c.n, c.wins, c.ties, c.verdict].map(csvCell).join(','),
  );
  return `${BOM}${[CSV_HEADERS[lang].join(','), ...rows].join('\r\n')}\r\n`;
}

/** A short report: the base, each package and its levers, then one line per card. */
function sessionReport(snapshot: SessionSnapshot, lang: Lang): string {
  const lines = [
    `# ${workshopText(lang, 'reportTitle')}`,
    '',
    workshopText(lang, 'reportBase', { base: snapshot.baseLabel[lang], seed: snapshot.seed, n: snapshot.futures }),
    '',
  ];
  for (const p of snapshot.packages) {
    lines.push(`## ${workshopText(lang, 'reportPackage', { label: p.label[lang], levers: p.levers.map((l) => l[lang]).join('; ') })}`, '');
    for (const c of snapshot.cards[lang].filter((x) => x.variant === p.name))
      lines.push(`- **${c.name}** (${c.detail}): ${c.difference}, ${c.interval}. ${c.verdict}. ${c.sentence}`);
    lines.push('');
  }
  lines.push(workshopText(lang, 'reportReproduce', { command: `\`sh commands.sh\`` }), '');
  return `${lines.join('\n')}`;
}

/** Every file of the export: name → contents. */
export function exportFiles(snapshot: SessionSnapshot, lang: Lang): Map<string, string> {
  const files = new Map<string, string>();
  for (const p of snapshot.packages) {
    const header = `# ${p.label.es} / ${p.label.en}\n# ${p.levers.map((l) => l.es).join('; ')}\n# Overlay del taller ayni: se aplica sobre cualquier base (ayni compare <base> este-archivo).\n`;
    files.set(packageFile(p.name), `${header}${stringify(p.overlay)}`);
  }
  const labels = new Map(snapshot.packages.map((p) => [p.name, p.label[lang]]));
  files.set('resultados.csv', cardsCsv(snapshot.cards[lang], labels, lang));
  files.set(
    'resultados.json',
    `${JSON.stringify({ base: snapshot.baseFile, seed: snapshot.seed, futures: snapshot.futures, packages: snapshot.packages, cards: snapshot.cards }, null, 2)}\n`,
  );
  files.set('informe.es.md', sessionReport(snapshot, 'es'));
  files.set('report.en.md', sessionReport(snapshot, 'en'));
  const command = compareArgs(snapshot).map(shellWord).join(' ');
  files.set(
    'commands.sh',
    [
      '#!/bin/sh',
      '# Reproduce the workshop numbers exactly / Reproduce exactamente los números del taller.',
      '# comparacion/comparison.json holds the same differences and 95% intervals as resultados.json.',
      'set -e',
      'cd "$(dirname "$0")"',
      command,
      '',
    ].join('\n'),
  );
  files.set(
    'README.md',
    [
      `# ${workshopText('es', 'reportTitle')} / ${workshopText('en', 'reportTitle')}`,
      '',
      '- `paquetes/`: cada paquete como archivo de reformas (overlay) / each package as an overlay file',
      '- `resultados.csv`, `resultados.json`: las tarjetas / the cards',
      '- `informe.es.md`, `report.en.md`: informe breve / short report',
      '- `informe.es.html`, `report.en.html`: el informe completo de la comparación / the full report of the comparison',
      '- `commands.sh`: el comando exacto que reproduce los números / the exact command that reproduces the numbers:',
      '',
      '```sh',
      command,
      '```',
      '',
    ].join('\n'),
  );
  return files;
}
