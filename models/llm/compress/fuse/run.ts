/**
 * The whole FuseGPT experiment behind `tessera prune fuse`: blocks removed one at a time by Macro
 * Influence (recomputed on the current model after each removal), each removed block fused into
 * its neighbours with local distillation; the baselines at the same number of removed blocks
 * (plain removal by Macro Influence, plain removal of the last blocks, removal healed by the same
 * fine-tuning without fusion) and plain removal at half the rate; held-out perplexity of each and
 * the array's cost per decoded token, dense against fused.
 */
import { pausePointAsync } from '../../../../util/index.ts';
import { ArrayBackend, ReferenceBackend } from '../../../common/gemm/index.ts';
import type { LlamaWeights } from '../../checkpoint.ts';
import { LlamaModel } from '../../engine/model.ts';
import { decodeCost, heldOutPerplexity, type CompressionData } from '../measure.ts';
import { fuseBlock, type FuseOptions, type FuseResult } from './fuse.ts';
import { macroInfluence, removeBlock } from './influence.ts';

export interface FuseRunOptions {
  readonly rate: number;
  readonly fuse: Omit<FuseOptions, 'fuse'>;
  readonly array: ArrayBackend;
  readonly decode: { readonly prompt: number; readonly steps: number };
}

interface StepResult { weights: LlamaWeights; seconds: number; samples: number; lossFirst?: number; lossLast?: number; coefficient?: FuseResult['coefficient'] }
/** Per removed block of a trained method: its distillation loss first and last, and the fusion coefficient's size. */
interface StepRecord { block: number; lossFirst: number | null; lossLast: number | null; coefficient: FuseResult['coefficient'] }
interface Pruned { weights: LlamaWeights; removed: number[]; influence: number[][]; seconds: number; samples: number; steps: StepRecord[] }

/**
 * Removes `count` blocks by Macro Influence, one at a time, each by `step` (plain removal, or
 * fusion). `denseInfluence` is the influence on `weights` itself (the same first step for every method).
 */
async function pruneIteratively(weights: LlamaWeights, denseInfluence: number[], count: number, calibration: readonly Uint16Array[], step: (w: LlamaWeights, r: number) => Promise<StepResult>, log: (line: string) => void, name: string): Promise<Pruned> {
  let current = weights;
  let ids = weights.layers.map((_, i) => i);
  const removed: number[] = [], influence: number[][] = [], steps: StepRecord[] = [];
  let seconds = 0, samples = 0;
  for (let k = 0; k < count; k++) {
    const mi = k === 0 ? denseInfluence : await macroInfluence(current, calibration);
    const r = mi.indexOf(Math.min(...mi));
    log(`${name}: Macro Influence ${mi.map((x) => x.toFixed(4)).join(' ')} -> block ${ids[r]}`);
    influence.push(mi);
    removed.push(ids[r]);
    const s = await step(current, r);
    current = s.weights;
    seconds += s.seconds;
    samples += s.samples;
    steps.push({ block: ids[r], lossFirst: s.lossFirst ?? null, lossLast: s.lossLast ?? null, coefficient: s.coefficient ?? null });
    ids = ids.filter((_, i) => i !== r);
  }
  return { weights: current, removed, influence, seconds, samples, steps };
}

