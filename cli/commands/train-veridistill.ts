import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { UserError, contentHash, writeFileAtomic, writeJsonAtomic, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import { selectBackend } from '../../models/common/index.ts';
import { buildVeridistillData, labelSummary } from './veridistill-dataset.ts';
import { DEFAULT_SYNTHETIC } from './veridistill-corpus.ts';
import { DEFAULT_LIBRARY, LIBRARY_HELP, libraryTitle, yosysBackends, type YosysBackend } from '../../eda/synth/index.ts';
import { defaultSettings, metricsMarkdown, readDataset, trainVeriDistill, type TrainSettings } from '../../models/qor/veridistill/training/index.ts';

/** Tiny settings for smoke runs: a minute instead of many, numbers not meaningful. */
const quickSettings = (s: TrainSettings): TrainSettings => ({
  ...s,
  encoder: { length: 32, dim: 16, heads: 2, layers: 1, ffDim: 32 },
  maxChunks: 4,
  pretrain: { ...s.pretrain, epochs: 1, maxBatchesPerEpoch: 4 },
  teacher: { ...s.teacher, dim: 8, layers: 1, epochs: 2 },
  decoder: { ...s.decoder, hiddenDim: 16, embeddingDim: 8, epochs: 20, patience: 5 },
});

export default defineCommand({
  path: ['train', 'veridistill'],
  summary: 'train VeriDistill (QoR from Verilog): pretrain, teacher GNN, distilled student, evaluation, checkpoint',
  details: `Without --data the labels come from synthesizing the shared RTL corpora (TESSERA_DATA) and the
generated designs with the labelling flow (embedded wasm Yosys + ABC onto sky130_fd_sc_hd typical by default;
cached by content hash: a rerun resumes); --save-data keeps that data set.
The checkpoint folder gets checkpoint.json + weights.bin, metrics.json and a README.md with the command,
the data hash and the held-out / out-of-distribution metrics.
example: tessera train veridistill --out models/qor/veridistill/checkpoint --save-data out/veridistill.jsonl`,
  flags: [
    { name: 'data', kind: 'string', valueName: 'FILE', help: 'labelled data set (JSON Lines from --save-data); default: label the shared corpus now' },
    { name: 'save-data', kind: 'string', valueName: 'FILE', help: 'write the labelled data set used for training to FILE' },
    { name: 'out', kind: 'string', default: 'out/veridistill', valueName: 'DIR', help: 'checkpoint folder to write' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of every random choice (splits, init, masking, order)' },
    { name: 'workers', kind: 'int', default: 2, valueName: 'N', help: 'parallel Yosys runs while labelling' },
    { name: 'liberty', kind: 'string', default: DEFAULT_LIBRARY, valueName: 'LIB', help: LIBRARY_HELP },
    { name: 'yosys', kind: 'string', choices: yosysBackends, default: 'wasm', help: 'Yosys build that labels (wasm: the pinned labelling flow)' },
    { name: 'timeout', kind: 'int', default: 180, valueName: 'SECONDS', help: 'per-design synthesis limit while labelling (slower designs are left out)' },
    { name: 'cached-only', kind: 'boolean', help: 'label only from the synthesis cache (no new Yosys runs)' },
    { name: 'synthetic', kind: 'int', default: DEFAULT_SYNTHETIC, valueName: 'N', help: 'synthetic datapaths, FSMs and memories per kind (capped so they are at most a third of the data)' },
    { name: 'no-generated', kind: 'boolean', help: 'leave out the generated MixPE PEs and arrays' },
    { name: 'label-only', kind: 'boolean', help: 'label the corpus (and write --save-data), do not train' },
    { name: 'pretrain-epochs', kind: 'int', default: defaultSettings.pretrain.epochs, valueName: 'N', help: `masked-token pretraining epochs of the encoder (${defaultSettings.pretrain.maxBatchesPerEpoch} batches each)` },
    { name: 'teacher-epochs', kind: 'int', default: defaultSettings.teacher.epochs, valueName: 'N', help: 'epochs of each teacher GNN fit' },
    { name: 'ood', kind: 'string', default: defaultSettings.oodFamilies.join(','), valueName: 'LIST', help: "families held out one at a time as out-of-distribution splits, comma-separated, or 'none'" },
    { name: 'quick', kind: 'boolean', help: 'tiny model and few epochs (smoke test; metrics are not meaningful)' },
  ],
  async run(flags) {
    if (!flags.data) setInterruptNote(`${cachedWorkNote('synthesis labels', 'veridistill-labels')} (training starts again)`);
    if (flags.workers < 1) throw new UserError('must be at least 1', '--workers');
    if (flags.timeout < 1) throw new UserError('must be at least 1', '--timeout');
    const backend = await selectBackend();
    if (flags['pretrain-epochs'] < 1) throw new UserError('must be at least 1', '--pretrain-epochs');
    if (flags['teacher-epochs'] < 1) throw new UserError('must be at least 1', '--teacher-epochs');
    const oodFamilies = flags.ood.trim() === 'none' ? [] : flags.ood.split(',').map((f) => f.trim()).filter(Boolean);
    const sized: TrainSettings = {
      ...defaultSettings,
      seed: flags.seed,
      pretrain: { ...defaultSettings.pretrain, epochs: flags['pretrain-epochs'] },
      teacher: { ...defaultSettings.teacher, epochs: flags['teacher-epochs'] },
      oodFamilies,
    };
    const settings = flags.quick ? quickSettings(sized) : sized;
    let records;
    let extraTexts: { id: string; family: string; text: string }[] = [];
    let failures: { id: string; error: string }[] = [];
    if (flags.data) {
      if (!existsSync(flags.data)) throw new UserError(`file not found: ${flags.data}`, '--data');
      records = readDataset(flags.data);
    } else {
      const data = await buildVeridistillData({
        liberty: flags.liberty,
        backend: flags.yosys as YosysBackend,
        workers: flags.workers,
        timeoutSeconds: flags.timeout,
        cachedOnly: flags['cached-only'],
        synthetic: flags.synthetic,
        seed: flags.seed,
        generated: !flags['no-generated'],
        out: flags['save-data'],
      });
      records = data.records;
      failures = data.failures;
      extraTexts = data.unlabelled;
      if (flags['label-only']) {
        console.log(labelSummary(records, failures, data.surplus));
        return;
      }
    }
    if (records.length < 20) throw new UserError(`only ${records.length} labelled designs; need at least 20`, flags.data ? '--data' : 'TESSERA_DATA');
    const families = new Set(records.map((r) => r.family));
    const unknown = settings.oodFamilies.filter((f) => !families.has(f));
    if (unknown.length) throw new UserError(`no labelled design of the family ${unknown.join(', ')}`, '--ood', `families in the data: ${[...families].join(', ')}; or 'none'`);
    const dataHash = contentHash(records.map((r) => [r.id, r.text, r.areaUm2, r.delayPs])).slice(0, 16);
    console.log(`${records.length} labelled designs (${failures.length} left out), data hash ${dataHash}`);
    const t0 = performance.now();
    const outcome = await trainVeriDistill(records, settings, extraTexts);
    const seconds = (performance.now() - t0) / 1000;
    outcome.model.save(flags.out);
    const command = `tessera train veridistill ${process.argv.slice(4).join(' ')}`.trim();
    const metrics = {
      command,
      dataHash,
      designs: records.length,
      leftOut: failures,
      flow: records[0]?.flow,
      families: Object.fromEntries([...families].map((f) => [f, records.filter((r) => r.family === f).length])),
      backend: backend.name,
      seconds: { total: seconds, ...outcome.seconds },
      pretrainDesigns: outcome.pretrainDesigns,
      pretrainLoss: outcome.pretrainLoss,
      parameters: outcome.model.params.count(),
      settings,
      splits: outcome.splits,
    };
    writeJsonAtomic(join(flags.out, 'metrics.json'), metrics);
    const table = metricsMarkdown(outcome.splits);
    writeFileAtomic(
      join(flags.out, 'README.md'),
      `# VeriDistill checkpoint\n\nWritten by \`${command}\` (seed ${settings.seed}, tfjs ${backend.name} backend, ${seconds.toFixed(0)} s).\n\n` +
        `- data: ${records.length} designs synthesized with Yosys + ABC onto ${libraryTitle(records[0]?.flow?.liberty ?? flags.liberty)} (${records[0]?.flow ? `Yosys ${records[0].flow.tool}, flow ${records[0].flow.script}; ` : ''}data hash \`${dataHash}\`); ${failures.length} designs left out (timeout, Yosys error or not labelled yet; listed in metrics.json)\n` +
        `- model: ${outcome.model.params.count()} weights; encoder pretrained (masked tokens) on ${outcome.pretrainDesigns} RTL texts, none of them a test design\n` +
        `- metrics: R², MAE, RSE and Kendall τ on log(1 + value); MAPE on the raw µm² and ps\n\n${table}\n`,
    );
    console.log(table);
    console.log(`checkpoint written to ${flags.out} in ${seconds.toFixed(0)} s`);
    outcome.model.dispose();
  },
});
