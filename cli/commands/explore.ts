import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { energyWithPeAreas, horowitzPeAreas, readPeAreaTable, type PeAreaTable, type StudyGroup } from '../../hw/accelerators/index.ts';
import { energyConstants28nm, studyPeKinds, type StudyPeKind } from '../../hw/energy/index.ts';
import { parseArraySize } from '../../hw/index.ts';
import { denseCheckpoint, LLM_WORKLOAD_ID, llamaLayerSamples, llmWorkloadSpec, loadModel, shippedModelDir } from '../../models/llm/index.ts';
import { paretoFront, pointAccelerator, pointTaskModule, type DesignPoint, type PointCost, type PointJob } from '../../sim/explore/index.ts';
import { fp32ReferenceGemm, layerError, relativeRmsError, type LayerSample } from '../../sim/study/index.ts';
import { workloadIds } from '../../sim/workloads/index.ts';
import { ContentCache, ProgressBar, UserError, WorkerPool, contentHash, projectRoot, writeJsonAtomic, setInterruptNote, cachedWorkNote } from '../../util/index.ts';
import { libraryFile, readLiberty, synthesize, yosysBackends, type YosysBackend } from '../../eda/synth/index.ts';
import { generateArrayDesign } from '../../hdl-gen/index.ts';
import { mixpeEvalConfig, peKind } from '../../hw/index.ts';
import { QueueClient, redisTarget } from '../../queue/index.ts';
import { VeriDistill, moduleClosureText, shippedCheckpointDir } from '../../models/qor/veridistill/index.ts';
import { selectBackend } from '../../models/common/index.ts';
import { defineCommand } from '../command.ts';
import { writeReport } from '../report/html-report.ts';
import { EXPLORE_POINT } from '../queue-jobs.ts';
import { exploreSections, type ExplorePointResult } from './explore-report.ts';

/** Bumped when a point's meaning changes; part of every cache key. */
const EXPLORE_FORMAT = 1;

function list<T extends string>(text: string, flag: string, allowed: readonly T[]): T[] {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const i of items) if (!allowed.includes(i as T)) throw new UserError(`unknown value '${i}'`, flag, `choose from: ${allowed.join(', ')}`);
  if (items.length === 0) throw new UserError('is empty', flag, `choose from: ${allowed.join(', ')}`);
  return items as T[];
}

function groups(text: string): StudyGroup[] {
  return list(text, '--groups', ['32', '64', '128', 'channel']).map((g) => (g === 'channel' ? 'channel' : (Number(g) as 32 | 64 | 128)));
}

