import { UserError } from '../../../util/index.ts';
import type { TimingGraph } from '../graph/index.ts';
import { globRegExp, matchesFilter, type FilterAttribute, type ObjectQuery, type Sdc } from '../sdc/index.ts';

/** Design objects a query names: pins (ports are pins), instances, nets or clocks, by graph index. */
export interface Resolved {
  readonly kind: 'pin' | 'cell' | 'net' | 'clock';
  readonly items: number[];
}

const instancePinsCache = new WeakMap<TimingGraph, number[][]>();
/** The pins of every instance. */
function instancePins(graph: TimingGraph): number[][] {
  let pins = instancePinsCache.get(graph);
  if (!pins) {
    pins = graph.instances.map(() => []);
    graph.pins.forEach((p, i) => {
      if (p.inst >= 0) pins![p.inst]!.push(i);
    });
    instancePinsCache.set(graph, pins);
  }
  return pins;
}

function matcher(q: ObjectQuery): (name: string) => boolean {
  const res = q.patterns.map((p) => (q.regexp ? new RegExp(`^(?:${p})$`, q.nocase ? 'i' : '') : globRegExp(p, q.nocase)));
  return (name) => res.some((re) => re.test(name));
}

/** Attribute values of one object for -filter (undefined: it has no such attribute). */
function attributes(graph: TimingGraph, sdc: Sdc, kind: Resolved['kind'], i: number, isPort: boolean, clockSources: Set<number>): (a: FilterAttribute) => string | undefined {
  return (a) => {
    if (kind === 'clock') return a === 'name' || a === 'full_name' ? sdc.clocks[i]!.name : undefined;
    if (kind === 'net') return a === 'name' || a === 'full_name' ? graph.nets[i]!.name : undefined;
    if (kind === 'cell') {
      const inst = graph.instances[i]!;
      switch (a) {
        case 'name': case 'full_name': return inst.name;
        case 'ref_name': return inst.cell.name;
        case 'is_sequential': return String(inst.cell.isSequential);
        default: return undefined;
      }
    }
    const p = graph.pins[i]!;
    switch (a) {
      case 'full_name': return p.name;
      case 'name': return isPort ? p.name : p.name.slice(p.name.lastIndexOf('/') + 1);
      case 'direction': return p.portDirection ?? p.libPin?.direction;
      case 'is_port': return String(p.isPort);
      case 'is_clock': return String(isPort ? clockSources.has(i) : p.libPin?.isClock === true);
      default: return undefined;
    }
  };
}

/** Resolves a query to design objects: names by glob (or -regexp), then -filter, with -of_objects following connections. */
export function resolveObjects(graph: TimingGraph, q: ObjectQuery, sdc: Sdc): Resolved {
  if (q.kind === 'any') {
    // An unadorned name list (e.g. -from {in1 r1/CK r2}): each name is the ports, pins and cells'
    // pins it matches; names of clocks are left to resolveClocks.
    const pins = new Set<number>();
    for (const pattern of q.patterns) {
      const one = { ...q, patterns: [pattern], quiet: true };
      if (resolveClocks(one, sdc).length > 0) continue;
      const found = (['port', 'pin', 'cell'] as const).flatMap((kind) => resolvePins(graph, { ...one, kind }, sdc));
      if (found.length === 0 && !q.quiet) missing(one, sdc, 'object');
      for (const p of found) pins.add(p);
    }
    return { kind: 'pin', items: [...pins] };
  }
  const kind: Resolved['kind'] = q.kind === 'port' ? 'pin' : q.kind;
  const wantPort = q.kind === 'port';
  const clockSources = new Set<number>();
  if (q.noClocks || q.filter) for (const k of sdc.clocks) for (const s of k.sources) for (const p of resolveObjects(graph, { ...s, quiet: true }, sdc).items) clockSources.add(p);
  let items = q.of ? connected(graph, resolveObjects(graph, q.of, sdc), kind, wantPort) : candidates(graph, sdc, kind, wantPort, q);
  if (!q.of) {
    const matches = matcher(q);
    items = items.filter((i) => matches(nameOf(graph, sdc, kind, i)));
  }
  if (q.direction) items = items.filter((i) => graph.pins[i]!.portDirection === q.direction || graph.pins[i]!.portDirection === 'inout');
  if (q.noClocks) items = items.filter((i) => !clockSources.has(i));
  if (q.registers) items = items.filter((i) => graph.instances[i]!.cell.isSequential);
  if (q.filter) items = items.filter((i) => matchesFilter(q.filter!, attributes(graph, sdc, kind, i, wantPort, clockSources), (p) => globRegExp(p)));
  if (items.length === 0 && !q.quiet && !q.direction && !q.registers && !q.filter && kind !== 'clock') return missing(q, sdc, q.kind);
  return { kind, items };
}

