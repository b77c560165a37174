/**
 * The decode step's cost on the array with the KV cache stored at its own precision: every linear
 * layer as the engine's profile books it, and the two attention products of each layer and KV head
 * priced with the cached keys and values read at their stored bits. Quantized tokens are B
 * operands of `bits`-bit codes with an FP16 scale per group (the array's asymmetric weight format;
 * its zero point is a code of `bits` bits where the cache stores an FP16 minimum, 16 - bits bits
 * per group less); full-precision tokens (KIVI's residual, an unquantized cache) are 16-bit codes.
 * Queries and attention probabilities are INT8, as the engine's INT8 attention products take them.
 */
import { PE_KINDS } from '../../../../hw/index.ts';
import { ArrayCostModel, GemmLedger, addCost, zeroCost, type ArrayBackend, type GemmCost } from '../../../common/index.ts';
import type { LlamaConfig } from '../../config.ts';
import { bookPhase, summarize, type CostSummary } from '../../profile/profile.ts';
import type { QuantMode } from '../quant/quantized-cache.ts';

/** How one layer's cache is stored: key and value bits (16: unquantized), mode, KIVI residual. */
export interface StoredKv {
  readonly k: number;
  readonly v: number;
  readonly mode: QuantMode;
  /** Tokens per key group along the sequence (KIVI) and the residual window. */
  readonly group?: number;
  readonly residual?: number;
}

const costs = new ArrayCostModel();

/** The cost of `rows` query rows against `tokens` cached tokens stored at `bits` (0 tokens: nothing). */
function attentionCost(be: ArrayBackend, kind: 'qk' | 'av', rows: number, hs: number, tokens: number, bits: number, keyGroup: number): GemmCost {
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
export function kvDecodeCost(config: LlamaConfig, be: ArrayBackend, stored: readonly StoredKv[], context: number): { perToken: CostSummary; tokensPerSecond: number; kvBytes: number } {
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
    const keyGroup = s.mode === 'per-token' || s.k >= 16 ? hs : group;
    const parts: GemmCost[] = [
      attentionCost(be, 'qk', rows, hs, quantized, s.k, keyGroup), attentionCost(be, 'qk', rows, hs, context - quantized, 16, hs),
      attentionCost(be, 'av', rows, hs, quantized, s.v, hs), attentionCost(be, 'av', rows, hs, context - quantized, 16, hs),
    ];
    for (const p of parts) attention = addCost(attention, p, config.kvHeads);
    macs += 2 * rows * hs * context * config.kvHeads;
  }
  const total = { ...others, macs: others.macs + macs, cost: addCost(others.cost, attention) };
  const perToken = summarize(total);
  return { perToken, tokensPerSecond: 1 / perToken.seconds, kvBytes: attention.dram.kv };
}
