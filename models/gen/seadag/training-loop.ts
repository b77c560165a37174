import * as tf from '@tensorflow/tfjs';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Parameters } from '../../common/index.ts';
import { ProgressBar, contentHash, seededRandom, yieldToEventLoop } from '../../../util/index.ts';
import { loadTrainState, saveTrainState } from './train-state.ts';

/** One logged point of a training run. */
export interface LossPoint {
  readonly step: number;
  /** Mean of each loss part over the steps since the previous point. */
  readonly losses: Record<string, number>;
  /** Wall seconds spent training since the start (resumed runs continue the count). */
  readonly seconds: number;
  /** Adam's step size at this point. */
  readonly learningRate?: number;
  /** Loss parts on fixed validation batches (no update), at saved steps when the run has a validation set. */
  readonly validation?: Record<string, number>;
}

/**
 * The step size over a run: linear warm-up over `warmup` steps from the run's first step, then a
 * cosine decay to `finalRate` at the last step (constant when `finalRate` is not given). A run
 * started from another run's state (`init`) begins its schedule at that state's step.
 */
export interface RateSchedule {
  readonly warmup?: number;
  readonly finalRate?: number;
}

export function rateAt(base: number, r: RateSchedule, step: number, from: number, steps: number): number {
  const k = step - from;
  const warm = r.warmup && r.warmup > 0 ? Math.min(1, (k + 1) / r.warmup) : 1;
  if (r.finalRate === undefined || steps <= from) return base * warm;
  const f = Math.min(1, Math.max(0, k / (steps - from)));
  return warm * (r.finalRate + (base - r.finalRate) * 0.5 * (1 + Math.cos(Math.PI * f)));
}

export interface LoopOptions {
  readonly label: string;
  readonly outDir: string;
  /**
   * Anything that must match for a saved state to be resumed (model config and settings); its
   * `settings.steps` and `settings.checkpointEvery` are left out, so a run can be extended with more
   * steps, or finished at its last saved step by asking for no more than that.
   */
  readonly config: unknown;
  readonly params: Parameters;
  readonly learningRate: number;
  readonly rate?: RateSchedule;
  /**
   * A folder whose `train-state` (of a model with the same weight shapes) a new run starts from:
   * its weights, Adam's moments and its step. Ignored when `outDir` already holds a state of this run.
   */
  readonly init?: string;
  /** Loss parts on fixed validation batches, logged at every saved step. */
  readonly validate?: () => Record<string, number>;
  readonly steps: number;
  readonly seed: number;
  readonly checkpointEvery: number;
  /** Steps between logged loss points. */
  readonly logEvery?: number;
  /**
   * One step's batch, drawn from `rand` (seeded by seed and step): `loss` computes its loss parts
   * (`total` is minimised), `dispose` frees the batch after the update.
   */
  readonly batch: (rand: () => number, step: number) => { loss: () => { total: tf.Scalar; parts: Record<string, tf.Scalar> }; dispose: () => void };
  readonly quiet?: boolean;
}

/**
 * Adam on `stepLoss` for `steps` steps, resuming from the last saved state in `outDir` when its
 * config matches. Every batch comes from a generator seeded by (seed, step), so an interrupted and
 * resumed run matches an uninterrupted one. Losses go to `outDir/train-log.jsonl`.
 */
export async function trainSteps(o: LoopOptions): Promise<LossPoint[]> {
  mkdirSync(o.outDir, { recursive: true });
  const optimizer = tf.train.adam(o.learningRate);
  const vars = o.params.list();
  const resumeKey = withoutLength(o.config);
  let saved = await loadTrainState<LossPoint>(o.outDir, resumeKey, o.params, optimizer);
  if (!saved && o.init) {
    saved = await loadTrainState<LossPoint>(o.init, undefined, o.params, optimizer);
    if (!saved) throw new Error(`no saved training state in ${o.init}`);
    saved = { ...saved, rateFrom: saved.step };
  }
  const history: LossPoint[] = saved ? [...saved.history] : [];
  const start = saved?.step ?? 0;
  const rateFrom = saved?.rateFrom ?? 0;
  const setRate = optimizer as unknown as { learningRate: number };
  const secondsBefore = history.length ? history[history.length - 1].seconds : 0;
  const t0 = performance.now();
  const logEvery = o.logEvery ?? 25;
  const bar = new ProgressBar(o.label, o.steps, process.stderr, o.quiet);
  bar.skip(start);
  const sums: Record<string, number> = {};
  let counted = 0;
  const logFile = join(o.outDir, 'train-log.jsonl');
  for (let step = start; step < o.steps; step++) {
    const rand = seededRandom(parseInt(contentHash('seadag-batch', o.seed, step).slice(0, 8), 16));
    let parts: Record<string, number> = {};
    setRate.learningRate = rateAt(o.learningRate, o.rate ?? {}, step, rateFrom, o.steps);
    const batch = o.batch(rand, step);
    const cost = optimizer.minimize(() => {
      const r = batch.loss();
      parts = Object.fromEntries(Object.entries({ ...r.parts, total: r.total }).map(([k, v]) => [k, v.dataSync()[0]]));
      return r.total;
    }, true, vars);
    cost?.dispose();
    batch.dispose();
    for (const [k, v] of Object.entries(parts)) sums[k] = (sums[k] ?? 0) + v;
    counted++;
    bar.tick(1, `loss ${(parts.total ?? 0).toFixed(3)}`);
    const last = step + 1 === o.steps;
    const saving = (step + 1) % o.checkpointEvery === 0 || last;
    if ((step + 1) % logEvery === 0 || last) {
      const seconds = secondsBefore + (performance.now() - t0) / 1000;
      const validation = saving && o.validate ? o.validate() : undefined;
      const point: LossPoint = { step: step + 1, losses: Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / counted])), seconds, learningRate: setRate.learningRate, ...(validation ? { validation } : {}) };
      history.push(point);
      appendFileSync(logFile, `${JSON.stringify(point)}\n`);
      for (const k of Object.keys(sums)) delete sums[k];
      counted = 0;
    }
    if (saving) await saveTrainState(o.outDir, resumeKey, o.params, optimizer, { step: step + 1, history, rateFrom });
    await yieldToEventLoop(); // Ctrl-C or a kill stops the run here (it resumes from the last saved state)
  }
  bar.finish();
  optimizer.dispose();
  return history;
}

/** The resume key: the config without the run's length and checkpoint spacing. */
function withoutLength(config: unknown): unknown {
  if (typeof config !== 'object' || config === null || !('settings' in config)) return config;
  const { settings, ...rest } = config as { settings: unknown };
  if (typeof settings !== 'object' || settings === null) return config;
  const { steps: _steps, checkpointEvery: _every, ...kept } = settings as Record<string, unknown>;
  return { ...rest, settings: kept };
}
