import { describe, expect, it } from 'vitest';
import { parseAbcStime, parseStat } from '../../../eda/synth/index.ts';

// Verbatim from Yosys 0.55 (`stat -liberty nangate45_typ.lib` of a registered 4-bit adder).
const realStat = `
6. Printing statistics.

=== m ===

   Number of wires:                 52
   Number of wire bits:             74
   Number of public wires:           4
   Number of public wire bits:      14
   Number of ports:                  4
   Number of port bits:             14
   Number of memories:               0
   Number of memory bits:            0
   Number of processes:              0
   Number of cells:                 22
     AND2_X1                         1
     AOI21_X1                        1
     DFF_X1                          5
     NAND2_X1                        3
     NOR2_X1                         2
     OAI21_X1                        2
     OR2_X1                          1
     XNOR2_X1                        4
     XOR2_X1                         3

   Chip area for module '\\m': 43.092000
     of which used for sequential elements: 22.610000 (52.47%)
`;
const realStime = 'ABC: WireLoad = "none"  Gates =     17 (  0.0 %)   Cap =  2.6 ff (  0.0 %)   Area =       20.48 (100.0 %)   Delay =   134.14 ps  ( 29.4 %)';

describe('parseStat', () => {
  it('reads counts and area of a real report', () => {
    const s = parseStat(realStat, 'm');
    expect(s.cells).toBe(22);
    expect(Object.values(s.cellsByType).reduce((a, b) => a + b, 0)).toBe(22);
    expect(s.cellsByType.XNOR2_X1).toBe(4);
    expect(s.area).toBeCloseTo(43.092, 6);
  });

  it('names a missing module', () => {
    expect(() => parseStat(realStat, 'other')).toThrow(/other/);
  });

  it('survives random mutations: a result or an error, never a hang', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 500; i++) {
      const chars = [...realStat];
      for (let k = 0; k < 1 + Math.floor(rand() * 8); k++) {
        const at = Math.floor(rand() * chars.length);
        const op = rand();
        if (op < 0.4) chars.splice(at, 1);
        else if (op < 0.8) chars.splice(at, 0, ' \n=:0x\\\''[Math.floor(rand() * 9)]);
        else chars.splice(at, Math.floor(rand() * 40));
      }
      try {
        const s = parseStat(chars.join(''), 'm');
        expect(Number.isInteger(s.cells)).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
      }
    }
  });
});

describe('parseAbcStime', () => {
  it('reads area and delay', () => {
    expect(parseAbcStime(`junk\n${realStime}\nmore`)).toEqual({ area: 20.48, delayPs: 134.14 });
    expect(parseAbcStime('no timing here')).toBeUndefined();
  });
});
