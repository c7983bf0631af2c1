/** `ayni taller` as a facilitator starts it: bad input, the address it prints, what the server serves and refuses. */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const ayni = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });

/** A raw HTTP request (the path is sent as written, `..` included). */
function fetchRaw(
  port: number,
  path: string,
  options: { method?: string; host?: string; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: options.host ?? `127.0.0.1:${port}`, 'content-type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function start(args: string[]): Promise<{ child: ChildProcess; port: number; stdout: () => string }> {
  const child = spawn(process.execPath, [cli, 'taller', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^ayni taller: http:\/\/127\.0\.0\.1:(\d+)\/$/m.exec(out);
      if (m) resolve({ child, port: Number(m[1]), stdout: () => out });
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

describe('ayni taller', () => {
  it('a scenario that does not exist: one line naming the file, exit 2', () => {
    const r = ayni(['taller', 'no-such-base.yaml', '--no-open', '--port', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no-such-base\.yaml/);
  });

  it('a scenario outside the confining folder is refused without being read: one line, exit 2', () => {
    const dir = tempFolder('taller-root');
    mkdirSync(join(dir, 'project'));
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'elsewhere', 'base.yaml'), 'name: x\n');
    const r = ayni(['taller', join(dir, 'elsewhere', 'base.yaml'), '--no-open', '--port', '0'], {
      AYNI_SCENARIO_ROOT: join(dir, 'project'),
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/base\.yaml/);
    expect(r.stderr).toMatch(/outside/);
  });

  it('a bad option value: exit 2', () => {
    expect(ayni(['taller', '--port', 'x', '--no-open']).status).toBe(2);
    expect(ayni(['taller', '--lang', 'fr', '--no-open']).status).toBe(2);
  });

  it('--port 0 --no-open prints its address, serves the page offline and refuses what is not its own', async () => {
    const dir = tempFolder('taller-cli');
    const { child, port, stdout } = await start(['--port', '0', '--no-open', '--out', join(dir, 'session'), '--lang', 'en']);
    try {
      const page = await fetchRaw(port, '/');
      expect(page.status).toBe(200);
      expect(page.body).toContain('<script src="/app.js" defer></script>');
      // No script or style from anywhere but this server.
      expect(page.body).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect((await fetchRaw(port, '/vendor/vega.min.js')).status).toBe(200);
      expect((await fetchRaw(port, '/geo/departamentos.json')).body).toContain('"ubigeo":"06"');
      const config = JSON.parse((await fetchRaw(port, '/api/config')).body) as { lang: string; bases: Array<{ id: string }> };
      expect(config.lang).toBe('en');
      expect(config.bases.map((b) => b.id)).toEqual(expect.arrayContaining(['corridor', 'peru-national-calibrated', 'cases/conga']));
      // Paths outside the page's files, however written, are not served.
      for (const path of [
        '/../package.json',
        '/%2e%2e/package.json',
        '/../../../../etc/passwd',
        '/app/taller/app.js',
        '/scenarios/corridor.yaml',
      ])
        expect((await fetchRaw(port, path)).status, path).toBe(404);
      // Another site's name in Host (DNS rebinding) is refused.
      expect((await fetchRaw(port, '/api/config', { host: 'evil.example:80' })).status).toBe(403);
      // A base is chosen from the list, never named by path.
      const byPath = await fetchRaw(port, '/api/simulate', {
        method: 'POST',
        body: JSON.stringify({ base: '/etc/passwd', futures: 5, packages: [{ number: 1, levers: ['single-office'] }] }),
      });
      expect(byPath.status).toBe(400);
      expect(byPath.body).toMatch(/unknown base/);
      const badLever = await fetchRaw(port, '/api/simulate', { method: 'POST', body: '{"base":"corridor","futures":7,"packages":[]}' });
      expect(badLever.status).toBe(400);
      expect((await fetchRaw(port, '/api/export', { method: 'POST', body: '{}' })).status).toBe(409);
      // A port already taken: one line naming the option, exit 2.
      const taken = ayni(['taller', '--port', String(port), '--no-open', '--out', join(dir, 'second')]);
      expect(taken.status).toBe(2);
      expect(taken.stderr.trim().split('\n')).toHaveLength(1);
      expect(taken.stderr).toMatch(/--port: .*cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
    } finally {
      child.kill('SIGINT');
      const code = await new Promise((r) => child.once('exit', r));
      expect(code).toBe(0);
      expect(stdout()).toMatch(/ayni taller: stopped/);
    }
  }, 60_000);
});
