/**
 * The workshop's web server: Node's http, one page and its scripts served from the package
 * (app/taller/, and vega's browser builds from node_modules), a small JSON API and one stream
 * of server-sent events. Nothing is fetched from elsewhere; only the files listed here are
 * served, so no path can reach outside the package. Requests whose Host is not this server's
 * are refused (a page elsewhere cannot drive it through DNS rebinding).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { formatIssue } from '../engine/result.js';
import type { Lang } from '../scenario/lang.js';
import { packageRoot } from '../io/version.js';
import { CARD_OUTCOMES } from './cards.js';
import { MAP_MEASURES } from './departments.js';
import { LEVERS, MAX_PACKAGES, sliderDefault } from './levers.js';
import { WORKSHOP_MESSAGES } from './messages.js';
import { hypothesisRows, readReformPolicies, STEP, type BaseChoice, type SimulationRequest } from './session.js';
import type { ThreadReply, ThreadRequest } from './thread-protocol.js';

export interface WorkshopOptions {
  readonly lang: Lang;
  /** The session folder: arms, exports. */
  readonly out: string;
  readonly workers: number;
  readonly bases: readonly BaseChoice[];
  /** The base selected first. */
  readonly initialBase: string;
  /** A folder of hypothesis results (verdict.json files), if any. */
  readonly results?: string;
  readonly seed: number;
}

