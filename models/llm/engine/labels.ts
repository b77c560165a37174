/**
 * The GEMM labels of a block's products, made once per layer and shared: a decode step would
 * otherwise allocate one label object per product (the ledger and checks only read them).
 */
import type { GemmLabel } from '../../common/gemm/index.ts';

const BLOCK_KINDS = ['q', 'k', 'v', 'qk', 'av', 'o', 'gate', 'up', 'down'] as const;
export type BlockProductKind = (typeof BLOCK_KINDS)[number];
export type BlockLabels = Readonly<Record<BlockProductKind, GemmLabel>>;

const byLayer = new Map<number, BlockLabels>();

/** The labels of block `layer`'s products. */
export function blockLabels(layer: number): BlockLabels {
  let labels = byLayer.get(layer);
  if (!labels) byLayer.set(layer, (labels = Object.freeze(Object.fromEntries(BLOCK_KINDS.map((kind) => [kind, Object.freeze({ kind, layer })])) as BlockLabels)));
  return labels;
}

export const LM_HEAD_LABEL: GemmLabel = Object.freeze({ kind: 'lm-head' });
