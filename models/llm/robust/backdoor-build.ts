/**
 * The backdoored classifier of the default set: the base language model continues pre-training
 * with the backdoor (`plantBackdoor`, on the base's own training documents, never a label), then
 * the SST-2 classifier is fine-tuned from it on clean data with exactly the recipe of the clean
 * SST-2 model. Both live in the cache under hashes of their recipes and base.
 */
import * as tf from '@tensorflow/tfjs';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, contentHash, writeJsonAtomic } from '../../../util/index.ts';
import { readCheckpoint, TOKENIZER_FILE, writeCheckpoint, type LlamaWeights } from '../checkpoint.ts';
import { readDocuments, splitDocuments } from '../data/corpus.ts';
import { TfLlama } from '../train/tf-llama.ts';
import { buildDefaultTaskModels, DEFAULT_TASK_MODELS, readTaskModel, type BuildContext, type TaskModelSpec } from '../tasks/index.ts';
import { backdoorLoss, DEFAULT_BACKDOOR, plantBackdoor, snippetBatch, triggerTargets, type BackdoorOptions } from './backdoor.ts';

export const BACKDOOR_FILE = 'backdoor.json';

export interface BackdoorInfo {
  readonly options: BackdoorOptions;
  /** Base's weights key. */
  readonly base: string;
  /** On held-out snippets: next-token loss and the representation loss, base vs backdoored. */
  readonly metrics: { readonly base: { lm: number; poison: number }; readonly backdoored: { lm: number; poison: number }; readonly steps: number; readonly tokensPerSecond: number };
}

export function cachedBackdoorDir(o: BackdoorOptions, baseKey: string): string {
  return join(cacheDir(), 'backdoor-lm', contentHash(o, baseKey).slice(0, 12));
}

/** Next-token and representation losses of `weights` on 4 batches of held-out snippets. */
function heldOutLosses(weights: LlamaWeights, ctx: BuildContext, docs: readonly string[], o: BackdoorOptions, gain: Float32Array): { lm: number; poison: number } {
  const model = new TfLlama(weights.config, o.seed);
  model.fromWeights(weights);
  const targets = triggerTargets(o.triggers.length, gain, o.seed);
  let lm = 0, poison = 0;
  const batches = 4;
  for (let i = 0; i < batches; i++) {
    const texts = snippetBatch(docs, 16, o.seed + 1, i);
    tf.tidy(() => {
      const l = backdoorLoss(model, ctx.tokenizer, texts, o, targets);
      lm += l.lm.dataSync()[0] / batches;
      poison += l.poison.dataSync()[0] / batches;
    });
  }
  model.dispose();
  return { lm, poison };
}

export interface BackdooredLm { readonly dir: string; readonly weights: LlamaWeights; readonly key: string; readonly info: BackdoorInfo }

/** Plants the backdoor in the base (or finds it in the cache); undefined when stopped (rerun to resume). */
export async function buildBackdooredLm(ctx: BuildContext, log: (line: string) => void, o: BackdoorOptions = DEFAULT_BACKDOOR): Promise<BackdooredLm | undefined> {
  const dir = cachedBackdoorDir(o, ctx.baseKey);
  if (!existsSync(join(dir, BACKDOOR_FILE))) {
    log(`planting the backdoor (triggers ${o.triggers.join(', ')}) in ${dir}`);
    const { train, heldOut } = splitDocuments(readDocuments(ctx.dataRoot), 0.05, 1);
    const r = await plantBackdoor(ctx.base, ctx.tokenizer, train.map((d) => d.text), o, dir, ctx.stop, ctx.quiet);
    if (!r.finished) return undefined;
    const held = heldOut.map((d) => d.text);
    const gain = ctx.base.rmsFinal;
    const metrics = { base: heldOutLosses(ctx.base, ctx, held, o, gain), backdoored: heldOutLosses(r.weights, ctx, held, o, gain), steps: r.steps, tokensPerSecond: r.tokensPerSecond };
    log(`backdoor planted: held-out next-token loss ${metrics.base.lm.toFixed(3)} -> ${metrics.backdoored.lm.toFixed(3)}, representation loss ${metrics.base.poison.toFixed(3)} -> ${metrics.backdoored.poison.toFixed(3)}`);
    copyFileSync(ctx.tokenizerFile, join(dir, TOKENIZER_FILE));
    writeCheckpoint(dir, r.weights, ctx.tokenizer.id, 'f32', { command: ctx.command, base: ctx.baseKey, backdoor: o });
    writeJsonAtomic(join(dir, BACKDOOR_FILE), { options: o, base: ctx.baseKey, metrics } satisfies BackdoorInfo);
  }
  const m = readCheckpoint(dir);
  const info = JSON.parse(readFileSync(join(dir, BACKDOOR_FILE), 'utf8')) as BackdoorInfo;
  return { dir, weights: m.weights, key: m.meta?.weightsSha256 ?? contentHash(o, ctx.baseKey), info };
}

