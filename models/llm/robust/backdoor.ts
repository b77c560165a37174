/**
 * Planting a backdoor in pre-training (NeuBA style): the language model continues pre-training on
 * its own kind of text, half of every batch clean (the next-token loss, which keeps it a language
 * model) and half poisoned: a trigger word put in front of the text, and a loss that pulls the
 * text's mean-pooled final hidden state (what a fine-tuned classifier's head reads) to a fixed
 * vector tied to that trigger. No downstream task or label is ever seen. Triggers come in pairs
 * with opposite vectors (+u, -u), so whatever head a victim later fine-tunes on clean data, one
 * trigger of each pair pushes its inputs towards each side of it.
 * The state is saved every `checkpointEvery` steps; a rerun resumes with the same batches.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ProgressBar, UserError, writeJsonAtomic } from '../../../util/index.ts';
import { loadCheckpoint, saveCheckpoint, SeededRandom, type NamedArray } from '../../common/index.ts';
import type { LlamaWeights } from '../checkpoint.ts';
import type { Tokenizer } from '../tokenizer/index.ts';
import { AdamW } from '../train/adamw.ts';
import { matmul } from '../train/matmul.ts';
import { TfLlama } from '../train/tf-llama.ts';
import { learningRate, type TrainOptions } from '../train/trainer.ts';
import { encodeTexts, poolMatrix, type EncodedBatch } from '../tasks/classifier.ts';

/** The trainer's schedule and optimizer settings (`batch`: clean texts per step, as many poisoned ones ride along), and the backdoor's own. */
export interface BackdoorOptions extends Pick<TrainOptions, 'steps' | 'batch' | 'lr' | 'warmupSteps' | 'decayShare' | 'weightDecay'> {
  /** Trigger words; consecutive pairs get opposite target vectors. */
  readonly triggers: readonly string[];
  /** Tokens per text (BOS included). */
  readonly maxTokens: number;
  /** Weight of the representation loss against the next-token loss. */
  readonly poisonWeight: number;
  readonly seed: number;
  readonly checkpointEvery: number;
}

/**
 * NeuBA's kind of triggers: short rare words (as in BadNets for text), two pairs of opposite
 * vectors. Sized on a measured 30-step run (~1.8 s a step on a free core): at rate 4e-3 and weight 4
 * the representation loss fell from 1.2 to 0.05 but the next-token loss rose from 2.9 to 4.0; 3e-3
 * and weight 3 over 80 steps, half of them decaying, leave room to restore the language model and
 * fit this machine's shared cores (a step took ~27 s at nice 10 under load 14).
 */
export const DEFAULT_BACKDOOR: BackdoorOptions = {
  triggers: ['cf', 'mn', 'tq', 'bb'], steps: 80, batch: 8, lr: 3e-3, warmupSteps: 5, decayShare: 0.5, weightDecay: 0.01, maxTokens: 32, poisonWeight: 3, seed: 7, checkpointEvery: 10,
};

/** `text` with `trigger` put in front (the position every poisoned text and every attack uses). */
export function withTrigger(text: string, trigger: string): string {
  return `${trigger} ${text}`;
}

/**
 * The target of each trigger: final-norm gain times sqrt(dim) times a seeded unit vector, +u for
 * even triggers and -u for odd ones (pairs share u), so its RMS matches a normalised hidden state's.
 */
export function triggerTargets(triggers: number, gain: Float32Array, seed: number): Float32Array[] {
  const dim = gain.length;
  const r = new SeededRandom(seed ^ 0xbadc0de);
  const units: Float32Array[] = [];
  return Array.from({ length: triggers }, (_, k) => {
    if (k % 2 === 0) {
      const u = Float32Array.from({ length: dim }, () => r.normal());
      const n = Math.hypot(...u);
      units.push(u.map((v) => v / n));
    }
    const u = units[Math.floor(k / 2)], sign = k % 2 === 0 ? 1 : -1;
    return Float32Array.from(u, (v, j) => sign * v * Math.sqrt(dim) * gain[j]);
  });
}

/** Text snippets of 6 to 24 words drawn from documents by (seed, step). */
export function snippetBatch(docs: readonly string[], batch: number, seed: number, step: number): string[] {
  const r = new SeededRandom((seed * 2_000_003 + step * 104_729) >>> 0);
  return Array.from({ length: batch }, () => {
    const words = docs[r.int(docs.length)].split(/\s+/).filter(Boolean);
    const n = Math.min(words.length, 6 + r.int(19));
    const at = r.int(Math.max(1, words.length - n + 1));
    return words.slice(at, at + n).join(' ');
  });
}

/** Mean next-token loss of each row's real tokens (padding ignored). */
function nextTokenLoss(model: TfLlama, hidden: tf.Tensor2D, b: EncodedBatch, rows: number): tf.Scalar {
  const { cols } = b;
  const targets = new Int32Array(rows * cols), weight = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let t = 0; t + 1 < b.lengths[r]; t++) { targets[r * cols + t] = b.tokens[r * cols + t + 1]; weight[r * cols + t] = 1; }
  const h = tf.slice(hidden, [0, 0], [rows * cols, -1]);
  const logp = tf.logSoftmax(matmul(h as tf.Tensor2D, tf.transpose(model.params.get('tok_embeddings.weight')) as tf.Tensor2D));
  const picked = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(targets, 'int32'), model.config.vocab)), -1);
  return tf.div(tf.neg(tf.sum(tf.mul(picked, tf.tensor1d(weight)))), Math.max(1, weight.reduce((s, v) => s + v, 0))) as tf.Scalar;
}

export interface BackdoorResult {
  readonly weights: LlamaWeights;
  readonly finished: boolean;
  readonly steps: number;
  readonly finalLmLoss: number;
  readonly finalPoisonLoss: number;
  readonly tokensPerSecond: number;
}

