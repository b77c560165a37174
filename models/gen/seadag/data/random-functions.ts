import { seededUint32 } from '../../../../util/index.ts';
import { complementTable, inputTable, isConstant, tablesEqual, type TruthFunction } from './truth-function.ts';

/**
 * Functions of random small AIGs. Each new gate (an AND, or a third of the time an XOR, three ANDs)
 * takes two literals (random polarity) of the inputs and earlier gates, one of them the newest
 * gate 70% of the time, so the last gate's cone holds most of the graph. A gate whose function is
 * constant or repeats an earlier one (or its complement) is redrawn, as functional hashing would
 * merge it. Plain uniform random AIGs collapse to constants and single literals most of the time,
 * and without XORs parity-like classes never appear (at 4 inputs they reach 66 of the 208 NPN
 * classes with full support; these reach 183). The outputs are the last gate and, for two outputs,
 * an earlier one.
 */
export function randomAigFunction(inputs: number, outputs: number, maxGates: number, seed: number): TruthFunction {
  const next = seededUint32(seed);
  const rnd = (k: number) => next() % k;
  const tables: Uint32Array[] = Array.from({ length: inputs }, (_, i) => inputTable(i, inputs));
  const complements = tables.map((t) => complementTable(t, inputs));
  const gates = 1 + rnd(maxGates);
  const words = tables[0].length;
  for (let g = 0, tries = 0; g < gates && tries < 50 * maxGates; tries++) {
    const pick = (newest: boolean) => {
      const k = newest ? tables.length - 1 : rnd(tables.length);
      return rnd(2) ? complements[k] : tables[k];
    };
    const a = pick(rnd(10) < 7);
    const b = pick(false);
    // A third of the gates are XORs (three ANDs in the AIG), without which parity-like classes never appear.
    const xor = rnd(3) === 0;
    const t = new Uint32Array(words);
    for (let w = 0; w < words; w++) t[w] = xor ? a[w] ^ b[w] : a[w] & b[w];
    if (isConstant(t, inputs) || tables.some((x, k) => tablesEqual(x, t) || tablesEqual(complements[k], t))) continue;
    tables.push(t);
    complements.push(complementTable(t, inputs));
    g++;
  }
  const last = tables.length - 1;
  const chosen = [last];
  for (let o = 1; o < outputs; o++) chosen.push(last > inputs ? inputs + rnd(last - inputs) : rnd(inputs));
  return { inputs, tables: chosen.map((k) => (rnd(2) ? complements[k] : tables[k])) };
}
