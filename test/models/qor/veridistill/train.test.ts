import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Parameters, selectBackend } from '../../../../models/common/index.ts';
import { defineDecoder } from '../../../../models/qor/veridistill/decoder.ts';
import { trainDecoder } from '../../../../models/qor/veridistill/training/decoder-training.ts';
import { defineEncoder } from '../../../../models/qor/veridistill/encoder.ts';
import { VeriDistill } from '../../../../models/qor/veridistill/index.ts';
import { defaultSettings, trainVeriDistill, type TrainSettings } from '../../../../models/qor/veridistill/training/index.ts';
import { pretrainEncoder } from '../../../../models/qor/veridistill/training/pretrain.ts';
import { defineTeacher, teacherKinds, trainTeacher } from '../../../../models/qor/veridistill/training/teacher.ts';
import { CLS, PAD, Vocabulary, chunkTokens, verilogWords } from '../../../../models/qor/veridistill/tokenizer.ts';
import { syntheticRecords } from './synthetic-data.ts';
import { main } from '../../../../cli/main.ts';
import { writeDataset } from '../../../../models/qor/veridistill/training/labels.ts';
import { captureConsole } from '../../../helpers/console-capture.ts';

const { err } = captureConsole();

beforeAll(async () => {
  await selectBackend(() => {});
});

const tiny: TrainSettings = {
  ...defaultSettings,
  encoder: { length: 32, dim: 16, heads: 2, layers: 1, ffDim: 32 },
  maxChunks: 4,
  pretrain: { epochs: 1, batchSize: 8, learningRate: 3e-3, maxBatchesPerEpoch: 3 },
  teacher: { dim: 8, layers: 1, epochs: 2, learningRate: 1e-2, nodesPerBatch: 2000, maxNodes: 100 },
  decoder: { hiddenDim: 16, embeddingDim: 8, epochs: 30, learningRate: 5e-3, batchSize: 16, patience: 10, distillWeight: 1 },
  oodFamilies: ['famB'],
  quiet: true,
};

describe('VeriDistill training plumbing on small data', () => {
  const records = syntheticRecords(40, 3);

  it('masked-token pretraining lowers the loss', async () => {
    const vocab = Vocabulary.build(records.map((r) => verilogWords(r.text)));
    const c = { vocabSize: vocab.size, length: 32, dim: 16, heads: 2, layers: 1, ffDim: 32 };
    const p = new Parameters(1);
    defineEncoder(p, c);
    const chunks = records.flatMap((r) => chunkTokens(verilogWords(r.text).map((w) => vocab.id(w)), 32, 4).chunks);
    expect(chunks.every((row) => row[0] === CLS && row.length === 32)).toBe(true);
    expect(chunks.some((row) => row.includes(PAD))).toBe(true);
    const h = await pretrainEncoder(p, c, chunks, { epochs: 12, batchSize: 8, learningRate: 1e-2, maxBatchesPerEpoch: 4, seed: 2, quiet: true });
    expect(h.trainLoss[h.trainLoss.length - 1]).toBeLessThan(h.trainLoss[0] * 0.8);
    p.dispose();
  });

  it('the teacher GNN and the decoder lower their losses', async () => {
    const y = records.map((r) => [Math.log1p(r.areaUm2) - 6, Math.log1p(r.delayPs) - 5]);
    const kinds = teacherKinds(records.map((r) => r.graph));
    const tc = { kinds, dim: 8, layers: 2, embeddingDim: 8, maxNodes: 150 };
    const t = new Parameters(3);
    defineTeacher(t, tc);
    const th = await trainTeacher(t, tc, records.map((r) => r.graph), y, { epochs: 15, learningRate: 2e-2, seed: 1, nodesPerBatch: 1500, quiet: true });
    expect(th.trainLoss[th.trainLoss.length - 1]).toBeLessThan(th.trainLoss[0] * 0.5);
    t.dispose();
    const d = new Parameters(4);
    defineDecoder(d, { inputDim: 3, hiddenDim: 16, embeddingDim: 8 });
    const features = records.map((r) => [Math.log(r.cells), r.text.length / 500, (r.text.match(/reg/g) ?? []).length]);
    const dh = await trainDecoder(d, { features, targets: y }, { epochs: 40, learningRate: 1e-2, batchSize: 16, seed: 1, distillWeight: 0, patience: 100, quiet: true });
    expect(dh.trainLoss[dh.trainLoss.length - 1]).toBeLessThan(dh.trainLoss[0] * 0.5);
    d.dispose();
  });

  it('trains end to end: metrics for every split and method, save/load predicts identically, same seed same model', async () => {
    const a = await trainVeriDistill(records, tiny);
    expect(a.splits.map((s) => s.split)).toEqual(['held-out (random 20% of designs)', 'out-of-distribution: famB']);
    expect(a.splits[1].testDesigns).toBe(8);
    // The held-out split keeps the student's prediction per test design (to score another checkpoint on the same designs).
    const held = a.splits[0].predictions!;
    expect(held.length).toBe(a.splits[0].testDesigns);
    expect(new Set(held.map((p) => p.id)).size).toBe(held.length);
    for (const p of held) expect(p.area > 0 && p.delay > 0).toBe(true);
    expect(a.splits[1].predictions).toBeUndefined();
    for (const s of a.splits) {
      expect(s.results.map((r) => r.method)).toEqual(['veridistill', 'student without distillation', 'teacher (sees the netlist)', 'ridge on counts', 'boosted trees on counts']);
      for (const r of s.results) for (const v of [r.area.mae, r.delay.mae, r.area.r2, r.delay.mape]) expect(Number.isFinite(v)).toBe(true);
    }
    const text = records[0].text;
    const before = a.model.predict(text);
    expect(before.areaUm2).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'veridistill-'));
    a.model.save(dir);
    const loaded = VeriDistill.load(dir);
    expect(loaded.predict(text)).toEqual(before);
    const b = await trainVeriDistill(records, tiny);
    expect(b.model.predict(text)).toEqual(before);
    expect(b.splits).toEqual(a.splits);
    for (const m of [a.model, b.model, loaded]) m.dispose();
  });

  it('train veridistill checks its sizing flags before training', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'veridistill-flags-')), 'data.jsonl');
    writeDataset(data, records);
    expect(await main(['train', 'veridistill', '--data', data, '--ood', 'famA,nosuch', '--out', join(data, '..', 'ckpt')])).toBe(1);
    expect(err.join('\n')).toMatch(/--ood: no labelled design of the family nosuch/);
    expect(await main(['train', 'veridistill', '--data', data, '--teacher-epochs', '0'])).toBe(1);
    expect(await main(['train', 'veridistill', '--data', data, '--pretrain-epochs', '0'])).toBe(1);
    expect(err.join('\n')).toMatch(/--pretrain-epochs/);
  });
});
