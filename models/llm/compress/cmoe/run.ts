/**
 * The whole CMoE experiment behind `tessera moe carve`: calibration on training text, the carved
 * model with and without the balancing bias, the baselines at the same active neurons (static
 * pruning, random grouping with the same router), optional LoRA fine-tuning, held-out perplexity
 * of each, expert loads, and the cost per decoded token on the array, dense against carved.
 */
import { pausePointAsync } from '../../../../util/index.ts';
import { ArrayBackend, ReferenceBackend } from '../../../common/gemm/index.ts';
import type { LlamaWeights } from '../../checkpoint.ts';
import { LlamaModel } from '../../engine/model.ts';
import { decodeCost, ffnCycles, heldOutPerplexity, type CompressionData, type DecodeCost } from '../measure.ts';
import { activation, type CmoeConfig, type Representative } from './carve.ts';
import { finetuneCmoe, type CmoeFinetuneOptions } from './finetune.ts';
import { maxOverMean, routerRows } from './moe-ffn.ts';
import { fuseGateUp } from './products.ts';
import type { MoeRouting } from './moe-file.ts';
import { calibrate, carvedModel, carveModel, fitBias, type BalanceOptions } from './pipeline.ts';

export interface CmoeRunOptions {
  readonly configName: string;
  readonly config: CmoeConfig;
  readonly ka: number;
  /** How each routed expert's router row is chosen (default `rate`; the paper's is `centroid`). */
  readonly representative?: Representative;
  readonly balance: BalanceOptions;
  readonly finetune?: CmoeFinetuneOptions;
  readonly array: ArrayBackend;
  /** Prompt tokens prefilled and tokens decoded for the array's cost. */
  readonly decode: { readonly prompt: number; readonly steps: number };
  readonly seed: number;
}

const loadStats = (loads: Float64Array[]) => {
  const perLayer = loads.map(maxOverMean);
  return { maxOverMean: Math.max(...perLayer), meanOverLayers: perLayer.reduce((a, b) => a + b, 0) / perLayer.length, perLayer };
};

const arrayCost = (c: DecodeCost) => ({ cycles: c.perToken.cycles, ffnCycles: ffnCycles(c), energyJ: c.perToken.energyJ.total, dramBytes: c.perToken.dramBytes });

