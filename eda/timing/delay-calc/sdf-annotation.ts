import { UserError } from '../../../util/index.ts';
import type { TimingGraph } from '../graph/index.ts';
import type { Sdf, SdfInterconnect, SdfIoPath, SdfTriple } from '../sdf/index.ts';

/** An annotated value: replaces the calculated delay, or adds to it (SDF INCREMENT). */
export interface Annotated {
  readonly value: number;
  readonly increment: boolean;
}

/**
 * Delays read from SDF, keyed by graph pins. Early (min) analysis takes the triple's min value,
 * late (max) its max value (OpenSTA's read_sdf defaults), typ when the other is absent.
 * Several COND entries for one pin pair keep the worst for each mode; a check annotated twice
 * keeps the later value.
 */
export interface DelayAnnotation {
  cell(from: number, to: number, outRf: number, mm: number): Annotated | undefined;
  wire(driver: number, load: number, rf: number, mm: number): Annotated | undefined;
  check(data: number, clock: number, kind: 'setup' | 'hold', dataRf: number, mm: number): Annotated | undefined;
  /** How many SDF entries found their pins. */
  readonly matched: number;
  readonly unmatched: number;
}

type Entry = { rf: [SdfTriple | undefined, SdfTriple | undefined]; increment: boolean }[];

function pick(t: SdfTriple | undefined, mm: number): number | undefined {
  if (!t) return undefined;
  return mm === 0 ? t[2] ?? t[1] ?? t[0] : t[0] ?? t[1] ?? t[2];
}

/** A check annotated twice (SETUP then RECOVERY on one arc) keeps the later value, as OpenSTA. */
function resolveLast(entries: Entry | undefined, rf: number, mm: number): Annotated | undefined {
  for (let i = (entries?.length ?? 0) - 1; i >= 0; i--) {
    const v = pick(entries![i]!.rf[rf], mm);
    if (v !== undefined) return { value: v, increment: entries![i]!.increment };
  }
  return undefined;
}

function resolve(entries: Entry | undefined, rf: number, mm: number): Annotated | undefined {
  if (!entries) return undefined;
  let best: Annotated | undefined;
  for (const e of entries) {
    const v = pick(e.rf[rf], mm);
    if (v === undefined) continue;
    if (!best || (mm === 0 ? v > best.value : v < best.value)) best = { value: v, increment: e.increment };
  }
  return best;
}

export function sdfAnnotation(graph: TimingGraph, sdf: Sdf): DelayAnnotation {
  const cells = new Map<string, Entry>();
  const wires = new Map<string, Entry>();
  const checks = new Map<string, Entry>();
  let matched = 0;
  let unmatched = 0;
  const pin = (inst: string, name: string) => graph.pinIndex.get(inst ? `${inst}/${name}` : name);
  const add = (map: Map<string, Entry>, key: string, rf: [SdfTriple | undefined, SdfTriple | undefined], increment: boolean) => {
    const list = map.get(key) ?? [];
    list.push({ rf, increment });
    map.set(key, list);
  };
  for (const c of sdf.cells) {
    const inst = c.instance === '*' ? '' : c.instance;
    // IOPATHs and INTERCONNECTs alike: a delay between two pins.
    const pairs: [Map<string, Entry>, SdfIoPath | SdfInterconnect][] = [...c.ioPaths.map((p) => [cells, p] as [Map<string, Entry>, SdfIoPath]), ...c.interconnects.map((w) => [wires, w] as [Map<string, Entry>, SdfInterconnect])];
    for (const [map, d] of pairs) {
      const a = pin(inst, d.from);
      const b = pin(inst, d.to);
      if (a === undefined || b === undefined) { unmatched++; continue; }
      matched++;
      add(map, `${a}:${b}`, [d.rise, d.fall], d.increment);
    }
    for (const k of c.checks) {
      if (k.clock === undefined || !['SETUP', 'HOLD', 'RECOVERY', 'REMOVAL'].includes(k.kind)) continue;
      const d = pin(inst, k.data);
      const ck = pin(inst, k.clock);
      if (d === undefined || ck === undefined) { unmatched++; continue; }
      matched++;
      const kind = k.kind === 'SETUP' || k.kind === 'RECOVERY' ? 'setup' : 'hold';
      // (posedge D) applies to rising data only, (negedge D) to falling, a bare D to both.
      add(checks, `${d}:${ck}:${kind}`, [k.dataEdge === 'negedge' ? undefined : k.value, k.dataEdge === 'posedge' ? undefined : k.value], false);
    }
  }
  if (matched === 0 && unmatched > 0) throw new UserError(`SDF: none of the ${unmatched} entries of ${sdf.file} names a pin of the netlist`, sdf.file, 'give the SDF written for this netlist');
  return {
    matched, unmatched,
    cell: (from, to, rf, mm) => resolve(cells.get(`${from}:${to}`), rf, mm),
    wire: (d, l, rf, mm) => resolve(wires.get(`${d}:${l}`), rf, mm),
    check: (d, ck, kind, rf, mm) => resolveLast(checks.get(`${d}:${ck}:${kind}`), rf, mm),
  };
}
