/**
 * The decode step's cost on the array with the KV cache stored at its own precision: every linear
 * layer as the engine's profile books it, and the two attention products of each layer and KV head
 * priced with the cached keys and values read at their stored bits. Two kernels:
 * - 'planes' (plane-kernel.ts): the array's own PEs read the codes as they are stored, cut into
 *   planes of the PE's weight width (MixPE: 4-bit planes on 4 lanes); keys split K, values split N;
 *   KIVI's per-channel key scales are folded into one query copy per 32-token group of a pass.
 * - 'int8': INT8 PEs (one output per PE) fed `bits`-bit codes, whatever the array's PE kind.
 * Quantized tokens carry an FP16 scale per group (the array's asymmetric weight format; its zero
 * point is a code where the cache stores an FP16 minimum, 16 - bits bits per group less);
 * full-precision tokens (KIVI's residual, an unquantized cache) are 16-bit codes. Queries and
 * attention probabilities are INT8, as the engine's INT8 attention products take them.
 */
import { PE_KINDS } from '../../../../hw/index.ts';
import { ArrayCostModel, GemmLedger, addCost, zeroCost, type ArrayBackend, type GemmCost } from '../../../common/gemm/index.ts';
import type { LlamaConfig } from '../../config.ts';
import { bookPhase, summarize, type CostSummary } from '../../profile/profile.ts';
import type { QuantMode } from '../quant/quantized-cache.ts';
import { keyProductShape, planeCount, valueProductShape } from './plane-kernel.ts';

/** How one layer's cache is stored: key and value bits (16: unquantized), mode, KIVI residual. */
export interface StoredKv {
  readonly k: number;
  readonly v: number;
  readonly mode: QuantMode;
  /** Tokens per key group along the sequence (KIVI) and the residual window. */
  readonly group?: number;
  readonly residual?: number;
}

export const ATTENTION_KERNELS = ['planes', 'int8'] as const;
export type AttentionKernel = (typeof ATTENTION_KERNELS)[number];

const costs = new ArrayCostModel();

function cheaper(a: GemmCost, b: GemmCost): GemmCost {
  return b.cycles < a.cycles ? b : a;
}

/** Chunk counts a kernel may stack into the array's rows: 1, 2, 4, ... while `chunks * rows <= maxRows`. */
function chunkCounts(rows: number, maxRows: number): number[] {
  const out = [1];
  while (out[out.length - 1] * 2 * rows <= maxRows) out.push(out[out.length - 1] * 2);
  return out;
}

/**
 * The planes kernel: the array's PE kind reads `bits`-bit codes as planes of its weight width, the
 * tokens cut into the chunk count (stacked into the array's rows) that takes the fewest cycles.
 */
function planesCost(be: ArrayBackend, kind: 'qk' | 'av', rows: number, hs: number, tokens: number, bits: number, channelKeys: boolean, group: number): GemmCost {
  if (tokens === 0) return zeroCost;
  const { pe: native, array } = be.options;
  const planes = planeCount(bits, native.weightBits);
  const pe = { ...native, weightBits: Math.min(bits, native.weightBits) };
  const scheme = 'asymmetric' as const;
  if (kind === 'qk' && channelKeys) {
    // Per-channel (KIVI) key scales, folded into one query copy per `group` tokens: a product per
    // J x passColumns tokens whose A rows are J chunks x (passColumns / group) copies x the query rows.
    const passColumns = Math.min(tokens, array.cols * native.lanes);
    const copies = rows * Math.ceil(passColumns / group);
    return chunkCounts(copies, array.rows).map((j) => {
      const span = j * passColumns, full = Math.floor(tokens / span), rest = tokens - full * span;
      const c = { pe, array, group: hs, scheme };
      const whole = full > 0 ? costs.cost(c, { m: j * copies, k: j * planes * hs, n: passColumns }, 'kv') : zeroCost;
      const tail = rest > 0 ? costs.cost(c, { m: Math.ceil(rest / passColumns) * copies, k: Math.ceil(rest / passColumns) * planes * hs, n: Math.min(rest, passColumns) }, 'kv') : zeroCost;
      return addCost(addCost(zeroCost, whole, full), tail);
    }).reduce(cheaper);
  }
  return chunkCounts(rows, array.rows).map((j) => kind === 'qk'
    ? costs.cost({ pe, array, group: hs, scheme }, keyProductShape(rows, hs, tokens, planes, j), 'kv')
    : costs.cost({ pe, array, group, scheme }, valueProductShape(rows, hs, tokens, planes, j, group), 'kv')).reduce(cheaper);
}

