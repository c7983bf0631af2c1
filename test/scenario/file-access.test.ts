/**
 * Reading scenario, base and hypothesis files from disk: only regular files within the size
 * limit are read (devices and FIFOs neither fill memory nor block), and with a root folder
 * nothing outside it is read at all, nor quoted in messages.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadScenario, loadVariant } from '../../src/io/scenario-file.js';
import { loadHypothesis, testHypothesis } from '../../src/experiments/hypothesis-file.js';
import { readInputFile } from '../../src/io/files.js';
import { loadDesignFile } from '../../src/experiments/design-file.js';
import { loadCalibrationFile } from '../../src/experiments/calibration-file.js';
import { formatIssue, type InputIssue, type Result } from '../../src/engine/result.js';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const dir = tempFolder('access');
const write = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const lines = (r: Result<unknown, InputIssue[]>) => (r.success ? [] : r.error.map(formatIssue));
const tiny = stringify(tinyScenarioInput());
const fifo = join(dir, 'fifo.yaml');
execFileSync('mkfifo', [fifo]);

describe('only regular files within the size limit are read', () => {
  it.each([['/dev/zero'], ['/dev/urandom'], [fifo]])('%s as a scenario is refused at once', (path) => {
    expect(lines(loadScenario(path))).toEqual([
      `${path}: (root): cannot read the file: it is not a regular file (a device, FIFO or socket is never read)`,
    ]);
  });

  it.each([['/dev/zero'], ['/dev/urandom'], [fifo]])('extends: %s is refused in the file that names it', (path) => {
    const file = write('extends-device.yaml', `extends: ${path}\nname: x\n`);
    expect(lines(loadScenario(file))).toEqual([
      `${file}: extends: cannot read base scenario ${path}: it is not a regular file (a device, FIFO or socket is never read)`,
    ]);
  });

  it('a FIFO as an overlay variant or a hypothesis file is refused too', () => {
    const baseFile = write('base.yaml', tiny);
    expect(lines(loadVariant(fifo, baseFile))).toEqual([
      `${fifo}: (root): cannot read the file: it is not a regular file (a device, FIFO or socket is never read)`,
    ]);
    expect(lines(loadHypothesis(fifo))).toEqual([
      `${fifo}: (root): cannot read the file: it is not a regular file (a device, FIFO or socket is never read)`,
    ]);
  });

  it('a folder and a file over the limit are refused; no more than limit + 1 bytes is read', () => {
    expect(lines(loadScenario(dir))).toEqual([`${dir}: (root): cannot read the file: it is a folder, not a file`]);
    const big = write('big.yaml', Buffer.alloc(2000, 'a'));
    expect(readInputFile(big, { maxBytes: 1000 })).toEqual({ refused: 'it is 2000 bytes; scenarios are limited to 1000 bytes' });
    expect(readInputFile(big, { maxBytes: 1000, what: 'stock records' })).toEqual({
      refused: 'it is 2000 bytes; stock records are limited to 1000 bytes',
    });
    // /proc files report size 0 but have content: the read itself stops at the limit.
    expect(readInputFile('/proc/self/status', { maxBytes: 10 })).toEqual({
      refused: 'it is larger than 10 bytes; scenarios are limited to 10 bytes',
    });
    const small = readInputFile('/proc/self/status');
    expect(small instanceof Uint8Array && new TextDecoder().decode(small).startsWith('Name:')).toBe(true);
    expect(readInputFile(join(dir, 'missing.yaml'))).toBeUndefined();
  });
});

describe('a root folder confines every file read', () => {
  const root = join(dir, 'root');
  mkdirSync(join(root, 'reforms'), { recursive: true });
  writeFileSync(join(root, 'base.yaml'), tiny);
  writeFileSync(join(root, 'reforms', 'early.yaml'), 'extends: ../base.yaml\nname: early\npolicies: {dialogue: {timing: early}}\n');
  writeFileSync(join(root, 'overlay.yaml'), 'policies: {dialogue: {timing: early}}\n');
  writeFileSync(join(root, 'proc.yaml'), 'extends: /proc/self/status\nname: x\n');
  writeFileSync(join(root, 'up.yaml'), 'extends: ../outside.yaml\nname: x\n');
  writeFileSync(join(dir, 'outside.yaml'), 'name: secret-name\nterritory: {departments: []}\nsecretKey: 1\n');
  symlinkSync(join(dir, 'outside.yaml'), join(root, 'link.yaml'));
  writeFileSync(
    join(root, 'h.yaml'),
    stringify({
      statement: 's',
      base: 'base.yaml',
      variant: 'overlay.yaml',
      primary: 'activeConflictMonths',
      expect: 'lower',
      smallestEffect: 1,
    }),
  );
  writeFileSync(
    join(root, 'h-out.yaml'),
    stringify({
      statement: 's',
      base: '../outside.yaml',
      variant: 'overlay.yaml',
      primary: 'activeConflictMonths',
      expect: 'lower',
      smallestEffect: 1,
    }),
  );
  const outside = `it is outside the scenario folder ${root}; only files inside it may be read`;

  it('files inside, and extends chains inside, load as before', () => {
    expect(loadScenario(join(root, 'reforms', 'early.yaml'), { root }).success).toBe(true);
    expect(loadVariant(join(root, 'overlay.yaml'), join(root, 'base.yaml'), { root }).success).toBe(true);
    expect(loadHypothesis(join(root, 'h.yaml'), { root }).success).toBe(true);
  });

  it('extends to /proc, to a parent folder or through a symlink is refused without quoting the file', () => {
    const all = [
      ...lines(loadScenario(join(root, 'proc.yaml'), { root })),
      ...lines(loadScenario(join(root, 'up.yaml'), { root })),
      ...lines(loadScenario(join(root, 'link.yaml'), { root })),
    ];
    expect(all).toEqual([
      `${join(root, 'proc.yaml')}: extends: cannot read base scenario /proc/self/status: ${outside}`,
      `${join(root, 'up.yaml')}: extends: cannot read base scenario ${join(dir, 'outside.yaml')}: ${outside}`,
      `${join(root, 'link.yaml')}: (root): cannot read the file: ${outside}`,
    ]);
    for (const line of all) expect(line).not.toMatch(/secret|Umask|Tgid|departments/);
  });

  it('a scenario, variant, base or hypothesis outside is refused, whether or not it exists', () => {
    expect(lines(loadScenario(join(dir, 'outside.yaml'), { root }))).toEqual([
      `${join(dir, 'outside.yaml')}: (root): cannot read the file: ${outside}`,
    ]);
    expect(lines(loadScenario(join(dir, 'nothing-here.yaml'), { root }))).toEqual([
      `${join(dir, 'nothing-here.yaml')}: (root): cannot read the file: ${outside}`,
    ]);
    expect(lines(loadScenario(join(root, 'nothing-here.yaml'), { root }))).toEqual([
      `${join(root, 'nothing-here.yaml')}: (root): file not found`,
    ]);
    expect(lines(loadVariant(join(root, 'overlay.yaml'), join(dir, 'outside.yaml'), { root }))).toEqual([
      `${join(dir, 'outside.yaml')}: (root): cannot read the file: ${outside}`,
    ]);
    expect(lines(loadHypothesis(join(dir, 'outside.yaml'), { root }))).toEqual([
      `${join(dir, 'outside.yaml')}: (root): cannot read the file: ${outside}`,
    ]);
  });

  it('a hypothesis inside whose base is outside is refused before anything runs', async () => {
    const result = await testHypothesis(join(root, 'h-out.yaml'), { out: join(dir, 'test-out'), root, workers: 0 });
    // (The base is named once for the base and once for the variant laid over it.)
    expect([...new Set(lines(result))]).toEqual([`${join(dir, 'outside.yaml')}: (root): cannot read the file: ${outside}`]);
    expect(existsSync(join(dir, 'test-out'))).toBe(false);
  });

  it('the root can come from AYNI_SCENARIO_ROOT, and must be a folder', () => {
    process.env['AYNI_SCENARIO_ROOT'] = root;
    try {
      expect(lines(loadScenario(join(dir, 'outside.yaml')))).toEqual([
        `${join(dir, 'outside.yaml')}: (root): cannot read the file: ${outside}`,
      ]);
      expect(loadScenario(join(root, 'base.yaml')).success).toBe(true);
    } finally {
      delete process.env['AYNI_SCENARIO_ROOT'];
    }
    expect(lines(loadScenario(join(root, 'base.yaml'), { root: join(dir, 'no-such-folder') }))).toEqual([
      `${join(dir, 'no-such-folder')}: (root): is not an existing folder (scenario files are confined to it)`,
    ]);
  });

  it('design and calibration files are confined by AYNI_SCENARIO_ROOT: the file and the scenario it names', () => {
    const scenarioOutside = join(dir, 'outside.yaml');
    const designIn = join(root, 'design.yaml');
    writeFileSync(
      designIn,
      stringify({ scenario: scenarioOutside, design: { kind: 'lhs', points: 4 }, factors: [{ path: 'x1', range: [0, 1] }] }),
    );
    const calibrationIn = join(root, 'calibration.yaml');
    writeFileSync(
      calibrationIn,
      stringify({ scenario: scenarioOutside, parameters: [{ path: 'mu', range: [0, 1] }], targets: [{ outcome: 'mean', value: 0 }] }),
    );
    process.env['AYNI_SCENARIO_ROOT'] = root;
    try {
      expect(lines(loadDesignFile(join(dir, 'outside.yaml')))).toEqual([
        `${join(dir, 'outside.yaml')}: (root): cannot read the file: ${outside}`,
      ]);
      expect(lines(loadCalibrationFile(join(dir, 'outside.yaml')))).toEqual([
        `${join(dir, 'outside.yaml')}: (root): cannot read the file: ${outside}`,
      ]);
      for (const loaded of [loadDesignFile(designIn), loadCalibrationFile(calibrationIn)])
        expect(lines(loaded)).toEqual([`${scenarioOutside}: (root): cannot read the file: ${outside}`]);
    } finally {
      delete process.env['AYNI_SCENARIO_ROOT'];
    }
  });
});
