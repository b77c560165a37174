import { UserError } from '../../../util/index.ts';
import type { TimingGraph } from '../graph/index.ts';
import type { TimingArc } from '../liberty/index.ts';
import type { Sdf, SdfTriple } from '../sdf/index.ts';

/**
 * Delays read from SDF, keyed by graph pins, applied as OpenSTA's read_sdf applies them: early
 * (min) analysis takes the triple's min value, late (max) its max value, typ when the other is
 * absent. Statements apply in file order and a later one overwrites what an earlier one set on
 * the same arcs (a COND names an arc by its Liberty sdf_cond, else its `when`; INCREMENT adds to what earlier statements set, from 0 on an arc none set: OpenSTA
 * reads SDF before it calculates delays, so an increment never adds to a calculated one); an IOPATH applies to every Liberty arc between its pins (COND: only to arcs whose
 * `when` is that condition; an edge on the input: only to that input transition), DEVICE to every
 * arc into its output (or into every output). A timing check
 * applies to the check arcs of its clock edge (SETUP and RECOVERY to setup and recovery arcs,
 * HOLD and REMOVAL to hold and removal arcs); (posedge D) only to rising data, (negedge D) to falling;
 * a port's COND only to arcs whose Liberty sdf_cond_start (data) or sdf_cond_end (clock) is that condition.
 */
export interface DelayAnnotation {
  cell(from: number, to: number, outRf: number, mm: number, arc: TimingArc, inRf: number): number | undefined;
  wire(driver: number, load: number, rf: number, mm: number): number | undefined;
  check(data: number, clock: number, arc: TimingArc, dataRf: number, mm: number): number | undefined;
  /** How many SDF entries found their pins. */
  readonly matched: number;
  readonly unmatched: number;
}

interface Entry {
  readonly rf: [SdfTriple | undefined, SdfTriple | undefined];
  readonly increment: boolean;
  /** IOPATH COND text ('else' for CONDELSE), without blanks. */
  readonly cond?: string;
  /** IOPATH input edge (0 rise, 1 fall), or the check's clock edge. */
  readonly edge?: number;
  /** A check's data and clock port COND, without blanks. */
  readonly dataCond?: string;
  readonly clockCond?: string;
}

const blankless = (s: string | undefined) => s?.replace(/\s+/g, '');
/** A conditioned check port matches a Liberty check arc's sdf_cond_start/sdf_cond_end of the same text (blanks ignored); an unconditioned one matches any, as OpenSTA's read_sdf. */
const condMatch = (sdf: string | undefined, lib: string | undefined) => sdf === undefined || sdf === blankless(lib);

function pick(t: SdfTriple | undefined, mm: number): number | undefined {
  if (!t) return undefined;
  return mm === 0 ? t[2] ?? t[1] ?? t[0] : t[0] ?? t[1] ?? t[2];
}

/** The value the statements in order leave on one arc: the last absolute one plus later increments. */
function apply(entries: readonly Entry[] | undefined, rf: number, mm: number, applies: (e: Entry) => boolean): number | undefined {
  let out: number | undefined;
  for (const e of entries ?? []) {
    if (!applies(e)) continue;
    const v = pick(e.rf[rf], mm);
    if (v !== undefined) out = e.increment ? (out ?? 0) + v : v;
  }
  return out;
}

const edgeOf = (e: 'posedge' | 'negedge' | undefined) => (e === undefined ? undefined : e === 'posedge' ? 0 : 1);
// OpenSTA applies RECOVERY like SETUP and REMOVAL like HOLD, to the same arcs (the later statement wins).
const checkRole = { SETUP: 'setup', HOLD: 'hold', RECOVERY: 'setup', REMOVAL: 'hold' } as const;
/** A Liberty check arc's role (setup/recovery: setup; hold/removal: hold) and clock edge (0 rise, 1 fall), from its timing_type. */
function arcRole(arc: TimingArc): { role: string; edge: number } {
  const [role, edge] = arc.type.split('_');
  return { role: role === 'setup' || role === 'recovery' ? 'setup' : 'hold', edge: edge === 'falling' ? 1 : 0 };
}

