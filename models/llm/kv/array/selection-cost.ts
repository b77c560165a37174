/**
 * The decode step's cost on the array when compressed layers attend to a budget of tokens: the
 * linear layers as the engine's profile books them; attention products over every cached token in
 * the full layers and over the budget in the others (INT8, as the engine's attention products);
 * AttentionPredictor's calibration (a Q K^T over every key every `calibrateEvery` steps) and its
 * network (three GEMMs per compressed layer and KV head, or query head when selecting per query
 * head: the two 3x3 convolutions as im2col products and the 1x1 head); Quest's page minima and
 * maxima, read like keys. Per query head, each query head's product pair reads its own budget.
 *
 * Cross-token prefetch: the predictor for token t + 1 runs while token t decodes. The decode step
 * waits on DRAM (its array utilization is under 1%), so the predictor's GEMMs are taken to run in
 * the idle compute: a token then costs max(decode, predictor) instead of decode + predictor.
 */
import { ArrayCostModel, GemmLedger, addCost, zeroCost, type ArrayBackend, type GemmCost } from '../../../common/gemm/index.ts';
import type { LlamaConfig } from '../../config.ts';
import { bookPhase } from '../../profile/profile.ts';
import type { BudgetLayout } from '../select/layout.ts';

const costs = new ArrayCostModel();

export interface SelectionCostOptions {
  readonly method: 'attention-predictor' | 'h2o' | 'quest' | 'streaming' | 'full';
  readonly layout?: BudgetLayout;
  readonly fullLayers: number;
  readonly history: number;
  readonly calibrateEvery: number;
  /** Each query head attends to its own budget: one single-row product pair per query head (its own keys and values read for it). */
  readonly perQueryHead?: boolean;
}

export interface SelectionCost {
  readonly context: number;
  /** Cycles of the decode step without the predictor. */
  readonly decodeCycles: number;
  readonly predictorCycles: number;
  /** Seconds per token with the predictor in series, and with cross-token prefetch. */
  readonly secondsSerial: number;
  readonly secondsPrefetch: number;
  readonly kvBytes: number;
  readonly energyJ: number;
}

function predictorCost(be: ArrayBackend, layout: BudgetLayout, context: number, history: number): GemmCost {
  const { pe, array, scheme } = be.options;
  const pixels = history * Math.ceil(context / layout.block);
  const gemm = (m: number, k: number, n: number) => costs.cost({ pe, array, group: k, scheme }, { m, k, n }, 'activation');
  return [gemm(pixels, 9, 16), gemm(pixels, 144, 32), gemm(Math.ceil(context / layout.block), 32, 1)].reduce((a, c) => addCost(a, c), zeroCost);
}

export function selectionDecodeCost(config: LlamaConfig, be: ArrayBackend, o: SelectionCostOptions, context: number): SelectionCost {
  const ledger = new GemmLedger();
  bookPhase(ledger, config, be, 'decode', context, 1);
  const others = ledger.total((e) => e.kind !== 'qk' && e.kind !== 'av').cost;
  const hs = config.dim / config.heads, rows = config.heads / config.kvHeads;
  const attend = (tokens: number) => addCost(be.costOfProduct(rows, hs, tokens, 'nk'), be.costOfProduct(rows, tokens, hs, 'kn'));
  const attendEach = (tokens: number) => addCost(zeroCost, addCost(be.costOfProduct(1, hs, tokens, 'nk'), be.costOfProduct(1, tokens, hs, 'kn')), rows);
  let attention = zeroCost, predictor = zeroCost;
  for (let l = 0; l < config.layers; l++) {
    const compressed = o.method !== 'full' && l >= o.fullLayers && o.layout !== undefined && context > o.layout.budget;
    if (!compressed) { attention = addCost(attention, attend(context), config.kvHeads); continue; }
    const layout = o.layout!;
    attention = addCost(attention, o.perQueryHead ? attendEach(layout.budget) : attend(layout.budget), config.kvHeads);
    if (o.method === 'attention-predictor') {
      attention = addCost(attention, be.costOfProduct(rows, hs, context, 'nk'), config.kvHeads / o.calibrateEvery);
      predictor = addCost(predictor, predictorCost(be, layout, context, o.history), o.perQueryHead ? config.heads : config.kvHeads);
    }
    if (o.method === 'quest') attention = addCost(attention, be.costOfProduct(rows, hs, 2 * Math.ceil(context / layout.block), 'nk'), config.kvHeads);
  }
  const decode = addCost(others, attention);
  return {
    context, decodeCycles: decode.cycles, predictorCycles: predictor.cycles,
    secondsSerial: decode.seconds + predictor.seconds, secondsPrefetch: Math.max(decode.seconds, predictor.seconds),
    kvBytes: decode.dram.kv, energyJ: decode.energy.total + predictor.energy.total,
  };
}
