import { Aig, VarKind, litVar, type Literal } from './aig.ts';

/**
 * Bit-parallel simulation: every variable gets `words` 32-bit words, one pattern per bit, so one
 * pass evaluates 32 x words patterns. `ciWords` holds the combinational inputs (primary inputs, then
 * latch outputs), `words` words each. Returns the value words of every variable, in `into` when
 * given (variableCount x words long), so repeated runs need not allocate a fresh array each time.
 */
export function simulateWords(aig: Aig, ciWords: Uint32Array, words: number, into?: Uint32Array): Uint32Array {
  const cis = aig.combinationalInputs();
  if (ciWords.length !== cis.length * words) throw new Error(`simulateWords: expected ${cis.length * words} input words, got ${ciWords.length}`);
  const n = aig.variableCount;
  if (into && into.length !== n * words) throw new Error(`simulateWords: expected an output array of ${n * words} words, got ${into.length}`);
  const val = into ?? new Uint32Array(n * words);
  val.fill(0, 0, words); // constant false; inputs, latches and ANDs are all written below
  cis.forEach((v, i) => val.set(ciWords.subarray(i * words, (i + 1) * words), v * words));
  // The same words as int32: uint32 values of 2^31 and up leave V8's integer representation.
  const bits = new Int32Array(val.buffer, val.byteOffset, val.length);
  for (let v = 1; v < n; v++) {
    if (aig.kind(v) !== VarKind.And) continue;
    const f0 = aig.fanin0(v);
    const f1 = aig.fanin1(v);
    const b0 = (f0 >>> 1) * words;
    const b1 = (f1 >>> 1) * words;
    const c0 = f0 & 1 ? -1 : 0;
    const c1 = f1 & 1 ? -1 : 0;
    const o = v * words;
    for (let w = 0; w < words; w++) bits[o + w] = (bits[b0 + w] ^ c0) & (bits[b1 + w] ^ c1);
  }
  return val;
}

/** The words of each literal in `lits` (complement applied), `words` per literal. */
export function literalWords(values: Uint32Array, words: number, lits: readonly Literal[]): Uint32Array {
  const out = new Uint32Array(lits.length * words);
  lits.forEach((lit, i) => {
    const base = litVar(lit) * words;
    const c = lit & 1 ? 0xffffffff : 0;
    for (let w = 0; w < words; w++) out[i * words + w] = values[base + w] ^ c;
  });
  return out;
}

/** A seeded xorshift32 stream of 32-bit words (never zero-seeded). */
export function randomWords(count: number, seed: number): Uint32Array {
  let x = (seed >>> 0) || 0x9e3779b9;
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x;
  }
  return out;
}

/** Simulates random patterns on the combinational outputs: `words` x 32 patterns from `seed`. */
export function simulateRandom(aig: Aig, words: number, seed: number): { inputs: Uint32Array; outputs: Uint32Array } {
  const inputs = randomWords(aig.combinationalInputs().length * words, seed);
  const values = simulateWords(aig, inputs, words);
  return { inputs, outputs: literalWords(values, words, aig.combinationalOutputs()) };
}
