/**
 * A worker's share of an evaluation: the window sums of a checkpoint on one backend. The model is
 * loaded once per checkpoint and prepared once per backend (quantized for the array) per worker.
 */
import { backendFromFlags, type BackendFlags } from '../../common/gemm/index.ts';
import type { LlamaModel } from '../engine/model.ts';
import { engineModel } from '../engine-model.ts';
import { loadModel } from '../shipped.ts';
import { scoreModelWindows, type WindowScore } from './evaluate.ts';

export interface ScoreTaskInput {
  /** The checkpoint (default: the shipped model) and its tokenizer file, as `loadModel` takes them. */
  readonly checkpoint?: string;
  readonly tokenizer?: string;
  /** The cache key of the weights. */
  readonly key: string;
  /** The backend; undefined for the float reference. */
  readonly flags?: BackendFlags;
  readonly windows: Uint16Array[];
}

const models = new Map<string, LlamaModel>();

export default function scoreTask(input: ScoreTaskInput): WindowScore {
  const id = JSON.stringify([input.checkpoint, input.tokenizer, input.key, input.flags ?? null]);
  let model = models.get(id);
  if (!model) {
    const m = loadModel(input.checkpoint, input.tokenizer, false);
    model = engineModel(m, backendFromFlags(input.flags ?? {}));
    models.set(id, model);
  }
  return scoreModelWindows(model, input.key, input.windows);
}
