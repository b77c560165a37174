/**
 * CMoE on a whole model: calibrate every FFN, carve it, fit the balancing bias on the calibration
 * tokens, and install the carved FFNs into an engine model (any backend).
 */
import { ReferenceBackend, type GemmBackend } from '../../../common/index.ts';
import type { LlamaWeights } from '../../checkpoint.ts';
import { Block } from '../../engine/block.ts';
import { LlamaModel } from '../../engine/model.ts';
import { activationProfile, captureFfnInputs, type ActivationProfile } from './calibrate.ts';
import { carveLayer, staticPruning, type CarvedLayer, type CmoeConfig, type Grouping } from './carve.ts';
import { balanceBias, CarvedFeedForward } from './moe-ffn.ts';

export interface Calibration {
  /** Per layer, the FFN inputs (tokens x dim) and the activation profile. */
  readonly inputs: Float32Array[];
  readonly profiles: ActivationProfile[];
  readonly tokens: number;
}

/** Runs the dense model on the calibration windows and profiles every FFN (top-K_a markers, rates). */
export function calibrate(weights: LlamaWeights, windows: readonly Uint16Array[], ka: number): Calibration {
  const { dim, hiddenDim } = weights.config;
  const inputs = captureFfnInputs(new LlamaModel(weights, new ReferenceBackend()), windows);
  const tokens = inputs[0].length / dim;
  const profiles = inputs.map((x, l) => activationProfile(x, tokens, weights.layers[l].w1, weights.layers[l].w3, dim, hiddenDim, ka));
  return { inputs, profiles, tokens };
}

export interface CarvedModelLayer {
  readonly carved: CarvedLayer;
  readonly bias: Float64Array;
  readonly scales: Float64Array;
}

export interface BalanceOptions {
  readonly steps: number;
  readonly batch: number;
  readonly rate: number;
}

/**
 * Carves every layer (`grouping`, or static pruning of the same number of active neurons) and fits
 * the balancing bias on the calibration tokens' router scores (no bias when `balance` is undefined).
 */
export function carveModel(weights: LlamaWeights, cal: Calibration, config: CmoeConfig, method: Grouping | 'static', balance: BalanceOptions | undefined, seed: number): CarvedModelLayer[] {
  const { dim, hiddenDim } = weights.config;
  const keep = ((config.shared + config.active) * hiddenDim) / config.experts;
  return cal.profiles.map((p, l) => {
    const carved = method === 'static' ? staticPruning(p, keep) : carveLayer(p, config, method, seed + l);
    const R = carved.experts.length;
    let bias: Float64Array = new Float64Array(R);
    if (balance && R > 0) {
      const ffn = new CarvedFeedForward(new ReferenceBackend(), weights.layers[l], dim, hiddenDim, carved, { active: config.active });
      bias = balanceBias(ffn.scores(cal.inputs[l], cal.tokens, l), cal.tokens, R, config.active, balance.steps, balance.batch, balance.rate);
    }
    return { carved, bias, scales: new Float64Array(R) };
  });
}

/**
 * An engine model on `backend` whose FFNs are the carved ones (experts from `weights`; the router
 * from `routerFrom`, default `weights`). Returns the model and its FFN modules (their loads).
 */
export function carvedModel(weights: LlamaWeights, layers: readonly CarvedModelLayer[], active: number, backend: GemmBackend, routerFrom: LlamaWeights = weights): { model: LlamaModel; ffns: CarvedFeedForward[] } {
  const { dim, hiddenDim } = weights.config;
  const model = new LlamaModel(weights, backend);
  const ffns = layers.map((l, i) => new CarvedFeedForward(backend, weights.layers[i], dim, hiddenDim, l.carved, { active, bias: l.bias, scales: l.scales, routerFrom: routerFrom.layers[i] }));
  model.blocks.forEach((b, i) => { (b as Block).ffn = ffns[i]; });
  return { model, ffns };
}
