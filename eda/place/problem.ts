import { UserError } from '../../util/index.ts';
import type { Def, Lef, LefMacro, TimingGraph } from '../timing/index.ts';
import type { Floorplan, PlaceCell, PlaceNet, PlacePin, PlaceProblem, Placement } from './model.ts';

/** Offset of a macro pin's access point: the centre of its first shape (the macro's centre without shapes). */
function pinOffset(macro: LefMacro, pin: string): [number, number] {
  const r = macro.pins.get(pin)?.rects[0];
  return r ? [(r.x1 + r.x2) / 2, (r.y1 + r.y2) / 2] : [macro.width / 2, macro.height / 2];
}

export interface ProblemInputs {
  readonly graph: TimingGraph;
  readonly lef: Lef;
  readonly floorplan: Floorplan;
  /** Fixed port positions (microns) by port name; ports without one are placed later on the boundary. */
  readonly portPositions?: ReadonlyMap<string, [number, number]>;
  /** Fixed components of a floorplan DEF that are not in the netlist (taps, blockages), kept as obstacles. */
  readonly obstacles?: readonly { name: string; macro: string; x: number; y: number; orient: string }[];
}

/**
 * The placement problem of a timing graph: one movable cell per instance (its LEF macro's size),
 * a fixed zero-size cell per port, fixed obstacles, and the graph's nets with pin offsets from
 * the LEF. Returns the problem and initial positions (fixed cells at their place).
 */
export function placementProblem(inputs: ProblemInputs): { problem: PlaceProblem; x: Float64Array; y: Float64Array; freePorts: number[] } {
  const { graph, lef, floorplan } = inputs;
  const cells: PlaceCell[] = [];
  const x: number[] = [];
  const y: number[] = [];
  const cellOfInstance = new Int32Array(graph.instances.length);
  const macros: LefMacro[] = [];
  graph.instances.forEach((inst, i) => {
    const macro = lef.macros.get(inst.cell.name);
    if (!macro) throw new UserError(`LEF has no macro ${inst.cell.name} (instance ${inst.name})`, '--lef', 'give the cell LEF of the library the netlist is mapped to');
    cellOfInstance[i] = cells.length;
    macros.push(macro);
    cells.push({ name: inst.name, macro: macro.name, width: macro.width, height: macro.height, fixed: false });
    x.push(0);
    y.push(0);
  });
  const cellOfPort = new Map<number, number>();
  const freePorts: number[] = [];
  const d = floorplan.die;
  graph.pins.forEach((p, i) => {
    if (!p.isPort) return;
    const at = inputs.portPositions?.get(p.name) ?? [d.x1, d.y1];
    if (!inputs.portPositions?.has(p.name)) freePorts.push(cells.length);
    cellOfPort.set(i, cells.length);
    cells.push({ name: p.name, macro: '', width: 0, height: 0, fixed: true, isPort: true, direction: p.portDirection === 'output' ? 'OUTPUT' : p.portDirection === 'inout' ? 'INOUT' : 'INPUT' });
    x.push(at[0]);
    y.push(at[1]);
  });
  for (const o of inputs.obstacles ?? []) {
    const macro = lef.macros.get(o.macro);
    if (!macro) throw new UserError(`LEF has no macro ${o.macro} (fixed component ${o.name})`, '--lef', 'give the cell LEF of every component in the floorplan DEF');
    cells.push({ name: o.name, macro: o.macro, width: macro.width, height: macro.height, fixed: true, obstacle: true, orient: o.orient });
    x.push(o.x);
    y.push(o.y);
  }
  const nets: PlaceNet[] = [];
  graph.nets.forEach((n) => {
    const pins: PlacePin[] = [];
    for (const gp of [...n.drivers, ...n.loads]) {
      const p = graph.pins[gp]!;
      if (p.isPort) pins.push({ cell: cellOfPort.get(gp)!, dx: 0, dy: 0 });
      else {
        const [dx, dy] = pinOffset(macros[p.inst]!, p.libPin!.name);
        pins.push({ cell: cellOfInstance[p.inst]!, pin: p.libPin!.name, dx, dy });
      }
    }
    if (pins.length >= 2) nets.push({ name: n.name, pins });
  });
  return { problem: { design: graph.netlist.name, cells, nets, floorplan }, x: Float64Array.from(x), y: Float64Array.from(y), freePorts };
}

/** Die, rows, port positions and fixed non-netlist components of a floorplan (or placed) DEF. */
export function floorplanFromDef(def: Def, lef: Lef, netlistInstances: ReadonlySet<string>): Pick<ProblemInputs, 'floorplan' | 'portPositions' | 'obstacles'> {
  const dbu = def.dbuPerMicron || 1000;
  if (!def.dieArea) throw new UserError(`DEF ${def.file} has no DIEAREA`, '--floorplan', 'give a floorplan DEF with DIEAREA and ROWs');
  if (def.rows.length === 0) throw new UserError(`DEF ${def.file} has no ROW`, '--floorplan', 'give a floorplan DEF with placement rows');
  const rows = def.rows.map((r) => {
    const site = lef.sites.get(r.site);
    if (!site) throw new UserError(`LEF has no SITE ${r.site} (row ${r.name})`, '--lef', 'give the technology LEF with the rows\' site');
    return { name: r.name, site: r.site, x: r.x / dbu, y: r.y / dbu, sites: r.count, siteWidth: site.width, height: site.height, orient: r.orient };
  });
  const portPositions = new Map<string, [number, number]>();
  for (const p of def.pins) if (p.x !== undefined && p.y !== undefined) portPositions.set(p.name, [p.x / dbu, p.y / dbu]);
  const obstacles = def.components
    .filter((c) => !netlistInstances.has(c.name) && c.status === 'FIXED' && c.x !== undefined && c.y !== undefined)
    .map((c) => ({ name: c.name, macro: c.macro, x: c.x! / dbu, y: c.y! / dbu, orient: c.orient }));
  return {
    floorplan: { die: { x1: def.dieArea.x1 / dbu, y1: def.dieArea.y1 / dbu, x2: def.dieArea.x2 / dbu, y2: def.dieArea.y2 / dbu }, rows, dbu },
    portPositions, obstacles,
  };
}

/**
 * The placement a DEF gives the cells of a problem (components by name, ports by pin name), to
 * measure another tool's placement of the same netlist with the same HPWL. Cells the DEF does
 * not place keep the given positions.
 */
export function placementFromDef(problem: PlaceProblem, def: Def, x: Float64Array, y: Float64Array): Placement {
  const dbu = def.dbuPerMicron || 1000;
  const comps = new Map(def.components.map((c) => [c.name, c]));
  const pins = new Map(def.pins.map((p) => [p.name, p]));
  const px = Float64Array.from(x);
  const py = Float64Array.from(y);
  const orient = problem.cells.map((c) => c.orient ?? 'N');
  problem.cells.forEach((c, i) => {
    if (c.isPort) {
      const p = pins.get(c.name);
      if (p?.x !== undefined && p.y !== undefined) {
        px[i] = p.x / dbu;
        py[i] = p.y / dbu;
      }
      return;
    }
    const k = comps.get(c.name);
    if (k?.x === undefined || k.y === undefined) return;
    px[i] = k.x / dbu;
    py[i] = k.y / dbu;
    orient[i] = k.orient;
  });
  return { x: px, y: py, orient };
}
