/**
 * The model's cost on the array per token, from its shapes alone (sim's fast mode through the array
 * backend's cost model): the GEMMs the engine runs for a prefill of `context` tokens, or for one
 * decode step with `context` tokens in the cache (the new one included), for `batch` sequences.
 * Every block has the same shapes, so one block is costed and booked `layers` times.
 */
import { GemmLedger, type ArrayBackend, type GemmCost, type LedgerEntry } from '../../common/gemm/index.ts';
import type { LlamaConfig } from '../config.ts';

export type Phase = 'prefill' | 'decode';

/**
 * Books every product of one phase into `ledger`; returns the tokens it processes. `perLayer`
 * books each block separately (per-layer tables); otherwise one block is booked `layers` times
 * under layer 0 (long generations).
 */
export function bookPhase(ledger: GemmLedger, config: LlamaConfig, be: ArrayBackend, phase: Phase, context: number, batch: number, perLayer = true): number {
  const { dim, hiddenDim, heads, kvHeads, vocab } = config;
  const hs = dim / heads, kvDim = hs * kvHeads, group = heads / kvHeads;
  const m = phase === 'prefill' ? batch * context : batch;
  const q = phase === 'prefill' ? context : 1; // new tokens per sequence
  const [blocks, times] = perLayer ? [config.layers, 1] : [1, config.layers];
  const linear = (kind: string, k: number, n: number, l: number) => ledger.record({ kind, layer: l }, m * k * n, be.costOfLinear(m, k, n), times);
  for (let l = 0; l < blocks; l++) {
    linear('q', dim, dim, l);
    linear('k', dim, kvDim, l);
    linear('v', dim, kvDim, l);
    // One product pair per sequence and KV head: the group's query rows against the cache.
    const rows = group * q;
    ledger.record({ kind: 'qk', layer: l }, rows * hs * context, be.costOfProduct(rows, hs, context, 'nk'), batch * kvHeads * times);
    ledger.record({ kind: 'av', layer: l }, rows * context * hs, be.costOfProduct(rows, context, hs, 'kn'), batch * kvHeads * times);
    linear('o', dim, dim, l);
    linear('gate', dim, hiddenDim, l);
    linear('up', dim, hiddenDim, l);
    linear('down', hiddenDim, dim, l);
  }
  // The LM head scores the last position of each sequence (only it is needed to generate).
  ledger.record({ kind: 'lm-head' }, batch * dim * vocab, be.costOfLinear(batch, dim, vocab));
  return m;
}

export interface CostSummary {
  readonly cycles: number;
  readonly seconds: number;
  readonly utilization: number;
  readonly energyJ: GemmCost['energy'];
  readonly dramBytes: GemmCost['dram'];
  readonly macs: number;
}

export function summarize(e: LedgerEntry, perTokens = 1): CostSummary {
  const c = e.cost;
  const d = (x: number) => x / perTokens;
  return {
    cycles: d(c.cycles), seconds: d(c.seconds), utilization: c.peakMacs > 0 ? e.macs / c.peakMacs : 0, macs: d(e.macs),
    energyJ: { core: d(c.energy.core), buffer: d(c.energy.buffer), dram: d(c.energy.dram), static: d(c.energy.static), total: d(c.energy.total) },
    dramBytes: { weights: d(c.dram.weights), kv: d(c.dram.kv), activations: d(c.dram.activations) },
  };
}

/** Bytes of the KV cache at `context` tokens per sequence, stored at the attention products' precision. */
export function kvCacheBytes(config: LlamaConfig, be: ArrayBackend, context: number, batch = 1): number {
  const hs = config.dim / config.heads;
  const perHeadToken = be.productPrecision === 'int8' ? hs + 2 : 2 * hs; // INT8 codes + an FP16 scale, or FP16 values
  return 2 * config.layers * config.kvHeads * perHeadToken * context * batch;
}

export interface PhaseProfile {
  readonly phase: Phase;
  readonly context: number;
  readonly batch: number;
  /** Tokens the phase processes (all sequences). */
  readonly tokens: number;
  readonly perToken: CostSummary;
  readonly tokensPerSecond: number;
  readonly joulesPerToken: number;
  readonly kvCacheBytes: number;
  /** Per token, per block (-1: the LM head). */
  readonly byLayer: { readonly layer: number; readonly cost: CostSummary }[];
  /** Per token, per product kind. */
  readonly byKind: { readonly kind: string; readonly cost: CostSummary }[];
  /** Per token, per block and product kind. */
  readonly entries: { readonly layer: number; readonly kind: string; readonly cost: CostSummary }[];
}

export function profilePhase(config: LlamaConfig, be: ArrayBackend, phase: Phase, context: number, batch = 1): PhaseProfile {
  const ledger = new GemmLedger();
  const tokens = bookPhase(ledger, config, be, phase, context, batch);
  const perToken = summarize(ledger.total(), tokens);
  return {
    phase, context, batch, tokens, perToken,
    tokensPerSecond: 1 / perToken.seconds,
    joulesPerToken: perToken.energyJ.total,
    kvCacheBytes: kvCacheBytes(config, be, context, batch),
    byLayer: [...ledger.byLayer()].map(([layer, e]) => ({ layer, cost: summarize(e, tokens) })),
    byKind: [...ledger.byKind()].map(([kind, e]) => ({ kind, cost: summarize(e, tokens) })),
    entries: ledger.entries().map((e) => ({ layer: e.layer, kind: e.kind, cost: summarize(e, tokens) })),
  };
}

/** Decode cost against the context: KV bytes' share of the DRAM traffic, attention's share of the cycles. */
export function kvShareSweep(config: LlamaConfig, be: ArrayBackend, contexts: readonly number[], batch = 1) {
  return contexts.map((context) => {
    const p = profilePhase(config, be, 'decode', context, batch);
    const dram = p.perToken.dramBytes;
    const attention = p.byKind.filter((k) => k.kind === 'qk' || k.kind === 'av').reduce((s, k) => s + k.cost.cycles, 0);
    return {
      context,
      kvShareOfDram: dram.kv / (dram.weights + dram.kv + dram.activations),
      attentionShareOfCycles: attention / p.perToken.cycles,
      tokensPerSecond: p.tokensPerSecond,
      joulesPerToken: p.joulesPerToken,
      kvCacheBytes: p.kvCacheBytes,
    };
  });
}

/**
 * A whole generation: prefill of `prompt` tokens, then `tokens` decode steps, each at its own
 * context (shapes only, so any length). Returns totals and per generated token.
 */
export function profileGeneration(config: LlamaConfig, be: ArrayBackend, prompt: number, tokens: number, batch = 1) {
  const prefill = new GemmLedger();
  bookPhase(prefill, config, be, 'prefill', prompt, batch);
  const decode = new GemmLedger();
  for (let t = 1; t <= tokens; t++) bookPhase(decode, config, be, 'decode', prompt + t, batch, false);
  const generated = tokens * batch;
  return {
    prompt, tokens, batch,
    prefill: summarize(prefill.total()),
    decode: summarize(decode.total()),
    decodePerToken: summarize(decode.total(), generated),
    decodeByKind: [...decode.byKind()].map(([kind, e]) => ({ kind, cost: summarize(e, generated) })),
  };
}
