import { existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { defineCommand } from '../command.ts';
import { writeReport, type ReportSection } from '../report/html-report.ts';
import { ProgressBar, UserError, writeJsonAtomic, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import { readVerilogSource } from '../../eda/verilog/index.ts';
import { LIBRARY_HELP, libraryTitle, loadLibrary, yosysBackends, type YosysBackend } from '../../eda/synth/index.ts';
import { selectBackend, regressionMetrics } from '../../models/common/index.ts';
import { VeriDistill, labelFlowOf, moduleClosureText, shippedCheckpointDir, type QorPrediction } from '../../models/qor/veridistill/index.ts';
// VeriDistill's training sub-area (corpus reader, synthesis flow) loads only with --corpus or --compare:
// a one-file prediction in a fresh process mostly waits for module loading
// (test/models/qor/veridistill/predict-imports.test.ts keeps its import graph small).
import type { SynthesizedQor } from '../../models/qor/veridistill/training/index.ts';

interface DesignResult {
  design: string;
  top?: string;
  predicted: QorPrediction & { ms: number };
  yosys?: SynthesizedQor;
  error?: { areaPercent: number; delayPercent: number };
}

const percent = (pred: number, truth: number) => (truth === 0 ? NaN : (100 * (pred - truth)) / truth);

function predictTimed(model: VeriDistill, text: string, top: string | undefined): QorPrediction & { ms: number } {
  const t0 = performance.now();
  const p = model.predict(text, top);
  return { ...p, ms: performance.now() - t0 };
}

function printResult(r: DesignResult): void {
  const p = r.predicted;
  console.log(`${r.design}${r.top ? ` (top ${r.top})` : ''}`);
  console.log(`  predicted   area ${p.areaUm2.toFixed(1)} um^2   delay ${p.delayPs.toFixed(1)} ps   in ${p.ms.toFixed(1)} ms`);
  if (r.yosys && r.error) {
    console.log(`  yosys+abc   area ${r.yosys.areaUm2.toFixed(1)} um^2   delay ${r.yosys.delayPs.toFixed(1)} ps   in ${r.yosys.seconds > 0 ? `${r.yosys.seconds.toFixed(2)} s` : 'cache'} (${r.yosys.tool})`);
    console.log(`  error       area ${r.error.areaPercent >= 0 ? '+' : ''}${r.error.areaPercent.toFixed(1)}%   delay ${r.error.delayPercent >= 0 ? '+' : ''}${r.error.delayPercent.toFixed(1)}%`);
  }
}

function reportSections(results: readonly DesignResult[]): ReportSection[] {
  const compared = results.filter((r) => r.yosys);
  const scatter = (key: 'areaUm2' | 'delayPs', unit: string) => {
    const truth = compared.map((r) => r.yosys![key]);
    const pred = compared.map((r) => r.predicted[key]);
    const lo = Math.max(1e-3, Math.min(...truth, ...pred));
    const hi = Math.max(...truth, ...pred);
    return {
      title: `${key === 'areaUm2' ? 'Area' : 'Delay'}: predicted vs Yosys (${unit})`,
      data: [
        { type: 'scatter', mode: 'markers', name: 'designs', x: truth, y: pred, text: compared.map((r) => r.design), hovertemplate: '%{text}<br>yosys %{x}<br>predicted %{y}<extra></extra>' },
        { type: 'scatter', mode: 'lines', name: 'y = x', x: [lo, hi], y: [lo, hi], line: { dash: 'dot', color: '#888' } },
      ],
      layout: { xaxis: { title: { text: `Yosys ${unit}` }, type: 'log' }, yaxis: { title: { text: `predicted ${unit}` }, type: 'log' } },
    };
  };
  const metricsRow = (key: 'areaUm2' | 'delayPs') => {
    const truth = compared.map((r) => Math.log1p(r.yosys![key]));
    const pred = compared.map((r) => Math.log1p(r.predicted[key]));
    const m = regressionMetrics(pred, truth);
    const rawMape = regressionMetrics(compared.map((r) => r.predicted[key]), compared.map((r) => r.yosys![key])).mape;
    return [key === 'areaUm2' ? 'area' : 'delay', m.r2, m.mae, m.rse, rawMape, m.kendallTau];
  };
  const predictMs = results.reduce((s, r) => s + r.predicted.ms, 0);
  const synthS = compared.reduce((s, r) => s + r.yosys!.seconds, 0);
  return [
    {
      heading: 'Accuracy against Yosys + ABC',
      html: `<p>${compared.length} designs. R², MAE, RSE and Kendall τ on log(1 + value); MAPE on raw µm² and ps. Prediction took ${predictMs.toFixed(0)} ms in all; synthesis ${synthS.toFixed(1)} s (0 for cached results).</p>`,
      table: { columns: ['target', 'R²', 'MAE (log)', 'RSE', 'MAPE %', 'Kendall τ'], rows: compared.length >= 2 ? [metricsRow('areaUm2'), metricsRow('delayPs')] : [] },
      charts: compared.length ? [scatter('areaUm2', 'um^2'), scatter('delayPs', 'ps')] : [],
    },
    {
      heading: 'Per design',
      table: {
        columns: ['design', 'predicted area', 'Yosys area', 'area error %', 'predicted delay', 'Yosys delay', 'delay error %', 'predict ms'],
        rows: results.map((r) => [r.design, r.predicted.areaUm2, r.yosys?.areaUm2 ?? '', r.error?.areaPercent ?? '', r.predicted.delayPs, r.yosys?.delayPs ?? '', r.error?.delayPercent ?? '', r.predicted.ms]),
      },
    },
  ];
}

export default defineCommand({
  path: ['predict', 'qor'],
  summary: 'predict post-synthesis area and delay of Verilog with VeriDistill (no synthesis); --compare runs Yosys too',
  positionals: 'FILE.v...',
  details: `The files given together form one design; --top picks the module (and what it instantiates) the
student reads and Yosys synthesizes. Area is cell area (um^2) and delay ABC's stime estimate (ps) in the
library the checkpoint was trained for; --compare runs the flow that labelled its training data (the same
script, the same Yosys build, the same library) unless --yosys or --liberty say otherwise, and then says so.
--corpus DIR predicts every .v/.sv file under DIR (one design per file, top = its first module).
examples: tessera predict qor rtl/alu.v --top alu --compare
          tessera predict qor --corpus my_rtl/ --compare --report out/qor-report`,
  flags: [
    { name: 'top', kind: 'string', valueName: 'MODULE', help: 'top module (default: the whole text; Yosys picks the top)' },
    { name: 'compare', kind: 'boolean', help: "also synthesize with the checkpoint's labelling flow and print both with the error" },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the results as JSON to OUT' },
    { name: 'corpus', kind: 'string', valueName: 'DIR', help: 'predict every .v/.sv file under DIR (one design per file)' },
    { name: 'report', kind: 'string', valueName: 'DIR', help: 'with --corpus --compare: write DIR/index.html with scatter plots and metrics' },
    { name: 'checkpoint', kind: 'string', valueName: 'DIR', help: 'model checkpoint folder (default: the one shipped in models/qor/veridistill/checkpoint)' },
    { name: 'yosys', kind: 'string', choices: yosysBackends, valueName: 'BACKEND', help: "Yosys for --compare (default: the build that labelled the checkpoint's data)" },
    { name: 'liberty', kind: 'string', valueName: 'LIB', help: `${LIBRARY_HELP} for --compare (default: the checkpoint's)` },
  ],
  async run(flags, files) {
    if (flags.compare) setInterruptNote(cachedWorkNote('Yosys syntheses', 'veridistill-compare'));
    if (flags.corpus && files.length) throw new UserError('give either files or --corpus, not both', '--corpus');
    if (!flags.corpus && files.length === 0) throw new UserError('no Verilog file given', 'FILE.v', 'usage: tessera predict qor FILE.v [--top MODULE] [--compare]');
    if (flags.report && !(flags.corpus && flags.compare)) throw new UserError('needs --corpus and --compare', '--report');
    if (flags.corpus && !existsSync(flags.corpus)) throw new UserError(`folder not found: ${flags.corpus}`, '--corpus');
    for (const f of files) if (!existsSync(f)) throw new UserError(`file not found: ${f}`, 'FILE.v');
    await selectBackend(() => {});
    const model = VeriDistill.load(flags.checkpoint ?? shippedCheckpointDir());
    const flow = labelFlowOf(model.config);
    const flowBackend = flow.tool.split(' ')[0] as YosysBackend;
    const yosys: YosysBackend = (flags.yosys as YosysBackend | undefined) ?? flowBackend;
    const libertySpec = flags.liberty ?? flow.liberty;
    const liberty = flags.compare ? loadLibrary(libertySpec).text : '';
    if (flags.compare && (yosys !== flowBackend || libertySpec !== flow.liberty)) {
      console.log(`note: the checkpoint was labelled by ${flow.tool} onto ${libraryTitle(flow.liberty)}; this comparison uses ${yosys} Yosys onto ${libraryTitle(libertySpec)}, so part of the error is the flow's`);
    }

    const designs: { name: string; sources: Record<string, string>; top?: string }[] = [];
    if (flags.corpus) {
      const { firstModuleName, verilogFilesIn } = await import('../../models/qor/veridistill/training/index.ts');
      for (const f of verilogFilesIn(flags.corpus, true)) {
        const text = readVerilogSource(f);
        const top = firstModuleName(text);
        if (top) designs.push({ name: relative(flags.corpus, f), sources: { [basename(f)]: text }, top });
      }
      if (designs.length === 0) throw new UserError(`no Verilog module found under ${flags.corpus}`, '--corpus');
    } else {
      const sources: Record<string, string> = {};
      for (const f of files) {
        if (sources[basename(f)] !== undefined) throw new UserError(`two sources share the name ${basename(f)}`, 'FILE.v');
        sources[basename(f)] = readVerilogSource(f);
        // A prediction for no hardware would still be a number: refuse it.
        if (!/\bmodule\b/.test(sources[basename(f)]!)) throw new UserError(`${f} has no Verilog module`, 'FILE.v', 'give a Verilog file with the design');
      }
      designs.push({ name: files.join(' '), sources, top: flags.top });
    }

    const synthesizeQor = flags.compare ? (await import('../../models/qor/veridistill/training/index.ts')).synthesizeQor : undefined;
    const results: DesignResult[] = [];
    const bar = designs.length > 1 ? new ProgressBar('predicting', designs.length) : undefined;
    for (const d of designs) {
      const whole = Object.values(d.sources).join('\n');
      const text = d.top ? moduleClosureText(whole, d.top, Object.keys(d.sources).join(', ')) : whole;
      const r: DesignResult = { design: d.name, top: d.top, predicted: predictTimed(model, text, d.top) };
      if (synthesizeQor) {
        try {
          r.yosys = await synthesizeQor(d.sources, d.top, liberty, yosys);
          r.error = { areaPercent: percent(r.predicted.areaUm2, r.yosys.areaUm2), delayPercent: percent(r.predicted.delayPs, r.yosys.delayPs) };
        } catch (e) {
          if (designs.length === 1) throw e;
          console.error(`${d.name}: Yosys failed, left out of the comparison: ${(e as Error).message.split('\n')[0]}`);
        }
      }
      results.push(r);
      bar?.tick(1, d.name);
    }
    bar?.finish();
    for (const r of results) printResult(r);
    if (flags.json) writeJsonAtomic(flags.json, results.length === 1 ? results[0] : results);
    if (flags.report) {
      const html = join(flags.report, 'index.html');
      writeReport(html, `VeriDistill predictions vs Yosys: ${flags.corpus}`, reportSections(results));
      console.log(`report written to ${html}`);
    }
    model.dispose();
  },
});
