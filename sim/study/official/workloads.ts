/**
 * The official simulator's workloads (bitfusion/src/benchmarks/*_bench.py of the official repo):
 * every transformer block's four linear layers with 64 rows each (batch 64, one token each), no
 * attention score GEMMs, and for ViTs the 16x16 patch-embedding convolution on a 224x224 image.
 * Each accelerator runs its own variant:
 * - MixPE: the main GEMMs at activation bits / 2 (W4A8 as 4-bit on the 8/4 array, W4A16 as 8-bit on
 *   the 16/8 array) plus a dequantization GEMM (K/8) x (N/128) per layer at full precision (8 / 16);
 * - the others: a dequantization GEMM K x (N/8) per layer at full precision, the main GEMM at the
 *   accelerator's precision: INT8 8-bit, FP16 16-bit, BitFusion 8-bit with the output projection at
 *   4 bits in half the blocks, ANT 4-bit except in the listed 8-bit blocks.
 * Activations take the weight's bit-width in every layer (the official create_fc/create_conv).
 */
import type { StudyPeKind } from '../../../hw/energy/index.ts';
import type { OfficialLayer } from './tiling-search.ts';

export const officialModelIds = ['vit-b', 'vit-h', 'opt-6.7b', 'llama2-13b'] as const;
export type OfficialModelId = (typeof officialModelIds)[number];

interface OfficialModel {
  readonly name: string;
  readonly blocks: number;
  readonly hidden: number;
  readonly ffn: number;
  /** ViTs: the patch embedding (16x16 stride 16 over 3 channels, 14x14 outputs). */
  readonly patchEmbedding: boolean;
  /** ANT's blocks that run at 8 bits (1-based, from ant_bench.py). */
  readonly ant8BitBlocks: readonly number[];
  /** BitFusion's blocks whose output projection runs at 4 bits (how many; bitfusion_bench.py: about half). */
  readonly bitfusion4BitOutProjections: number;
}

export const officialModels: Readonly<Record<OfficialModelId, OfficialModel>> = {
  'vit-b': { name: 'ViT-B', blocks: 12, hidden: 768, ffn: 3072, patchEmbedding: true, ant8BitBlocks: [6, 9], bitfusion4BitOutProjections: 6 },
  'vit-h': { name: 'ViT-H', blocks: 32, hidden: 1280, ffn: 5120, patchEmbedding: true, ant8BitBlocks: [5, 6, 10, 21, 25, 26], bitfusion4BitOutProjections: 16 },
  'opt-6.7b': { name: 'OPT-6.7B', blocks: 32, hidden: 4096, ffn: 16384, patchEmbedding: false, ant8BitBlocks: [3, 8, 17, 21, 23, 24], bitfusion4BitOutProjections: 16 },
  // Llama-2-13B as the official benchmark models it: a 4h MLP (20480), not SwiGLU's 13824 x 2.
  'llama2-13b': { name: 'Llama2-13B', blocks: 40, hidden: 5120, ffn: 20480, patchEmbedding: false, ant8BitBlocks: [1, 2, 4, 12, 21, 30, 31, 34], bitfusion4BitOutProjections: 20 },
};

const BATCH = 64;

/** One official layer with how many times it occurs in the model. */
export interface CountedLayer {
  readonly layer: OfficialLayer;
  readonly count: number;
}

const linear = (k: number, n: number, bits: number): OfficialLayer => ({ kernel: 1, out: 1, stride: 1, inChannels: k, outChannels: n, batch: BATCH, bits });

/** The block's four main GEMMs as (K, N): QKV, output projection, FFN up, FFN down. */
function blockGemms(m: OfficialModel): readonly (readonly [number, number])[] {
  return [[m.hidden, 3 * m.hidden], [m.hidden, m.hidden], [m.hidden, m.ffn], [m.ffn, m.hidden]];
}

/** A block's layers on one accelerator, main precision per GEMM index. */
function blockLayers(pe: StudyPeKind, m: OfficialModel, mainBits: (gemm: number) => number): OfficialLayer[] {
  const mixpe = pe === 'mixpe-w4a8' || pe === 'mixpe-w4a16';
  const full = pe === 'fp16' || pe === 'mixpe-w4a16' ? 16 : 8;
  return blockGemms(m).flatMap(([k, n], i) => mixpe
    ? [linear(k, n, mainBits(i)), linear(k / 8, n / 128, full)]
    : [linear(k, n / 8, full), linear(k, n, mainBits(i))]);
}

/** Every layer of a model on one accelerator, identical layers merged with their count. */
export function officialLayers(pe: StudyPeKind, model: OfficialModelId): CountedLayer[] {
  const m = officialModels[model];
  const layers: OfficialLayer[] = [];
  const convBits = pe === 'fp16' || pe === 'mixpe-w4a16' ? 16 : 8;
  if (m.patchEmbedding) layers.push({ kernel: 16, out: 14, stride: 16, inChannels: 3, outChannels: m.hidden, batch: BATCH, bits: convBits });
  for (let block = 1; block <= m.blocks; block++) {
    const main = (gemm: number): number => {
      switch (pe) {
        case 'mixpe-w4a8': return 4;
        case 'mixpe-w4a16': return 8;
        case 'fp16': return 16;
        case 'int8': return 8;
        case 'ant': return m.ant8BitBlocks.includes(block) ? 8 : 4;
        case 'bitfusion': return gemm === 1 && block <= m.bitfusion4BitOutProjections ? 4 : 8;
      }
    };
    layers.push(...blockLayers(pe, m, main));
  }
  const merged = new Map<string, CountedLayer>();
  for (const layer of layers) {
    const key = JSON.stringify(layer);
    const prev = merged.get(key);
    merged.set(key, { layer, count: (prev?.count ?? 0) + 1 });
  }
  return [...merged.values()];
}
