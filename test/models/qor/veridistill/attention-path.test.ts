// The shipped checkpoint predicts the same area and delay with the per-(chunk, head) attention that
// `predict qor` uses as with the batched attention it was trained with (float32 summation order only),
// and gives the predictions recorded before prediction was sped up (fixtures/shipped-predictions.json:
// the texts and the area and delay then; one-chunk, multi-chunk, padded, generated-array and
// front-end-rejected designs): the faster path changes no number.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArrayDesign } from '../../../../hdl-gen/index.ts';
import { designConfig } from '../../../../cli/commands/gen-config.ts';
import { selectBackend } from '../../../../models/common/index.ts';
import { VeriDistill, fromTargets, shippedCheckpointDir, type QorPrediction } from '../../../../models/qor/veridistill/index.ts';
import { rawDesignFeatures } from '../../../../models/qor/veridistill/model.ts';
import { decoderPredict } from '../../../../models/qor/veridistill/decoder.ts';
import { designChunks, designFeatures } from '../../../../models/qor/veridistill/design-features.ts';

const noCheckpoint = existsSync(join(shippedCheckpointDir(), 'checkpoint.json')) ? undefined : 'skipped: the shipped checkpoint is missing';

describe.skipIf(noCheckpoint)('predict qor: per-(chunk, head) attention', () => {
  let model: VeriDistill;
  beforeAll(async () => {
    await selectBackend(() => {});
    model = VeriDistill.load(shippedCheckpointDir());
  });
  afterAll(() => model?.dispose());

  /** The prediction with the batched attention of training, built from the same pieces as `predict`. */
  function batchedPrediction(text: string, top: string | undefined) {
    const c = model.config;
    const encoded = designFeatures(model.params, c.encoder, designChunks(text, model.vocabulary, c.encoder.length, c.maxChunks), 32, false);
    const x = rawDesignFeatures(encoded, text, top, c.structure).map((v, j) => (v - c.featureMean[j]) / c.featureStd[j]);
    return fromTargets(c, decoderPredict(model.params, [x])[0]);
  }

  it("gives the batched attention's area and delay on one-chunk and multi-chunk designs", () => {
    const array = generateArrayDesign(designConfig({ pe: 'mixpe-w4a8', array: '1x1', group: 32, scheme: 'auto' }));
    const designs: [string, string | undefined][] = [
      ['module inv(input a, output y); assign y = ~a; endmodule\n', 'inv'],
      ['module counter(input clk, input rst, output reg [7:0] q);\n  always @(posedge clk) if (rst) q <= 0; else q <= q + 1;\nendmodule\n', 'counter'],
      [array.verilog, array.top], // many chunks
      [Array.from({ length: 12 }, (_, i) => `module c${i}(input clk, input [${i + 2}:0] d, output reg [${i + 2}:0] q);\n  always @(posedge clk) q <= q ^ (d + ${i});\nendmodule\n`).join(''), 'c11'], // a few chunks, the last padded
    ];
    expect(designChunks(array.verilog, model.vocabulary, model.config.encoder.length, model.config.maxChunks).chunks.length).toBeGreaterThan(4);
    for (const [text, top] of designs) {
      const fast = model.predict(text, top);
      const ref = batchedPrediction(text, top);
      expect(Math.abs(fast.areaUm2 - ref.areaUm2) / ref.areaUm2).toBeLessThan(1e-5);
      expect(Math.abs(fast.delayPs - ref.delayPs) / ref.delayPs).toBeLessThan(1e-5);
    }
  });

  it('predicts every recorded design as before (float32 rounding at most)', () => {
    const recorded = (JSON.parse(readFileSync(new URL('./fixtures/shipped-predictions.json', import.meta.url), 'utf8')) as { designs: { name: string; top?: string; text: string; prediction: QorPrediction }[] }).designs;
    expect(recorded.length).toBeGreaterThan(10);
    for (const d of recorded) {
      const got = model.predict(d.text, d.top);
      expect(Math.abs(got.areaUm2 - d.prediction.areaUm2) / d.prediction.areaUm2, `${d.name} area`).toBeLessThan(1e-6);
      expect(Math.abs(got.delayPs - d.prediction.delayPs) / d.prediction.delayPs, `${d.name} delay`).toBeLessThan(1e-6);
    }
  });
});
