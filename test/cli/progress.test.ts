/** Progress lines: redrawn on a live terminal, plain and periodic elsewhere, never escape codes on TERM=dumb. */
import { describe, expect, it } from 'vitest';
import { comparisonProgressReporter, progressReporter } from '../../src/cli/progress.js';
import type { CompareProgress } from '../../src/experiments/compare.js';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, isTTY, write: (s: string) => written.push(s) > 0 };
};
const step = (done: number, elapsedMs: number): CompareProgress => ({
  arm: done < 100 ? 'base' : 'early',
  armIndex: done < 100 ? 0 : 1,
  arms: 2,
  runsPerArm: 100,
  armDone: done < 100 ? done : done - 100,
  armTotal: 100,
  done,
  total: 200,
  failed: 0,
  computed: done,
  elapsedMs,
});

describe('progress of a comparison', () => {
  it('on a live terminal redraws one line naming the arm, with every arm together and an ETA', () => {
    const s = stream(true);
    const report = comparisonProgressReporter(s, { env: { TERM: 'xterm' } });
    report(step(150, 15_000));
    expect(s.written[0]).toMatch(/^\r\[#+\.+\] arm 2\/2 early: 50\/100 runs; all arms 150\/200 \(75%\), 10\.0 runs\/s, ETA 5s\x1b\[K$/);
  });

  it('with TERM=dumb or without a terminal writes plain lines with no escape codes', () => {
    for (const s of [stream(true), stream(false)]) {
      const report = comparisonProgressReporter(s, { env: { TERM: 'dumb' } });
      for (let done = 0; done <= 200; done += 25) report(step(done, done * 100));
      expect(s.written.length).toBeGreaterThan(0);
      for (const line of s.written) {
        expect(line).not.toMatch(/[\x1b\r]/);
        expect(line).toMatch(/^arm [12]\/2 (base|early): \d+\/100 runs; all arms \d+\/200 \(\d+%\), [\d.]+ runs\/s, ETA \S+\n$/);
      }
      expect(s.written.at(-1)).toMatch(/all arms 200\/200 \(100%\)/);
    }
  });

  it('without a terminal writes a line per tenth and at least one every interval, labelled', () => {
    const s = stream(false);
    let clock = 0;
    const report = comparisonProgressReporter(s, { env: {}, now: () => clock, intervalMs: 30_000, label: 'h.yaml (1/2)' });
    // One run every 10 s: the tenths (20 runs) come every 200 s; the interval adds lines between them.
    for (let done = 0; done <= 40; done++) {
      clock = done * 10_000;
      report(step(done, clock));
    }
    const at = s.written.map((l) => Number(/all arms (\d+)\//.exec(l)?.[1]));
    expect(at).toEqual([0, 3, 6, 9, 12, 15, 18, 20, 23, 26, 29, 32, 35, 38, 40]);
    expect(s.written[0]).toMatch(/^h\.yaml \(1\/2\): arm 1\/2 base: 0\/100 runs/);
  });
});

describe('progress of a batch', () => {
  it('with TERM=dumb on a terminal writes plain lines, not a redrawn bar', () => {
    const s = stream(true);
    const report = progressReporter(s, { env: { TERM: 'dumb' } });
    for (let done = 0; done <= 100; done += 10) report({ done, total: 100, failed: 0, elapsedMs: done * 100 });
    expect(s.written.join('')).not.toMatch(/[\x1b\r]/);
    expect(s.written.at(-1)).toBe('100/100 runs (100%), 10.0 runs/s, ETA 0s\n');
  });

  it('still redraws its bar on a live terminal', () => {
    const s = stream(true);
    progressReporter(s, { env: { TERM: 'xterm-256color' } })({ done: 50, total: 100, failed: 0, elapsedMs: 5000 });
    expect(s.written[0]).toMatch(/^\r\[#{12}\.{12}\] 50\/100 runs \(50%\)/);
  });
});
