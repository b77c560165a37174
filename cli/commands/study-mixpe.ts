import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { energyWithPeAreas, horowitzPeAreas, isoAreaAccelerators, mixpeEvaluation, readPeAreaTable, type AcceleratorSpec, type PeAreaTable } from '../../hw/accelerators/index.ts';
import { energyConstants28nm, studyPeKinds } from '../../hw/energy/index.ts';
import { macsPerCycle, peKind } from '../../hw/index.ts';
import { llamaLayerSamples, readLlama2cCheckpoint } from '../../models/llm/index.ts';
import { accuracyStudy, officialAccelerators, plannedModes, runOfficialModel, runStudy, type AccuracyRow } from '../../sim/study/index.ts';
import { defaultBatch, defaultPromptLength, defaultStudyWorkloads, workloadIds } from '../../sim/workloads/index.ts';
import { ProgressBar, UserError, dataPathOr, projectRoot, writeFileAtomic, writeJsonAtomic } from '../../util/index.ts';
import { defineCommand } from '../command.ts';
import { writeReport } from '../report/html-report.ts';
import { reportSections } from './study-mixpe-html.ts';
import { kindLabel, officialSection, resultsCsv, resultsJson, terminalReport, tesseraSection, type ModelSection, type PeKindRow, type StudySummary } from './study-mixpe-report.ts';

