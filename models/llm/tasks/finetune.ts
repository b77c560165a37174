/**
 * Fine-tuning the language model on a classification task: the whole backbone and the head (or,
 * with `lora`, LoRA adapters and the head) by AdamW on seeded batches of training examples, with a
 * warmup and a linear decay. The state (weights, moments, step) is saved every `checkpointEvery`
 * steps under the output folder, so a stopped run resumes with the same batches and result.
 * `weightNoise` is the training half of FRS's parameter smoothing: every step's gradients are taken
 * at the weights plus Gaussian noise of that standard deviation. `maskRate` trains on masked copies
 * (RanMASK / RS-Del style): each word of a training text is dropped with that probability, the
 * noise a masking certificate smooths with, so the classifier stays right on what is left.
 */
import * as tf from '@tensorflow/tfjs';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ProgressBar, UserError } from '../../../util/index.ts';
import { loadCheckpoint, saveCheckpoint, SeededRandom, type NamedArray } from '../../common/index.ts';
import type { LlamaWeights } from '../checkpoint.ts';
import type { Tokenizer } from '../tokenizer/index.ts';
import { AdamW } from '../train/adamw.ts';
import { learningRate, type TrainOptions } from '../train/trainer.ts';
import { Classifier, labelScoring, type Head, type LabelWords } from './classifier.ts';
import { accuracy } from './evaluate.ts';
import type { Example, TaskData } from './task-data.ts';

/** The trainer's schedule and optimizer settings (`batch` counts examples here), and the task's own. */
export interface FinetuneOptions extends Pick<TrainOptions, 'steps' | 'batch' | 'lr' | 'warmupSteps' | 'decayShare' | 'weightDecay' | 'seed'> {
  /** Tokens per input (BOS included); longer inputs are cut. */
  readonly maxTokens: number;
  readonly lora?: { readonly rank: number; readonly alpha: number };
  /**
   * How many of the last blocks train (with the final norm and the head); the blocks below and the
   * embedding stay the base's. The number of blocks trains the whole model.
   */
  readonly trainBlocks: number;
  readonly weightNoise: number;
  /** Probability of dropping each word of a training text (0 or absent: none). */
  readonly maskRate?: number;
  readonly checkpointEvery: number;
  /** Label-word scoring (the task's prompt and words) instead of a pooled head; one task only. */
  readonly labelWords?: LabelWords;
}

export interface FinetuneResult {
  readonly weights: LlamaWeights;
  readonly head: Head;
  readonly steps: number;
  readonly finished: boolean;
  readonly finalLoss: number;
  /** By task (empty when stopped early). */
  readonly devAccuracy: Record<string, number>;
  /** Training tokens per second over the steps this run made (padding included). */
  readonly tokensPerSecond: number;
}

const STATE_DIR = 'finetune-state';
const LOG_FILE = 'finetune-log.jsonl';

/** A training example with its task's index. */
export interface TaskExample extends Example { readonly task: number }

/** The examples of step `step`: a seeded draw (a task uniformly, then one of its examples), the same on every run. */
export function batchExamples(tasks: readonly { readonly train: readonly Example[] }[], batch: number, seed: number, step: number): TaskExample[] {
  const r = new SeededRandom((seed * 1_000_003 + step * 7919) >>> 0);
  return Array.from({ length: batch }, () => {
    const task = tasks.length === 1 ? 0 : r.int(tasks.length);
    return { ...tasks[task].train[r.int(tasks[task].train.length)], task };
  });
}

/** `text` with each word dropped with probability `rate` (the masking `certify` smooths with), drawn from (seed, step). */
export function maskWords(texts: readonly string[], rate: number, seed: number, step: number): string[] {
  if (!(rate > 0)) return [...texts];
  const r = new SeededRandom((seed * 2_246_822_519 + step * 3_266_489_917 + 0x3a5c) >>> 0);
  return texts.map((t) => t.split(/\s+/).filter((w) => w && r.next() >= rate).join(' '));
}

/** Where each task's classes start in a multi-task head (one head, the tasks' classes side by side). */
export function classOffsets(tasks: readonly { readonly labels: readonly string[] }[]): number[] {
  const out = [0];
  for (const t of tasks) out.push(out[out.length - 1] + t.labels.length);
  return out;
}

/**
 * Fine-tunes on one task, or on several at once (the multi-task model: one backbone, the tasks'
 * heads side by side, each example's loss over its own task's classes). `initialHead` starts from a
 * trained head (continuing a task model) instead of a seeded one.
 */
