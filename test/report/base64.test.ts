import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64Utf8 } from '../../src/report/base64.js';

describe('base64Utf8', () => {
  it('encodes like Node for every padding length and non-ASCII text', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', 'año,ñandú\n€😀', 'month,value\n1,0.5\n']) {
      expect(base64Utf8(text)).toBe(Buffer.from(text).toString('base64'));
    }
  });
  it('encodes any text like Node', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => base64Utf8(text) === Buffer.from(text).toString('base64')),
      { seed: 15 },
    );
  });
});
