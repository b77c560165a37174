/**
 * The engine model of a loaded checkpoint on a backend: the weights as they are, or, for a carved
 * (CMoE) checkpoint, with every FFN the mixture of experts its routing file describes.
 */
import type { GemmBackend } from '../common/gemm/index.ts';
import type { LoadedModel } from './checkpoint.ts';
import { carvedModel } from './compress/cmoe/pipeline.ts';
import { LlamaModel } from './engine/model.ts';

export function engineModel(m: Pick<LoadedModel, 'weights' | 'moe'>, backend: GemmBackend): LlamaModel {
  return m.moe ? carvedModel(m.weights, m.moe.layers, m.moe.active, backend).model : new LlamaModel(m.weights, backend);
}
