/**
 * Training a model from text: the held-out split by document, a BPE tokenizer learned on the
 * training documents, then AdamW on seeded random windows with a warmup-stable-decay learning rate.
 * Everything needed to resume sits in the output folder (tokenizer, optimizer state, step, log), so
 * a run stopped anywhere (Ctrl-C saves first) continues with the same batches and the same result.
 */
import * as tf from '@tensorflow/tfjs';
import { copyFileSync, existsSync, mkdirSync, readFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckpoint, saveCheckpoint, selectBackend, type NamedArray } from '../../common/index.ts';
import { ProgressBar, UserError, WorkerPool, writeJsonAtomic } from '../../../util/index.ts';
import { parameterCount, resolveConfig, type LlamaConfig } from '../config.ts';
import { TOKENIZER_FILE, writeCheckpoint, type CheckpointMeta } from '../checkpoint.ts';
import { dataHashOf, readDocuments, splitDocuments } from '../data/corpus.ts';
import { portableDataPath } from '../eval/held-out.ts';
import { sampleBatch, spreadWindows, tokenStream } from '../data/token-stream.ts';
import { readTokenizer, trainBpe, writeTokenizer, type BpeTokenizer } from '../tokenizer/index.ts';
import { AdamW } from './adamw.ts';
import { readInitialModel, type InitialModel } from './init-from.ts';
import { shardGradients, type GradTaskInput, type GradTaskOutput } from './grad-task.ts';
import { TfLlama } from './tf-llama.ts';

export interface TrainOptions {
  readonly data: string;
  readonly out: string;
  /** A named config or a JSON file (unused with `initFrom`). */
  readonly config: string;
  /** BPE vocabulary size (unused with `initFrom`). */
  readonly vocab: number;
  /** A checkpoint folder whose weights, shape and tokenizer the run starts from (fresh optimizer; see init-from.ts). */
  readonly initFrom?: string;
  readonly steps: number;
  readonly batch: number;
  /** Peak learning rate. */
  readonly lr: number;
  readonly warmupSteps: number;
  /** Share of the steps, at the end, over which the rate falls linearly to a tenth. */
  readonly decayShare: number;
  readonly weightDecay: number;
  readonly seed: number;
  readonly heldOutShare: number;
  readonly checkpointEvery: number;
  readonly evalEvery: number;
  /** Held-out targets the logged held-out loss scores: whole windows spread over the held-out text, as `llm eval --tokens` picks them (default 16 windows). */
  readonly evalTokens?: number;
  /** The first `shortSteps` steps train on windows of `shortContext` tokens (more of them per step: the same tokens per step), the rest on the full context. */
  readonly shortSteps: number;
  readonly shortContext: number;
  /** Worker threads computing each step's gradients on shards of the batch (1: in this thread). */
  readonly workers: number;
  /** Weights of the final model: FP16 (small, shipped) or FP32. */
  readonly dtype: 'f16' | 'f32';
  /** The command line, recorded with the model. */
  readonly command: string;
  readonly quiet?: boolean;
}

export interface TrainResult {
  readonly config: LlamaConfig;
  readonly steps: number;
  /** False when stopped early (by the signal); the state is saved and a rerun resumes. */
  readonly finished: boolean;
  readonly meta?: CheckpointMeta;
  readonly trainTokens: number;
  readonly heldOutTokens: number;
  readonly dataHash: string;
  readonly finalHeldOutLoss?: number;
}

const STATE_DIR = 'train-state';
const LOG_FILE = 'train-log.jsonl';
const RUN_FILE = 'run.json';

/** The learning rate of a step: linear warmup, constant, linear decay to lr/10 over the last decayShare. */
export function learningRate(step: number, o: Pick<TrainOptions, 'lr' | 'warmupSteps' | 'decayShare' | 'steps'>): number {
  if (step < o.warmupSteps) return (o.lr * (step + 1)) / o.warmupSteps;
  const decayStart = Math.floor(o.steps * (1 - o.decayShare));
  if (step < decayStart) return o.lr;
  const t = (step - decayStart) / Math.max(1, o.steps - decayStart);
  return o.lr * (1 - 0.9 * t);
}