export default defineCommand({
  path: ['explore'],
  summary: 'design-space sweep: PE kind x array x group x dataflow x workload; time, energy, area, error and the Pareto front',
  details: `Every point runs its workload's phases through the simulator's fast mode (cycles, energy by part, as the
study costs them); its area is the PE area table's (docs/pe-area.json, synthesized with Nangate45, else the
Horowitz estimate; marked in areaSource) times the PEs, without buffers; its error is the relative RMS output
error of the PE kind and group on the real layers of a language model (default: the project's shipped LM), in
cycle mode, against FP32. The workload '${LLM_WORKLOAD_ID}' is that model's own architecture (prefill of its
context less one token, then a decode step, batch 64). The Pareto front
(time, energy, area, error, all minimised) is taken per workload. Points are cached: a rerun resumes.
--queue runs the points on 'tessera worker' processes (docs/scale-out.md).
example: tessera explore --pe mixpe-w4a8,int8,fp16 --arrays 16x16,32x32 --workloads vit-b --json sweep.json --report sweep/`,
  flags: [
    { name: 'pe', kind: 'string', default: studyPeKinds.join(','), valueName: 'LIST', help: 'PE kinds' },
    { name: 'arrays', kind: 'string', default: '8x8,16x16,32x32', valueName: 'LIST', help: 'array sizes RxC' },
    { name: 'groups', kind: 'string', default: '64,128', valueName: 'LIST', help: 'weight group sizes: 32, 64, 128, channel' },
    { name: 'dataflows', kind: 'string', default: 'os,ws', valueName: 'LIST', help: 'os (output-stationary), ws (weight-stationary)' },
    { name: 'workloads', kind: 'string', default: `vit-b,llama2-7b,${LLM_WORKLOAD_ID}`, valueName: 'LIST', help: `from: ${[...workloadIds, LLM_WORKLOAD_ID].join(', ')}` },
    { name: 'pe-area', kind: 'string', valueName: 'FILE', help: 'PE area table (JSON) instead of docs/pe-area.json' },
    { name: 'area', kind: 'string', choices: ['table', 'veridistill'], default: 'table', help: "area of points not synthesized: the PE table times the PEs, or VeriDistill's prediction for the generated array" },
    { name: 'veridistill', kind: 'string', valueName: 'DIR', help: 'VeriDistill checkpoint for --area veridistill (default: the shipped one)' },
    { name: 'model', kind: 'string', valueName: 'PATH', help: `checkpoint folder or llama2.c .bin whose layers measure the error and whose architecture is '${LLM_WORKLOAD_ID}' (default: the shipped LM)` },
    { name: 'tokens', kind: 'int', default: 16, help: 'tokens generated to collect the layer activations' },
    { name: 'seed', kind: 'int', default: 1, help: 'seed of the token sampling' },
    { name: 'workers', kind: 'int', default: 2, valueName: 'N', help: 'parallel workers (one per core)' },
    { name: 'queue', kind: 'string', valueName: 'URL', help: "cost the points on a Redis queue served by 'tessera worker'" },
    { name: 'synthesize-pareto', kind: 'boolean', help: 'synthesize each Pareto point\'s array with Yosys (library: --liberty); its area replaces the table\'s' },
    { name: 'liberty', kind: 'string', default: 'nangate45', valueName: 'LIB', help: "library for --synthesize-pareto: 'nangate45' (the default: the PE area table's library, from the benchmark data), 'sky130' (shipped) or a Liberty file" },
    { name: 'yosys', kind: 'string', choices: yosysBackends, default: 'wasm', help: 'Yosys backend for --synthesize-pareto' },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write { points, pareto } as JSON' },
    { name: 'report', kind: 'string', valueName: 'DIR', help: 'write DIR/report.html (plotly)' },
  ],
  async run(flags) {
    setInterruptNote(cachedWorkNote('sweep points', 'explore', 'explore-error'));
    const pes = list(flags.pe, '--pe', studyPeKinds);
    const arrays = flags.arrays.split(',').map((a) => parseArraySize(a.trim(), '--arrays'));
    const gs = groups(flags.groups);
    const dataflows = list(flags.dataflows, '--dataflows', ['os', 'ws'] as const);
    const workloads = list(flags.workloads, '--workloads', [...workloadIds, LLM_WORKLOAD_ID]);
    if (flags.workers < 1) throw new UserError('must be at least 1', '--workers');
    const defaultTable = join(projectRoot(), 'docs', 'pe-area.json');
    const areas: PeAreaTable = flags['pe-area'] ? readPeAreaTable(flags['pe-area']) : existsSync(defaultTable) ? { ...readPeAreaTable(defaultTable), source: 'docs/pe-area.json' } : horowitzPeAreas;
    const areaSource = areas === horowitzPeAreas ? 'horowitz-estimate x PEs' : `synthesized PE (${areas.source}) x PEs`;
    const energy = energyWithPeAreas(energyConstants28nm, areas);
    const model = denseCheckpoint(loadModel(flags.model, undefined, false), 'explore', '--model');
    const modelFile = flags.model ?? shippedModelDir();
    const modelHash = model.meta?.weightsSha256 ?? contentHash(readFileSync(modelFile));
    const llmSpec = llmWorkloadSpec(model.weights.config, modelFile);
    const llmOptions = { promptLength: model.weights.config.seqLen - 1 };

    const points: DesignPoint[] = [];
    for (const workload of workloads) for (const pe of pes) for (const { rows, cols } of arrays) for (const group of gs) for (const dataflow of dataflows) points.push({ pe, rows, cols, group, dataflow, workload });
    const cache = new ContentCache<PointCost>('explore');
    const keyOf = (job: PointJob) => contentHash(EXPLORE_FORMAT, job);
    const jobs = points.map((point): PointJob => (point.workload === LLM_WORKLOAD_ID ? { point, energy, workloadOptions: llmOptions, spec: llmSpec } : { point, energy, workloadOptions: {} }));
    const costs = new Map<number, PointCost>();
    jobs.forEach((job, i) => {
      const hit = cache.get(keyOf(job));
      if (hit) costs.set(i, hit);
    });
    const bar = new ProgressBar('explore: points', points.length);
    bar.skip(costs.size);
    const client = flags.queue ? await QueueClient.connect(redisTarget(flags.queue, '--queue'), '--queue') : undefined;
    const pool = client ? undefined : new WorkerPool<PointJob, PointCost>(pointTaskModule, flags.workers);
    try {
      await Promise.all(jobs.map(async (job, i) => {
        if (costs.has(i)) return;
        const key = keyOf(job);
        const cost = client ? await client.run<PointCost>(EXPLORE_POINT, key, job, { requires: {} }) : await pool!.run(job);
        cache.put(key, cost);
        costs.set(i, cost);
        bar.tick(1, `${job.point.pe} ${job.point.rows}x${job.point.cols}`);
      }));
    } finally {
      await pool?.close();
      await client?.close();
    }
    bar.finish();

    // The error depends on the PE kind and group only (the array's values do not depend on its shape).
    // The layers are sampled (a generation run) only when some error is not cached yet.
    let layers: { samples: LayerSample[]; references: Float64Array[] } | undefined;
    const errorCache = new ContentCache<number>('explore-error');
    const errors = new Map<string, number>();
    for (const pe of pes) for (const group of gs) {
      const key = contentHash(EXPLORE_FORMAT, 'error', pe, group, modelHash, flags.tokens, flags.seed);
      let e = errorCache.get(key);
      if (e === undefined) {
        if (!layers) {
          const samples = llamaLayerSamples(model.weights, flags.tokens, flags.seed);
          layers = { samples, references: samples.map(fp32ReferenceGemm) };
        }
        const acc = pointAccelerator({ pe, rows: 16, cols: 16, group, dataflow: 'os' });
        const { samples, references } = layers;
        e = relativeRmsError(samples.map((s, i) => layerError(acc, s, references[i])));
        errorCache.put(key, e);
      }
      errors.set(`${pe}/${group}`, e);
    }

    const results: ExplorePointResult[] = points.map((p, i) => {
      const c = costs.get(i)!;
      return {
        pe: p.pe, array: `${p.rows}x${p.cols}`, group: p.group, dataflow: p.dataflow, workload: p.workload,
        cycles: c.cycles, seconds: c.seconds, energyJ: c.energy.total, energyParts: c.energy, utilization: c.utilization,
        areaUm2: areas.areaUm2[p.pe as StudyPeKind] * p.rows * p.cols, areaSource, error: errors.get(`${p.pe}/${p.group}`)!,
      };
    });
    if (flags.area === 'veridistill') await predictArrayAreas(results, points, flags.veridistill ?? shippedCheckpointDir());
    const front = () => workloads.flatMap((w) => {
      const idx = results.flatMap((r, i) => (r.workload === w ? [i] : []));
      return paretoFront(idx.map((i) => [results[i].seconds, results[i].energyJ, results[i].areaUm2, results[i].error])).map((k) => idx[k]);
    }).sort((a, b) => a - b);
    let pareto = front();
    if (flags['synthesize-pareto']) {
      await synthesizePareto(results, points, pareto, libraryFile(flags.liberty), flags.yosys as YosysBackend);
      // Synthesized areas can move points on or off the front.
      pareto = front();
    }
    console.log(`${points.length} points (${workloads.length} workloads); Pareto front (time, energy, area, error), per workload:`);
    console.log('workload    pe            array   group  flow   time s     energy J   area mm2   error');
    for (const i of pareto) {
      const r = results[i];
      console.log(`${r.workload.padEnd(11)} ${r.pe.padEnd(13)} ${r.array.padEnd(7)} ${String(r.group).padEnd(6)} ${r.dataflow.padEnd(6)} ${r.seconds.toPrecision(4).padStart(9)} ${r.energyJ.toPrecision(4).padStart(10)} ${(r.areaUm2 / 1e6).toPrecision(4).padStart(10)} ${r.error.toPrecision(3).padStart(8)}`);
    }
    const settings = { areaSource: flags.area === 'veridistill' ? 'VeriDistill prediction of each generated array' : areaSource, model: modelFile, tokens: flags.tokens, seed: flags.seed, energy: energy.node };
    if (flags.json) writeJsonAtomic(flags.json, { settings, points: results, pareto });
    if (flags.report) writeReport(join(flags.report, 'report.html'), 'Design-space sweep', exploreSections(results, pareto, settings));
  },
});

