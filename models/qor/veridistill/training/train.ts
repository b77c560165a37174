import { Parameters, SeededRandom, regressionMetrics, type RegressionMetrics } from '../../../common/index.ts';
import { baselineFeatures, fitBoostedTrees, fitRidge, standardize, standardizer } from '../baselines.ts';
import { decoderPredict, defineDecoder } from '../decoder.ts';
import { trainDecoder } from './decoder-training.ts';
import { designChunks, designFeatures } from '../design-features.ts';
import { defineEncoder, type EncoderConfig } from '../encoder.ts';
import type { QorRecord } from './labels.ts';
import { VeriDistill, rawDesignFeatures, type VeriDistillConfig } from '../model.ts';
import { STRUCTURE_FEATURES } from '../structure-features.ts';
import { pretrainEncoder } from './pretrain.ts';
import { defineTeacher, teacherKinds, teacherOutputs, trainTeacher, type TeacherConfig } from './teacher.ts';
import { Vocabulary, verilogWords } from '../tokenizer.ts';

export interface TrainSettings {
  readonly seed: number;
  readonly encoder: Omit<EncoderConfig, 'vocabSize'>;
  readonly maxChunks: number;
  readonly pretrain: { epochs: number; batchSize: number; learningRate: number; maxBatchesPerEpoch: number };
  readonly teacher: { dim: number; layers: number; epochs: number; learningRate: number; nodesPerBatch: number; maxNodes: number };
  readonly decoder: { hiddenDim: number; embeddingDim: number; epochs: number; learningRate: number; batchSize: number; patience: number; distillWeight: number };
  /** Fraction of designs in the random design-disjoint test split. */
  readonly testFraction: number;
  /** Families held out, one at a time, as out-of-distribution test sets. */
  readonly oodFamilies: readonly string[];
  /** Give the student the front-end's structural features besides the encoder's (STRUCTURE_FEATURES). */
  readonly structure: boolean;
  readonly quiet?: boolean;
}

export const defaultSettings: TrainSettings = {
  seed: 1,
  encoder: { length: 128, dim: 64, heads: 4, layers: 2, ffDim: 128 },
  maxChunks: 16,
  pretrain: { epochs: 3, batchSize: 16, learningRate: 1e-3, maxBatchesPerEpoch: 50 },
  teacher: { dim: 24, layers: 2, epochs: 20, learningRate: 5e-3, nodesPerBatch: 12000, maxNodes: 3000 },
  decoder: { hiddenDim: 128, embeddingDim: 64, epochs: 200, learningRate: 2e-3, batchSize: 128, patience: 25, distillWeight: 1 },
  testFraction: 0.2,
  oodFamilies: ['itc99', 'iwls05', 'openlane', 'generated-array'],
  structure: true,
};

export type Method = 'veridistill' | 'student without distillation' | 'teacher (sees the netlist)' | 'ridge on counts' | 'boosted trees on counts';

/** Metrics on the log scale, MAPE and the median absolute percentage error on the raw values. */
export type QorMetrics = RegressionMetrics & { medianApe: number };

export interface SplitResult {
  readonly split: string;
  readonly trainDesigns: number;
  readonly testDesigns: number;
  readonly results: { method: Method; area: QorMetrics; delay: QorMetrics }[];
  /** The student's (with distillation) area µm² and delay ps per test design, so another checkpoint can be scored on the same designs. */
  readonly predictions?: { id: string; area: number; delay: number }[];
}

/** Families of the designs hdl-gen generates (MixPE PEs and arrays). */
const GENERATED_FAMILIES = new Set(['generated-pe', 'generated-array']);

export interface TrainOutcome {
  readonly model: VeriDistill;
  readonly splits: SplitResult[];
  readonly pretrainLoss: number[];
  readonly pretrainDesigns: number;
  readonly seconds: Record<string, number>;
}

const logTargets = (r: QorRecord) => [Math.log1p(r.areaUm2), Math.log1p(r.delayPs)];

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Metrics of predicted [log area, log delay] rows: MAE, R^2, RSE, tau on the log scale; MAPE and median APE on the raw values. */
function score(pred: readonly number[][], truth: readonly QorRecord[]): { area: QorMetrics; delay: QorMetrics } {
  const one = (k: 0 | 1) => {
    const p = pred.map((r) => r[k]);
    const t = truth.map((r) => logTargets(r)[k]);
    const m = regressionMetrics(p, t);
    const rawP = p.map(Math.expm1);
    const rawT = t.map(Math.expm1);
    const raw = regressionMetrics(rawP, rawT);
    const medianApe = median(rawT.flatMap((v, i) => (v > 0 ? [(100 * Math.abs(rawP[i] - v)) / v] : [])));
    return { ...m, mape: raw.mape, medianApe };
  };
  return { area: one(0), delay: one(1) };
}