/** The fields of a run that must match for a resume (the step count may grow). */
function runKey(o: TrainOptions, dataHash: string, init: InitialModel | undefined) {
  const shape = init ? { initFrom: init.provenance.weightsSha256 } : { config: o.config, vocab: o.vocab };
  return { data: dataHash, ...shape, batch: o.batch, seed: o.seed, heldOut: o.heldOutShare, shortContext: o.shortContext };
}

/** Mean next-token loss (nats) over the whole windows (T + 1 tokens) among `windows`, forward only. */
function heldOutLoss(model: TfLlama, windows: readonly Uint16Array[], T: number): number {
  let sum = 0, n = 0;
  for (const w of windows) {
    if (w.length !== T + 1) continue;
    const loss = tf.tidy(() => model.loss(tf.tensor2d(Int32Array.from(w.subarray(0, T)), [1, T], 'int32'), tf.tensor2d(Int32Array.from(w.subarray(1)), [1, T], 'int32')));
    sum += loss.dataSync()[0] * T;
    n += T;
    loss.dispose();
  }
  return sum / n;
}

export async function trainLlm(o: TrainOptions, stop: { requested: boolean } = { requested: false }): Promise<TrainResult> {
  for (const [flag, v, min] of [['--steps', o.steps, 1], ['--batch', o.batch, 1], ['--checkpoint-every', o.checkpointEvery, 1], ['--eval-every', o.evalEvery, 1], ['--workers', o.workers, 1], ['--eval-tokens', o.evalTokens ?? 1, 1]] as const) {
    if (!Number.isInteger(v) || v < min) throw new UserError(`must be a whole number >= ${min}, got ${v}`, flag);
  }
  if (!(o.lr > 0)) throw new UserError(`learning rate ${o.lr} must be positive`, '--lr');
  if (!(Number.isInteger(o.shortSteps) && o.shortSteps >= 0)) throw new UserError(`must be a whole number >= 0, got ${o.shortSteps}`, '--short-steps');
  if (!(o.heldOutShare > 0 && o.heldOutShare < 0.5)) throw new UserError(`held-out share ${o.heldOutShare} must be in (0, 0.5)`, '--held-out');
  const docs = readDocuments(o.data);
  const dataHash = dataHashOf(docs);
  const { train, heldOut } = splitDocuments(docs, o.heldOutShare, o.seed);
  if (heldOut.length === 0 || train.length === 0) throw new UserError(`${docs.length} documents are too few to hold some out`, '--data', 'give more text (or a larger --held-out share)');
  const init = o.initFrom === undefined ? undefined : readInitialModel(o.initFrom, { dataHash, seed: o.seed, heldOutShare: o.heldOutShare });
  mkdirSync(join(o.out, STATE_DIR), { recursive: true });
  const runPath = join(o.out, RUN_FILE);
  const key = runKey(o, dataHash, init);
  if (existsSync(runPath)) {
    const old = JSON.parse(readFileSync(runPath, 'utf8')) as { key: unknown };
    if (JSON.stringify(old.key) !== JSON.stringify(key)) {
      throw new UserError(`${o.out} holds a run with other data or settings (${JSON.stringify(old.key)})`, '--out', 'resume with the same flags, or choose a new --out');
    }
  } else writeJsonAtomic(runPath, { key, command: o.command });

  const log = (line: string) => { if (!o.quiet) process.stderr.write(`${line}\n`); };
  const tokPath = join(o.out, TOKENIZER_FILE);
  let tokenizer: BpeTokenizer;
  if (init && !existsSync(tokPath)) copyFileSync(init.tokenizerFile, tokPath);
  if (existsSync(tokPath)) tokenizer = readTokenizer(tokPath) as BpeTokenizer;
  else {
    const bar = new ProgressBar('tokenizer merges', o.vocab - 259, process.stderr, o.quiet);
    tokenizer = trainBpe(train.map((d) => d.text), o.vocab, () => bar.tick());
    bar.finish();
    writeTokenizer(tokPath, tokenizer);
  }
  const config = init?.config ?? resolveConfig(o.config, tokenizer.vocabSize);
  const trainStream = tokenStream(train, tokenizer);
  const heldStream = tokenStream(heldOut, tokenizer);
  const T = config.seqLen;
  if (o.shortSteps > 0 && !(o.shortContext >= 2 && T % o.shortContext === 0 && ((o.batch * T) / o.shortContext) % 1 === 0)) {
    throw new UserError(`short context ${o.shortContext} must divide the model's context ${T}`, '--short-context', `give a divisor of ${T}, e.g. ${T / 4}`);
  }
  const evalSet = spreadWindows(heldStream, T, o.evalTokens ?? 16 * T).map((w) => w.window);
  // Chosen once the data and flags are known good, so a bad --data prints its error alone.
  await selectBackend(log);
  log(`data ${dataHash}: ${train.length} training documents (${trainStream.length} tokens), ${heldOut.length} held out (${heldStream.length} tokens); model ${parameterCount(config)} parameters`);

  const model = new TfLlama(config, o.seed);
  if (init) model.fromWeights(init.weights);
  // The master weights: the optimizer updates these; the tfjs model gets them when it evaluates or is saved.
  const weights = new Map(model.params.names().map((n) => [n, Float32Array.from(model.params.get(n).dataSync() as Float32Array)]));
  const shapeOf = (n: string) => model.params.get(n).shape;
  const opt = new AdamW(weights, { beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: o.weightDecay, clipNorm: 1 }, (n) => shapeOf(n).length === 2);
  const syncModel = () => model.params.restore(new Map([...weights].map(([n, data]) => [n, { shape: shapeOf(n), data }])));
  const statePath = join(o.out, STATE_DIR);
  let step = 0;
  if (existsSync(join(statePath, 'checkpoint.json'))) {
    const saved = loadCheckpoint<{ step: number }>(statePath);
    for (const [n, w] of weights) {
      const s = saved.weights.get(n);
      if (!s || s.data.length !== w.length) throw new UserError(`${statePath} has no weights for ${n} of this model`, '--out', 'resume with the same flags, or choose a new --out');
      w.set(s.data);
    }
    opt.restore(saved.weights);
    step = saved.config.step;
    log(`resuming at step ${step}`);
  }
  const save = () => {
    const all = new Map<string, NamedArray>([...[...weights].map(([n, data]) => [n, { shape: shapeOf(n), data }] as const), ...opt.state(shapeOf)]);
    saveCheckpoint(statePath, { step }, all);
  };

  const bar = new ProgressBar('training', o.steps, process.stderr, o.quiet);
  bar.skip(step);
  const pool = o.workers > 1 ? new WorkerPool<GradTaskInput, GradTaskOutput>(new URL('./grad-task.ts', import.meta.url), o.workers) : undefined;
  let lastLoss = NaN;
  while (step < o.steps && !stop.requested) {
    const t0 = Date.now(), cpu0 = process.cpuUsage();
    const [rows, cols] = step < o.shortSteps ? [(o.batch * T) / o.shortContext, o.shortContext] : [o.batch, T];
    const batch = sampleBatch(trainStream, rows, cols, o.seed, step + (init?.batchOffset ?? 0));
    const lr = learningRate(step, o);
    if (!pool) syncModel();
    const { loss, grads } = pool ? await poolGradients(pool, model.config, weights, batch, rows, cols) : shardGradients(model, batch.inputs, batch.targets, rows, cols);
    const gradNorm = opt.apply(new Map(Object.entries(grads)), lr);
    lastLoss = loss;
    step++;
    const entry: Record<string, number> = { step, context: cols, loss: lastLoss, lr, gradNorm, tokensPerSecond: (o.batch * T) / ((Date.now() - t0) / 1000), cpuSeconds: cpuSecondsSince(cpu0) };
    if (step % o.evalEvery === 0 || step === o.steps) {
      syncModel();
      entry.heldOutLoss = heldOutLoss(model, evalSet, T);
    }
    appendFileSync(join(o.out, LOG_FILE), `${JSON.stringify(entry)}\n`);
    bar.tick(1, `loss ${lastLoss.toFixed(3)}${entry.heldOutLoss !== undefined ? ` held-out ${entry.heldOutLoss.toFixed(3)}` : ''}`);
    if (step % o.checkpointEvery === 0) save();
    // Let signal handlers run between steps (a step is one long synchronous computation).
    await new Promise((resolve) => setImmediate(resolve));
  }
  bar.finish();
  await pool?.close();
  if (step < o.steps) {
    save();
    model.dispose();
    return { config, steps: step, finished: false, trainTokens: trainStream.length, heldOutTokens: heldStream.length, dataHash };
  }
  save();
  syncModel();
  const finalHeldOutLoss = heldOutLoss(model, evalSet, T);
  const meta = writeCheckpoint(o.out, model.toWeights(), tokenizer.id, o.dtype, {
    command: o.command, dataHash, data: portableDataPath(o.data), heldOutShare: o.heldOutShare, steps: o.steps, batch: o.batch, seqLen: T, seed: o.seed, lr: o.lr,
    shortSteps: o.shortSteps, shortContext: o.shortContext, workers: o.workers,
    trainDocuments: train.length, heldOutDocuments: heldOut.length, trainTokens: trainStream.length, heldOutTokens: heldStream.length,
    parameters: parameterCount(config), tokensSeen: o.steps * o.batch * T, finalTrainLoss: lastLoss, heldOutLossSample: finalHeldOutLoss,
    ...(init ? { initFrom: init.provenance, totalTokensSeen: init.provenance.tokensSeen + o.steps * o.batch * T } : {}),
  });
  model.dispose();
  return { config, steps: step, finished: true, meta, trainTokens: trainStream.length, heldOutTokens: heldStream.length, dataHash, finalHeldOutLoss };
}

