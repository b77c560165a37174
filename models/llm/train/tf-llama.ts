/**
 * The model as a tfjs training graph: the same architecture as the inference engine (RoPE on
 * adjacent pairs, SwiGLU, tied classifier), so weights move between the two with `toWeights` /
 * `fromWeights`. Projections are held as [in, out] here (x W without a transposed product, see
 * matmul.ts) and as llama2.c's nn.Linear [out, in] in the engine. Optional LoRA adapters on any
 * projection (fine-tuning); `toWeights` folds them into the matrices.
 */
import * as tf from '@tensorflow/tfjs';
import { gatherRows, Parameters } from '../../common/index.ts';
import { transpose } from '../../common/gemm/index.ts';
import { NORM_EPS, ROPE_BASE, type LlamaConfig } from '../config.ts';
import type { Llama2cCheckpoint } from '../llama2c-checkpoint.ts';
import { matmul } from './matmul.ts';

/** The projections of a block, as llama2.c names them. */
export const PROJECTIONS = ['wq', 'wk', 'wv', 'wo', 'w1', 'w2', 'w3'] as const;
export type Projection = (typeof PROJECTIONS)[number];

export interface LoraOptions {
  readonly rank: number;
  readonly alpha: number;
  /** Which projections get an adapter (default all). */
  readonly targets?: readonly Projection[];
}

const projectionParam = (l: number, p: Projection) => `layers.${l}.${p === 'w1' || p === 'w2' || p === 'w3' ? 'feed_forward' : 'attention'}.${p}.weight`;

/**
 * Optional changes to the graph, for compression methods that fine-tune a modified model: the
 * effective weight of a projection (e.g. a fused W + B A + C * W_removed), and per-token weights of
 * the FFN's hidden neurons (a mixture of experts carved from the FFN: 0 for neurons of experts not
 * selected, the expert's weight otherwise).
 */
export interface TfLlamaHooks {
  /** The [in, out] weight block `l` uses for projection `p` instead of its parameter `base`. */
  weight?(l: number, p: Projection, base: tf.Tensor2D): tf.Tensor2D;
  /** [rows, hiddenDim] weights multiplied into SiLU(x W1) * (x W3) of block `l`, from its normalised input xf. */
  ffnGate?(l: number, xf: tf.Tensor2D): tf.Tensor2D;
}

export class TfLlama {
  readonly params: Parameters;
  hooks: TfLlamaHooks = {};
  private readonly kvDim: number;
  private readonly headSize: number;
  private lora: LoraOptions | undefined;

  constructor(readonly config: LlamaConfig, seed: number) {
    const { dim, hiddenDim, layers, heads, kvHeads, vocab } = config;
    if (!config.tiedClassifier) throw new Error('the training graph ties the classifier to the embedding');
    this.headSize = dim / heads;
    this.kvDim = this.headSize * kvHeads;
    this.params = new Parameters(seed);
    // GPT-2 / llama2.c initialisation: N(0, 0.02), residual projections scaled by 1/sqrt(2 layers).
    const std = { normal: 0.02 };
    const residual = { normal: 0.02 / Math.sqrt(2 * layers) };
    this.params.add('tok_embeddings.weight', [vocab, dim], std);
    for (let l = 0; l < layers; l++) {
      this.params.add(`layers.${l}.attention_norm.weight`, [dim], 'ones');
      this.params.add(projectionParam(l, 'wq'), [dim, dim], std);
      this.params.add(projectionParam(l, 'wk'), [dim, this.kvDim], std);
      this.params.add(projectionParam(l, 'wv'), [dim, this.kvDim], std);
      this.params.add(projectionParam(l, 'wo'), [dim, dim], residual);
      this.params.add(`layers.${l}.ffn_norm.weight`, [dim], 'ones');
      this.params.add(projectionParam(l, 'w1'), [dim, hiddenDim], std);
      this.params.add(projectionParam(l, 'w2'), [hiddenDim, dim], residual);
      this.params.add(projectionParam(l, 'w3'), [dim, hiddenDim], std);
    }
    this.params.add('norm.weight', [dim], 'ones');
  }

