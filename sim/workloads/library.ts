import { UserError } from '../../util/index.ts';
import { transformerPhase } from './transformer-gemms.ts';
import type { TransformerSpec, Workload } from './types.ts';

const vitPaper = 'Dosovitskiy et al., "An Image is Worth 16x16 Words", ICLR 2021, Table 1';
const vitTokens = (patch: number) => `224x224 input / ${patch}x${patch} patches = ${(224 / patch) ** 2} patches + 1 class token (same paper, Sec. 3.1)`;
const optPaper = 'Zhang et al., "OPT: Open Pre-trained Transformer Language Models", arXiv:2205.01068, Table 1';
const optConfig = 'facebook/opt-6.7b config.json on the Hugging Face Hub (ffn_dim, vocab_size)';
const llamaPaper = 'Touvron et al., "Llama 2: Open Foundation and Fine-Tuned Chat Models", arXiv:2307.09288, Table 1 and Sec. 2.2';
const llamaConfig = (size: string) => `meta-llama/Llama-2-${size}-hf config.json on the Hugging Face Hub (hidden_size, intermediate_size, num_hidden_layers, num_attention_heads, num_key_value_heads, vocab_size)`;

/** The architectures of the MixPE evaluation, with the source of each figure. */
export const transformerSpecs: readonly TransformerSpec[] = [
  {
    id: 'vit-b', name: 'ViT-Base/16', kind: 'vit', layers: 12, dModel: 768, heads: 12, kvHeads: 12, ffnHidden: 3072, ffn: 'mlp',
    imageTokens: 197, patchFeatures: 16 * 16 * 3, outputClasses: 1000,
    sources: { 'layers, dModel, heads, ffnHidden': vitPaper, imageTokens: vitTokens(16), outputClasses: 'ImageNet-1k classifier head' },
  },
  {
    id: 'vit-h', name: 'ViT-Huge/14', kind: 'vit', layers: 32, dModel: 1280, heads: 16, kvHeads: 16, ffnHidden: 5120, ffn: 'mlp',
    imageTokens: 257, patchFeatures: 14 * 14 * 3, outputClasses: 1000,
    sources: { 'layers, dModel, heads, ffnHidden': vitPaper, imageTokens: vitTokens(14), outputClasses: 'ImageNet-1k classifier head' },
  },
  {
    id: 'opt-6.7b', name: 'OPT-6.7B', kind: 'decoder', layers: 32, dModel: 4096, heads: 32, kvHeads: 32, ffnHidden: 16384, ffn: 'mlp',
    outputClasses: 50272,
    sources: { 'layers, dModel, heads': optPaper, 'ffnHidden, outputClasses (vocabulary)': optConfig },
  },
  {
    id: 'llama2-7b', name: 'Llama-2-7B', kind: 'decoder', layers: 32, dModel: 4096, heads: 32, kvHeads: 32, ffnHidden: 11008, ffn: 'swiglu',
    outputClasses: 32000,
    sources: { 'layers, dModel, heads': llamaPaper, 'kvHeads, ffnHidden, outputClasses (vocabulary)': llamaConfig('7b') },
  },
  {
    id: 'llama2-13b', name: 'Llama-2-13B', kind: 'decoder', layers: 40, dModel: 5120, heads: 40, kvHeads: 40, ffnHidden: 13824, ffn: 'swiglu',
    outputClasses: 32000,
    sources: { 'layers, dModel, heads': llamaPaper, 'kvHeads, ffnHidden, outputClasses (vocabulary)': llamaConfig('13b') },
  },
];

/** Batch size of the MixPE evaluation (as stated in the study's issue). */
export const defaultBatch = 64;
/**
 * Prompt length of the prefill phase. Our choice, not a figure of the MixPE paper: 512 tokens is a
 * common LLM evaluation length and keeps attention a realistic but minor share of the work.
 */
export const defaultPromptLength = 512;

/** The workloads the study runs by default: the four of the published geometric mean. */
export const defaultStudyWorkloads: readonly string[] = ['vit-b', 'vit-h', 'opt-6.7b', 'llama2-13b'];

/** The largest GEMM dimension the simulator accepts (sim/validate.ts). */
const maxGemmRows = 1 << 20;

export const workloadIds: readonly string[] = transformerSpecs.map((s) => s.id);

export interface WorkloadOptions {
  readonly batch?: number;
  readonly promptLength?: number;
}

/**
 * The workload of one architecture: ViTs have a single encoder phase over the image tokens;
 * decoders have a prefill of the prompt and one decode step that attends to the prompt's KV cache.
 */
export function workload(id: string, options: WorkloadOptions = {}): Workload {
  const spec = transformerSpecs.find((s) => s.id === id);
  if (!spec) throw new UserError(`unknown workload '${id}'`, '--workloads', `choose from: ${workloadIds.join(', ')}`);
  return workloadOf(spec, options);
}

/** The workload of any architecture described as a TransformerSpec (the library's or a caller's). */
export function workloadOf(spec: TransformerSpec, options: WorkloadOptions = {}): Workload {
  const batch = options.batch ?? defaultBatch;
  const prompt = options.promptLength ?? defaultPromptLength;
  for (const [flag, v] of [['--batch', batch], ['--prompt', prompt]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new UserError(`must be a positive whole number, got ${v}`, flag);
  }
  const rows = batch * (spec.kind === 'vit' ? spec.imageTokens! : prompt);
  if (rows > maxGemmRows) {
    throw new UserError(`batch x tokens = ${rows} rows exceeds the simulator's ${maxGemmRows}`, spec.kind === 'vit' ? '--batch' : '--prompt', `keep batch x ${spec.kind === 'vit' ? 'image tokens' : 'prompt'} at most ${maxGemmRows}`);
  }
  const phases = spec.kind === 'vit'
    ? [transformerPhase(spec, 'encoder', batch, spec.imageTokens!, spec.imageTokens!)]
    : [transformerPhase(spec, 'prefill', batch, prompt, prompt), transformerPhase(spec, 'decode', batch, 1, prompt + 1)];
  return {
    id: spec.id, name: spec.name, batch, layers: spec.layers, phases,
    sources: { ...spec.sources, batch: options.batch === undefined ? 'MixPE evaluation setting (batch 64)' : 'user setting', ...(spec.kind === 'decoder' ? { promptLength: options.promptLength === undefined ? `Tessera default (${prompt}); not from the MixPE paper` : 'user setting' } : {}) },
  };
}
