/**
 * What both compression methods measure, the same way for the dense model and the compressed one:
 * held-out perplexity (whole windows spread over the held-out text, the engine's cached scorer),
 * and the cost of decoding on the array (a prompt prefilled, then tokens decoded one at a time
 * with the KV cache; the ledger of the decode steps divided by their number).
 */
import { yieldToEventLoop } from '../../../util/index.ts';
import { sampleBatch, spreadWindows, tokenStream } from '../data/token-stream.ts';
import type { LlamaModel } from '../engine/model.ts';
import type { Split } from '../eval/held-out.ts';
import type { Tokenizer } from '../tokenizer/index.ts';
import { tokenNll } from '../eval/perplexity.ts';
import { summarize, type CostSummary } from '../profile/profile.ts';

export interface CompressionData {
  /** Held-out windows of context + 1 tokens for perplexity. */
  readonly heldOut: Uint16Array[];
  /** Calibration windows of `context` tokens drawn from the training documents. */
  readonly calibration: Uint16Array[];
  /** The training documents as one stream (fine-tuning batches). */
  readonly trainStream: Uint16Array;
}

/**
 * Held-out windows (about `evalTokens` targets) and `calibrationWindows` seeded windows of the
 * training text: calibration and fine-tuning never see the text perplexity is measured on.
 */
export function compressionData(tokenizer: Tokenizer, split: Split, context: number, evalTokens: number, calibrationWindows: number, seed: number): CompressionData {
  const held = tokenStream(split.heldOut, tokenizer);
  const trainStream = tokenStream(split.train, tokenizer);
  const calibration = trainingWindows(trainStream, calibrationWindows, context, seed);
  return { heldOut: spreadWindows(held, context, evalTokens).map((w) => w.window), calibration, trainStream };
}

/** `count` seeded windows of `context` tokens from the training stream. */
export function trainingWindows(trainStream: Uint16Array, count: number, context: number, seed: number): Uint16Array[] {
  const { inputs } = sampleBatch(trainStream, count, context, seed, 0);
  return Array.from({ length: count }, (_, i) => Uint16Array.from(inputs.subarray(i * context, (i + 1) * context)));
}

export interface HeldOutScore {
  readonly perplexity: number;
  readonly nll: number;
  readonly tokens: number;
}

/**
 * Held-out perplexity of `model` as it is (its blocks and FFNs), each window run afresh (not from
 * the evaluation cache, so modules that count what they see, such as expert loads, see every token).
 */
export async function heldOutPerplexity(model: LlamaModel, windows: readonly Uint16Array[]): Promise<HeldOutScore> {
  const V = model.config.vocab;
  let nll = 0, tokens = 0;
  for (const w of windows) {
    const logits = model.forward(Array.from(w.subarray(0, w.length - 1)), model.newCache());
    for (let t = 1; t < w.length; t++) nll += tokenNll(logits, (t - 1) * V, V, w[t]);
    tokens += w.length - 1;
    await yieldToEventLoop(); // Ctrl-C between windows
  }
  return { perplexity: Math.exp(nll / tokens), nll: nll / tokens, tokens };
}

export interface DecodeCost {
  /** Tokens in the cache at the first decode step (the prompt). */
  readonly prompt: number;
  readonly steps: number;
  /** Per decoded token. */
  readonly perToken: CostSummary;
  /** Per decoded token, per product kind. */
  readonly byKind: Record<string, CostSummary>;
}

/**
 * The array's cost per decoded token: `prompt` tokens of `window` prefilled (not counted), then the
 * next `steps` tokens of the window decoded one by one (teacher-forced, so dense and compressed
 * models decode the same tokens). `model` must be on an ArrayBackend.
 */
export async function decodeCost(model: LlamaModel, window: Uint16Array, prompt: number, steps: number): Promise<DecodeCost> {
  if (window.length < prompt + steps) throw new Error(`a window of ${window.length} tokens is shorter than ${prompt} + ${steps}`);
  const cache = model.newCache();
  model.forward(Array.from(window.subarray(0, prompt)), cache, { logits: 'none' });
  model.backend.ledger.reset();
  for (let i = 0; i < steps; i++) {
    model.forward([window[prompt + i]], cache, { logits: 'last' });
    await yieldToEventLoop();
  }
  const ledger = model.backend.ledger;
  return {
    prompt, steps,
    perToken: summarize(ledger.total(), steps),
    byKind: Object.fromEntries([...ledger.byKind()].map(([kind, e]) => [kind, summarize(e, steps)])),
  };
}

/** Cycles per decoded token of the FFN products (dense gate/up/down, or experts and router; separate or fused). */
export function ffnCycles(c: DecodeCost): number {
  return ['gate', 'up', 'gate-up', 'down', 'router', 'router-gate-up'].reduce((s, k) => s + (c.byKind[k]?.cycles ?? 0), 0);
}
