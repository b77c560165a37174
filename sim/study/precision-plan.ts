/**
 * Which precision mode each accelerator runs each GEMM of a workload in. The plan is the official
 * MixPE simulator's (sim/study/official/workloads.ts) so that both cost models price the same
 * arithmetic: MixPE at W4A8 / W4A16, INT8 at W8A8, the FP16 baseline on INT4 weights dequantized to
 * FP16 (W4A16), ANT at 4 bits (its 4-bit types for weights, 4-bit activations) except in its listed
 * 8-bit blocks, BitFusion at W8A8 with the output projection at 4 bits in half the blocks. Layers
 * outside the blocks (patch embedding, classifier, LM head) run at the accelerator's widest mode.
 * Models the official plan does not list (Llama-2-7B) take every fifth block at 8 bits for ANT.
 */
import type { StudyPeKind } from '../../hw/energy/index.ts';
import type { PrecisionMode } from '../../hw/index.ts';
import { officialModels, type OfficialModelId } from './official/workloads.ts';

/** The role of a GEMM inside a transformer block, or outside the blocks. */
export type GemmRole = 'qkv' | 'out' | 'ffn' | 'attention' | 'outside';

/** The mode of the accelerator's widest supported precision (outside the blocks). */
export function fullMode(pe: StudyPeKind): PrecisionMode {
  switch (pe) {
    case 'mixpe-w4a8': return 'w4a8';
    case 'mixpe-w4a16':
    case 'fp16': return 'w4a16';
    default: return 'w8a8';
  }
}

function ant8Bit(model: string, block: number): boolean {
  const official = officialModels[model as OfficialModelId];
  return official ? official.ant8BitBlocks.includes(block) : block % 5 === 0;
}

function bitfusion4BitOut(model: string, block: number, blocks: number): boolean {
  const official = officialModels[model as OfficialModelId];
  return block <= (official ? official.bitfusion4BitOutProjections : Math.floor(blocks / 2));
}

/** The mode of a GEMM of block `block` (1-based, of `blocks`) of `model` on `pe`. */
export function blockMode(pe: StudyPeKind, model: string, block: number, blocks: number, role: GemmRole): PrecisionMode {
  if (role === 'outside') return fullMode(pe);
  if (pe === 'ant') return ant8Bit(model, block) ? 'w8a8' : 'w4a4';
  if (pe === 'bitfusion') return role === 'out' && bitfusion4BitOut(model, block, blocks) ? 'w4a4' : 'w8a8';
  return fullMode(pe);
}

/** How many of a model's blocks run a role's GEMMs in each mode on `pe`. */
export function modeCounts(pe: StudyPeKind, model: string, blocks: number, role: GemmRole): Map<PrecisionMode, number> {
  const counts = new Map<PrecisionMode, number>();
  for (let b = 1; b <= blocks; b++) {
    const mode = blockMode(pe, model, b, blocks, role);
    counts.set(mode, (counts.get(mode) ?? 0) + 1);
  }
  return counts;
}
