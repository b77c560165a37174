import { UserError } from '../../../util/index.ts';
import type { LibertyCell, LibertyLibrary, LibertyPin, TimingArc } from '../liberty/index.ts';
import { constantNets, type TimingNetlist } from './netlist.ts';

export interface GraphPin {
  /** `inst/pin` for cell pins, the port name for ports. */
  readonly name: string;
  /** Instance index, or -1 for a top-level port. */
  readonly inst: number;
  readonly libPin?: LibertyPin;
  /** Drives its net: a cell output or a top-level input port. */
  readonly isDriver: boolean;
  readonly isPort: boolean;
  readonly portDirection?: 'input' | 'output' | 'inout';
  net: number;
  /** Tied to a constant (1'b0 / 1'b1) instead of a net. */
  readonly tie?: 0 | 1;
}

export interface GraphNet {
  readonly name: string;
  readonly drivers: number[];
  readonly loads: number[];
}

export type ArcRole = 'combinational' | 'launch';

/** A cell timing arc between two pins of one instance. */
export interface CellEdge {
  readonly from: number;
  readonly to: number;
  readonly arc: TimingArc;
  readonly role: ArcRole;
  /** For launch arcs: the clock edge that triggers it. */
  readonly clockEdge: 'rise' | 'fall';
}

/** A timing check (setup/recovery = max, hold/removal = min) at a data pin against a clock pin. */
export interface CheckEdge {
  readonly data: number;
  readonly clock: number;
  readonly arc: TimingArc;
  readonly kind: 'setup' | 'hold';
  readonly clockEdge: 'rise' | 'fall';
}

export interface GraphInstance {
  readonly name: string;
  readonly cell: LibertyCell;
}

export interface TimingGraph {
  readonly netlist: TimingNetlist;
  readonly pins: GraphPin[];
  readonly pinIndex: Map<string, number>;
  readonly nets: GraphNet[];
  readonly netIndex: Map<string, number>;
  readonly instances: GraphInstance[];
  readonly cellEdges: CellEdge[];
  /** Cell edges into each pin (indices into cellEdges). */
  readonly edgesInto: number[][];
  readonly checks: CheckEdge[];
  /** Pins in an order where every net and combinational arc goes forward (loops broken). */
  readonly order: number[];
  /** Cells not found in any library: instantiated as black boxes. */
  readonly blackBoxes: string[];
}

const launchTypes: Record<string, 'rise' | 'fall'> = { rising_edge: 'rise', falling_edge: 'fall' };
const checkTypes: Record<string, ['setup' | 'hold', 'rise' | 'fall']> = {
  setup_rising: ['setup', 'rise'], setup_falling: ['setup', 'fall'],
  hold_rising: ['hold', 'rise'], hold_falling: ['hold', 'fall'],
  recovery_rising: ['setup', 'rise'], recovery_falling: ['setup', 'fall'],
  removal_rising: ['hold', 'rise'], removal_falling: ['hold', 'fall'],
};
const combinationalTypes = new Set(['combinational', 'combinational_rise', 'combinational_fall', 'three_state_enable', 'three_state_disable']);

/** Finds a cell in the first library that has it. */
export function findCell(libs: LibertyLibrary[], name: string): LibertyCell | undefined {
  for (const l of libs) {
    const c = l.cells.get(name);
    if (c) return c;
  }
  return undefined;
}

