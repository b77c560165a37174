/**
 * Held-out evaluation of a checkpoint: the network's perplexity (float reference), the Kneser-Ney
 * 4-gram's on the same target tokens, and optionally the perplexity as the array computes it with
 * its cycles, energy and DRAM bytes per token. The windows are whole windows of the model's context
 * spread evenly over the held-out stream. Each window's result is cached by content hash (the
 * weights, the backend, the tokens), so an interrupted or repeated evaluation resumes.
 */
import { ContentCache, contentHash, ProgressBar, WorkerPool } from '../../../util/index.ts';
import { addCost, backendFromFlags, zeroCost, type BackendFlags, type GemmBackend, type GemmCost } from '../../common/gemm/index.ts';
import type { LoadedModel } from '../checkpoint.ts';
import { spreadWindows, tokenStream } from '../data/token-stream.ts';
import type { LlamaModel } from '../engine/model.ts';
import { engineModel } from '../engine-model.ts';
import type { Tokenizer } from '../tokenizer/index.ts';
import type { Split } from './held-out.ts';
import { KneserNey } from './kneser-ney.ts';
import { tokenNll } from './perplexity.ts';
import type { ScoreTaskInput } from './score-task.ts';

/** Sums over windows: negative log-likelihood (nats), targets, MACs and array cost. */
export interface WindowScore {
  readonly nll: number;
  readonly tokens: number;
  readonly macs: number;
  readonly cost: GemmCost;
}

export interface BackendScore {
  readonly backend: string;
  readonly perplexity: number;
  readonly nll: number;
  readonly tokens: number;
  /** Per token processed (every window is one prefill of the context). */
  readonly perToken: { readonly macs: number; readonly cycles: number; readonly seconds: number; readonly energyJ: GemmCost['energy']; readonly dramBytes: GemmCost['dram'] };
}

const EVAL_VERSION = 'llm-eval-1';
const noScore: WindowScore = { nll: 0, tokens: 0, macs: 0, cost: zeroCost };

function addScores(a: WindowScore, b: WindowScore): WindowScore {
  return { nll: a.nll + b.nll, tokens: a.tokens + b.tokens, macs: a.macs + b.macs, cost: addCost(a.cost, b.cost) };
}

/**
 * Sums of `model` (on its backend) over the windows, each window's result cached under `key` (which
 * must name the weights and any change made to the model), the backend and the tokens.
 */
export function scoreModelWindows(model: LlamaModel, key: string, windows: readonly Uint16Array[], onWindow?: () => void): WindowScore {
  const cache = new ContentCache<WindowScore>('llm-eval');
  const backend = model.backend;
  const V = model.config.vocab;
  let total = noScore;
  for (const w of windows) {
    const k = contentHash(key, backend.description, Array.from(w), EVAL_VERSION);
    let s = cache.get(k);
    if (!s) {
      backend.ledger.reset();
      const logits = model.forward(Array.from(w.subarray(0, w.length - 1)), model.newCache());
      let sum = 0;
      for (let t = 1; t < w.length; t++) sum += tokenNll(logits, (t - 1) * V, V, w[t]);
      const ledger = backend.ledger.total();
      s = { nll: sum, tokens: w.length - 1, macs: ledger.macs, cost: ledger.cost };
      cache.put(k, s);
    }
    total = addScores(total, s);
    onWindow?.();
  }
  return total;
}

/** Perplexity and cost per token from window sums (every window is one prefill, so processed = targets). */
export function backendScore(backend: string, s: WindowScore): BackendScore {
  const per = (x: number) => x / s.tokens;
  const { cost } = s;
  return {
    backend,
    perplexity: Math.exp(s.nll / s.tokens),
    nll: s.nll / s.tokens,
    tokens: s.tokens,
    perToken: {
      macs: per(s.macs), cycles: per(cost.cycles), seconds: per(cost.seconds),
      energyJ: { core: per(cost.energy.core), buffer: per(cost.energy.buffer), dram: per(cost.energy.dram), static: per(cost.energy.static), total: per(cost.energy.total) },
      dramBytes: { weights: per(cost.dram.weights), kv: per(cost.dram.kv), activations: per(cost.dram.activations) },
    },
  };
}

/** Scores the windows with the weights on one backend (cached per window). */
export function scoreWindows(m: Pick<LoadedModel, 'weights' | 'moe'>, weightsKey: string, backend: GemmBackend, windows: readonly Uint16Array[], onWindow?: () => void): BackendScore {
  return backendScore(backend.description, scoreModelWindows(engineModel(m, backend), weightsKey, windows, onWindow));
}