export async function finetuneTask(
  base: LlamaWeights, tokenizer: Tokenizer, tasks: readonly TaskData[], o: FinetuneOptions, out: string,
  stop: { requested: boolean } = { requested: false }, quiet = false, initialHead?: Head,
): Promise<FinetuneResult> {
  for (const t of tasks) if (t.train.length === 0) throw new UserError(`task ${t.name} has no training examples`, '--task');
  mkdirSync(out, { recursive: true });
  const offsets = classOffsets(tasks);
  const classes = offsets[tasks.length];
  const name = tasks.map((t) => t.name).join('+');
  if (o.labelWords && tasks.length !== 1) throw new UserError('label-word scoring fine-tunes one task at a time', '--scoring');
  const clf = new Classifier(base, classes, o.seed, initialHead, o.labelWords ? labelScoring(tokenizer, o.labelWords) : undefined);
  const params = clf.model.params;
  const layers = base.config.layers;
  if (!(Number.isInteger(o.trainBlocks) && o.trainBlocks >= 1 && o.trainBlocks <= layers)) throw new UserError(`must be 1..${layers}, got ${o.trainBlocks}`, '--train-blocks');
  const trains = (n: string) => {
    const layer = /^(?:layers|lora)\.(\d+)\./.exec(n);
    return layer ? Number(layer[1]) >= layers - o.trainBlocks : n !== 'tok_embeddings.weight' || o.trainBlocks === layers;
  };
  const candidates = o.lora ? clf.addLora({ rank: o.lora.rank, alpha: o.lora.alpha }) : params.list();
  const names = params.names().filter((n) => candidates.includes(params.get(n)) && trains(n) && !(o.labelWords && n.startsWith('head.')));
  const vars = names.map((n) => params.get(n));
  const shapeOf = (n: string) => params.get(n).shape;
  const master = new Map(names.map((n) => [n, Float32Array.from(params.get(n).dataSync() as Float32Array)]));
  const opt = new AdamW(master, { beta1: 0.9, beta2: 0.98, epsilon: 1e-8, weightDecay: o.weightDecay, clipNorm: 1 }, (n) => shapeOf(n).length === 2 && !n.startsWith('lora.'));
  const statePath = join(out, STATE_DIR);
  const key = { task: name, ...o, checkpointEvery: undefined };
  let step = 0;
  if (existsSync(join(statePath, 'checkpoint.json'))) {
    const saved = loadCheckpoint<{ step: number; key: string }>(statePath);
    if (saved.config.key !== JSON.stringify(key)) throw new UserError(`${statePath} was written with other settings`, '--out', 'resume with the same flags, or choose a new --out');
    for (const [n, w] of master) w.set(saved.weights.get(n)!.data);
    opt.restore(saved.weights);
    step = saved.config.step;
  }
  // The noise of a step depends on (seed, step) only, so a resumed run draws the same noise.
  const sync = (sigma: number) => {
    const noise = new SeededRandom((o.seed * 2_654_435_761 + step * 40_503 + 0x5eed) >>> 0);
    for (const [n, w] of master) {
      let data = w;
      // Noise on matrices only (norm gains and the head bias stay exact).
      if (sigma > 0 && shapeOf(n).length === 2) { data = Float32Array.from(w); for (let i = 0; i < data.length; i++) data[i] += sigma * noise.normal(); }
      const t = tf.tensor(data, shapeOf(n));
      params.get(n).assign(t);
      t.dispose();
    }
  };
  const save = () => saveCheckpoint(statePath, { step, key: JSON.stringify(key) }, new Map<string, NamedArray>([...[...master].map(([n, data]) => [n, { shape: shapeOf(n), data }] as const), ...opt.state(shapeOf)]));
  const bar = new ProgressBar(`fine-tuning ${name}`, o.steps, process.stderr, quiet);
  bar.skip(step);
  let loss = NaN, tokens = 0;
  const t0 = Date.now();
  while (step < o.steps && !stop.requested) {
    const ex = batchExamples(tasks, o.batch, o.seed, step);
    const b = clf.encode(tokenizer, maskWords(ex.map((e) => e.text), o.maskRate ?? 0, o.seed, step), o.maxTokens);
    sync(o.weightNoise);
    const labels = Int32Array.from(ex, (e) => offsets[e.task] + e.label);
    const { value, grads } = tf.variableGrads(() => clf.loss(b, labels, tasks.length > 1 ? ex.map((e) => [offsets[e.task], offsets[e.task + 1]] as const) : undefined), vars);
    loss = value.dataSync()[0];
    const g = new Map(names.map((n) => [n, grads[params.get(n).name].dataSync() as Float32Array]));
    tf.dispose([value, ...Object.values(grads)]);
    const lr = learningRate(step, { lr: o.lr, warmupSteps: o.warmupSteps, decayShare: o.decayShare, steps: o.steps });
    opt.apply(g, lr);
    step++;
    tokens += b.rows * b.cols;
    appendFileSync(join(out, LOG_FILE), `${JSON.stringify({ step, loss, lr })}\n`);
    bar.tick(1, `loss ${loss.toFixed(3)}`);
    if (step % o.checkpointEvery === 0) save();
    await new Promise((resolve) => setImmediate(resolve));
  }
  bar.finish();
  save();
  sync(0);
  const tokensPerSecond = tokens / Math.max(1e-3, (Date.now() - t0) / 1000);
  const finished = step >= o.steps;
  const head = clf.head();
  const devAccuracy: Record<string, number> = {};
  if (finished) {
    tasks.forEach((t, i) => { devAccuracy[t.name] = accuracy(clf, tokenizer, t.dev, o.maxTokens, [offsets[i], offsets[i + 1]]); });
  }
  const result = { weights: clf.model.toWeights(), head, steps: step, finished, finalLoss: loss, devAccuracy, tokensPerSecond };
  clf.dispose();
  return result;
}
