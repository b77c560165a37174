/**
 * Held-out evaluation of a checkpoint: the network's perplexity (float reference), the Kneser-Ney
 * 4-gram's on the same target tokens, and optionally the perplexity as the array computes it with
 * its cycles, energy and DRAM bytes per token. Each window's result is cached by content hash (the
 * weights, the backend, the tokens), so an interrupted or repeated evaluation resumes.
 */
import { ContentCache, contentHash, ProgressBar } from '../../../util/index.ts';
import { addCost, zeroCost, type GemmBackend, type GemmCost } from '../../common/index.ts';
import type { LoadedModel } from '../checkpoint.ts';
import { evalWindows, tokenStream } from '../data/token-stream.ts';
import { LlamaModel } from '../engine/model.ts';
import type { Tokenizer } from '../tokenizer/index.ts';
import type { Split } from './held-out.ts';
import { KneserNey } from './kneser-ney.ts';
import { targetPositions, tokenNll } from './perplexity.ts';

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

/** Scores the held-out windows on one backend (cached per window). */
export function scoreWindows(weights: LoadedModel['weights'], weightsKey: string, backend: GemmBackend, windows: readonly Uint16Array[], onWindow?: () => void): BackendScore {
  const cache = new ContentCache<WindowScore>('llm-eval');
  const model = new LlamaModel(weights, backend);
  const V = model.config.vocab;
  let nll = 0, tokens = 0, macs = 0, cost = zeroCost;
  for (const w of windows) {
    const key = contentHash(weightsKey, backend.description, Array.from(w), EVAL_VERSION);
    let s = cache.get(key);
    if (!s) {
      backend.ledger.reset();
      const logits = model.forward(Array.from(w.subarray(0, w.length - 1)), model.newCache());
      let sum = 0;
      for (let t = 1; t < w.length; t++) sum += tokenNll(logits, (t - 1) * V, V, w[t]);
      const total = backend.ledger.total();
      s = { nll: sum, tokens: w.length - 1, macs: total.macs, cost: total.cost };
      cache.put(key, s);
    }
    nll += s.nll;
    tokens += s.tokens;
    macs += s.macs;
    cost = addCost(cost, s.cost);
    onWindow?.();
  }
  const processed = windows.reduce((n, w) => n + w.length - 1, 0);
  const per = (x: number) => x / processed;
  return {
    backend: backend.description,
    perplexity: Math.exp(nll / tokens),
    nll: nll / tokens,
    tokens,
    perToken: {
      macs: per(macs), cycles: per(cost.cycles), seconds: per(cost.seconds),
      energyJ: { core: per(cost.energy.core), buffer: per(cost.energy.buffer), dram: per(cost.energy.dram), static: per(cost.energy.static), total: per(cost.energy.total) },
      dramBytes: { weights: per(cost.dram.weights), kv: per(cost.dram.kv), activations: per(cost.dram.activations) },
    },
  };
}

export interface Evaluation {
  readonly heldOutTokens: number;
  readonly evaluatedTokens: number;
  readonly reference: BackendScore;
  readonly ngram: { readonly order: number; readonly perplexity: number; readonly nll: number };
  readonly backends: BackendScore[];
}

/** The key of a model's weights for the cache. */
export function weightsKey(m: LoadedModel): string {
  return m.meta?.weightsSha256 ?? contentHash(m.source, m.weights.config);
}

/**
 * Evaluates on the first `maxTokens` held-out target tokens: the reference perplexity, the 4-gram
 * on the same targets, and each of `backends`.
 */
export function evaluate(m: LoadedModel & { tokenizer: Tokenizer }, split: Split, backends: readonly GemmBackend[], maxTokens: number, reference: GemmBackend, quiet = false): Evaluation {
  const T = m.weights.config.seqLen;
  const held = tokenStream(split.heldOut, m.tokenizer);
  const windows = evalWindows(held, T, maxTokens);
  const kn = KneserNey.train(tokenStream(split.train, m.tokenizer), 4, m.weights.config.vocab, m.tokenizer.bos);
  const ngram = kn.meanNll(held, targetPositions(held, T, maxTokens));
  const key = weightsKey(m);
  const bar = new ProgressBar('evaluating windows', windows.length * (1 + backends.length), process.stderr, quiet);
  const ref = scoreWindows(m.weights, key, reference, windows, () => bar.tick());
  const scored = backends.map((b) => scoreWindows(m.weights, key, b, windows, () => bar.tick(1, b.description)));
  bar.finish();
  return {
    heldOutTokens: held.length,
    evaluatedTokens: ref.tokens,
    reference: ref,
    ngram: { order: 4, perplexity: Math.exp(ngram.nll), nll: ngram.nll },
    backends: scored,
  };
}