/**
 * The whole VeriDistill recipe on a labelled data set: pretrain the encoder on the RTL of the
 * non-test designs (masked tokens), then per evaluation split train the teacher GNN, the student
 * decoder with and without distillation and the count baselines, and score them on the split's
 * test designs. Finally fit teacher and decoder on every design and return the shipped model.
 * `extraTexts` are unlabelled RTL texts that only the pretraining reads.
 */
export async function trainVeriDistill(records: readonly QorRecord[], s: TrainSettings, extraTexts: readonly { id: string; family: string; text: string }[] = []): Promise<TrainOutcome> {
  const seconds: Record<string, number> = {};
  const timed = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await f();
    seconds[name] = (seconds[name] ?? 0) + (performance.now() - t0) / 1000;
    return out;
  };
  const rng = new SeededRandom(s.seed);
  // Design-disjoint: a design, its modules and its parameter variants share a group and a side.
  const groupOf = (r: QorRecord) => r.group ?? r.id;
  const groups = rng.shuffle([...new Set(records.map(groupOf))]);
  const heldOutGroups = new Set(groups.slice(0, Math.round(groups.length * s.testFraction)));
  const heldOut = new Set(records.map((r, i) => (heldOutGroups.has(groupOf(r)) ? i : -1)).filter((i) => i >= 0));
  const splits: { name: string; test: (i: number) => boolean }[] = [
    { name: `held-out (random ${Math.round(s.testFraction * 100)}% of designs)`, test: (i) => heldOut.has(i) },
    ...s.oodFamilies.map((f) => ({ name: `out-of-distribution: ${f}`, test: (i: number) => records[i].family === f })),
  ];
  const isTestAnywhere = (i: number) => splits.some((sp) => sp.test(i));
  // Pretraining never reads a design that any split tests on.
  const testIds = new Set(records.filter((_, i) => isTestAnywhere(i)).map((r) => r.id));
  const pretrainTexts = [...records.filter((r) => !testIds.has(r.id)), ...extraTexts.filter((t) => !testIds.has(t.id) && !s.oodFamilies.includes(t.family))];
  const words = pretrainTexts.map((r) => verilogWords(r.text));
  const vocabulary = Vocabulary.build(words);
  const encoder: EncoderConfig = { ...s.encoder, vocabSize: vocabulary.size };
  const encoderParams = new Parameters(s.seed);
  defineEncoder(encoderParams, encoder);
  const pretrainChunks = pretrainTexts.flatMap((r) => designChunks(r.text, vocabulary, encoder.length, s.maxChunks).chunks);
  const pretrain = await timed('pretrain', () => pretrainEncoder(encoderParams, encoder, pretrainChunks, { ...s.pretrain, seed: s.seed, quiet: s.quiet }));

  const structure = s.structure ? STRUCTURE_FEATURES : undefined;
  const rawFeatures = await timed('encode', () => records.map((r) => rawDesignFeatures(designFeatures(encoderParams, encoder, designChunks(r.text, vocabulary, encoder.length, s.maxChunks)), r.text, r.top, structure)));
  const counts = records.map((r) => baselineFeatures(r.text));
  const kinds = teacherKinds(records.map((r) => r.graph));
  const teacherConfig: TeacherConfig = { kinds, dim: s.teacher.dim, layers: s.teacher.layers, embeddingDim: s.decoder.embeddingDim, maxNodes: s.teacher.maxNodes };

  /** Trains teacher + decoders on `train` indices; returns predictors of standardised targets. */
  const fit = async (train: number[], seed: number) => {
    const targetStats = standardizer(train.map((i) => logTargets(records[i])));
    const featureStats = standardizer(train.map((i) => rawFeatures[i]));
    const y = standardize(train.map((i) => logTargets(records[i])), targetStats);
    const x = standardize(train.map((i) => rawFeatures[i]), featureStats);
    const teacher = new Parameters(seed + 1);
    defineTeacher(teacher, teacherConfig);
    await timed('teacher', () => trainTeacher(teacher, teacherConfig, train.map((i) => records[i].graph), y, { ...s.teacher, seed, quiet: s.quiet }));
    const teacherEmbeddings = await timed('teacher', () => teacherOutputs(teacher, teacherConfig, train.map((i) => records[i].graph), s.teacher.nodesPerBatch).embeddings);
    const decoderConfig = { inputDim: x[0].length, hiddenDim: s.decoder.hiddenDim, embeddingDim: s.decoder.embeddingDim };
    const decoders: Parameters[] = [];
    for (const distillWeight of [s.decoder.distillWeight, 0]) {
      const p = new Parameters(seed + 2);
      defineDecoder(p, decoderConfig);
      await timed('decoder', () => trainDecoder(p, { features: x, targets: y, teacherEmbeddings }, { ...s.decoder, distillWeight, seed, quiet: s.quiet }));
      decoders.push(p);
    }
    return { teacher, decoders, targetStats, featureStats, decoderConfig };
  };

  const results: SplitResult[] = [];
  for (const [k, sp] of splits.entries()) {
    const train = records.map((_, i) => i).filter((i) => !sp.test(i));
    const test = records.map((_, i) => i).filter((i) => sp.test(i));
    if (test.length < 2) continue; // e.g. a held-out family with no synthesized design
    const f = await fit(train, s.seed + 10 * (k + 1));
    const unstd = (rows: number[][]) => rows.map((r) => r.map((v, j) => v * f.targetStats.std[j] + f.targetStats.mean[j]));
    const xTest = standardize(test.map((i) => rawFeatures[i]), f.featureStats);
    const truth = test.map((i) => records[i]);
    const teacherPred = unstd(teacherOutputs(f.teacher, teacherConfig, test.map((i) => records[i].graph), s.teacher.nodesPerBatch).predictions);
    const baseline = (fitter: typeof fitRidge) => {
      const models = [0, 1].map((t) => fitter(train.map((i) => counts[i]), train.map((i) => logTargets(records[i])[t])));
      return test.map((i) => models.map((m) => m(counts[i])));
    };
    const predictions: [Method, number[][]][] = [
      ['veridistill', unstd(decoderPredict(f.decoders[0], xTest))],
      ['student without distillation', unstd(decoderPredict(f.decoders[1], xTest))],
      ['teacher (sees the netlist)', teacherPred],
      ['ridge on counts', baseline(fitRidge)],
      ['boosted trees on counts', baseline((a, b) => fitBoostedTrees(a, b))],
    ];
    f.teacher.dispose();
    f.decoders.forEach((d) => d.dispose());
    const scored = (name: string, rows: number[]) => ({
      split: name,
      trainDesigns: train.length,
      testDesigns: rows.length,
      results: predictions.map(([method, pred]) => ({ method, ...score(rows.map((j) => pred[j]), rows.map((j) => truth[j])) })),
    });
    const all = test.map((_, j) => j);
    const student = predictions[0][1].map(([a, d], j) => ({ id: truth[j].id, area: Math.expm1(a), delay: Math.expm1(d) }));
    // The generated MixPE designs among the held-out ones, scored apart (the models are the same).
    const generated = k === 0 ? all.filter((j) => GENERATED_FAMILIES.has(truth[j].family)) : [];
    results.push({ ...scored(sp.name, all), ...(k === 0 ? { predictions: student } : {}) }, ...(generated.length >= 2 ? [scored(`${sp.name}, generated MixPE PEs and arrays only`, generated)] : []));
  }

  // The shipped model: decoder (with distillation) fit on every labelled design.
  const all = records.map((_, i) => i);
  const final = await fit(all, s.seed + 1000);
  const config: VeriDistillConfig = {
    kind: 'veridistill',
    vocabulary: vocabulary.words,
    encoder,
    maxChunks: s.maxChunks,
    decoder: final.decoderConfig,
    featureMean: final.featureStats.mean,
    featureStd: final.featureStats.std,
    targetMean: final.targetStats.mean,
    targetStd: final.targetStats.std,
    ...(records[0]?.flow ? { labels: records[0].flow } : {}),
    ...(structure ? { structure } : {}),
  };
  const model = VeriDistill.create(config, s.seed);
  model.params.restore(new Map([...encoderParams.snapshot(), ...final.decoders[0].snapshot()]));
  final.teacher.dispose();
  final.decoders.forEach((d) => d.dispose());
  encoderParams.dispose();
  return { model, splits: results, pretrainLoss: pretrain.trainLoss, pretrainDesigns: pretrainTexts.length, seconds };
}