/** The int8 kernel: `rows` query rows against `tokens` cached tokens stored at `bits` on INT8 PEs (0 tokens: nothing). */
function int8Cost(be: ArrayBackend, kind: 'qk' | 'av', rows: number, hs: number, tokens: number, bits: number, keyGroup: number): GemmCost {
  if (tokens === 0) return zeroCost;
  const pe = { ...PE_KINDS.int8, weightBits: bits };
  const scheme = bits >= 16 ? 'symmetric' as const : 'asymmetric' as const;
  const { array } = be.options;
  if (kind === 'qk') {
    // Keys: N = tokens rows of K = headSize; one group per token (per-token) or per channel over keyGroup tokens (same count of groups).
    return costs.cost({ pe, array, group: keyGroup, scheme }, { m: rows, k: hs, n: tokens }, 'kv');
  }
  // Values: K = tokens (padded to whole groups of headSize) rows of N = headSize; headSize tokens per group x headSize columns = one group per token.
  const k = Math.ceil(tokens / hs) * hs;
  return costs.cost({ pe, array, group: hs, scheme }, { m: rows, k, n: hs }, 'kv');
}

/**
 * Per generated token at `context` cached tokens (batch 1): the whole model with layer l's cache
 * stored as `stored[l]`. Returns the cost summary and tokens per second at the array clock.
 */
export function kvDecodeCost(config: LlamaConfig, be: ArrayBackend, stored: readonly StoredKv[], context: number, kernel: AttentionKernel = 'planes'): { perToken: CostSummary; tokensPerSecond: number; kvBytes: number } {
  const ledger = new GemmLedger();
  bookPhase(ledger, config, be, 'decode', context, 1);
  const others = ledger.total((e) => e.kind !== 'qk' && e.kind !== 'av');
  const hs = config.dim / config.heads, rows = config.heads / config.kvHeads;
  let attention = zeroCost, macs = 0;
  for (const s of stored) {
    const group = s.group ?? 32, residual = s.residual ?? 32;
    // An unquantized cache has no residual window: one product over every token, as in per-token mode.
    const unquantized = s.k >= 16 && s.v >= 16;
    const quantized = s.mode === 'per-token' || unquantized ? context : Math.floor(Math.max(0, context - residual) / group) * group;
    const channelKeys = s.mode === 'kivi' && s.k < 16;
    const product = (kind: 'qk' | 'av', tokens: number, bits: number, perChannel: boolean) => kernel === 'planes'
      ? planesCost(be, kind, rows, hs, tokens, bits, perChannel, group)
      : int8Cost(be, kind, rows, hs, tokens, bits, perChannel ? group : hs);
    const parts: GemmCost[] = [
      product('qk', quantized, s.k, channelKeys), product('qk', context - quantized, 16, false),
      product('av', quantized, s.v, false), product('av', context - quantized, 16, false),
    ];
    for (const p of parts) attention = addCost(attention, p, config.kvHeads);
    macs += 2 * rows * hs * context * config.kvHeads;
  }
  const total = { ...others, macs: others.macs + macs, cost: addCost(others.cost, attention) };
  const perToken = summarize(total);
  return { perToken, tokensPerSecond: 1 / perToken.seconds, kvBytes: attention.dram.kv };
}