export default defineCommand({
  path: ['study', 'mixpe'],
  summary: "the MixPE study in two cost models: the official simulator's (reference mode) and Tessera's cycle-accurate, synthesized hardware",
  details: `Reference mode (--cost-model official): the official MixPE simulator's analytic model on its workloads (tiling
search, BitFusion fusion factors, dequantization GEMMs, stalls, its four-part energy), per model and averaged,
against the published table. Tessera's model (--cost-model tessera): the same official workloads and precision plan
plus the library's phases (attention, prefill, batch-64 decode, SwiGLU) through the simulator's fast mode on the
published arrays and on arrays of equal area from the synthesized PE areas (docs/pe-area.json), with the four-part
energy of hw/energy and the accuracy cost of every PE mode on real layers. See docs/study.md.
example: tessera study mixpe --out study-out`,
  flags: [
    { name: 'cost-model', kind: 'string', default: 'both', choices: ['both', 'official', 'tessera'], help: "official: the reference mode; tessera: Tessera's model; both side by side" },
    { name: 'arrays', kind: 'string', default: 'both', choices: ['both', 'paper', 'iso-area'], help: "Tessera's model on the published arrays, on arrays of the FP16 32x28 array's area, or both" },
    { name: 'pe-area', kind: 'string', valueName: 'FILE', help: 'PE area table (JSON, um^2 per PE kind) for iso-area sizing and leakage (default: docs/pe-area.json when present, else the Horowitz-derived table)' },
    { name: 'workloads', kind: 'string', default: defaultStudyWorkloads.join(','), valueName: 'LIST', help: `library workloads whose phases Tessera's model adds, from: ${workloadIds.join(', ')}` },
    { name: 'out', kind: 'string', valueName: 'DIR', help: 'write results.json, results.csv, accuracy.json and report.html into DIR' },
    { name: 'batch', kind: 'int', default: defaultBatch, help: 'sequences (images) per batch of the library phases' },
    { name: 'prompt', kind: 'int', default: defaultPromptLength, help: 'LLM prompt length of the prefill phase; the decode step attends to prompt + 1 tokens' },
    { name: 'model', kind: 'string', valueName: 'FILE', help: 'llama2.c checkpoint whose layers measure the accuracy cost (default: stories260K from the data folder)' },
    { name: 'tokens', kind: 'int', default: 64, help: 'tokens the model generates to collect real activations for the accuracy cost' },
    { name: 'seed', kind: 'int', default: 1, help: 'seed of the token sampling' },
  ],
  async run(flags) {
    const workloads = flags.workloads.split(',').map((w) => w.trim()).filter(Boolean);
    const unknown = workloads.filter((w) => !workloadIds.includes(w));
    if (unknown.length > 0) throw new UserError(`unknown workload '${unknown[0]}'`, '--workloads', `choose from: ${workloadIds.join(', ')}`);
    if (flags.tokens < 1) throw new UserError(`must be at least 1, got ${flags.tokens}`, '--tokens');
    if (flags.out && existsSync(flags.out) && !statSync(flags.out).isDirectory()) {
      throw new UserError(`${flags.out} exists and is not a folder`, '--out', 'give a folder to write the results into');
    }
    const tessera = flags['cost-model'] !== 'official';
    // Resolved before any work: without the data folder the default model is missing, and that is said at once.
    const modelFile = tessera ? flags.model ?? dataPathOr('--model FILE (a llama2.c checkpoint) or --cost-model official', 'models', 'stories260K_plct', 'stories260K.bin') : undefined;
    if (!tessera && flags['pe-area']) throw new UserError("only applies to Tessera's model", '--pe-area', 'drop --pe-area or use --cost-model tessera or both');
    const defaultTable = join(projectRoot(), 'docs', 'pe-area.json');
    const areas: PeAreaTable = flags['pe-area'] ? readPeAreaTable(flags['pe-area']) : existsSync(defaultTable) ? { ...readPeAreaTable(defaultTable), source: 'docs/pe-area.json' } : horowitzPeAreas;
    const describe = (accs: readonly AcceleratorSpec[]) => accs.map((a) => ({ pe: a.pe, label: a.label, rows: a.array.rows, cols: a.array.cols }));

    const sections: ModelSection[] = [];
    const settings: Record<string, string | number> = { 'cost models': flags['cost-model'] };
    let t0 = performance.now();
    if (flags['cost-model'] !== 'tessera') {
      const inStudyOrder = [...officialAccelerators].sort((a, b) => studyPeKinds.indexOf(a.pe) - studyPeKinds.indexOf(b.pe));
      sections.push(officialSection(runOfficialModel(), inStudyOrder.map((a) => ({ pe: a.pe, label: a.label, rows: a.rows, cols: a.cols }))));
      settings['reference mode'] = `${((performance.now() - t0) / 1000).toFixed(2)} s (tiling search over every layer)`;
    }
    let accuracy: AccuracyRow[] = [];
    if (tessera) {
      const energy = energyWithPeAreas(energyConstants28nm, areas);
      const runs: ['tessera' | 'tesseraIsoArea', string, readonly AcceleratorSpec[]][] = [];
      if (flags.arrays !== 'iso-area') runs.push(['tessera', "Tessera's model, published arrays", mixpeEvaluation]);
      if (flags.arrays !== 'paper') runs.push(['tesseraIsoArea', `Tessera's model, arrays of the FP16 32x28 array's area (${areas.source})`, isoAreaAccelerators(areas)]);
      t0 = performance.now();
      for (const [id, title, accelerators] of runs) {
        let bar: ProgressBar | undefined;
        const entries = runStudy({
          workloads, accelerators, energy, batch: flags.batch, promptLength: flags.prompt,
          onPhase: (_done, total) => (bar ??= new ProgressBar(`${id}: workload phases`, total)).tick(),
        });
        bar?.finish();
        sections.push(tesseraSection(id, title, entries, describe(accelerators)));
      }
      Object.assign(settings, {
        workloads: `official ${['vit-b', 'vit-h', 'opt-6.7b', 'llama2-13b'].join(', ')}; library phases of ${workloads.join(', ') || 'none'}`,
        batch: flags.batch, 'prompt length': flags.prompt, 'energy model': `hw/energy ${energy.node}, PE leakage from ${areas.source}`,
        "Tessera's model (fast mode)": `${((performance.now() - t0) / 1000).toFixed(2)} s`,
      });
      const samples = llamaLayerSamples(readLlama2cCheckpoint(modelFile!), flags.tokens, flags.seed);
      const planned = plannedModes(mixpeEvaluation);
      const accuracyBar = new ProgressBar('accuracy: layers x PE modes (cycle mode)', samples.length * planned.length);
      accuracy = accuracyStudy(planned, samples, () => accuracyBar.tick());
      accuracyBar.finish();
      settings['accuracy model'] = `${modelFile}, ${samples.length} layers, ${flags.tokens} generated tokens, seed ${flags.seed}`;
    }
    const peKinds: PeKindRow[] = tessera ? studyPeKinds.map((pe) => ({
      pe, label: kindLabel(pe), areaUm2: areas.areaUm2[pe],
      modes: peKind(pe).modes.map((mode) => ({ mode, macsPerCycle: macsPerCycle(peKind(pe, '--pe', mode)) })),
    })) : [];
    const summary: StudySummary = { sections, peKinds, areaSource: areas.source, accuracy, settings };
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
