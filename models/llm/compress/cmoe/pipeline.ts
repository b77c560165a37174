/**
 * CMoE on a whole model: calibrate every FFN, carve it, fit the balancing bias on the calibration
 * tokens, and install the carved FFNs into an engine model (any backend).
 */
import { yieldToEventLoop } from '../../../../util/index.ts';
import { ReferenceBackend, type GemmBackend } from '../../../common/gemm/index.ts';
import type { LlamaWeights } from '../../checkpoint.ts';
import { Block } from '../../engine/block.ts';
import { LlamaModel } from '../../engine/model.ts';
import { activationProfile, captureFfnInput, captureFfnInputs, type ActivationProfile } from './calibrate.ts';
import { carveLayer, staticPruning, type CarvedLayer, type CmoeConfig, type Grouping, type Representative } from './carve.ts';
import { balanceBias, CarvedFeedForward, type BiasDecay, type RouterRows } from './moe-ffn.ts';

export interface Calibration {
  /** Per layer, the FFN inputs (tokens x dim) and the activation profile. */
  readonly inputs: Float32Array[];
  readonly profiles: ActivationProfile[];
  readonly tokens: number;
  readonly windows: readonly Uint16Array[];
}

/** Runs the dense model on the calibration windows and profiles every FFN (top-K_a markers, rates). */
export async function calibrate(weights: LlamaWeights, windows: readonly Uint16Array[], ka: number): Promise<Calibration> {
  const { dim, hiddenDim } = weights.config;
  const inputs = await captureFfnInputs(new LlamaModel(weights, new ReferenceBackend()), windows);
  const tokens = inputs[0].length / dim;
  const profiles = inputs.map((x, l) => activationProfile(x, tokens, weights.layers[l].w1, weights.layers[l].w3, dim, hiddenDim, ka));
  return { inputs, profiles, tokens, windows };
}

export interface CarvedModelLayer {
  readonly carved: CarvedLayer;
  readonly bias: Float64Array;
  readonly scales: Float64Array;
  /** The router's rows when they are not the representatives' rows of the weights the experts run with (after fine-tuning: the original ones). */
  readonly router?: RouterRows;
}

export interface BalanceOptions {
  /** Updates over the fit tokens (ignored with `stream`). */
  readonly steps: number;
  /** Tokens per update. */
  readonly batch: number;
  readonly rate: number;
  /** How the step decays over the `steps` updates of a fit (default 'none': fixed; not for `stream`). */
  readonly decay?: BiasDecay;
  /**
   * Fresh training windows: instead of `steps` updates over the calibration tokens, the carved model
   * runs once over these, every layer's bias updating after each `batch` tokens it routes (as it
   * would through training, each token seen once).
   */
  readonly stream?: readonly Uint16Array[];
  /**
   * Windows to fit the bias on (`steps` updates, layer by layer on the carved model's own inputs)
   * instead of the calibration windows (not with `stream`); with fine-tuning the bias is fitted
   * again on them, on the fine-tuned model.
   */
  readonly fit?: readonly Uint16Array[];
}

/**
 * The balancing bias kept updating through one pass of the carved model over `windows` (every
 * layer at once, each after every `batch` tokens it routes, as during MoE training). Updates the
 * layers' bias arrays in place.
 */
export async function streamBalance(weights: LlamaWeights, layers: readonly CarvedModelLayer[], active: number, windows: readonly Uint16Array[], batch: number, rate: number): Promise<void> {
  const { model, ffns } = carvedModel(weights, layers, active, new ReferenceBackend());
  for (const f of ffns) f.balancing = { batch, rate };
  for (const w of windows) {
    model.forward(Array.from(w), model.newCache(), { logits: 'none' });
    await yieldToEventLoop(); // Ctrl-C between windows
  }
}

/**
 * Carves every layer (`grouping`, or static pruning of the same number of active neurons) from the
 * dense model's activation profiles, then fits the balancing bias layer by layer on the router
 * scores of the calibration tokens as the carved model feeds them (the earlier layers carved, with
 * their fitted biases): the inputs the router will see. No bias when `balance` is undefined.
 */
export async function carveModel(weights: LlamaWeights, cal: Calibration, config: CmoeConfig, method: Grouping | 'static', balance: BalanceOptions | undefined, seed: number, representative: Representative = 'rate'): Promise<CarvedModelLayer[]> {
  const { hiddenDim } = weights.config;
  const keep = ((config.shared + config.active) * hiddenDim) / config.experts;
  const layers = cal.profiles.map((p, l) => {
    const carved = method === 'static' ? staticPruning(p, keep) : carveLayer(p, config, method, seed + l, representative);
    const R = carved.experts.length;
    return { carved, bias: new Float64Array(R), scales: new Float64Array(R) };
  });
  if (balance?.stream) await streamBalance(weights, layers, config.active, balance.stream, balance.batch, balance.rate);
  else if (balance) await fitBias(weights, layers, config.active, balance.fit ?? cal.windows, balance);
  return layers;
}

/**
 * Fits the balancing bias layer by layer (updating the layers' bias arrays in place): `steps`
 * updates of `batch` tokens (the step fixed or decaying, `decay`) over the router scores of `windows` as the carved model feeds them,
 * the earlier layers already fitted (the model's FFNs hold these very arrays, so each fit changes
 * what the later layers see).
 */
export async function fitBias(weights: LlamaWeights, layers: readonly CarvedModelLayer[], active: number, windows: readonly Uint16Array[], o: Pick<BalanceOptions, 'steps' | 'batch' | 'rate' | 'decay'>): Promise<void> {
  const { model, ffns } = carvedModel(weights, layers, active, new ReferenceBackend());
  for (const [l, layer] of layers.entries()) {
    const R = layer.carved.experts.length;
    if (R === 0) continue;
    const x = await captureFfnInput(model, windows, l);
    const tokens = x.length / weights.config.dim;
    layer.bias.set(balanceBias(ffns[l].scores(x, tokens, l), tokens, R, active, o.steps, o.batch, o.rate, o.decay));
  }
}

/**
 * An engine model on `backend` whose FFNs are the carved ones (experts from `weights`; each layer's
 * router its own rows, or else its representatives' rows of `weights`; `fused`: decode steps as the
 * fused kernel, MoeOptions). Returns the model and its FFN modules (their loads).
 */
export function carvedModel(weights: LlamaWeights, layers: readonly CarvedModelLayer[], active: number, backend: GemmBackend, fused = false): { model: LlamaModel; ffns: CarvedFeedForward[] } {
  const { dim, hiddenDim } = weights.config;
  const model = new LlamaModel(weights, backend);
  const ffns = layers.map((l, i) => new CarvedFeedForward(backend, weights.layers[i], dim, hiddenDim, l.carved, { active, bias: l.bias, scales: l.scales, router: l.router, fused }));
  model.blocks.forEach((b, i) => { (b as Block).ffn = ffns[i]; });
  return { model, ffns };
}
