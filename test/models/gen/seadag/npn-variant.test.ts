// NPN variants of training pairs: the rewired circuit must compute the transformed function, both
// checked against a minterm-by-minterm evaluation of the definition (new input i feeds old input
// perm[i], complemented when negated; negated outputs complemented), with eda/aig's simulation.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Aig, truthTables, type Literal } from '../../../../eda/aig/index.ts';
import { aigToCanvas, canvasToAig, graphProblem } from '../../../../models/gen/seadag/canvas.ts';
import { readDataset, recordAig, recordFunction } from '../../../../models/gen/seadag/data/dataset.ts';
import { aigFunction, type TruthFunction } from '../../../../models/gen/seadag/data/truth-function.ts';
import { npnVariant, randomTransform, transformPair, type NpnTransform } from '../../../../models/gen/seadag/npn-variant.ts';
import { seededRandom } from '../../../../util/index.ts';

const bit = (t: Uint32Array, m: number) => (t[m >>> 5] >>> (m & 31)) & 1;

/** The transformed function's output bits, one list per output, straight from the definition. */
function byDefinition(fn: TruthFunction, t: NpnTransform): number[][] {
  return fn.tables.map((table, o) => Array.from({ length: 2 ** fn.inputs }, (_, m) => {
    let old = 0;
    for (let i = 0; i < fn.inputs; i++) if (((m >>> i) & 1) ^ ((t.negate >>> i) & 1)) old |= 1 << t.perm[i];
    return bit(table, old) ^ (t.outputNegate[o] ? 1 : 0);
  }));
}

const bits = (fn: TruthFunction) => fn.tables.map((table) => Array.from({ length: 2 ** fn.inputs }, (_, m) => bit(table, m)));

/** A random AIG of `inputs` inputs and two outputs (ANDs of random literals, outputs on the last two). */
function randomAig(inputs: number, ands: number, rand: () => number): Aig {
  const aig = new Aig('random');
  const lits: Literal[] = Array.from({ length: inputs }, () => aig.addInput());
  while (lits.length < inputs + ands) {
    const a = lits[Math.floor(rand() * lits.length)] ^ (rand() < 0.5 ? 1 : 0);
    const b = lits[Math.floor(rand() * lits.length)] ^ (rand() < 0.5 ? 1 : 0);
    const y = aig.and(a, b);
    if (y > 1 && !lits.includes(y & ~1)) lits.push(y & ~1);
  }
  aig.addOutput(lits[lits.length - 1]);
  aig.addOutput(lits[lits.length - 2] ^ 1);
  return aig;
}

describe('NPN variants of a training pair', () => {
  it('4x1 pairs of the fixture: the rewired circuit is well formed and computes the transformed function', () => {
    const rand = seededRandom(11);
    for (const r of readDataset(join(import.meta.dirname, 'fixtures', '4x1-small.jsonl')).slice(0, 40)) {
      const pair = { clean: aigToCanvas(recordAig(r)), target: recordFunction(r) };
      for (let k = 0; k < 6; k++) {
        const t = randomTransform(4, 1, rand);
        const v = transformPair(pair, t);
        const want = byDefinition(pair.target, t);
        expect(graphProblem(v.clean)).toBeUndefined();
        expect(bits(aigFunction(canvasToAig(v.clean)))).toEqual(want);
        expect(bits(v.target)).toEqual(want);
        expect(v.clean.canvas).toEqual(pair.clean.canvas);
      }
    }
  });

  it('6-input 2-output random AIGs, outputs complemented independently', () => {
    const rand = seededRandom(12);
    for (let g = 0; g < 20; g++) {
      const aig = randomAig(6, 10, rand);
      const pair = { clean: aigToCanvas(aig), target: aigFunction(aig) };
      for (let k = 0; k < 4; k++) {
        const t = randomTransform(6, 2, rand);
        const v = transformPair(pair, t);
        const want = byDefinition(pair.target, t);
        expect(truthTables(canvasToAig(v.clean)).tables.map((table) => Array.from({ length: 64 }, (_, m) => bit(table, m)))).toEqual(want);
        expect(bits(v.target)).toEqual(want);
      }
    }
  });

  it('random transforms cover every input order, negation mask and output polarity; share 0 leaves the pair alone', () => {
    const rand = seededRandom(13);
    const seen = new Set<string>();
    for (let k = 0; k < 20000; k++) {
      const t = randomTransform(4, 1, rand);
      expect([...t.perm].sort()).toEqual([0, 1, 2, 3]);
      seen.add(`${t.perm.join('')}/${t.negate}/${t.outputNegate[0]}`);
    }
    expect(seen.size).toBe(768);
    const r = readDataset(join(import.meta.dirname, 'fixtures', '4x1-small.jsonl'))[0];
    const pair = { clean: aigToCanvas(recordAig(r)), target: recordFunction(r) };
    expect(npnVariant(pair, 0, () => { throw new Error('share 0 must not draw'); })).toBe(pair);
  });
});