export async function runCmoe(weights: LlamaWeights, data: CompressionData, o: CmoeRunOptions, log: (line: string) => void) {
  const { config } = o;
  const reference = new ReferenceBackend();
  log(`calibrating on ${data.calibration.length} windows`);
  await pausePointAsync('cmoe calibration');
  const cal = await calibrate(weights, data.calibration, o.ka);
  const ppl = async (model: LlamaModel, name: string) => {
    const s = await heldOutPerplexity(model, data.heldOut);
    log(`${name}: held-out perplexity ${s.perplexity.toFixed(3)}`);
    return s.perplexity;
  };
  const dense = await ppl(new LlamaModel(weights, reference), 'dense');
  const variant = async (method: 'kmeans' | 'random' | 'static', balance: boolean) => {
    const layers = await carveModel(weights, cal, config, method, balance ? o.balance : undefined, o.seed, o.representative);
    const { model, ffns } = carvedModel(weights, layers, config.active, reference);
    const perplexity = await ppl(model, `${method}${balance ? '' : ' (no bias)'}`);
    return { layers, perplexity, loads: loadStats(ffns.map((f) => f.loads)) };
  };
  const carved = await variant('kmeans', true);
  const noBias = await variant('kmeans', false);
  const random = await variant('random', true);
  const pruned = await variant('static', false);

  let finetuned: { perplexity: number; loads: ReturnType<typeof loadStats>; samples: number; steps: number; tokens: number; seconds: number; tokensPerSecond: number; lossFirst: number; lossLast: number } | undefined;
  // The router is the dense model's whatever fine-tuning does to the weights: its rows go with the layers.
  let finalWeights = weights;
  let finalLayers: MoeRouting['layers'] = carved.layers.map((l, i) => ({ ...l, router: routerRows(weights.layers[i], l.carved.representatives, weights.config.dim) }));
  if (o.finetune) {
    const f = o.finetune;
    log(`fine-tuning: ${f.steps} steps of ${f.batch} x ${f.context} tokens (LoRA rank ${f.rank}, alpha ${f.alpha}, lr ${f.lr})`);
    const r = await finetuneCmoe(weights, carved.layers, config.active, data.trainStream, f, (loss) => log(`  loss ${loss.toFixed(4)}`));
    finalWeights = r.weights;
    finalLayers = finalLayers.map((l, i) => ({ ...l, scales: r.scales[i], bias: r.biases[i] }));
    if (o.balance.fit) {
      // The balancing step again, on the fine-tuned model: the bias fitted from zero on the fit windows.
      log(`fitting the bias of the fine-tuned model on ${o.balance.fit.length} windows`);
      for (const l of finalLayers) l.bias.fill(0);
      await fitBias(r.weights, finalLayers, config.active, o.balance.fit, o.balance);
    }
    const { model, ffns } = carvedModel(r.weights, finalLayers, config.active, reference);
    const perplexity = await ppl(model, 'fine-tuned');
    finetuned = {
      perplexity, loads: loadStats(ffns.map((x) => x.loads)), samples: r.samples, steps: f.steps, tokens: r.tokens, seconds: r.seconds,
      tokensPerSecond: r.tokens / r.seconds, lossFirst: r.losses[0], lossLast: r.losses[r.losses.length - 1],
    };
  }

  log(`array cost: prefill ${o.decode.prompt}, decode ${o.decode.steps} tokens on ${o.array.description}`);
  const window = data.heldOut[0];
  const cost = (model: LlamaModel) => decodeCost(model, window, o.decode.prompt, o.decode.steps);
  const comparison = (dense: DecodeCost, carved: DecodeCost) => {
    const d = arrayCost(dense), c = arrayCost(carved);
    return {
      cyclesPerToken: { dense: d.cycles, carved: c.cycles },
      ffnCyclesPerToken: { dense: d.ffnCycles, carved: c.ffnCycles },
      energyPerTokenJ: { dense: d.energyJ, carved: c.energyJ },
      dramBytesPerToken: { dense: d.dramBytes, carved: c.dramBytes },
      speedup: d.cycles / c.cycles,
      ffnSpeedup: d.ffnCycles / c.ffnCycles,
      // A free router and experts whose cycles shrink with their share of the neurons: the FFN at
      // activation x its dense cycles, everything else (attention, classifier) unchanged.
      ceiling: d.cycles / (d.cycles - (1 - activation(config)) * d.ffnCycles),
      byKind: { dense: dense.byKind, carved: carved.byKind },
    };
  };
  const separate = comparison(await cost(new LlamaModel(weights, o.array)), await cost(carvedModel(finalWeights, finalLayers, config.active, o.array).model));
  const fused = comparison(await cost(fuseGateUp(new LlamaModel(weights, o.array))), await cost(carvedModel(finalWeights, finalLayers, config.active, o.array, true).model));

  const gap = carved.perplexity - dense;
  const report = {
    config: o.configName,
    activation: activation(config),
    ka: o.ka,
    representative: o.representative ?? 'rate',
    calibration: { windows: data.calibration.length, tokens: cal.tokens, source: 'training documents (seeded windows)' },
    heldOutTokens: heldOutTargets(data),
    perplexity: {
      dense, carved: carved.perplexity, carvedNoBias: noBias.perplexity, finetuned: finetuned?.perplexity ?? null,
      staticPruning: pruned.perplexity, randomGrouping: random.perplexity,
    },
    loadBalance: { maxOverMean: carved.loads.maxOverMean, meanOverLayers: carved.loads.meanOverLayers, perLayer: carved.loads.perLayer, withoutBias: noBias.loads, balance: { steps: o.balance.stream ? 0 : o.balance.steps, batch: o.balance.batch, rate: o.balance.rate, decay: o.balance.stream ? 'none' : o.balance.decay ?? 'none', streamWindows: o.balance.stream?.length ?? 0, fitWindows: o.balance.fit?.length ?? 0, refitAfterFinetune: o.balance.fit !== undefined && o.finetune !== undefined } },
    finetune: finetuned ? { ...finetuned, options: o.finetune, gapRecovered: gap > 0 ? (carved.perplexity - finetuned.perplexity) / gap : null } : null,
    array: {
      backend: o.array.description, prompt: o.decode.prompt, decodedTokens: o.decode.steps,
      // The engine's products: the router, then the gathered gate, up and down (dense: gate, up, down).
      ...separate,
      // As a fused decode kernel: the router with the shared neurons' gate and up as one product, the
      // picked experts' gate and up as one, then down (dense: gate and up as one product, then down).
      fusedKernel: fused,
    },
    targets: {
      beatsStaticPruning: carved.perplexity < pruned.perplexity,
      beatsRandomGrouping: carved.perplexity < random.perplexity,
      finetuneRecoversHalfTheGap: finetuned ? finetuned.perplexity <= carved.perplexity - gap / 2 : null,
      loadWithin1p2: carved.loads.maxOverMean <= 1.2,
      paperSpeedupAt25: 1.5,
    },
  };
  return { report, weights: finalWeights, routing: { config: o.configName, active: config.active, layers: finalLayers } satisfies MoeRouting };
}

const heldOutTargets = (data: CompressionData) => data.heldOut.reduce((s, w) => s + w.length - 1, 0);

export type CmoeReport = Awaited<ReturnType<typeof runCmoe>>['report'];
