/**
 * KVTuner's per-layer precision pairs: bits of the keys and of the values. The five standard pairs,
 * and the two asymmetric ones a layer whose keys (or values) are unusually sensitive may need.
 */
export interface PrecisionPair {
  readonly name: string;
  readonly k: number;
  readonly v: number;
}

const pair = (k: number, v: number): PrecisionPair => ({ name: k === v ? `KV${k}` : `K${k}V${v}`, k, v });

export const STANDARD_PAIRS: readonly PrecisionPair[] = [pair(8, 8), pair(8, 4), pair(4, 4), pair(4, 2), pair(2, 2)];
export const EXTRA_PAIRS: readonly PrecisionPair[] = [pair(4, 8), pair(8, 2)];
export const ALL_PAIRS: readonly PrecisionPair[] = [...STANDARD_PAIRS, ...EXTRA_PAIRS];

/** The pair named `name` (KV8, K8V4, ...). */
export function pairByName(name: string): PrecisionPair | undefined {
  return ALL_PAIRS.find((p) => p.name === name);
}

/** A layer's bits per element: the mean of its key and value bits. */
export function pairBits(p: PrecisionPair): number {
  return (p.k + p.v) / 2;
}

/** The average bits of a configuration (one pair per layer): mean over layers of (k + v) / 2. */
export function averageBits(pairs: readonly PrecisionPair[]): number {
  return pairs.reduce((s, p) => s + pairBits(p), 0) / pairs.length;
}