export function sdfAnnotation(graph: TimingGraph, sdf: Sdf): DelayAnnotation {
  const cells = new Map<string, Entry[]>();
  const wires = new Map<string, Entry[]>();
  const checks = new Map<string, Entry[]>();
  let matched = 0;
  let unmatched = 0;
  const pin = (inst: string, name: string) => graph.pinIndex.get(inst ? `${inst}/${name}` : name);
  const add = (map: Map<string, Entry[]>, key: string, e: Entry) => {
    const list = map.get(key) ?? [];
    list.push(e);
    map.set(key, list);
  };
  // Cell arcs by instance name, for DEVICE statements.
  let arcsOf: Map<string, { from: number; to: number }[]> | undefined;
  const instanceArcs = (inst: string) => {
    if (!arcsOf) {
      arcsOf = new Map();
      for (const e of graph.cellEdges) {
        const name = graph.instances[graph.pins[e.to]!.inst]?.name;
        if (name !== undefined) arcsOf.set(name, [...(arcsOf.get(name) ?? []), { from: e.from, to: e.to }]);
      }
    }
    return arcsOf.get(inst) ?? [];
  };
  for (const c of sdf.cells) {
    const inst = c.instance === '*' ? '' : c.instance;
    for (const d of c.ioPaths) {
      const entry: Entry = { rf: [d.rise, d.fall], increment: d.increment, ...(d.cond !== undefined ? { cond: d.cond.replace(/\s+/g, '') } : {}), ...(d.fromEdge ? { edge: edgeOf(d.fromEdge) } : {}) };
      if (d.from === '*') {
        const to = d.to === '*' ? undefined : pin(inst, d.to);
        const arcs = instanceArcs(inst).filter((a) => d.to === '*' || a.to === to);
        if (arcs.length === 0) { unmatched++; continue; }
        matched++;
        for (const a of new Set(arcs.map((x) => `${x.from}:${x.to}`))) add(cells, a, entry);
        continue;
      }
      const a = pin(inst, d.from);
      const b = pin(inst, d.to);
      if (a === undefined || b === undefined) { unmatched++; continue; }
      matched++;
      add(cells, `${a}:${b}`, entry);
    }
    for (const w of c.interconnects) {
      const a = pin(inst, w.from);
      const b = pin(inst, w.to);
      if (a === undefined || b === undefined) { unmatched++; continue; }
      matched++;
      add(wires, `${a}:${b}`, { rf: [w.rise, w.fall], increment: w.increment });
    }
    for (const k of c.checks) {
      const role = checkRole[k.kind as keyof typeof checkRole];
      if (k.clock === undefined || role === undefined) continue;
      const d = pin(inst, k.data);
      const ck = pin(inst, k.clock);
      if (d === undefined || ck === undefined) { unmatched++; continue; }
      matched++;
      // (posedge D) applies to rising data only, (negedge D) to falling, a bare D to both.
      add(checks, `${d}:${ck}:${role}`, {
        rf: [k.dataEdge === 'negedge' ? undefined : k.value, k.dataEdge === 'posedge' ? undefined : k.value], increment: false, ...(k.clockEdge ? { edge: edgeOf(k.clockEdge) } : {}),
        ...(k.dataCond !== undefined ? { dataCond: blankless(k.dataCond) } : {}), ...(k.clockCond !== undefined ? { clockCond: blankless(k.clockCond) } : {}),
      });
    }
  }
  if (matched === 0 && unmatched > 0) throw new UserError(`SDF: none of the ${unmatched} entries of ${sdf.file} names a pin of the netlist`, sdf.file, 'give the SDF written for this netlist');
  return {
    matched, unmatched,
    cell: (from, to, rf, mm, arc, inRf) => {
      const when = (arc.sdfCond ?? arc.when)?.replace(/\s+/g, '');
      return apply(cells.get(`${from}:${to}`), rf, mm, (e) => (e.cond === undefined || e.cond === when || (e.cond === 'else' && when === undefined)) && (e.edge === undefined || e.edge === inRf));
    },
    wire: (d, l, rf, mm) => apply(wires.get(`${d}:${l}`), rf, mm, () => true),
    check: (d, ck, arc, rf, mm) => {
      const { role, edge } = arcRole(arc);
      return apply(checks.get(`${d}:${ck}:${role}`), rf, mm, (e) => (e.edge === undefined || e.edge === edge) && condMatch(e.dataCond, arc.sdfCondStart) && condMatch(e.clockCond, arc.sdfCondEnd));
    },
  };
}
