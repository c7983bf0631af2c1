/**
 * `ayni taller [scenario]` (alias `ayni workshop`): the workshop screen. Starts the local
 * server of src/workshop/server.ts, prints its address and opens the browser. Wiring only.
 */
import { Command, InvalidArgumentError } from 'commander';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { InputError } from '../exit.js';
import { onInterrupt } from '../interrupt.js';
import { parseLang, resolveLang } from '../lang.js';
import { parseCount, parseSeed } from '../options.js';
import type { Lang } from '../../report/messages.js';

interface Options {
  port: number;
  host: string;
  lang?: Lang;
  open: boolean;
  out: string;
  workers: number;
  seed: number;
  results?: string;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError('expected a port from 0 to 65535 (0: any free port).');
  return n;
}

export function tallerCommand(): Command {
  return new Command('taller')
    .alias('workshop')
    .description('the workshop screen: compare reform packages against a base in the browser, with honest uncertainty')
    .argument('[scenario]', 'a base of your own (Peru mining model), besides the shipped corridor, national baseline and cases')
    .option('--port <p>', 'port to listen on (0: any free port)', parsePort, 8765)
    .option('--host <h>', 'address to listen on (default: this machine only)', '127.0.0.1')
    .option('--lang <lang>', 'language of the screen and the saved session: es or en (default: $AYNI_LANG, else es)', parseLang)
    .option('--no-open', 'do not open the browser')
    .option('--out <dir>', "the session's folder: simulated futures, saved sessions", 'out/taller')
    .option('--workers <w>', 'worker threads per arm (0: the simulation thread alone, fastest for a workshop)', parseCount, 0)
    .option('--seed <n>', 'seed shared by every package (the same seed gives the same futures)', parseSeed, 1)
    .option('--results <dir>', 'a folder of hypothesis results (ayni test) whose verdicts the screen shows (default: reports/ if present)')
    .action(async (scenario: string | undefined, options: Options) => {
      const [{ shippedBases, userBase }, { startWorkshop }, { scenarioRoot }, { existsSync }] = await Promise.all([
        import('../../workshop/session.js'),
        import('../../workshop/server.js'),
        import('../../io/scenario-file.js'),
        import('node:fs'),
      ]);
      const bases = shippedBases();
      let initialBase = 'corridor';
      if (scenario !== undefined) {
        // A base of one's own is confined like every input file: to AYNI_SCENARIO_ROOT, else the current project's folder.
        const own = userBase(scenario, scenarioRoot() ?? process.cwd());
        if (!own.success) throw new InputError(own.error);
        bases.unshift(own.data);
        initialBase = own.data.id;
      }
      const results = options.results ?? (existsSync('reports') ? 'reports' : undefined);
      const workshop = startWorkshop({
        // Spanish first: a workshop in Peru; AYNI_LANG or --lang en for English.
        lang: options.lang ?? (process.env['AYNI_LANG'] ? resolveLang(undefined) : 'es'),
        out: resolve(options.out),
        workers: options.workers,
        bases,
        initialBase,
        seed: options.seed,
        ...(results !== undefined ? { results: resolve(results) } : {}),
      });
      const interrupt = onInterrupt();
      const listening = await new Promise<{ ok: true } | { ok: false; message: string }>((done) => {
        workshop.server.once('error', (e: NodeJS.ErrnoException) => done({ ok: false, message: e.code ?? e.message }));
        workshop.server.listen(options.port, options.host, () => done({ ok: true }));
      });
      if (!listening.ok) {
        interrupt.dispose();
        await workshop.close().catch(() => {});
        throw new InputError([
          { file: '--port', path: [], message: `cannot listen on ${options.host}:${options.port} (${listening.message})` },
        ]);
      }
      const address = workshop.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : options.port;
      const shown = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
      const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
      await workshop.ready;
      process.stdout.write(`ayni taller: ${url}\n(Ctrl-C para terminar / to stop)\n`);
      if (options.open) openBrowser(url);
      await new Promise<void>((done) => interrupt.signal.addEventListener('abort', () => done(), { once: true }));
      interrupt.dispose();
      await workshop.close();
      process.stdout.write('ayni taller: stopped\n');
    });
}

/** Opens the address in the default browser; fails quietly (the address is printed anyway). */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no opener on this machine
  }
}
