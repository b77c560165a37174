import { describe, expect, it } from 'vitest';
import { parseLibertySyntax } from '../../../eda/timing/index.ts';
import { dataPath, readTextFile } from '../../../util/index.ts';
import { missingData, skipReason } from '../../helpers/requirements.ts';
import { parseLibertyReference } from './liberty-chevrotain-reference.ts';

/** The tree, or the error's message and position, as one comparable string. */
function outcome(parse: (text: string, file: string) => unknown, text: string): string {
  try {
    return JSON.stringify(parse(text, 'x.lib'));
  } catch (e) {
    return `error ${(e as Error).message} ${JSON.stringify(e)}`;
  }
}

const pieces = ['a', 'b', '1', '.', ' ', '\t', '\n', '\r', '\r\n', '\\\n', '\\\r\n', '\\', '"', '(', ')', '{', '}', ':', ';', ',',
  '/*', '*/', '//', '`', 'é', '\u00a0', '\f', '\x01', '?', '*', '/', 'cell', '"a\\"b"', '\u2028', '\ufeff', '-'];
// Two samples: the scanner counts lines differently in files without a carriage return.
const samples = [
  'library (x) {\n cell (a) { area : 1.0 ; pin(A) { direction : input; } values ("1, 2", \\\n "3"); }\n'
    + ' t : "a b\\\nc" ; s : "q\\"\\\\" ; /* note\n */ // c\n v : VDD * 0.5\n}\n',
  'library (x) {\r\n cell (a) { area : 1.0 ; values ("1, 2", \\\r\n "3"); }\r t : "a b\\\r\nc" ; /* note\r\n */ // c\r\n v : VDD * 0.5\n}\n',
];

describe('Liberty scanner against a chevrotain lexer with the same rules', () => {
  it('gives the same tree, error message and position on mutated and random text', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = () => pieces[Math.floor(rand() * pieces.length)]!;
    let errors = 0;
    for (let k = 0; k < 3000; k++) {
      let text = '';
      if (k % 2 === 0) {
        for (let i = 1 + Math.floor(rand() * 30); i > 0; i--) text += pick();
      } else {
        const chars = [...samples[(k >> 1) % 2]!];
        for (let m = 1 + Math.floor(rand() * 3); m > 0; m--) {
          const p = Math.floor(rand() * chars.length);
          const op = rand();
          if (op < 0.33) chars.splice(p, 1);
          else if (op < 0.66) chars.splice(p, 0, pick());
          else chars[p] = pick();
        }
        text = chars.join('');
      }
      const ours = outcome(parseLibertySyntax, text);
      expect(ours, JSON.stringify(text)).toBe(outcome(parseLibertyReference, text));
      if (ours.startsWith('error')) errors++;
    }
    expect(errors).toBeGreaterThan(1000);
    expect(errors).toBeLessThan(3000);
  });

  it.skipIf(skipReason(missingData('liberty', 'asap7_small', 'asap7_small_ff.lib.gz')))('gives the same tree on a real library', () => {
    const text = readTextFile(dataPath('liberty', 'asap7_small', 'asap7_small_ff.lib.gz'));
    expect(JSON.stringify(parseLibertySyntax(text, 'f.lib'))).toBe(JSON.stringify(parseLibertyReference(text, 'f.lib')));
  });
});