class UnionFind {
  readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    for (let p = this.parent.get(root); p !== undefined; p = this.parent.get(root)) root = p;
    for (let y = x; y !== root; ) {
      const next = this.parent.get(y)!;
      this.parent.set(y, root);
      y = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/** A cell's timing arcs between its pin slots (the order of its pins), classified once per cell. */
interface ArcPlan {
  readonly slots: Map<string, number>;
  readonly arcs: { to: number; from: number; arc: TimingArc; role: ArcRole | 'check'; check: 'setup' | 'hold'; clockEdge: 'rise' | 'fall' }[];
}
const arcPlans = new WeakMap<LibertyCell, ArcPlan>();

/** The arcs an instance of `cell` contributes, in the order the graph lists them (pins, then their arcs). */
function arcPlan(cell: LibertyCell): ArcPlan {
  let plan = arcPlans.get(cell);
  if (plan) return plan;
  const slots = new Map<string, number>();
  for (const name of cell.pins.keys()) slots.set(name, slots.size);
  const arcs: ArcPlan['arcs'] = [];
  for (const lp of cell.pins.values()) {
    const to = slots.get(lp.name);
    if (to === undefined) continue;
    for (const arc of lp.timing) {
      const from = slots.get(arc.relatedPin);
      if (from === undefined) continue;
      const launch = launchTypes[arc.type];
      const check = checkTypes[arc.type];
      if (combinationalTypes.has(arc.type)) arcs.push({ to, from, arc, role: 'combinational', check: 'setup', clockEdge: 'rise' });
      else if (launch) arcs.push({ to, from, arc, role: 'launch', check: 'setup', clockEdge: launch });
      else if (check) arcs.push({ to, from, arc, role: 'check', check: check[0], clockEdge: check[1] });
    }
  }
  plan = { slots, arcs };
  arcPlans.set(cell, plan);
  return plan;
}

/** Builds pins, nets, cell arcs and checks from a flat netlist and its Liberty libraries. */
export function buildTimingGraph(netlist: TimingNetlist, libs: LibertyLibrary[]): TimingGraph {
  const pins: GraphPin[] = [];
  const nets: GraphNet[] = [];
  const netIndex = new Map<string, number>();
  const uf = new UnionFind();
  for (const [a, b] of netlist.aliases) uf.union(a, b);
  // A port keeps its own name as the net name when it is aliased.
  const portNames = new Set(netlist.ports.map((p) => p.name));
  const netOf = (name: string): number => {
    const root = uf.find(name);
    if (constantNets.has(root) || constantNets.has(name)) return -1;
    let i = netIndex.get(root);
    if (i === undefined) {
      i = nets.length;
      nets.push({ name: portNames.has(name) ? name : root, drivers: [], loads: [] });
      netIndex.set(root, i);
    }
    if (name !== root) netIndex.set(name, i);
    return i;
  };
  const constantOf = (name: string): 0 | 1 | undefined => {
    const root = uf.find(name);
    const c = constantNets.has(root) ? root : constantNets.has(name) ? name : undefined;
    return c === undefined ? undefined : c.endsWith('1') ? 1 : 0;
  };
  const addPin = (p: GraphPin): number => {
    const i = pins.length;
    pins.push(p);
    if (p.net >= 0) (p.isDriver ? nets[p.net]!.drivers : nets[p.net]!.loads).push(i);
    return i;
  };
  for (const port of netlist.ports) {
    const net = netOf(port.name);
    addPin({ name: port.name, inst: -1, isDriver: port.direction !== 'output', isPort: true, portDirection: port.direction, net });
  }
  const instances: GraphInstance[] = [];
  const cellEdges: CellEdge[] = [];
  const checks: CheckEdge[] = [];
  const blackBoxes = new Set<string>();
  // The graph pin of each cell pin slot of the current instance (-1: unconnected), reset after each.
  let local = new Int32Array(16).fill(-1);
  for (const inst of netlist.instances) {
    const cell = findCell(libs, inst.cell);
    if (!cell) {
      blackBoxes.add(inst.cell);
      continue;
    }
    const instIdx = instances.length;
    instances.push({ name: inst.name, cell });
    const plan = arcPlan(cell);
    if (local.length < plan.slots.size) local = new Int32Array(plan.slots.size).fill(-1);
    for (const [pinName, netName] of inst.pins) {
      const lp = cell.pins.get(pinName);
      if (!lp && cell.pgPins.has(pinName)) continue;
      if (!lp) {
        throw new UserError(`netlist: cell ${cell.name} has no pin ${pinName} (instance ${inst.name})`, { file: netlist.file, line: inst.line ?? 1, col: 1 }, `pins: ${[...cell.pins.keys()].join(', ')}`);
      }
      const isDriver = lp.direction === 'output' || lp.direction === 'inout' && lp.timing.length > 0;
      const net = netOf(netName);
      const tie = net < 0 ? constantOf(netName) : undefined;
      const name = `${inst.name}/${pinName}`;
      const pin: GraphPin = tie === undefined
        ? { name, inst: instIdx, libPin: lp, isDriver, isPort: false, net }
        : { name, inst: instIdx, libPin: lp, isDriver, isPort: false, net, tie };
      local[plan.slots.get(pinName)!] = addPin(pin);
    }
    for (const a of plan.arcs) {
      const to = local[a.to]!;
      const from = local[a.from]!;
      if (to < 0 || from < 0) continue;
      if (a.role === 'check') checks.push({ data: to, clock: from, arc: a.arc, kind: a.check, clockEdge: a.clockEdge });
      else cellEdges.push({ from, to, arc: a.arc, role: a.role, clockEdge: a.clockEdge });
    }
    local.fill(-1, 0, plan.slots.size);
  }
  const edgesInto: number[][] = pins.map(() => []);
  cellEdges.forEach((e, i) => edgesInto[e.to]!.push(i));
  const order = topologicalOrder(pins, nets, cellEdges);
  // The name index is built on first use: a run whose SDC names only ports never needs it.
  let pinIndex: Map<string, number> | undefined;
  return {
    netlist, pins, nets, netIndex, instances, cellEdges, edgesInto, checks, order, blackBoxes: [...blackBoxes].sort(),
    get pinIndex() {
      return (pinIndex ??= new Map(pins.map((p, i) => [p.name, i])));
    },
  };
}

/** Reverse DFS post-order over net and combinational arcs; an arc closing a loop is ignored. */
function topologicalOrder(pins: GraphPin[], nets: GraphNet[], edges: CellEdge[]): number[] {
  // Successors in compressed rows: each pin's combinational arcs (in edge order), then its net's loads.
  const n = pins.length;
  const start = new Int32Array(n + 1);
  for (const e of edges) if (e.role === 'combinational') start[e.from + 1]!++;
  for (let i = 0; i < n; i++) {
    const p = pins[i]!;
    if (p.isDriver && p.net >= 0) start[i + 1]! += nets[p.net]!.loads.length;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const succ = new Int32Array(start[n]!);
  const fill = start.slice(0, n);
  for (const e of edges) if (e.role === 'combinational') succ[fill[e.from]!++] = e.to;
  for (let i = 0; i < n; i++) {
    const p = pins[i]!;
    if (p.isDriver && p.net >= 0) for (const l of nets[p.net]!.loads) succ[fill[i]!++] = l;
  }
  const state = new Uint8Array(n);
  const post: number[] = [];
  // The DFS stack: a pin and the position of its next successor to visit.
  const stackPin = new Int32Array(n);
  const stackNext = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (state[s]) continue;
    let depth = 0;
    stackPin[0] = s;
    stackNext[0] = start[s]!;
    state[s] = 1;
    while (depth >= 0) {
      const top = stackPin[depth]!;
      const k = stackNext[depth]!;
      if (k < start[top + 1]!) {
        stackNext[depth] = k + 1;
        const next = succ[k]!;
        if (state[next] === 0) {
          state[next] = 1;
          depth++;
          stackPin[depth] = next;
          stackNext[depth] = start[next]!;
        }
      } else {
        state[top] = 2;
        post.push(top);
        depth--;
      }
    }
  }
  return post.reverse();
}
