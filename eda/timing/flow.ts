import { UserError } from '../../util/index.ts';
import { readDef, type Def } from './def/index.ts';
import { placementParasitics, sdfAnnotation, spefParasitics, wireLoadParasitics, type ParasiticsSource } from './delay-calc/index.ts';
import { readSdf } from './sdf/index.ts';
import { buildTimingGraph, netlistFromDef, readVerilogNetlist, type TimingGraph } from './graph/index.ts';
import { readLef } from './lef/index.ts';
import { readLiberty, type LibertyLibrary } from './liberty/index.ts';
import { readSdc } from './sdc/index.ts';
import { analyzeTiming, type TimingAnalysis } from './search/index.ts';
import { readSpef } from './spef/index.ts';

/** The files of one timing run (paths); flags name where each came from in errors. */
export interface TimingInputs {
  readonly netlist?: string;
  readonly top?: string;
  readonly libs: string[];
  readonly lefs?: string[];
  readonly def?: string;
  readonly sdc: string;
  readonly spef?: string;
  readonly sdf?: string;
}

export interface TimingRun {
  readonly graph: TimingGraph;
  readonly libs: LibertyLibrary[];
  readonly analysis: TimingAnalysis;
  /** Seconds spent reading files and analysing. */
  readonly readSeconds: number;
  readonly analyzeSeconds: number;
}

/**
 * Reads the inputs and runs STA. Parasitics: SPEF when given, else a placement estimate when a
 * DEF and LEF are given, else the library's wire-load model (as OpenSTA). SDF delays, when given,
 * replace the calculated cell, wire and check delays they name.
 */
export function runTiming(inputs: TimingInputs): TimingRun {
  const t0 = performance.now();
  if (inputs.libs.length === 0) throw new UserError('no Liberty library given', '--lib', 'give one or more .lib or .lib.gz files, comma separated');
  const libs = inputs.libs.map((f) => readLiberty(f, '--lib'));
  let def: Def | undefined;
  if (inputs.def) def = readDef(inputs.def, '--def');
  let netlist;
  if (inputs.netlist) netlist = readVerilogNetlist(inputs.netlist, inputs.top, '--netlist');
  else if (def) netlist = netlistFromDef(def);
  else throw new UserError('no netlist given', '--netlist', 'give a structural Verilog netlist, or a DEF with its NETS');
  const graph = buildTimingGraph(netlist, libs);
  const sdc = readSdc(inputs.sdc, '--sdc', { time: libs[0]!.timeUnit, cap: libs[0]!.capUnit });
  let parasitics: ParasiticsSource | undefined;
  let parasiticsName: string | undefined;
  if (inputs.spef) {
    const spef = spefParasitics(graph, readSpef(inputs.spef, '--spef'));
    // As OpenSTA: nets the SPEF does not cover get the default wire-load model.
    const wireLoad = wireLoadParasitics(graph, libs[0]!, sdc.wireLoadModel);
    parasitics = wireLoad ? (net) => spef(net) ?? wireLoad(net) : spef;
    parasiticsName = `SPEF ${inputs.spef}${wireLoad ? `; other nets: wire-load model ${sdc.wireLoadModel ?? libs[0]!.defaultWireLoad}` : ''}`;
  } else if (def) {
    if (!inputs.lefs || inputs.lefs.length === 0) throw new UserError('a DEF placement estimate needs the LEF', '--lef', 'give the technology (and cell) LEF files, comma separated');
    parasitics = placementParasitics(graph, def, readLef(inputs.lefs, '--lef'));
    parasiticsName = `placement estimate from ${inputs.def}`;
  }
  const annotation = inputs.sdf ? sdfAnnotation(graph, readSdf(inputs.sdf, '--sdf')) : undefined;
  const t1 = performance.now();
  const analysis = analyzeTiming(graph, libs, sdc, { parasitics, parasiticsName, annotation });
  const t2 = performance.now();
  return { graph, libs, analysis, readSeconds: (t1 - t0) / 1000, analyzeSeconds: (t2 - t1) / 1000 };
}
