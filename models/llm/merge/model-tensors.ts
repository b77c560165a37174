/** A model's weights as named tensors (the checkpoint's names and shapes) and back. */
import { namedTensors, type LlamaWeights } from '../checkpoint.ts';

export interface Tensor2 {
  readonly name: string;
  /** A matrix's rows and columns; a vector is 1 x n. */
  readonly rows: number;
  readonly cols: number;
}

export function tensorsOf(w: LlamaWeights): { info: Tensor2; data: Float32Array }[] {
  return namedTensors(w).map(([name, shape, data]) => ({ info: { name, rows: shape.length === 1 ? 1 : shape[0], cols: shape[shape.length - 1] }, data }));
}

/** A copy of `template` whose tensors come from `data` (by name; missing names keep the template's). */
export function withTensors(template: LlamaWeights, data: ReadonlyMap<string, Float32Array>): LlamaWeights {
  const get = (name: string, own: Float32Array) => data.get(name) ?? own;
  const embedding = get('tok_embeddings', template.tokenEmbedding);
  return {
    config: template.config,
    tokenEmbedding: embedding,
    classifier: template.config.tiedClassifier ? embedding : get('output', template.classifier),
    rmsFinal: get('norm', template.rmsFinal),
    layers: template.layers.map((l, i) => ({
      rmsAttention: get(`layers.${i}.attention_norm`, l.rmsAttention), rmsFfn: get(`layers.${i}.ffn_norm`, l.rmsFfn),
      wq: get(`layers.${i}.wq`, l.wq), wk: get(`layers.${i}.wk`, l.wk), wv: get(`layers.${i}.wv`, l.wv), wo: get(`layers.${i}.wo`, l.wo),
      w1: get(`layers.${i}.w1`, l.w1), w2: get(`layers.${i}.w2`, l.w2), w3: get(`layers.${i}.w3`, l.w3),
    })),
  };
}

const equal = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Indices of the tensors that differ between any two of the models. */
export function differingTensors(models: readonly LlamaWeights[]): number[] {
  const all = models.map(tensorsOf);
  return all[0].flatMap((t, k) => (all.some((m) => !equal(m[k].data, t.data)) ? [k] : []));
}

/**
 * The first block any of the models changes (the number of blocks when none does); -1 when the
 * embedding differs (whole-model fine-tunes): then not even the input of block 0 is shared.
 */
export function firstChangedBlock(models: readonly LlamaWeights[]): number {
  const names = differingTensors(models).map((k) => tensorsOf(models[0])[k].info.name);
  if (names.some((n) => n === 'tok_embeddings' || n === 'output')) return -1;
  const blocks = names.flatMap((n) => { const m = /^layers\.(\d+)\./.exec(n); return m ? [Number(m[1])] : []; });
  return blocks.length ? Math.min(...blocks) : models[0].config.layers;
}