/**
 * Replaces the table area of every Pareto point by its whole array's, synthesized as the area table
 * synthesizes arrays (the PE kept as one module, the rest flattened); cached by the synthesis cache.
 * Points on the 'channel' group synthesize with groups of 128 (the generated dequantizer needs a size).
 */
async function synthesizePareto(results: ExplorePointResult[], points: readonly DesignPoint[], pareto: readonly number[], libertyPath: string, backend: YosysBackend): Promise<void> {
  const liberty = readLiberty(libertyPath);
  const groups = byDesign(points, pareto);
  const bar = new ProgressBar('synthesis of the Pareto arrays', groups.length);
  for (const indices of groups) {
    const p = points[indices[0]];
    const d = arrayDesign(p);
    const r = await synthesize({ sources: { [d.fileName]: d.verilog }, top: d.top, liberty, backend, check: true, keepHierarchy: d.keepModules });
    for (const i of indices) {
      results[i] = { ...results[i], areaUm2: r.mapped!.area, areaSource: `synthesized array (Yosys ${r.tool}, ${libertyPath.replace(/^.*\//, '')})` };
    }
    bar.tick(1, `${p.pe} ${p.rows}x${p.cols}`);
  }
  bar.finish();
}

/** The generated Verilog of a point's array (output-stationary; 'channel' groups generate with 128). */
function arrayDesign(p: DesignPoint) {
  const scheme = pointAccelerator(p).weightScheme;
  return generateArrayDesign({ pe: peKind(p.pe), array: mixpeEvalConfig(p.rows, p.cols), group: p.group === 'channel' ? 128 : p.group, scheme });
}