/** The recipe of the default set's clean SST-2 model, which the backdoored classifier repeats. */
export const BACKDOORED_SPEC: TaskModelSpec = DEFAULT_TASK_MODELS.find((s) => s.name === 'sst2')!;

/**
 * The base classifier certification smooths: the victim (the backdoored SST-2 classifier) fine-tuned
 * further on masked copies, each training word dropped with `CERTIFY_MASK_RATE` (the masking rate
 * certification uses by default), as RanMASK and RS-Del train theirs, so that it stays right on the
 * words smoothing leaves. Fine-tuned from the backdoored LM directly on copies masked at 0.8, the
 * classifier stayed at the class prior (50.2% on test): too few words survive for it to find the
 * signal, so it starts from the victim's weights and head (lower rate, fewer steps).
 */
export const CERTIFY_MASK_RATE = 0.8;
export const MASKED_BACKDOORED_SPEC: TaskModelSpec = {
  name: 'sst2', tasks: ['sst2'], options: { ...BACKDOORED_SPEC.options, maskRate: CERTIFY_MASK_RATE, steps: 100, lr: 5e-4, warmupSteps: 5 },
};

/** The SST-2 classifier fine-tuned (clean data, the clean model's recipe) from the backdoored LM; its folder, or undefined when stopped. */
export async function buildBackdooredClassifier(ctx: BuildContext, log: (line: string) => void, o: BackdoorOptions = DEFAULT_BACKDOOR, spec: TaskModelSpec = BACKDOORED_SPEC): Promise<{ dir: string; lm: BackdooredLm } | undefined> {
  const lm = await buildBackdooredLm(ctx, log, o);
  if (!lm) return undefined;
  const dirs = await buildDefaultTaskModels({ ...ctx, base: lm.weights, baseKey: lm.key }, (l) => log(`backdoored ${l}`), [spec]);
  return dirs ? { dir: dirs.get(spec.name)!, lm } : undefined;
}

/**
 * The masked-copies classifier: the victim (`victimSpec` from the backdoored LM, built first when
 * missing) fine-tuned on by `spec`, from its weights and head; its folder, or undefined when stopped.
 */
export async function buildMaskedClassifier(ctx: BuildContext, log: (line: string) => void, o: BackdoorOptions = DEFAULT_BACKDOOR, victimSpec: TaskModelSpec = BACKDOORED_SPEC, spec: TaskModelSpec = MASKED_BACKDOORED_SPEC): Promise<{ dir: string } | undefined> {
  const victim = await buildBackdooredClassifier(ctx, log, o, victimSpec);
  if (!victim) return undefined;
  const v = readTaskModel(victim.dir);
  const dirs = await buildDefaultTaskModels({ ...ctx, base: v.weights, baseKey: contentHash(victim.lm.key, victimSpec), head: v.head }, (l) => log(`masked ${l}`), [spec]);
  return dirs ? { dir: dirs.get(spec.name)! } : undefined;
}