export interface Workshop {
  readonly server: Server;
  /** Resolves once the simulation thread has loaded. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

const PackageSchema = z.strictObject({
  number: z.number().int().min(1).max(MAX_PACKAGES),
  label: z.string().max(80).optional(),
  levers: z.array(z.string().max(60)).max(LEVERS.length),
  values: z.record(z.string(), z.record(z.string(), z.number())).optional(),
});

const SimulateSchema = z.strictObject({
  base: z.string().max(200),
  packages: z.array(PackageSchema).min(1).max(MAX_PACKAGES),
  futures: z.number().int().min(STEP).max(4000).multipleOf(STEP),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

const MAX_BODY = 64 * 1024;

/** The files of the page, by URL path: the only files the server reads. */
function staticFiles(): Map<string, { file: string; type: string }> {
  const app = join(packageRoot(), 'app', 'taller');
  const require = createRequire(import.meta.url);
  const vendor = (pkg: string, build: string) => join(dirname(require.resolve(pkg)), build);
  const js = 'text/javascript; charset=utf-8';
  return new Map([
    ['/', { file: join(app, 'index.html'), type: 'text/html; charset=utf-8' }],
    ['/app.js', { file: join(app, 'app.js'), type: js }],
    ['/app.css', { file: join(app, 'app.css'), type: 'text/css; charset=utf-8' }],
    ['/geo/departamentos.json', { file: join(app, 'geo', 'departamentos.json'), type: 'application/json' }],
    ['/vendor/vega.min.js', { file: vendor('vega', 'vega.min.js'), type: js }],
    ['/vendor/vega-lite.min.js', { file: vendor('vega-lite', 'vega-lite.min.js'), type: js }],
    ['/vendor/vega-embed.min.js', { file: vendor('vega-embed', 'vega-embed.min.js'), type: js }],
  ]);
}

export function startWorkshop(options: WorkshopOptions): Workshop {
  const files = staticFiles();
  const reforms = readReformPolicies();
  const thread = new Worker(new URL('./simulation-thread.js', import.meta.url), {
    workerData: {
      out: options.out,
      workers: options.workers,
      lang: options.lang,
      base: options.bases.find((b) => b.id === options.initialBase) ?? options.bases[0],
      seed: options.seed,
    },
  });
  const clients = new Set<ServerResponse>();
  /** The last of each kind of event, replayed to a page that connects (or reloads) mid-session. */
  const latest = new Map<string, unknown>();
  let nextId = 1;
  let running: number | undefined;
  let lastRequest: SimulationRequest | undefined;
  let shownFutures = 0;
  const waiting = new Map<number, (reply: ThreadReply) => void>();

  const broadcast = (event: string, data: unknown) => {
    if (event !== 'progress') latest.set(event, data);
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const c of clients) c.write(text);
  };

  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));
  thread.on('message', (reply: ThreadReply) => {
    if (reply.type === 'ready') return markReady();
    if ('id' in reply) waiting.get(reply.id)?.(reply);
    switch (reply.type) {
      case 'progress':
        return broadcast('progress', reply);
      case 'cards':
        shownFutures = reply.cards.futures;
        return broadcast('cards', reply.cards);
      case 'timeline':
        return broadcast('timeline', reply.timeline);
      case 'map':
        return broadcast('map', reply.map);
      case 'done':
      case 'stopped':
      case 'failed':
        if (reply.id === running) running = undefined;
        return broadcast('status', reply.type === 'failed' ? { ...reply, message: reply.issues.map(formatIssue).join('\n') } : reply);
      default:
        return undefined;
    }
  });
  thread.on('error', (e) => {
    running = undefined;
    broadcast('status', { type: 'failed', message: e.message });
  });

  const post = (message: ThreadRequest) => thread.postMessage(message);

  const config = () => ({
    lang: options.lang,
    messages: WORKSHOP_MESSAGES,
    bases: options.bases.map((b) => ({ id: b.id, label: b.label, futures: b.futures })),
    initialBase: options.initialBase,
    seed: options.seed,
    step: STEP,
    maxPackages: MAX_PACKAGES,
    levers: LEVERS.map((l) => ({
      id: l.id,
      name: l.name,
      explanation: l.explanation,
      sliders: l.sliders.map((s) => ({ ...s, key: s.path.join('.'), value: sliderDefault(l, s, reforms) })),
    })),
    outcomes: CARD_OUTCOMES.map((o) => ({ outcome: o.outcome, name: o.name, detail: o.detail, unit: o.unit })),
    mapMeasures: MAP_MEASURES,
    hypotheses: { es: hypothesisRows(options.results, 'es'), en: hypothesisRows(options.results, 'en') },
  });

  const simulate = (body: unknown, more: boolean): { status: number; body: unknown } => {
    if (running !== undefined) return { status: 409, body: { error: 'a simulation is running: stop it first' } };
    let request: SimulationRequest;
    if (more) {
      if (lastRequest === undefined || shownFutures === 0) return { status: 409, body: { error: 'simulate first' } };
      request = { ...lastRequest, from: shownFutures, futures: Math.min(4000, shownFutures * 2) };
    } else {
      const parsed = SimulateSchema.safeParse(body);
      if (!parsed.success)
        return { status: 400, body: { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
      const base = options.bases.find((b) => b.id === parsed.data.base);
      if (base === undefined) return { status: 400, body: { error: `base: unknown base ${JSON.stringify(parsed.data.base)}` } };
      const packages = parsed.data.packages.map((p) => ({
        number: p.number,
        levers: p.levers,
        ...(p.label !== undefined ? { label: p.label } : {}),
        ...(p.values !== undefined ? { values: p.values } : {}),
      }));
      request = { base, packages, futures: parsed.data.futures, seed: parsed.data.seed ?? options.seed };
      latest.clear();
      shownFutures = 0;
    }
    lastRequest = { ...request, from: 0 };
    const id = nextId++;
    running = id;
    post({ type: 'simulate', id, request });
    return { status: 202, body: { id } };
  };

  const exportSession = () =>
    new Promise<{ status: number; body: unknown }>((resolveReply) => {
      const id = nextId++;
      waiting.set(id, (reply) => {
        waiting.delete(id);
        if (reply.type === 'exported') resolveReply({ status: 200, body: { dir: reply.dir } });
        else if (reply.type === 'failed') resolveReply({ status: 409, body: { error: reply.issues.map(formatIssue).join('; ') } });
      });
      post({ type: 'export', id });
    });

  const server = createServer((req, res) => {
    void route(req, res).catch((e: unknown) => send(res, 500, { error: e instanceof Error ? e.message : String(e) }));
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, server)) return send(res, 403, { error: 'this server answers only to its own address' });
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET') {
      const file = files.get(path === '/index.html' ? '/' : path);
      if (file) {
        res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
        res.end(readFileSync(file.file));
        return;
      }
      if (path === '/api/config') return send(res, 200, config());
      if (path === '/api/events') return openEvents(res);
      return send(res, 404, { error: 'not found' });
    }
    if (req.method === 'POST') {
      const body = await readBody(req);
      if (body === undefined) return send(res, 400, { error: 'expected a JSON body of at most 64 KB' });
      if (path === '/api/simulate' || path === '/api/more') {
        const reply = simulate(body, path === '/api/more');
        return send(res, reply.status, reply.body);
      }
      if (path === '/api/prepare') {
        const id = typeof body === 'object' && body !== null ? (body as { base?: unknown }).base : undefined;
        const base = options.bases.find((b) => b.id === id);
        if (base === undefined) return send(res, 400, { error: `base: unknown base ${JSON.stringify(id)}` });
        post({ type: 'prepare', base });
        return send(res, 202, {});
      }
      if (path === '/api/stop') {
        post({ type: 'abort' });
        return send(res, 202, {});
      }
      if (path === '/api/export') {
        const reply = await exportSession();
        return send(res, reply.status, reply.body);
      }
      return send(res, 404, { error: 'not found' });
    }
    return send(res, 405, { error: 'method not allowed' });
  }

  function openEvents(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': ayni taller\n\n');
    for (const [event, data] of latest) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    clients.add(res);
    res.on('close', () => clients.delete(res));
  }

  return {
    server,
    ready,
    close: async () => {
      for (const c of clients) c.end();
      clients.clear();
      post({ type: 'abort' });
      await thread.terminate();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The Host header names this server: its own address and port, or localhost. */
function hostAllowed(host: string | undefined, server: Server): boolean {
  const address = server.address();
  if (host === undefined || address === null || typeof address === 'string') return false;
  const at = host.lastIndexOf(':');
  const name = at > 0 ? host.slice(0, at) : host;
  const port = at > 0 ? Number(host.slice(at + 1)) : 80;
  if (port !== address.port) return false;
  // Bound to every interface on purpose (--host 0.0.0.0): the room's machines reach it by any name.
  if (address.address === '0.0.0.0' || address.address === '::') return true;
  return ['127.0.0.1', 'localhost', '[::1]', address.address, `[${address.address}]`].includes(name);
}
