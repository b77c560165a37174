/**
 * A worker's share of a training step: the loss and gradients of the model at the given weights on
 * a shard of the batch. The pool's workers keep one model per configuration and overwrite its
 * weights on every call, so the main thread's optimizer alone owns the training state.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../common/index.ts';
import type { LlamaConfig } from '../config.ts';
import { TfLlama } from './tf-llama.ts';

export interface GradTaskInput {
  readonly config: LlamaConfig;
  readonly weights: Record<string, Float32Array>;
  readonly inputs: Int32Array;
  readonly targets: Int32Array;
  readonly rows: number;
  readonly cols: number;
}

export interface GradTaskOutput {
  readonly loss: number;
  readonly grads: Record<string, Float32Array>;
}

let model: { key: string; m: TfLlama } | undefined;

/** Loss and gradients (by parameter name) of one shard; usable in-process too. */
export function shardGradients(m: TfLlama, inputs: Int32Array, targets: Int32Array, rows: number, cols: number): GradTaskOutput {
  const names = m.params.names();
  const vars = names.map((n) => m.params.get(n));
  const { value, grads } = tf.variableGrads(() => m.loss(tf.tensor2d(inputs, [rows, cols], 'int32'), tf.tensor2d(targets, [rows, cols], 'int32')), vars);
  const out: Record<string, Float32Array> = {};
  vars.forEach((v, i) => { out[names[i]] = grads[v.name].dataSync() as Float32Array; });
  const loss = value.dataSync()[0];
  tf.dispose([value, ...Object.values(grads)]);
  return { loss, grads: out };
}

export default async function gradTask(input: GradTaskInput): Promise<GradTaskOutput> {
  await selectBackend(() => {});
  const key = JSON.stringify(input.config);
  if (model?.key !== key) {
    model?.m.dispose();
    model = { key, m: new TfLlama(input.config, 0) };
  }
  const m = model.m;
  m.params.restore(new Map(Object.entries(input.weights).map(([name, data]) => [name, { shape: m.params.get(name).shape, data }])));
  return shardGradients(m, input.inputs, input.targets, input.rows, input.cols);
}
