import { defineCommand } from '../command.ts';
import { writeFileAtomic, writeJsonAtomic } from '../../util/index.ts';
import { buildTimingGraph, netlistFromDef, readDef, readLef, readLiberty, readSpef, readVerilogNetlist } from '../../eda/timing/index.ts';
import { compareWithSpef, placedNets, rcTotals, routeNet, routeTechnology, writeSpef } from '../../eda/route-estimate/index.ts';

const list = (v: string | undefined) => (v === undefined ? [] : v.split(',').map((s) => s.trim()).filter(Boolean));

export default defineCommand({
  path: ['route', 'estimate'],
  summary: 'pre-route parasitics of a placed DEF: Steiner trees, layer assignment, LEF R/C with vias; SPEF out',
  details: `Per net a rectilinear Steiner tree from the driver over the pins' access points, routed as L shapes on
the horizontal and vertical layer of a pair chosen by tree length (longer nets higher), a via stack and
access stub at every pin, a via at every bend; R and C per micron from the LEF (area, fringe and coupling
to neighbouring tracks, half of them taken). --compare reports per-net R and C errors against an extracted SPEF.
example: tessera route estimate --def 45_gcd.def --lef Nangate45.lef --lib nangate45_typ.lib.gz --out gcd.spef --compare 45_gcd.spef`,
  flags: [
    { name: 'def', kind: 'string', required: true, valueName: 'D', help: 'placed (or routed) DEF' },
    { name: 'lef', kind: 'string', required: true, valueName: 'LEF[,LEF]', help: 'technology LEF first, then cell LEFs' },
    { name: 'lib', kind: 'string', required: true, valueName: 'LIB[,LIB]', help: 'Liberty libraries (which pins drive)' },
    { name: 'netlist', kind: 'string', valueName: 'V', help: 'structural Verilog (default: the DEF connectivity)' },
    { name: 'occupancy', kind: 'number', default: 0.5, valueName: 'F', help: 'fraction of neighbouring tracks occupied, for coupling capacitance' },
    { name: 'via-res', kind: 'number', default: 5, valueName: 'OHM', help: 'resistance per via cut where the LEF gives none' },
    { name: 'out', kind: 'string', valueName: 'FILE.spef', help: 'write the estimate as SPEF' },
    { name: 'compare', kind: 'string', valueName: 'SPEF', help: 'extracted SPEF of the same layout: per-net R and C errors' },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write totals and the comparison as JSON' },
  ],
  async run(flags) {
    const def = readDef(flags.def, '--def');
    const lef = readLef(list(flags.lef), '--lef');
    const libs = list(flags.lib).map((f) => readLiberty(f, '--lib'));
    const graph = buildTimingGraph(flags.netlist ? readVerilogNetlist(flags.netlist, undefined, '--netlist') : netlistFromDef(def), libs);
    const tech = routeTechnology(lef, { neighbourOccupancy: flags.occupancy, defaultViaResistance: flags['via-res'] });
    const nets = placedNets(graph, def, lef).map((n) => routeNet(n.name, n.pins, tech));
    let res = 0;
    let cap = 0;
    let length = 0;
    for (const n of nets) {
      const t = rcTotals(n);
      res += t.res;
      cap += t.cap;
      length += n.length;
    }
    console.log(`${nets.length} nets routed on ${tech.pairs.map(([h, v]) => `${tech.layers[h]!.name}/${tech.layers[v]!.name}`).join(', ')} (pin layer ${tech.pinLayer})`);
    console.log(`Steiner length ${length.toFixed(1)} um, wire C ${(cap * 1e12).toFixed(4)} pF, wire R ${res.toFixed(1)} ohm`);
    const out: Record<string, unknown> = { nets: nets.length, steinerLength: length, capPf: cap * 1e12, resOhm: res };
    if (flags.compare) {
      const cmp = compareWithSpef(nets, readSpef(flags.compare, '--compare'));
      const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
      console.log(`against ${flags.compare} (${cmp.nets.length} nets): C median error ${pct(cmp.cap.median)} (p90 ${pct(cmp.cap.p90)}, mean ratio ${cmp.cap.meanRatio.toFixed(3)}); R median error ${pct(cmp.res.median)} (p90 ${pct(cmp.res.p90)}, mean ratio ${cmp.res.meanRatio.toFixed(3)})`);
      out.compare = { nets: cmp.nets.length, cap: cmp.cap, res: cmp.res };
    }
    if (flags.out) {
      const ports = new Map(graph.pins.filter((p) => p.isPort).map((p) => [p.name, p.portDirection === 'output' ? 'O' as const : p.portDirection === 'inout' ? 'B' as const : 'I' as const]));
      writeFileAtomic(flags.out, writeSpef(nets, { design: def.design || graph.netlist.name, ports }));
      console.log(`wrote ${flags.out}`);
    }
    if (flags.json) writeJsonAtomic(flags.json, out);
  },
});