  /** Adds LoRA adapters (A ~ N(0, 1/rank), B = 0, so the model is unchanged until trained); returns their variables. */
  addLora(options: LoraOptions): tf.Variable[] {
    if (this.lora) throw new Error('LoRA adapters already added');
    this.lora = options;
    const added: tf.Variable[] = [];
    for (let l = 0; l < this.config.layers; l++) {
      for (const p of options.targets ?? PROJECTIONS) {
        const [inp, out] = this.params.get(projectionParam(l, p)).shape;
        added.push(this.params.add(`lora.${l}.${p}.A`, [inp, options.rank], { normal: 1 / Math.sqrt(options.rank) }));
        added.push(this.params.add(`lora.${l}.${p}.B`, [options.rank, out], 'zeros'));
      }
    }
    return added;
  }

  private hasLora(p: Projection): boolean {
    return this.lora !== undefined && (this.lora.targets ?? PROJECTIONS).includes(p);
  }

  /** x [rows, in] times the projection (plus the LoRA path x A B alpha/rank). */
  private project(x: tf.Tensor2D, l: number, p: Projection): tf.Tensor2D {
    const base = this.params.get(projectionParam(l, p)) as tf.Tensor2D;
    const y = matmul(x, this.hooks.weight ? this.hooks.weight(l, p, base) : base);
    if (!this.hasLora(p)) return y;
    const a = this.params.get(`lora.${l}.${p}.A`) as tf.Tensor2D, b = this.params.get(`lora.${l}.${p}.B`) as tf.Tensor2D;
    return tf.add(y, tf.mul(matmul(matmul(x, a), b), this.lora!.alpha / this.lora!.rank)) as tf.Tensor2D;
  }

  private rmsNorm(x: tf.Tensor2D, name: string): tf.Tensor2D {
    const ms = tf.mean(tf.square(x), -1, true);
    return tf.mul(tf.mul(x, tf.rsqrt(tf.add(ms, NORM_EPS))), this.params.get(name));
  }

  /**
   * RoPE on x [B*T, width] (width = heads x head size): pair (2j, 2j+1) rotated by the angle of its
   * position, as x * cos + (x R) * sin, where R maps each pair (a, b) to (-b, a). The product with R
   * (a 2-D matMul) replaces tfjs's split and concat, which are slow on the wasm backend.
   */
  private rope(x: tf.Tensor2D, batch: number, T: number, width: number): tf.Tensor2D {
    const { cos, sin, rot } = this.ropeTables(T, width);
    const rotated = tf.reshape(matmul(x, rot), [batch, T, width]);
    return tf.reshape(tf.add(tf.mul(tf.reshape(x, [batch, T, width]), cos), tf.mul(rotated, sin)), [batch * T, width]) as tf.Tensor2D;
  }

  private readonly ropeCache = new Map<string, { cos: tf.Tensor2D; sin: tf.Tensor2D; rot: tf.Tensor2D }>();

  private ropeTables(T: number, width: number): { cos: tf.Tensor2D; sin: tf.Tensor2D; rot: tf.Tensor2D } {
    const key = `${T}x${width}`;
    let t = this.ropeCache.get(key);
    if (!t) {
      const cos = new Float32Array(T * width), sin = new Float32Array(T * width), rot = new Float32Array(width * width);
      for (let pos = 0; pos < T; pos++) {
        for (let i = 0; i < width; i += 2) {
          const angle = pos * ROPE_BASE ** (-(i % this.headSize) / this.headSize);
          cos[pos * width + i] = cos[pos * width + i + 1] = Math.cos(angle);
          sin[pos * width + i] = sin[pos * width + i + 1] = Math.sin(angle);
        }
      }
      // (x R)[i] = -x[i+1], (x R)[i+1] = x[i] for even i.
      for (let i = 0; i < width; i += 2) { rot[(i + 1) * width + i] = -1; rot[i * width + i + 1] = 1; }
      t = tf.tidy(() => ({ cos: tf.keep(tf.tensor2d(cos, [T, width])), sin: tf.keep(tf.tensor2d(sin, [T, width])), rot: tf.keep(tf.tensor2d(rot, [width, width])) }));
      this.ropeCache.set(key, t);
    }
    return t;
  }

