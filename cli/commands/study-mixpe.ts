import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { horowitzPeAreas, isoAreaAccelerators, mixpeEvaluation, readPeAreaTable, referencePe } from '../../hw/accelerators/index.ts';
import { energyConstants28nm } from '../../hw/energy/index.ts';
import { llamaLayerSamples, readLlama2cCheckpoint } from '../../models/llm/index.ts';
import { accuracyStudy, geomeanRow, normalise, runStudy, type NormalisedRow } from '../../sim/study/index.ts';
import { defaultBatch, defaultPromptLength, defaultStudyWorkloads, workloadIds } from '../../sim/workloads/index.ts';
import { ProgressBar, UserError, dataPath, projectRoot, writeFileAtomic, writeJsonAtomic } from '../../util/index.ts';
import { defineCommand } from '../command.ts';
import { writeReport } from '../report/html-report.ts';
import { reportSections, resultsCsv, resultsJson, terminalReport, type StudySummary } from './study-mixpe-report.ts';

export default defineCommand({
  path: ['study', 'mixpe'],
  summary: 'the MixPE accelerator study: time and energy of six PE kinds on transformer workloads, normalised to FP16, with the accuracy cost',
  details: `Every workload phase (ViT encoder, LLM prefill and one decode step, attention GEMMs included) runs on the six
iso-area accelerators of the MixPE evaluation in the simulator's fast mode; time and energy (core, buffers, DRAM,
static; hw/energy) are normalised to FP16 and summarised by their geometric mean over the encoder/prefill phases,
printed next to the published MixPE figures. The accuracy cost is the output error of each PE kind on the real
layers of a llama2.c model, through the simulator's exact value path. See docs/study.md.
example: tessera study mixpe --workloads vit-b,opt-6.7b --out study-out`,
  flags: [
    { name: 'workloads', kind: 'string', default: defaultStudyWorkloads.join(','), valueName: 'LIST', help: `comma-separated workloads, from: ${workloadIds.join(', ')}` },
    { name: 'out', kind: 'string', valueName: 'DIR', help: 'write results.json, results.csv, accuracy.json and report.html into DIR' },
    { name: 'batch', kind: 'int', default: defaultBatch, help: 'sequences (images) per batch' },
    { name: 'prompt', kind: 'int', default: defaultPromptLength, help: 'LLM prompt length of the prefill phase; the decode step attends to prompt + 1 tokens' },
    { name: 'arrays', kind: 'string', default: 'paper', choices: ['paper', 'iso-area'], help: 'paper: the published iso-area arrays; iso-area: size every array to the FP16 32x28 area from a PE area table' },
    { name: 'pe-area', kind: 'string', valueName: 'FILE', help: 'PE area table (JSON, um^2 per PE kind) for --arrays iso-area (default: docs/pe-area.json when present, else the Horowitz-derived table)' },
    { name: 'model', kind: 'string', valueName: 'FILE', help: 'llama2.c checkpoint whose layers measure the accuracy cost (default: stories260K from the data folder)' },
    { name: 'tokens', kind: 'int', default: 64, help: 'tokens the model generates to collect real activations for the accuracy cost' },
    { name: 'seed', kind: 'int', default: 1, help: 'seed of the token sampling' },
  ],
  async run(flags) {
    const workloads = flags.workloads.split(',').map((w) => w.trim()).filter(Boolean);
    const unknown = workloads.filter((w) => !workloadIds.includes(w));
    if (workloads.length === 0 || unknown.length > 0) {
      throw new UserError(`unknown workload '${unknown[0] ?? ''}'`, '--workloads', `choose from: ${workloadIds.join(', ')}`);
    }
    if (flags.tokens < 1) throw new UserError(`must be at least 1, got ${flags.tokens}`, '--tokens');
    if (flags.out && existsSync(flags.out) && !statSync(flags.out).isDirectory()) {
      throw new UserError(`${flags.out} exists and is not a folder`, '--out', 'give a folder to write the results into');
    }
    let accelerators = mixpeEvaluation;
    let arrays = 'published MixPE iso-area arrays';
    if (flags.arrays === 'iso-area') {
      const defaultTable = join(projectRoot(), 'docs', 'pe-area.json');
      const table = flags['pe-area'] ? readPeAreaTable(flags['pe-area']) : existsSync(defaultTable) ? readPeAreaTable(defaultTable) : horowitzPeAreas;
      accelerators = isoAreaAccelerators(table);
      arrays = `iso-area from ${table.source}`;
    } else if (flags['pe-area']) {
      throw new UserError('only applies to --arrays iso-area', '--pe-area', 'add --arrays iso-area or drop --pe-area');
    }
    const modelFile = flags.model ?? dataPath('models', 'stories260K_plct', 'stories260K.bin');
    const model = readLlama2cCheckpoint(modelFile);
    const samples = llamaLayerSamples(model, flags.tokens, flags.seed);

    const t0 = performance.now();
    let phases: ProgressBar | undefined;
    const entries = runStudy({
      workloads, accelerators, energy: energyConstants28nm, batch: flags.batch, promptLength: flags.prompt,
      onPhase: (_done, total) => (phases ??= new ProgressBar('study: workload phases', total)).tick(),
    });
    phases?.finish();
    const studySeconds = (performance.now() - t0) / 1000;
    const accuracyBar = new ProgressBar('accuracy: layers x PE kinds (cycle mode)', samples.length * accelerators.length);
    const accuracy = accuracyStudy(accelerators, samples, () => accuracyBar.tick());
    accuracyBar.finish();

    const rows = new Map<string, NormalisedRow>();
    for (const e of entries) rows.set(e.key, normalise(e, referencePe));
    const headline = entries.filter((e) => e.headline).map((e) => rows.get(e.key)!);
    const decode = entries.filter((e) => !e.headline).map((e) => rows.get(e.key)!);
    if (headline.length) rows.set('geomean', geomeanRow(headline));
    if (decode.length) rows.set('geomean/decode', geomeanRow(decode));
    const summary: StudySummary = {
      accelerators, entries, rows, accuracy,
      settings: {
        workloads: workloads.join(','), batch: flags.batch, 'prompt length': flags.prompt, arrays: accelerators.map((a) => `${a.label} ${a.array.rows}x${a.array.cols}`).join(', '),
        'array sizing': arrays, 'energy model': `hw/energy ${energyConstants28nm.node}`,
        'accuracy model': `${modelFile}, ${samples.length} layers, ${flags.tokens} generated tokens, seed ${flags.seed}`,
        'study time (fast mode)': `${studySeconds.toFixed(2)} s`,
      },
    };
    console.log(terminalReport(summary));
    if (flags.out) {
      mkdirSync(flags.out, { recursive: true });
      writeJsonAtomic(join(flags.out, 'results.json'), resultsJson(summary));
      writeFileAtomic(join(flags.out, 'results.csv'), resultsCsv(summary));
      writeJsonAtomic(join(flags.out, 'accuracy.json'), accuracy);
      writeReport(join(flags.out, 'report.html'), 'MixPE accelerator study', reportSections(summary));
      console.log(`wrote ${['results.json', 'results.csv', 'accuracy.json', 'report.html'].map((f) => join(flags.out!, f)).join(', ')}`);
    }
  },
});
