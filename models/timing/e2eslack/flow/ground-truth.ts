import { writeFileAtomic } from '../../../../util/index.ts';
import {
  analyzeTiming, buildTimingGraph, parseDef, parseSpef, parseSdc, spefParasitics, wireLoadParasitics,
  type Def, type Lef, type LibertyLibrary, type Sdc, type TimingAnalysis, type TimingGraph, type TimingNetlist,
} from '../../../../eda/timing/index.ts';
import { placeDesign, writeDef, type PlaceOptions, type PlaceResult } from '../../../../eda/place/index.ts';
import { placedNets, routeNet, routeTechnology, writeSpef, type RcNet, type TechnologyOptions } from '../../../../eda/route-estimate/index.ts';

/** The design as the ground-truth flow sees it: netlist, libraries, LEF and constraints, all parsed. */
export interface FlowDesign {
  readonly netlist: TimingNetlist;
  readonly libs: LibertyLibrary[];
  readonly lef: Lef;
  readonly sdcText: string;
  readonly sdcFile: string;
}

export interface FlowResult {
  readonly graph: TimingGraph;
  readonly sdc: Sdc;
  readonly place: PlaceResult;
  readonly defText: string;
  readonly spefText: string;
  readonly nets: RcNet[];
  readonly analysis: TimingAnalysis;
  /** Seconds: placement; then the ground-truth timing flow's parts: routing estimate (DEF read, Steiner, RC), SPEF write, extraction (SPEF read into parasitics), STA. */
  readonly seconds: { place: number; route: number; spefWrite: number; extraction: number; sta: number };
}

/** Options of the flow: placement, routing-estimate technology. */
export interface FlowOptions {
  readonly place?: PlaceOptions;
  readonly technology?: TechnologyOptions;
}

/** The SDC read in the first library's units. */
export function readFlowSdc(d: FlowDesign): Sdc {
  return parseSdc(d.sdcText, d.sdcFile, { time: d.libs[0]!.timeUnit, cap: d.libs[0]!.capUnit });
}

/**
 * The ground-truth flow of a mapped netlist: place it, write the DEF, estimate its routing
 * (Steiner trees, layers, RC), write SPEF, read the SPEF back as parasitics and run STA. This
 * is a routing-estimate sign-off, not a routed one: no router or extractor runs.
 */
export function groundTruthFlow(d: FlowDesign, options: FlowOptions = {}): FlowResult {
  const graph = buildTimingGraph(d.netlist, d.libs);
  const sdc = readFlowSdc(d);
  const t0 = performance.now();
  const place = placeDesign(graph, d.lef, options.place);
  const defText = writeDef(place.problem, place.placement);
  const placeSeconds = (performance.now() - t0) / 1000;
  const timed = estimateAndTime(graph, sdc, d.libs, d.lef, defText, options.technology);
  return { graph, sdc, place, defText, ...timed, seconds: { place: placeSeconds, ...timed.seconds } };
}

/**
 * The timing half of the ground-truth flow from a placed DEF (text, read here, or already read):
 * routing estimate (Steiner trees, layers, RC), SPEF written and read back as parasitics, STA.
 */
export function estimateAndTime(graph: TimingGraph, sdc: Sdc, libs: LibertyLibrary[], lef: Lef, placed: string | Def, technology?: TechnologyOptions): Pick<FlowResult, 'spefText' | 'nets' | 'analysis'> & { seconds: { route: number; spefWrite: number; extraction: number; sta: number } } {
  const t1 = performance.now();
  const def = typeof placed === 'string' ? parseDef(placed, `${graph.netlist.name}.def`) : placed;
  const tech = routeTechnology(lef, technology);
  const nets = placedNets(graph, def, lef).map((n) => routeNet(n.name, n.pins, tech));
  const t2 = performance.now();
  const ports = new Map(graph.pins.filter((p) => p.isPort).map((p) => [p.name, p.portDirection === 'output' ? 'O' as const : p.portDirection === 'inout' ? 'B' as const : 'I' as const]));
  const spefText = writeSpef(nets, { design: graph.netlist.name, ports });
  const t3 = performance.now();
  const spef = spefParasitics(graph, parseSpef(spefText, `${graph.netlist.name}.spef`));
  const wireLoad = wireLoadParasitics(graph, libs[0]!);
  const parasitics = wireLoad ? (net: number) => spef(net) ?? wireLoad(net) : spef;
  const t4 = performance.now();
  const analysis = analyzeTiming(graph, libs, sdc, { parasitics, parasiticsName: 'routing estimate (SPEF)' });
  const t5 = performance.now();
  return { spefText, nets, analysis, seconds: { route: (t2 - t1) / 1000, spefWrite: (t3 - t2) / 1000, extraction: (t4 - t3) / 1000, sta: (t5 - t4) / 1000 } };
}

/** Writes a flow's DEF and SPEF beside each other. */
export function writeFlowFiles(r: FlowResult, defPath: string, spefPath: string): void {
  writeFileAtomic(defPath, r.defText);
  writeFileAtomic(spefPath, r.spefText);
}