  /** Final hidden states (after the last RMSNorm), [B*T, dim], of token ids [B, T]. */
  hidden(tokens: tf.Tensor2D): tf.Tensor2D {
    const [B, T] = tokens.shape;
    return this.hiddenFrom(this.residual(tokens, 0), 0, B, T);
  }

  /** The residual stream [B*T, dim] of token ids [B, T] entering block `upTo` (the embeddings for 0). */
  residual(tokens: tf.Tensor2D, upTo: number): tf.Tensor2D {
    const [B, T] = tokens.shape;
    let x = gatherRows(this.params.get('tok_embeddings.weight'), tf.reshape(tokens, [-1]) as tf.Tensor1D) as tf.Tensor2D;
    for (let l = 0; l < upTo; l++) x = this.block(x, l, B, T);
    return x;
  }

  /** Final hidden states from the residual stream x [B*T, dim] entering block `from` (models that share the lower blocks reuse x). */
  hiddenFrom(x: tf.Tensor2D, from: number, B: number, T: number): tf.Tensor2D {
    for (let l = from; l < this.config.layers; l++) x = this.block(x, l, B, T);
    return this.rmsNorm(x, 'norm.weight');
  }

  /** Block `l` on the residual stream x [B*T, dim] of B sequences of T tokens (positions 0..T-1). */
  block(x: tf.Tensor2D, l: number, B: number, T: number): tf.Tensor2D {
    const { dim, heads, kvHeads } = this.config;
    const hs = this.headSize;
    const xn = this.rmsNorm(x, `layers.${l}.attention_norm.weight`);
    const q = this.rope(this.project(xn, l, 'wq'), B, T, dim);
    const k = this.rope(this.project(xn, l, 'wk'), B, T, this.kvDim);
    const v = this.project(xn, l, 'wv');
    // [B, T, heads, hs] -> [B * heads, T, hs]
    const byHead = (m: tf.Tensor, n: number) => tf.reshape(tf.transpose(tf.reshape(m, [B, T, n, hs]), [0, 2, 1, 3]), [B * n, T, hs]) as tf.Tensor3D;
    // GQA: the query heads sharing a KV head are stacked along time ([B*kvHeads, rep*T, hs], a plain
    // reshape since head h uses KV head floor(h / rep)), so keys and values are never copied per head.
    const grouped = tf.reshape(byHead(q, heads), [B * kvHeads, (heads / kvHeads) * T, hs]) as tf.Tensor3D;
    const context = this.attention(grouped, byHead(k, kvHeads), byHead(v, kvHeads), T);
    const merged = tf.reshape(tf.transpose(tf.reshape(context, [B, heads, T, hs]), [0, 2, 1, 3]), [B * T, dim]) as tf.Tensor2D;
    const y = tf.add(x, this.project(merged, l, 'wo')) as tf.Tensor2D;
    const xf = this.rmsNorm(y, `layers.${l}.ffn_norm.weight`);
    const gate = this.project(xf, l, 'w1');
    const h = tf.mul(tf.mul(gate, tf.sigmoid(gate)), this.project(xf, l, 'w3')) as tf.Tensor2D;
    const gated = this.hooks.ffnGate ? (tf.mul(h, this.hooks.ffnGate(l, xf)) as tf.Tensor2D) : h;
    return tf.add(y, this.project(gated, l, 'w2'));
  }