/** Points of the same PE kind, array and group share one design (dataflow and workload do not change the RTL). */
function byDesign(points: readonly DesignPoint[], indices: readonly number[]): number[][] {
  const designs = new Map<string, number[]>();
  for (const i of indices) {
    const p = points[i];
    const key = `${p.pe}/${p.rows}x${p.cols}/${p.group}`;
    designs.set(key, [...(designs.get(key) ?? []), i]);
  }
  return [...designs.values()];
}

/** Replaces every point's table area by VeriDistill's prediction for its generated array (no synthesis). */
async function predictArrayAreas(results: ExplorePointResult[], points: readonly DesignPoint[], checkpoint: string): Promise<void> {
  await selectBackend(() => {});
  const model = VeriDistill.load(checkpoint);
  const groups = byDesign(points, points.map((_, i) => i));
  const bar = new ProgressBar('VeriDistill areas of the arrays', groups.length);
  for (const indices of groups) {
    const p = points[indices[0]];
    const d = arrayDesign(p);
    const area = model.predict(moduleClosureText(d.verilog, d.top, d.fileName), d.top).areaUm2;
    for (const i of indices) results[i] = { ...results[i], areaUm2: area, areaSource: `VeriDistill prediction (${checkpoint.replace(/^.*\//, '')}), not synthesized` };
    bar.tick(1, `${p.pe} ${p.rows}x${p.cols}`);
  }
  bar.finish();
}