function missing(q: ObjectQuery, sdc: Sdc, what: string): never {
  throw new UserError(`SDC: no ${what} matches ${JSON.stringify(q.patterns.join(' '))}`, q.line ? { file: sdc.file, line: q.line, col: 1 } : sdc.file, 'check the name against the netlist, or add -quiet');
}

function nameOf(graph: TimingGraph, sdc: Sdc, kind: Resolved['kind'], i: number): string {
  switch (kind) {
    case 'pin': return graph.pins[i]!.name;
    case 'cell': return graph.instances[i]!.name;
    case 'net': return graph.nets[i]!.name;
    case 'clock': return sdc.clocks[i]!.name;
  }
}

/** Ports by name (get_ports looks them up without indexing every cell pin). */
const portIndexes = new WeakMap<TimingGraph, Map<string, number>>();
function portIndex(graph: TimingGraph): Map<string, number> {
  let index = portIndexes.get(graph);
  if (!index) {
    index = new Map();
    for (let i = 0; i < graph.pins.length; i++) if (graph.pins[i]!.isPort) index.set(graph.pins[i]!.name, i);
    portIndexes.set(graph, index);
  }
  return index;
}

/** Every object of a kind, narrowed by an exact name when the query has one plain name. */
function candidates(graph: TimingGraph, sdc: Sdc, kind: Resolved['kind'], wantPort: boolean, q: ObjectQuery): number[] {
  if (kind === 'pin' && !q.regexp && !q.nocase && q.patterns.every((p) => !/[*?]/.test(p))) {
    const index = wantPort ? portIndex(graph) : graph.pinIndex;
    return q.patterns.map((p) => index.get(p.replace(/\\/g, ''))).filter((i): i is number => i !== undefined && graph.pins[i]!.isPort === wantPort);
  }
  const n = kind === 'pin' ? graph.pins.length : kind === 'cell' ? graph.instances.length : kind === 'net' ? graph.nets.length : sdc.clocks.length;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (kind !== 'pin' || graph.pins[i]!.isPort === wantPort) out.push(i);
  return out;
}

/** Objects of `kind` connected to `from`: pins of cells or nets, cells of pins or nets, nets of pins or cells, ports of nets. */
function connected(graph: TimingGraph, from: Resolved, kind: Resolved['kind'], wantPort: boolean): number[] {
  const pinsOfFrom = (): number[] => {
    switch (from.kind) {
      case 'pin': return from.items;
      case 'cell': return from.items.flatMap((c) => instancePins(graph)[c]!);
      case 'net': return from.items.flatMap((n) => [...graph.nets[n]!.drivers, ...graph.nets[n]!.loads]);
      case 'clock': return [];
    }
  };
  const out = new Set<number>();
  if (kind === 'pin') {
    for (const p of pinsOfFrom()) if (graph.pins[p]!.isPort === wantPort) out.add(p);
  } else if (kind === 'cell') {
    for (const p of pinsOfFrom()) if (graph.pins[p]!.inst >= 0) out.add(graph.pins[p]!.inst);
  } else if (kind === 'net') {
    for (const p of from.kind === 'net' ? [] : pinsOfFrom()) if (graph.pins[p]!.net >= 0) out.add(graph.pins[p]!.net);
  }
  return [...out].sort((a, b) => a - b);
}

/** Resolves an SDC object query to graph pins (ports are pins; cells give all their pins, nets the pins on them). */
export function resolvePins(graph: TimingGraph, q: ObjectQuery, sdc: Sdc): number[] {
  const r = resolveObjects(graph, q, sdc);
  switch (r.kind) {
    case 'pin': return r.items;
    case 'cell': return r.items.flatMap((c) => instancePins(graph)[c]!);
    case 'net': return r.items.flatMap((n) => [...graph.nets[n]!.drivers, ...graph.nets[n]!.loads]);
    case 'clock': return [];
  }
}

/** Resolves a query naming clocks to clock indices (an unadorned name list may name clocks too). */
export function resolveClocks(q: ObjectQuery, sdc: Sdc): number[] {
  if (q.kind !== 'clock' && q.kind !== 'any') return [];
  const matches = matcher(q);
  const out: number[] = [];
  sdc.clocks.forEach((c, i) => {
    if (matches(c.name)) out.push(i);
  });
  return out;
}
