import { describe, expect, it } from 'vitest';
import { Aig, VarKind, checkEquivalence, litVar, literalWords, randomWords, readBench, simulateRandom, simulateWords, truthTables, type Literal } from '../../../eda/aig/index.ts';

/** Reference: evaluates one pattern node by node with plain booleans (no bit tricks). */
function evaluate(aig: Aig, ci: readonly boolean[]): boolean[] {
  const value = new Array<boolean>(aig.variableCount).fill(false);
  aig.combinationalInputs().forEach((v, i) => (value[v] = ci[i]));
  const lit = (l: Literal) => value[litVar(l)] !== ((l & 1) === 1);
  for (let v = 1; v < aig.variableCount; v++) if (aig.kind(v) === VarKind.And) value[v] = lit(aig.fanin0(v)) && lit(aig.fanin1(v));
  return aig.combinationalOutputs().map(lit);
}

/** A random AIG over n inputs with `gates` ANDs and a few outputs, from a seed. */
function randomAig(n: number, gates: number, seed: number): Aig {
  let s = seed;
  const rnd = (k: number) => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) % k;
  const aig = new Aig('r');
  const lits: Literal[] = [];
  for (let i = 0; i < n; i++) lits.push(aig.addInput());
  for (let g = 0; g < gates; g++) lits.push(aig.and(lits[rnd(lits.length)] ^ rnd(2), lits[rnd(lits.length)] ^ rnd(2)));
  for (let o = 0; o < 4; o++) aig.addOutput(lits[lits.length - 1 - rnd(Math.min(10, lits.length))] ^ rnd(2));
  return aig;
}

const bit = (t: Uint32Array, m: number) => ((t[m >>> 5] >>> (m & 31)) & 1) === 1;

describe('bit-parallel simulation and truth tables', () => {
  it.each([1, 3, 5, 6, 9])('truth tables of a random %i-input AIG equal pattern-by-pattern evaluation', (n) => {
    const aig = randomAig(n, 40, n * 7 + 1);
    const { tables } = truthTables(aig);
    for (let m = 0; m < 2 ** n; m++) {
      const ref = evaluate(aig, Array.from({ length: n }, (_, i) => ((m >>> i) & 1) === 1));
      ref.forEach((v, o) => expect(bit(tables[o], m)).toBe(v));
    }
  });

  it('random simulation equals evaluation on every simulated pattern', () => {
    const aig = randomAig(40, 300, 99);
    const words = 3;
    const { inputs, outputs } = simulateRandom(aig, words, 5);
    for (let p = 0; p < 32 * words; p++) {
      const w = p >>> 5;
      const b = p & 31;
      const ci = Array.from({ length: 40 }, (_, i) => ((inputs[i * words + w] >>> b) & 1) === 1);
      evaluate(aig, ci).forEach((v, o) => expect(((outputs[o * words + w] >>> b) & 1) === 1).toBe(v));
    }
  });

  it('simulating into a reused, dirty array gives the same values as a fresh one', () => {
    const aig = randomAig(30, 200, 7);
    const words = 2;
    const into = randomWords(aig.variableCount * words, 3); // garbage from an "earlier run"
    for (const seed of [11, 12]) {
      const inputs = randomWords(30 * words, seed);
      const fresh = simulateWords(aig, inputs, words);
      expect(simulateWords(aig, inputs, words, into)).toBe(into);
      expect(into).toEqual(fresh);
      expect(literalWords(into, words, aig.combinationalOutputs())).toEqual(simulateRandom(aig, words, seed).outputs);
    }
    expect(() => simulateWords(aig, randomWords(30 * words, 1), words, new Uint32Array(5))).toThrow(/output array of/);
  });

  it('treats latches as inputs and next states as outputs (ISCAS s27)', () => {
    const s27 = readBench('INPUT(G0)\nINPUT(G1)\nOUTPUT(G17)\nG5 = DFF(G10)\nG10 = NOR(G14, G1)\nG14 = NOT(G0)\nG17 = NAND(G5, G1)\n', 's27mini.bench');
    const { inputs, tables } = truthTables(s27);
    expect(inputs).toBe(3);
    for (let m = 0; m < 8; m++) {
      const [g0, g1, g5] = [0, 1, 2].map((i) => ((m >>> i) & 1) === 1);
      expect(bit(tables[0], m)).toBe(!(g5 && g1));
      expect(bit(tables[1], m)).toBe(!(!g0 || g1));
    }
  });
});

describe('equivalence checking', () => {
  it('proves a rebuilt AIG equivalent and finds a real counterexample for a mutated one (exhaustive)', () => {
    const a = randomAig(10, 80, 3);
    expect(checkEquivalence(a, a.cleanup())).toEqual({ equivalent: true, method: 'exhaustive', patterns: 1024 });
    const b = a.cleanup();
    b.outputs[2].lit ^= 1;
    const r = checkEquivalence(a, b);
    expect(r.equivalent).toBe(false);
    if (r.equivalent || !r.counterexample) throw new Error('expected a counterexample');
    expect(evaluate(a, r.counterexample)[r.output!]).not.toBe(evaluate(b, r.counterexample)[r.output!]);
  });

  it('uses random simulation beyond 16 inputs and still finds a single-minterm difference on few inputs of a wide circuit', () => {
    const a = randomAig(30, 200, 11);
    expect(checkEquivalence(a, a.cleanup(), { seed: 3 })).toMatchObject({ equivalent: true, method: 'random' });
    const b = a.cleanup();
    // Differ only when inputs 0 and 1 are both true: probability 1/4 per pattern.
    b.outputs[0].lit = b.xor(b.outputs[0].lit, b.and(2 * b.inputs[0], 2 * b.inputs[1]));
    const r = checkEquivalence(a, b, { seed: 3 });
    expect(r).toMatchObject({ equivalent: false, method: 'random', output: 0 });
    if (r.equivalent || !r.counterexample) throw new Error('expected a counterexample');
    expect(r.counterexample.slice(0, 2)).toEqual([true, true]);
  });

  it('reports interface mismatches', () => {
    expect(checkEquivalence(randomAig(3, 5, 1), randomAig(4, 5, 1))).toMatchObject({ equivalent: false, method: 'interface' });
  });
});
