import type { TransformerSpec } from '../../../sim/workloads/index.ts';
import type { LlamaConfig } from '../config.ts';

/** The workload id under which sweeps (`tessera explore`) run the project's LM. */
export const LLM_WORKLOAD_ID = 'tessera-llm';

/**
 * A model's architecture as a sim workload spec (decoder, SwiGLU, grouped-query attention, its
 * vocabulary as the LM head), so the study's costing runs it as it runs the published models.
 */
export function llmWorkloadSpec(config: LlamaConfig, source: string): TransformerSpec {
  const from = `model config of ${source}`;
  return {
    id: LLM_WORKLOAD_ID, name: `Tessera LM (dim ${config.dim}, ${config.layers} blocks)`, kind: 'decoder',
    layers: config.layers, dModel: config.dim, heads: config.heads, kvHeads: config.kvHeads, ffnHidden: config.hiddenDim, ffn: 'swiglu',
    outputClasses: config.vocab,
    sources: { 'layers, dModel, heads, kvHeads, ffnHidden, outputClasses (vocabulary)': from },
  };
}
