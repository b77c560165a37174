/** Decode throughput of KV-cache configurations against the context length (the array's fast mode). */
import type { ArrayBackend } from '../../../common/gemm/index.ts';
import type { LlamaConfig } from '../../config.ts';
import type { PrecisionPair } from '../quant/precision-pairs.ts';
import type { QuantMode } from '../quant/quantized-cache.ts';
import { kvDecodeCost, type AttentionKernel } from './kv-decode-cost.ts';

export interface ThroughputRow {
  readonly name: string;
  readonly context: number;
  readonly tokensPerSecond: number;
  readonly cyclesPerToken: number;
  readonly kvBytesPerToken: number;
  readonly energyPerTokenJ: number;
}

export const DEFAULT_CONTEXTS: readonly number[] = [256, 512, 1024, 2048, 4096, 8192];

/** One row per configuration (one pair per layer) and context. */
export function kvThroughput(config: LlamaConfig, be: ArrayBackend, mode: QuantMode, configs: Record<string, readonly Pick<PrecisionPair, 'k' | 'v'>[]>, contexts: readonly number[], kernel: AttentionKernel = 'planes'): ThroughputRow[] {
  return Object.entries(configs).flatMap(([name, pairs]) => contexts.map((context) => {
    const c = kvDecodeCost(config, be, pairs.map((p) => ({ k: p.k, v: p.v, mode })), context, kernel);
    return { name, context, tokensPerSecond: c.tokensPerSecond, cyclesPerToken: c.perToken.cycles, kvBytesPerToken: c.kvBytes, energyPerTokenJ: c.perToken.energyJ.total };
  }));
}

/** tokens/s of `name` over `base`'s at each context, minus one. */
export function throughputGain(rows: readonly ThroughputRow[], name: string, base: string): { context: number; gain: number }[] {
  return rows.filter((r) => r.name === name).map((r) => ({ context: r.context, gain: r.tokensPerSecond / rows.find((b) => b.name === base && b.context === r.context)!.tokensPerSecond - 1 }));
}
