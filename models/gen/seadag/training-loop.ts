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
  const saved = await loadTrainState<LossPoint>(o.outDir, resumeKey, o.params, optimizer);
  const history: LossPoint[] = saved ? [...saved.history] : [];
  const start = saved?.step ?? 0;
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
    if ((step + 1) % logEvery === 0 || last) {
      const point: LossPoint = { step: step + 1, losses: Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / counted])), seconds: secondsBefore + (performance.now() - t0) / 1000 };
      history.push(point);
      appendFileSync(logFile, `${JSON.stringify(point)}\n`);
      for (const k of Object.keys(sums)) delete sums[k];
      counted = 0;
    }
    if ((step + 1) % o.checkpointEvery === 0 || last) await saveTrainState(o.outDir, resumeKey, o.params, optimizer, { step: step + 1, history });
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