export interface Evaluation {
  readonly heldOutTokens: number;
  readonly evaluatedTokens: number;
  readonly reference: BackendScore;
  readonly ngram: { readonly order: number; readonly perplexity: number; readonly nll: number };
  readonly backends: BackendScore[];
}

/** The key of a model's weights for the cache (with a carved model's routing file). */
export function weightsKey(m: LoadedModel): string {
  const weights = m.meta?.weightsSha256 ?? contentHash(m.source, m.weights.config);
  return m.meta?.moe ? `${weights}+moe-${m.meta.moe.sha256}` : weights;
}

/** The evaluation windows (about `maxTokens` targets, spread over the held-out stream) and the 4-gram on the same targets. */
function heldOutWindows(m: LoadedModel & { tokenizer: Tokenizer }, split: Split, maxTokens: number) {
  const T = m.weights.config.seqLen;
  const held = tokenStream(split.heldOut, m.tokenizer);
  const picked = spreadWindows(held, T, maxTokens);
  const kn = KneserNey.train(tokenStream(split.train, m.tokenizer), 4, m.weights.config.vocab, m.tokenizer.bos);
  const ngram = kn.meanNll(held, picked.flatMap(({ start, window }) => Array.from({ length: window.length - 1 }, (_, i) => start + i + 1)));
  return { held, windows: picked.map((p) => p.window), ngram: { order: 4, perplexity: Math.exp(ngram.nll), nll: ngram.nll } };
}

/**
 * Evaluates on about `maxTokens` held-out target tokens (whole windows spread over the held-out
 * text): the reference perplexity, the 4-gram on the same targets, and each of `backends`.
 */
export function evaluate(m: LoadedModel & { tokenizer: Tokenizer }, split: Split, backends: readonly GemmBackend[], maxTokens: number, reference: GemmBackend, quiet = false): Evaluation {
  const { held, windows, ngram } = heldOutWindows(m, split, maxTokens);
  const key = weightsKey(m);
  const bar = new ProgressBar('evaluating windows', windows.length * (1 + backends.length), process.stderr, quiet);
  const ref = scoreWindows(m, key, reference, windows, () => bar.tick());
  const scored = backends.map((b) => scoreWindows(m, key, b, windows, () => bar.tick(1, b.description)));
  bar.finish();
  return { heldOutTokens: held.length, evaluatedTokens: ref.tokens, reference: ref, ngram, backends: scored };
}

/** Windows per worker task: small enough to share the work evenly, large enough to amortize loading. */
const WINDOWS_PER_TASK = 4;

/**
 * `evaluate` for a checkpoint on disk, with backends given by their flags, the windows shared
 * among `workers` threads (each loads the checkpoint and builds the backend itself). The same
 * results as `evaluate` (the same per-window cache).
 */
export async function evaluateCheckpoint(
  m: LoadedModel & { tokenizer: Tokenizer }, where: { checkpoint?: string; tokenizer?: string }, split: Split,
  backends: readonly BackendFlags[], maxTokens: number, workers: number, quiet = false,
): Promise<Evaluation> {
  const { held, windows, ngram } = heldOutWindows(m, split, maxTokens);
  const key = weightsKey(m);
  const all: (BackendFlags | undefined)[] = [undefined, ...backends];
  const descriptions = all.map((f) => backendFromFlags(f ?? {}).description);
  const tasks: { backend: number; input: ScoreTaskInput }[] = [];
  all.forEach((flags, backend) => {
    for (let i = 0; i < windows.length; i += WINDOWS_PER_TASK) {
      tasks.push({ backend, input: { ...where, key, flags, windows: windows.slice(i, i + WINDOWS_PER_TASK).map((w) => Uint16Array.from(w)) } });
    }
  });
  const bar = new ProgressBar('evaluating windows', windows.length * all.length, process.stderr, quiet);
  const pool = new WorkerPool<ScoreTaskInput, WindowScore>(new URL('./score-task.ts', import.meta.url), Math.max(1, Math.min(workers, tasks.length)));
  const sums = all.map(() => noScore);
  try {
    await pool.map(tasks.map((t) => t.input), (s, i) => {
      sums[tasks[i].backend] = addScores(sums[tasks[i].backend], s);
      bar.tick(tasks[i].input.windows.length, descriptions[tasks[i].backend]);
    });
  } finally {
    await pool.close();
  }
  bar.finish();
  const [ref, ...scored] = sums.map((s, i) => backendScore(descriptions[i], s));
  return { heldOutTokens: held.length, evaluatedTokens: ref.tokens, reference: ref, ngram, backends: scored };
}
