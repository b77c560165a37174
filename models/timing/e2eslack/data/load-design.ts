import { buildTimingGraph, readDef, readLef, readLiberty, readSdc, readVerilogNetlist, resolvePins, type Lef, type LibertyLibrary, type Sdc, type TimingGraph } from '../../../../eda/timing/index.ts';
import { routeTechnology } from '../../../../eda/route-estimate/index.ts';
import { cellLibrary } from '../flow/technology.ts';
import { parseSlackGraph, type NetGeometry, type SlackGraph } from '../parser/slack-graph.ts';
import { designFiles, type DesignRecord } from './storage.ts';

const technologies = new Map<string, { libs: LibertyLibrary[]; lef: Lef }>();

/** The parsed Liberty and LEF of a library, read once per process. */
export function libraryTechnology(name: string): { libs: LibertyLibrary[]; lef: Lef } {
  let t = technologies.get(name);
  if (!t) {
    const lib = cellLibrary(name);
    t = { libs: [readLiberty(lib.liberty)], lef: readLef(lib.lefs) };
    technologies.set(name, t);
  }
  return t;
}

/** set_load capacitance per port pin (farads). */
export function portLoads(graph: TimingGraph, sdc: Sdc): Map<number, number> {
  const out = new Map<number, number>();
  for (const l of sdc.loads) for (const p of resolvePins(graph, l.objects, sdc)) out.set(p, (out.get(p) ?? 0) + l.cap);
  return out;
}

/** A data-set design rebuilt for the model: timing graph, SDC and the TimingParser's slack graph. */
export function loadSlackGraph(dir: string, record: DesignRecord, geometry: NetGeometry): SlackGraph {
  const { libs, lef } = libraryTechnology(record.library);
  const f = designFiles(dir, record.name);
  const graph = buildTimingGraph(readVerilogNetlist(f.netlist), libs);
  const sdc = readSdc(f.sdc, 'design.sdc', { time: libs[0]!.timeUnit, cap: libs[0]!.capUnit });
  const def = readDef(f.def);
  const lib = cellLibrary(record.library);
  return parseSlackGraph(graph, libs, sdc, def, lef, portLoads(graph, sdc), { tech: routeTechnology(lef, { defaultViaResistance: lib.viaResistance }), geometry });
}