  /**
   * Causal softmax attention of q [B*kvHeads, rep*T, hs] (rep query heads stacked along time)
   * against k, v [B*kvHeads, T, hs]. The batched products are tfjs's (measured here: a hand-written
   * typed-array kernel that skips the masked half was still 1.4x slower than the wasm kernel's
   * SIMD); K is transposed explicitly, as in matmul.ts.
   */
  private attention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, T: number): tf.Tensor3D {
    const scores = tf.add(tf.div(tf.matMul(q, tf.transpose(k, [0, 2, 1])), Math.sqrt(this.headSize)), this.causalMask(q.shape[1] / T, T));
    return tf.matMul(tf.softmax(scores), v) as tf.Tensor3D;
  }

  private readonly maskCache = new Map<string, tf.Tensor2D>();

  /** -1e9 where row i (position i mod T) may not see column j (j > i mod T), else 0: [rep*T, T]. */
  private causalMask(rep: number, T: number): tf.Tensor2D {
    const key = `${rep}x${T}`;
    let mask = this.maskCache.get(key);
    if (!mask) {
      const m = new Float32Array(rep * T * T);
      for (let r = 0; r < rep * T; r++) for (let j = (r % T) + 1; j < T; j++) m[r * T + j] = -1e9;
      mask = tf.keep(tf.tensor2d(m, [rep * T, T]));
      this.maskCache.set(key, mask);
    }
    return mask;
  }

  /** Logits [B*T, vocab] (the classifier is the embedding). */
  logits(tokens: tf.Tensor2D): tf.Tensor2D {
    return matmul(this.hidden(tokens), tf.transpose(this.params.get('tok_embeddings.weight')) as tf.Tensor2D);
  }

  /** Mean next-token cross-entropy (nats) of inputs [B, T] against targets [B, T]. */
  loss(inputs: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
    const logp = tf.logSoftmax(this.logits(inputs));
    const onehot = tf.oneHot(tf.reshape(targets, [-1]) as tf.Tensor1D, this.config.vocab);
    return tf.neg(tf.mean(tf.sum(tf.mul(logp, onehot), -1))) as tf.Scalar;
  }

  /** The weights as the inference engine holds them, nn.Linear [out, in] (LoRA folded in: W + alpha/rank A B). */
  toWeights(): Llama2cCheckpoint {
    const get = (name: string) => this.params.get(name).dataSync() as Float32Array;
    const proj = (l: number, p: Projection) => {
      const v = this.params.get(projectionParam(l, p));
      const w = Float32Array.from(get(projectionParam(l, p)));
      if (this.hasLora(p)) {
        const delta = tf.tidy(() => tf.mul(tf.matMul(this.params.get(`lora.${l}.${p}.A`), this.params.get(`lora.${l}.${p}.B`)), this.lora!.alpha / this.lora!.rank));
        const d = delta.dataSync();
        delta.dispose();
        for (let i = 0; i < w.length; i++) w[i] += d[i];
      }
      const [inp, out] = v.shape as [number, number];
      return transpose(w, inp, out);
    };
    const embedding = Float32Array.from(get('tok_embeddings.weight'));
    return {
      config: this.config,
      tokenEmbedding: embedding,
      classifier: embedding,
      rmsFinal: Float32Array.from(get('norm.weight')),
      layers: Array.from({ length: this.config.layers }, (_, l) => ({
        rmsAttention: Float32Array.from(get(`layers.${l}.attention_norm.weight`)),
        wq: proj(l, 'wq'), wk: proj(l, 'wk'), wv: proj(l, 'wv'), wo: proj(l, 'wo'),
        rmsFfn: Float32Array.from(get(`layers.${l}.ffn_norm.weight`)),
        w1: proj(l, 'w1'), w2: proj(l, 'w2'), w3: proj(l, 'w3'),
      })),
    };
  }

  /** Sets the base weights from the engine's form (LoRA adapters, if any, are left as they are). */
  fromWeights(w: Llama2cCheckpoint): void {
    const set = (name: string, data: Float32Array) => this.params.get(name).assign(tf.tensor(data, this.params.get(name).shape));
    set('tok_embeddings.weight', w.tokenEmbedding);
    set('norm.weight', w.rmsFinal);
    w.layers.forEach((layer, l) => {
      set(`layers.${l}.attention_norm.weight`, layer.rmsAttention);
      set(`layers.${l}.ffn_norm.weight`, layer.rmsFfn);
      for (const p of PROJECTIONS) {
        const [inp, out] = this.params.get(projectionParam(l, p)).shape;
        set(projectionParam(l, p), transpose(layer[p], out, inp));
      }
    });
  }

  dispose(): void {
    this.params.dispose();
    for (const t of this.ropeCache.values()) tf.dispose([t.cos, t.sin, t.rot]);
    this.ropeCache.clear();
    tf.dispose([...this.maskCache.values()]);
    this.maskCache.clear();
  }
}
