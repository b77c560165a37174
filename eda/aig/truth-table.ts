import { UserError } from '../../util/index.ts';
import type { Aig } from './aig.ts';
import { literalWords, simulateWords } from './simulate.ts';

export const MAX_TRUTH_TABLE_INPUTS = 16;

const LOW_VAR_MASKS = [0xaaaaaaaa, 0xcccccccc, 0xf0f0f0f0, 0xff00ff00, 0xffff0000];

/**
 * The exhaustive input patterns of n variables: bit m of the table is minterm m, variable i is
 * bit i of m. Returns n x words words, words = max(1, 2^n / 32).
 */
export function exhaustivePatterns(n: number): { words: number; patterns: Uint32Array } {
  const words = Math.max(1, 2 ** n / 32);
  const patterns = new Uint32Array(n * words);
  for (let i = 0; i < n; i++) {
    for (let w = 0; w < words; w++) {
      patterns[i * words + w] = i < 5 ? LOW_VAR_MASKS[i] : (w >>> (i - 5)) & 1 ? 0xffffffff : 0;
    }
  }
  return { words, patterns };
}

/** Mask of the valid bits in the last word for n variables (all ones from 5 variables up). */
export function truthTableMask(n: number): number {
  return n >= 5 ? 0xffffffff : (2 ** (2 ** n) - 1) >>> 0;
}

/**
 * Truth tables of the combinational outputs (primary outputs, then latch next states) over the
 * combinational inputs (primary inputs, then latches), at most 16 of them.
 */
export function truthTables(aig: Aig): { inputs: number; words: number; tables: Uint32Array[] } {
  const n = aig.combinationalInputs().length;
  if (n > MAX_TRUTH_TABLE_INPUTS) {
    throw new UserError(`truth tables need at most ${MAX_TRUTH_TABLE_INPUTS} inputs, this AIG has ${n}`, undefined, 'use random simulation instead');
  }
  const { words, patterns } = exhaustivePatterns(n);
  const outs = literalWords(simulateWords(aig, patterns, words), words, aig.combinationalOutputs());
  const mask = truthTableMask(n);
  const tables: Uint32Array[] = [];
  for (let o = 0; o * words < outs.length; o++) {
    const t = outs.slice(o * words, (o + 1) * words);
    t[words - 1] &= mask;
    tables.push(t);
  }
  return { inputs: n, words, tables };
}
