import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../../../../util/index.ts';
import { readLef, readLiberty, readVerilogNetlist, type Lef, type LibertyLibrary } from '../../../../eda/timing/index.ts';
import type { YosysBackend } from '../../../../eda/synth/index.ts';
import { groundTruthFlow } from '../flow/ground-truth.ts';
import { defaultSdc } from '../flow/sdc.ts';
import { synthesizeNetlist } from '../flow/synthesize-netlist.ts';
import { cellLibrary } from '../flow/technology.ts';
import { timingLabels } from '../labels.ts';
import { readSources, type SlackDesign } from './designs.ts';
import { designFiles, writeLabels, type DesignRecord } from './storage.ts';

export interface SlackJob {
  readonly design: SlackDesign;
  readonly out: string;
  readonly library: string;
  readonly backend: YosysBackend;
  readonly utilization: number;
  readonly key: string;
  readonly synthTimeoutSeconds?: number;
}

export interface SlackOutcome {
  readonly name: string;
  readonly record?: DesignRecord;
  readonly error?: string;
}

// A worker keeps the parsed library between designs (the sky130 Liberty takes seconds to read).
const loaded = new Map<string, { libs: LibertyLibrary[]; lef: Lef }>();

function technology(name: string) {
  let t = loaded.get(name);
  if (!t) {
    const lib = cellLibrary(name);
    t = { libs: [readLiberty(lib.liberty)], lef: readLef(lib.lefs) };
    loaded.set(name, t);
  }
  return t;
}

/**
 * One design end to end: RTL -> Yosys netlist -> placement (DEF) -> routing estimate (SPEF) ->
 * STA -> labels, every file in the design's folder, record.json last.
 */
export async function processDesign(job: SlackJob): Promise<SlackOutcome> {
  const { design } = job;
  try {
    const lib = cellLibrary(job.library);
    const files = designFiles(job.out, design.name);
    mkdirSync(files.dir, { recursive: true });
    const t0 = performance.now();
    const mapped = await synthesizeNetlist({ sources: readSources(design.dir), top: design.top, library: lib, clockPeriodNs: design.periodNs, backend: job.backend, timeoutSeconds: job.synthTimeoutSeconds });
    const synthSeconds = (performance.now() - t0) / 1000;
    writeFileAtomic(files.netlist, mapped.verilog);
    const sdcText = defaultSdc({ clockPort: design.clockPort, periodNs: design.periodNs, drivingCell: lib.drivingCell, outputLoad: lib.outputLoad });
    writeFileAtomic(files.sdc, sdcText);
    const { libs, lef } = technology(job.library);
    const netlist = readVerilogNetlist(files.netlist);
    const flow = groundTruthFlow({ netlist, libs, lef, sdcText, sdcFile: files.sdc }, { place: { utilization: job.utilization }, technology: { defaultViaResistance: lib.viaResistance } });
    writeFileAtomic(files.def, flow.defText);
    writeFileAtomic(files.spef, flow.spefText);
    const t1 = performance.now();
    const labels = timingLabels(flow.analysis);
    const labelSeconds = (performance.now() - t1) / 1000;
    const record = writeLabels(job.out, {
      format: 1, key: job.key, name: design.name, split: design.split, library: job.library, top: design.top, clockPort: design.clockPort, periodNs: design.periodNs,
      cells: flow.graph.instances.length, pins: flow.graph.pins.length, nets: flow.graph.nets.length, endpoints: labels.endpoints.length,
      wns: labels.wns, tns: labels.tns, hpwl: flow.place.hpwl.final, utilization: job.utilization, tool: mapped.tool,
      seconds: { synthesis: synthSeconds, ...flow.seconds, labels: labelSeconds },
    }, labels);
    return { name: design.name, record };
  } catch (e) {
    return { name: design.name, error: (e as Error).message };
  }
}