/** CPU time of the process (every thread, gradient workers included) since `from`. */
function cpuSecondsSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

/**
 * One step's loss and gradients from the pool: the batch cut into one shard of rows per worker,
 * each worker given the current weights; shard means are averaged weighted by their rows.
 */
async function poolGradients(pool: WorkerPool<GradTaskInput, GradTaskOutput>, config: LlamaConfig, master: ReadonlyMap<string, Float32Array>, batch: { inputs: Int32Array; targets: Int32Array }, rows: number, cols: number): Promise<GradTaskOutput> {
  const weights = Object.fromEntries(master);
  const shards = Math.min(pool.size, rows);
  const bounds = Array.from({ length: shards + 1 }, (_, i) => Math.round((i * rows) / shards));
  const outs = await Promise.all(bounds.slice(0, -1).map((r0, i) => pool.run({
    config, weights, rows: bounds[i + 1] - r0, cols,
    inputs: batch.inputs.slice(r0 * cols, bounds[i + 1] * cols), targets: batch.targets.slice(r0 * cols, bounds[i + 1] * cols),
  })));
  const grads: Record<string, Float32Array> = {};
  let loss = 0;
  outs.forEach((o, i) => {
    const share = (bounds[i + 1] - bounds[i]) / rows;
    loss += o.loss * share;
    for (const [n, g] of Object.entries(o.grads)) {
      const acc = (grads[n] ??= new Float32Array(g.length));
      for (let j = 0; j < g.length; j++) acc[j] += g[j] * share;
    }
  });
  return { loss, grads };
}