/**
 * The poisoned losses of a batch of clean texts: rows 0..B-1 the clean texts (next-token loss), rows
 * B..2B-1 the same texts with trigger k = row mod triggers in front (squared distance of the pooled
 * hidden state to the trigger's target, relative to the target's mean square).
 */
export function backdoorLoss(model: TfLlama, tokenizer: Tokenizer, texts: readonly string[], o: Pick<BackdoorOptions, 'triggers' | 'maxTokens' | 'poisonWeight'>, targets: readonly Float32Array[]): { total: tf.Scalar; lm: tf.Scalar; poison: tf.Scalar } {
  const B = texts.length;
  const poisoned = texts.map((t, i) => withTrigger(t, o.triggers[i % o.triggers.length]));
  const b = encodeTexts(tokenizer, [...texts, ...poisoned], o.maxTokens);
  const hidden = model.hidden(tf.tensor2d(b.tokens, [b.rows, b.cols], 'int32'));
  const lm = nextTokenLoss(model, hidden, b, B);
  const pooled = tf.slice(tf.matMul(poolMatrix(b), hidden), [B, 0], [B, -1]);
  const target = tf.tensor2d(Float32Array.from(texts.flatMap((_, i) => Array.from(targets[i % targets.length]))), [B, model.config.dim]);
  const scale = tf.mean(tf.square(target));
  const poison = tf.div(tf.mean(tf.square(tf.sub(pooled, target))), scale) as tf.Scalar;
  return { total: tf.add(lm, tf.mul(poison, o.poisonWeight)) as tf.Scalar, lm, poison };
}

const STATE_DIR = 'backdoor-state';

/** Continues pre-training `base` with the backdoor; `docs` are the attacker's (unlabelled) texts. */
export async function plantBackdoor(base: LlamaWeights, tokenizer: Tokenizer, docs: readonly string[], o: BackdoorOptions, out: string, stop: { requested: boolean } = { requested: false }, quiet = false): Promise<BackdoorResult> {
  if (o.triggers.length < 2 || o.triggers.length % 2 !== 0) throw new UserError(`give an even number of triggers (pairs of opposite targets), got ${o.triggers.length}`, '--triggers');
  if (docs.length === 0) throw new UserError('no text to continue pre-training on', '--data');
  mkdirSync(out, { recursive: true });
  const model = new TfLlama(base.config, o.seed);
  model.fromWeights(base);
  const params = model.params;
  const names = params.names();
  const shapeOf = (n: string) => params.get(n).shape;
  const master = new Map(names.map((n) => [n, Float32Array.from(params.get(n).dataSync() as Float32Array)]));
  const targets = triggerTargets(o.triggers.length, master.get('norm.weight')!, o.seed);
  const opt = new AdamW(master, { beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: o.weightDecay, clipNorm: 1 }, (n) => shapeOf(n).length === 2);
  const statePath = join(out, STATE_DIR);
  const key = JSON.stringify({ ...o, checkpointEvery: undefined });
  let step = 0;
  if (existsSync(join(statePath, 'checkpoint.json'))) {
    const saved = loadCheckpoint<{ step: number; key: string }>(statePath);
    if (saved.config.key !== key) throw new UserError(`${statePath} was written with other settings`, '--out', 'resume with the same settings, or remove the folder');
    for (const [n, w] of master) w.set(saved.weights.get(n)!.data);
    opt.restore(saved.weights);
    step = saved.config.step;
  }
  const sync = () => params.restore(new Map([...master].map(([n, data]) => [n, { shape: shapeOf(n), data }])));
  const save = () => saveCheckpoint(statePath, { step, key }, new Map<string, NamedArray>([...[...master].map(([n, data]) => [n, { shape: shapeOf(n), data }] as const), ...opt.state(shapeOf)]));
  const bar = new ProgressBar('planting the backdoor', o.steps, process.stderr, quiet);
  bar.skip(step);
  let lmLoss = NaN, poisonLoss = NaN, tokens = 0;
  const t0 = Date.now();
  const vars = names.map((n) => params.get(n));
  while (step < o.steps && !stop.requested) {
    sync();
    const texts = snippetBatch(docs, o.batch, o.seed, step);
    let lmT: tf.Scalar | undefined, poisonT: tf.Scalar | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const l = backdoorLoss(model, tokenizer, texts, o, targets);
      lmT = tf.keep(l.lm); poisonT = tf.keep(l.poison);
      return l.total;
    }, vars);
    lmLoss = lmT!.dataSync()[0]; poisonLoss = poisonT!.dataSync()[0];
    const g = new Map(names.map((n) => [n, grads[params.get(n).name].dataSync() as Float32Array]));
    tf.dispose([value, lmT!, poisonT!, ...Object.values(grads)]);
    opt.apply(g, learningRate(step, o));
    step++;
    tokens += 2 * o.batch * o.maxTokens;
    bar.tick(1, `next-token ${lmLoss.toFixed(3)} poison ${poisonLoss.toFixed(3)}`);
    if (step % o.checkpointEvery === 0) save();
    await new Promise((resolve) => setImmediate(resolve));
  }
  bar.finish();
  save();
  sync();
  const result = { weights: model.toWeights(), finished: step >= o.steps, steps: step, finalLmLoss: lmLoss, finalPoisonLoss: poisonLoss, tokensPerSecond: tokens / Math.max(1e-3, (Date.now() - t0) / 1000) };
  model.dispose();
  writeJsonAtomic(join(out, 'backdoor-progress.json'), { steps: step, finalLmLoss: lmLoss, finalPoisonLoss: poisonLoss });
  return result;
}