export async function runFuse(weights: LlamaWeights, data: CompressionData, o: FuseRunOptions, log: (line: string) => void) {
  const L = weights.layers.length;
  const count = Math.round(o.rate * L), half = Math.round((o.rate / 2) * L);
  if (count < 1 || count >= L) throw new Error(`rate ${o.rate} removes ${count} of ${L} blocks`);
  const reference = new ReferenceBackend();
  const ppl = async (w: LlamaWeights, name: string) => {
    const s = await heldOutPerplexity(new LlamaModel(w, reference), data.heldOut);
    log(`${name}: held-out perplexity ${s.perplexity.toFixed(3)}`);
    return s.perplexity;
  };
  const plainStep = async (w: LlamaWeights, r: number): Promise<StepResult> => ({ weights: removeBlock(w, r), seconds: 0, samples: 0 });
  const trainedStep = (fuse: boolean) => async (w: LlamaWeights, r: number): Promise<StepResult> => {
    const f = await fuseBlock(w, r, data.trainStream, { ...o.fuse, fuse });
    log(`  distillation loss ${f.lossFirst.toFixed(5)} -> ${f.lossLast.toFixed(5)} in ${o.fuse.steps} steps (${f.seconds.toFixed(0)} s)${f.coefficient ? `, fusion coefficient |C_A C_B| mean ${f.coefficient.meanAbs.toFixed(4)}, max ${f.coefficient.maxAbs.toFixed(4)}` : ''}`);
    return f;
  };

  await pausePointAsync('fuse dense perplexity');
  const dense = await ppl(weights, 'dense');
  const denseInfluence = await macroInfluence(weights, data.calibration);
  const removal = await pruneIteratively(weights, denseInfluence, count, data.calibration, plainStep, log, 'removal');
  const removalPpl = await ppl(removal.weights, `removal of ${removal.removed.join(', ')}`);
  // Half the rate must remove fewer blocks than the rate itself (at 1 block, there is no half).
  const removalHalf = half >= 1 && half < count ? await pruneIteratively(weights, denseInfluence, half, data.calibration, plainStep, log, 'removal at half the rate') : undefined;
  const removalHalfPpl = removalHalf ? await ppl(removalHalf.weights, `removal of ${removalHalf.removed.join(', ')}`) : null;
  let last = weights;
  for (let k = 0; k < count; k++) last = removeBlock(last, last.layers.length - 1);
  const lastPpl = await ppl(last, `removal of the last ${count}`);
  const healed = await pruneIteratively(weights, denseInfluence, count, data.calibration, trainedStep(false), log, 'healed removal');
  const healedPpl = await ppl(healed.weights, 'healed removal');
  const fused = await pruneIteratively(weights, denseInfluence, count, data.calibration, trainedStep(true), log, 'fused');
  const fusedPpl = await ppl(fused.weights, 'fused');

  log(`array cost: prefill ${o.decode.prompt}, decode ${o.decode.steps} tokens on ${o.array.description}`);
  const window = data.heldOut[0];
  const d = (await decodeCost(new LlamaModel(weights, o.array), window, o.decode.prompt, o.decode.steps)).perToken;
  const f = (await decodeCost(new LlamaModel(fused.weights, o.array), window, o.decode.prompt, o.decode.steps)).perToken;
  const weightBytes = (w: LlamaWeights) => w.layers.reduce((s, l) => s + [l.wq, l.wk, l.wv, l.wo, l.w1, l.w2, l.w3].reduce((a, t) => a + t.length, 0), 0);

  const report = {
    rate: o.rate,
    removedBlocks: fused.removed,
    blocks: { before: L, after: L - count },
    calibration: { windows: data.calibration.length, tokens: data.calibration.reduce((s, w) => s + w.length, 0), source: 'training documents (seeded windows)' },
    heldOutTokens: data.heldOut.reduce((s, w) => s + w.length - 1, 0),
    perplexity: { dense, fused: fusedPpl, removal: removalPpl, healedRemoval: healedPpl, lastBlocksRemoval: lastPpl, removalAtHalfRate: removalHalfPpl },
    removed: { fused: fused.removed, removal: removal.removed, healedRemoval: healed.removed, removalAtHalfRate: removalHalf?.removed ?? [] },
    macroInfluence: { fused: fused.influence, removal: removal.influence },
    finetune: { ...o.fuse, samplesPerFusion: o.fuse.steps * o.fuse.batch, samples: fused.samples, seconds: { fused: fused.seconds, healedRemoval: healed.seconds }, distillation: { fused: fused.steps, healedRemoval: healed.steps } },
    array: {
      backend: o.array.description, prompt: o.decode.prompt, decodedTokens: o.decode.steps,
      cyclesPerToken: { dense: d.cycles, fused: f.cycles },
      energyPerTokenJ: { dense: d.energyJ.total, fused: f.energyJ.total },
      dramBytesPerToken: { dense: d.dramBytes, fused: f.dramBytes },
      blockWeightParameters: { dense: weightBytes(weights), fused: weightBytes(fused.weights) },
      speedup: d.cycles / f.cycles,
    },
    targets: {
      fusedBeatsHealedRemoval: fusedPpl < healedPpl,
      healedRemovalBeatsRemoval: healedPpl < removalPpl,
      fusedBeatsRemovalAtHalfRate: removalHalfPpl === null ? null : fusedPpl < removalHalfPpl,
    },
  };
  return { report, weights: fused.weights };
}

export type FuseReport = Awaited<ReturnType<typeof runFuse>>['report'];
