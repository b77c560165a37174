/**
 * Exports a model as an ONNX decode step with a KV cache: inputs `token` [1] and `pos` [1] (int64)
 * and, per block, `past_key_L` / `past_value_L` [kvHeads, P, headSize]; outputs `logits` [1, vocab]
 * and `present_key_L` / `present_value_L` [kvHeads, P + 1, headSize]. The arithmetic is the
 * engine's (RMSNorm, RoPE on adjacent pairs, SwiGLU, grouped-query attention, tied classifier), in
 * float32 with ONNX's standard operators (opset 17), so onnxruntime can run the same model.
 */
import { writeFileAtomic } from '../../../util/index.ts';
import { transpose } from '../../common/gemm/index.ts';
import { NORM_EPS, ROPE_BASE } from '../config.ts';
import type { LlamaWeights } from '../checkpoint.ts';
import { FLOAT, INT64, OnnxGraph } from './onnx-graph.ts';
import { encodeMessage } from './protobuf.ts';

const OPSET = 17;

/** The ONNX file's bytes for the decode step of `w`. */
export function exportOnnxDecoder(w: LlamaWeights): Uint8Array {
  const c = w.config;
  const hs = c.dim / c.heads, rep = c.heads / c.kvHeads, kvDim = hs * c.kvHeads;
  const g = new OnnxGraph();
  const i64 = (name: string, v: number[]) => g.constant(name, [v.length], BigInt64Array.from(v.map(BigInt)));
  const f32 = (name: string, v: number) => g.constant(name, [], Float32Array.of(v));
  // RoPE tables per position and pair: [seqLen, heads x hs / 2] (the same angles in every head).
  const ropeTable = (width: number, fn: (a: number) => number) => {
    const t = new Float32Array(c.seqLen * (width / 2));
    for (let p = 0; p < c.seqLen; p++) for (let i = 0; i < width / 2; i++) t[p * (width / 2) + i] = fn(p * ROPE_BASE ** (-(2 * (i % (hs / 2))) / hs));
    return t;
  };
  const cosQ = g.constant('rope_cos_q', [c.seqLen, c.dim / 2], ropeTable(c.dim, Math.cos));
  const sinQ = g.constant('rope_sin_q', [c.seqLen, c.dim / 2], ropeTable(c.dim, Math.sin));
  const cosK = g.constant('rope_cos_k', [c.seqLen, kvDim / 2], ropeTable(kvDim, Math.cos));
  const sinK = g.constant('rope_sin_k', [c.seqLen, kvDim / 2], ropeTable(kvDim, Math.sin));
  const eps = f32('eps', NORM_EPS), scale = f32('attn_scale', 1 / Math.sqrt(hs));
  const pairShape = (width: number) => i64(`pairs_${width}`, [width / 2, 2]);
  const rowShape = (width: number) => i64(`row_${width}`, [1, width]);
  const colShape = (width: number) => i64(`col_${width}`, [width / 2, 1]);
  const kvShape = i64('kv_shape', [c.kvHeads, 1, hs]);
  const qShape = i64('q_shape', [c.kvHeads, rep, hs]);

  const token = g.input('token', INT64, [1]);
  const pos = g.input('pos', INT64, [1]);
  const rmsNorm = (x: string, weight: Float32Array, name: string) => {
    const ms = g.op('ReduceMean', [g.op('Mul', [x, x])], [['axes', [-1]], ['keepdims', 1]]);
    return g.op('Mul', [g.op('Div', [x, g.op('Sqrt', [g.op('Add', [ms, eps])])]), g.constant(name, [weight.length], weight)]);
  };
  /** x [in] times nn.Linear weight [out, in]: MatMul with its transpose. */
  const linear = (x: string, weight: Float32Array, inp: number, out: number, name: string) => g.op('MatMul', [x, g.constant(name, [inp, out], transpose(weight, out, inp))]);
  /** RoPE of a row [1, width]: each pair (a, b) -> (a cos - b sin, a sin + b cos). */
  const rope = (x: string, width: number, cosT: string, sinT: string) => {
    const cos = g.op('Reshape', [g.op('Gather', [cosT, pos], [['axis', 0]]), colShape(width)]);
    const sin = g.op('Reshape', [g.op('Gather', [sinT, pos], [['axis', 0]]), colShape(width)]);
    const [a, b] = g.opMulti('Split', [g.op('Reshape', [x, pairShape(width)]), i64(`split_${width}`, [1, 1])], 2, [['axis', 1]]);
    const first = g.op('Sub', [g.op('Mul', [a, cos]), g.op('Mul', [b, sin])]);
    const second = g.op('Add', [g.op('Mul', [a, sin]), g.op('Mul', [b, cos])]);
    return g.op('Reshape', [g.op('Concat', [first, second], [['axis', 1]]), rowShape(width)]);
  };

  let x = g.op('Gather', [g.constant('tok_embeddings', [c.vocab, c.dim], w.tokenEmbedding), token], [['axis', 0]]); // [1, dim]
  w.layers.forEach((L, l) => {
    const xn = rmsNorm(x, L.rmsAttention, `l${l}_attention_norm`);
    const q = rope(linear(xn, L.wq, c.dim, c.dim, `l${l}_wq`), c.dim, cosQ, sinQ);
    const k = rope(linear(xn, L.wk, c.dim, kvDim, `l${l}_wk`), kvDim, cosK, sinK);
    const v = linear(xn, L.wv, c.dim, kvDim, `l${l}_wv`);
    const pastK = g.input(`past_key_${l}`, FLOAT, [c.kvHeads, 'past', hs]);
    const pastV = g.input(`past_value_${l}`, FLOAT, [c.kvHeads, 'past', hs]);
    const keys = g.op('Concat', [pastK, g.op('Reshape', [k, kvShape])], [['axis', 1]], `present_key_${l}`);
    const values = g.op('Concat', [pastV, g.op('Reshape', [v, kvShape])], [['axis', 1]], `present_value_${l}`);
    g.output(keys, FLOAT, [c.kvHeads, 'present', hs]);
    g.output(values, FLOAT, [c.kvHeads, 'present', hs]);
    // Query heads grouped by the KV head they share: [kvHeads, rep, hs] x [kvHeads, hs, P+1].
    const scores = g.op('Mul', [g.op('MatMul', [g.op('Reshape', [q, qShape]), g.op('Transpose', [keys], [['perm', [0, 2, 1]]])]), scale]);
    const context = g.op('MatMul', [g.op('Softmax', [scores], [['axis', -1]]), values]);
    x = g.op('Add', [x, linear(g.op('Reshape', [context, rowShape(c.dim)]), L.wo, c.dim, c.dim, `l${l}_wo`)]);
    const xf = rmsNorm(x, L.rmsFfn, `l${l}_ffn_norm`);
    const gate = linear(xf, L.w1, c.dim, c.hiddenDim, `l${l}_w1`);
    const hidden = g.op('Mul', [g.op('Mul', [gate, g.op('Sigmoid', [gate])]), linear(xf, L.w3, c.dim, c.hiddenDim, `l${l}_w3`)]);
    x = g.op('Add', [x, linear(hidden, L.w2, c.hiddenDim, c.dim, `l${l}_w2`)]);
  });
  g.op('MatMul', [rmsNorm(x, w.rmsFinal, 'norm'), g.constant('classifier', [c.dim, c.vocab], transpose(w.classifier, c.vocab, c.dim))], [], 'logits');
  g.output('logits', FLOAT, [1, c.vocab]);
  return encodeMessage(g.model('tessera-llama-decode', OPSET));
}

/** Writes the decode step of `w` as an ONNX file. */
export function writeOnnxDecoder(file: string, w: LlamaWeights): void {
  writeFileAtomic(file, exportOnnxDecoder(w));
}
