import type { Aig } from './aig.ts';
import { literalWords, randomWords, simulateWords } from './simulate.ts';
import { MAX_TRUTH_TABLE_INPUTS, exhaustivePatterns, truthTableMask } from './truth-table.ts';

export interface EquivalenceOptions {
  /** Seed of the random patterns used beyond `exhaustiveLimit` inputs. */
  seed?: number;
  /** Number of 32-pattern words simulated when the check is not exhaustive. */
  randomWords?: number;
  /** Up to this many combinational inputs the check enumerates every input pattern (at most 16). */
  exhaustiveLimit?: number;
}

export type EquivalenceResult =
  | { equivalent: true; method: 'exhaustive' | 'random'; patterns: number }
  | {
      equivalent: false;
      method: 'exhaustive' | 'random' | 'interface';
      reason: string;
      /** Values of the combinational inputs (primary inputs, then latches) that tell the two apart. */
      counterexample?: boolean[];
      /** Index of the first combinational output that differs. */
      output?: number;
    };

/**
 * Combinational equivalence of two AIGs whose inputs, latches and outputs correspond by position:
 * every pattern when there are at most `exhaustiveLimit` inputs (a proof), random patterns beyond
 * (a strong test, not a proof). A difference comes with a counterexample.
 */
export function checkEquivalence(a: Aig, b: Aig, options: EquivalenceOptions = {}): EquivalenceResult {
  const ciA = a.combinationalInputs().length;
  const coA = a.combinationalOutputs().length;
  if (ciA !== b.combinationalInputs().length || coA !== b.combinationalOutputs().length) {
    return {
      equivalent: false,
      method: 'interface',
      reason: `interfaces differ: ${a.inputs.length}/${a.latches.length}/${a.outputs.length} vs ${b.inputs.length}/${b.latches.length}/${b.outputs.length} inputs/latches/outputs`,
    };
  }
  const limit = Math.min(options.exhaustiveLimit ?? MAX_TRUTH_TABLE_INPUTS, MAX_TRUTH_TABLE_INPUTS);
  if (ciA <= limit) {
    const { words, patterns } = exhaustivePatterns(ciA);
    const diff = compare(a, b, patterns, words, truthTableMask(ciA));
    if (diff) return { equivalent: false, method: 'exhaustive', reason: `output ${diff.output} differs`, ...diff };
    return { equivalent: true, method: 'exhaustive', patterns: 2 ** ciA };
  }
  const total = options.randomWords ?? 512;
  const batch = 64;
  let seed = options.seed ?? 1;
  for (let done = 0; done < total; done += batch) {
    const words = Math.min(batch, total - done);
    const patterns = randomWords(ciA * words, seed++);
    const diff = compare(a, b, patterns, words, 0xffffffff);
    if (diff) return { equivalent: false, method: 'random', reason: `output ${diff.output} differs`, ...diff };
  }
  return { equivalent: true, method: 'random', patterns: total * 32 };
}

function compare(a: Aig, b: Aig, patterns: Uint32Array, words: number, lastMask: number): { output: number; counterexample: boolean[] } | undefined {
  const outA = literalWords(simulateWords(a, patterns, words), words, a.combinationalOutputs());
  const outB = literalWords(simulateWords(b, patterns, words), words, b.combinationalOutputs());
  for (let i = 0; i < outA.length; i++) {
    const w = i % words;
    let d = (outA[i] ^ outB[i]) >>> 0;
    if (w === words - 1) d &= lastMask;
    if (d === 0) continue;
    const bit = 31 - Math.clz32(d & -d);
    const n = patterns.length / words;
    const counterexample = Array.from({ length: n }, (_, k) => ((patterns[k * words + w] >>> bit) & 1) === 1);
    return { output: Math.floor(i / words), counterexample };
  }
  return undefined;
}
