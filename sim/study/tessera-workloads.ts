/**
 * The workloads of the study in Tessera's own model, as GEMMs each tagged with the precision mode the
 * accelerator runs it in (precision-plan.ts):
 * - the official workloads (the headline comparison): each model's four linear layers per block with
 *   64 rows (batch 64, one token each) and ViTs' 16x16 patch embedding as a GEMM, with no extra
 *   dequantization GEMMs: the array's dequantization units and feeders do that work, and the
 *   simulator counts it;
 * - the library's phases (sim/workloads), which the official model leaves out: a ViT encoder over its
 *   197 or 257 tokens with attention, an LLM prefill of the prompt and a batch-64 decode step with
 *   their attention score and context GEMMs, SwiGLU FFNs for Llama, the LM head.
 */
import type { StudyPeKind } from '../../hw/energy/index.ts';
import type { PrecisionMode } from '../../hw/index.ts';
import type { WorkloadGemm, WorkloadPhase } from '../workloads/index.ts';
import { officialModels, type OfficialModelId } from './official/workloads.ts';
import { fullMode, modeCounts, type GemmRole } from './precision-plan.ts';

/** A workload GEMM in the mode the accelerator runs it. */
export interface ModedGemm extends WorkloadGemm {
  readonly mode: PrecisionMode;
}

/** Rows of every official linear layer: batch 64, one token each. */
const OFFICIAL_ROWS = 64;

function split(pe: StudyPeKind, model: string, blocks: number, role: GemmRole, gemm: Omit<WorkloadGemm, 'count'>, perBlock: number): ModedGemm[] {
  return [...modeCounts(pe, model, blocks, role)].map(([mode, count]) => ({ ...gemm, count: count * perBlock, mode }));
}

/** The official workload of a model on `pe`, in Tessera's hardware. */
export function officialWorkloadGemms(pe: StudyPeKind, model: OfficialModelId): ModedGemm[] {
  const m = officialModels[model];
  const gemms: ModedGemm[] = [];
  // 224x224 images in 16x16 patches of 3 channels: 196 patches x 768 features per image.
  if (m.patchEmbedding) gemms.push({ name: 'patch-embed', m: OFFICIAL_ROWS * 196, k: 16 * 16 * 3, n: m.hidden, count: 1, operands: 'weight', mode: fullMode(pe) });
  const h = m.hidden;
  const layers: [string, number, number, GemmRole][] = [['attn.qkv', h, 3 * h, 'qkv'], ['attn.out', h, h, 'out'], ['ffn.up', h, m.ffn, 'ffn'], ['ffn.down', m.ffn, h, 'ffn']];
  for (const [name, k, n, role] of layers) gemms.push(...split(pe, model, m.blocks, role, { name, m: OFFICIAL_ROWS, k, n, operands: 'weight' }, 1));
  return gemms;
}

function roleOf(name: string): GemmRole {
  if (name === 'attn.qkv') return 'qkv';
  if (name === 'attn.out') return 'out';
  if (name.startsWith('ffn.')) return 'ffn';
  if (name === 'attn.scores' || name === 'attn.context') return 'attention';
  return 'outside';
}

/** A library phase of `model` (with `layers` blocks) on `pe`: each per-block GEMM split by the blocks' modes. */
export function phaseGemms(pe: StudyPeKind, model: string, layers: number, phase: WorkloadPhase): ModedGemm[] {
  return phase.gemms.flatMap((g) => {
    const role = roleOf(g.name);
    if (role === 'outside') return [{ ...g, mode: fullMode(pe) }];
    if (g.count % layers !== 0) throw new Error(`${g.name}: ${g.count} GEMMs do not spread over ${layers} blocks`);
    return split(pe, model, layers, role, g, g.count / layers);
  });
}
