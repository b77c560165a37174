import { defineCommand } from '../command.ts';
import { UserError, writeFileAtomic, writeJsonAtomic } from '../../util/index.ts';
import { buildTimingGraph, readDef, readLef, readLiberty, readVerilogNetlist } from '../../eda/timing/index.ts';
import { placeDesign, placementFromDef, totalHpwl, writeDef } from '../../eda/place/index.ts';

const list = (v: string | undefined) => (v === undefined ? [] : v.split(',').map((s) => s.trim()).filter(Boolean));

export default defineCommand({
  path: ['place'],
  summary: 'place a mapped netlist: analytic global placement, legalization to LEF site rows, detailed placement; DEF out',
  details: `Global placement is quadratic (bound-to-bound net model, conjugate gradients) with SimPL-style
spreading of overfilled regions to a target density; Abacus legalization puts every cell on a row and site;
detailed placement moves cells into free space or swaps equal-width cells towards their optimal region and
reorders neighbours. Without --floorplan a square core is made for --utilization, ports go to the die edge.
example: tessera place --netlist aes.v --lib nangate45_typ.lib.gz --lef Nangate45.lef --utilization 0.5 --out aes.def`,
  flags: [
    { name: 'netlist', kind: 'string', required: true, valueName: 'V', help: 'structural Verilog netlist mapped to the library (.v or .v.gz)' },
    { name: 'top', kind: 'string', valueName: 'MODULE', help: 'top module (default: the module no other instantiates)' },
    { name: 'lib', kind: 'string', required: true, valueName: 'LIB[,LIB]', help: 'Liberty libraries of the cells, comma separated' },
    { name: 'lef', kind: 'string', required: true, valueName: 'LEF[,LEF]', help: 'technology LEF first, then the cell LEF, comma separated' },
    { name: 'floorplan', kind: 'string', valueName: 'DEF', help: 'take die, rows, port positions and fixed cells (taps) from this DEF' },
    { name: 'utilization', kind: 'number', default: 0.6, valueName: 'U', help: 'cell area over core area of the floorplan made without --floorplan' },
    { name: 'aspect', kind: 'number', default: 1, valueName: 'H/W', help: 'core height over width without --floorplan' },
    { name: 'density', kind: 'number', default: 0.7, valueName: 'D', help: 'target density of global placement (raised to the utilization when that is higher)' },
    { name: 'no-detailed', kind: 'boolean', help: 'stop after legalization' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'N', help: 'seed of the initial jitter' },
    { name: 'out', kind: 'string', required: true, valueName: 'FILE.def', help: 'the placed DEF' },
    { name: 'compare', kind: 'string', valueName: 'DEF', help: "another tool's placement of the same netlist: its HPWL by the same measure, and the ratio" },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write HPWL per stage, run times and the legality check as JSON' },
  ],
  async run(flags) {
    const libs = list(flags.lib).map((f) => readLiberty(f, '--lib'));
    const lef = readLef(list(flags.lef), '--lef');
    const graph = buildTimingGraph(readVerilogNetlist(flags.netlist, flags.top, '--netlist'), libs);
    if (graph.blackBoxes.length > 0) throw new UserError(`cells without Liberty: ${graph.blackBoxes.join(', ')}`, '--lib', 'give the libraries the netlist is mapped to');
    if (!(flags.density > 0 && flags.density <= 1)) throw new UserError(`density ${flags.density} is not in (0, 1]`, '--density');
    const r = placeDesign(graph, lef, {
      floorplanDef: flags.floorplan ? readDef(flags.floorplan, '--floorplan') : undefined,
      utilization: flags.utilization, aspectRatio: flags.aspect, targetDensity: flags.density, seed: flags.seed, detailed: !flags['no-detailed'],
    });
    const bad = r.legality.offRow.length + r.legality.outsideDie.length + r.legality.overlaps.length;
    if (bad > 0) throw new Error(`placement is not legal: ${r.legality.offRow.length} off-row, ${r.legality.outsideDie.length} outside the die, ${r.legality.overlaps.length} overlaps`);
    writeFileAtomic(flags.out, writeDef(r.problem, r.placement));
    const fmt = (v: number) => v.toFixed(1);
    console.log(`${graph.instances.length} cells, ${r.problem.nets.length} nets, ${r.problem.floorplan.rows.length} rows`);
    console.log(`HPWL: global ${fmt(r.hpwl.global)} um, legalized ${fmt(r.hpwl.legal)} um, detailed ${fmt(r.hpwl.final)} um`);
    console.log(`time: global ${r.seconds.global.toFixed(2)} s (${r.globalIterations} iterations), legalization ${r.seconds.legalize.toFixed(2)} s, detailed ${r.seconds.detailed.toFixed(2)} s`);
    console.log(`legal: every cell on a row and site, inside the die, no overlaps; wrote ${flags.out}`);
    let compare: { file: string; hpwl: number; ratio: number } | undefined;
    if (flags.compare) {
      const other = totalHpwl(r.problem, placementFromDef(r.problem, readDef(flags.compare, '--compare'), r.placement.x, r.placement.y));
      compare = { file: flags.compare, hpwl: other, ratio: r.hpwl.final / other };
      console.log(`HPWL of ${flags.compare}: ${fmt(other)} um; ours / theirs = ${compare.ratio.toFixed(3)}`);
    }
    if (flags.json) writeJsonAtomic(flags.json, { cells: graph.instances.length, nets: r.problem.nets.length, hpwl: r.hpwl, seconds: r.seconds, globalIterations: r.globalIterations, legality: r.legality, compare });
  },
});
