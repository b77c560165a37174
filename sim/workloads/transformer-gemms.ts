import type { PhaseId, TransformerSpec, WorkloadGemm, WorkloadPhase } from './types.ts';

/**
 * The GEMMs of one phase of a transformer at a batch size.
 *
 * Linear layers stack the batch into M (M = batch x tokens). Attention GEMMs are one per
 * (sequence, head): scores Q[tokens x headDim] * K^T[headDim x context], context
 * P[tokens x context] * V[context x headDim]. Prefill computes the full square score matrix
 * (the causal mask is applied to it, as dense accelerators do), so its context is the prompt
 * length; a decode step attends to the KV cache plus the new token.
 */
export function transformerPhase(spec: TransformerSpec, phase: PhaseId, batch: number, tokens: number, context: number): WorkloadPhase {
  const headDim = spec.dModel / spec.heads;
  const kvDim = headDim * spec.kvHeads;
  const rows = batch * tokens;
  const L = spec.layers;
  const linear = (name: string, k: number, n: number, count = L): WorkloadGemm => ({ name, m: rows, k, n, count, operands: 'weight' });
  const gemms: WorkloadGemm[] = [];
  if (spec.kind === 'vit') {
    gemms.push({ name: 'patch-embed', m: batch * (tokens - 1), k: spec.patchFeatures!, n: spec.dModel, count: 1, operands: 'weight' });
  }
  gemms.push(
    linear('attn.qkv', spec.dModel, spec.dModel + 2 * kvDim),
    { name: 'attn.scores', m: tokens, k: headDim, n: context, count: L * batch * spec.heads, operands: 'activation' },
    { name: 'attn.context', m: tokens, k: context, n: headDim, count: L * batch * spec.heads, operands: 'activation' },
    linear('attn.out', spec.dModel, spec.dModel),
  );
  if (spec.ffn === 'swiglu') gemms.push(linear('ffn.gate+up', spec.dModel, 2 * spec.ffnHidden));
  else gemms.push(linear('ffn.up', spec.dModel, spec.ffnHidden));
  gemms.push(linear('ffn.down', spec.ffnHidden, spec.dModel));
  // ViT classifies from the class token only; a decoder's LM head scores the last position of each
  // sequence (the logits of earlier prompt positions are not needed to generate).
  gemms.push({ name: spec.kind === 'vit' ? 'classifier' : 'lm-head', m: batch, k: spec.dModel, n: spec.outputClasses, count: 1, operands: 'weight' });
  return { id: phase, tokens, context, gemms };
}

/** Multiply-accumulates of a phase (sum of M*K*N*count). */
export function phaseMacs(phase: WorkloadPhase): number {
  return phase.gemms.reduce((s, g) => s + g.m * g.k * g.n * g.count, 0);
}
