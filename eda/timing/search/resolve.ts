import { UserError } from '../../../util/index.ts';
import type { TimingGraph } from '../graph/index.ts';
import type { ObjectQuery, Sdc } from '../sdc/index.ts';

const globCache = new Map<string, RegExp>();

/** Tcl glob (* and ?) as an anchored regexp; brackets are literal in SDC object names. */
function glob(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern.replace(/\\/g, '').replace(/[.+^${}()|[\]]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`);
    globCache.set(pattern, re);
  }
  return re;
}

function hasWildcard(p: string): boolean {
  return p.includes('*') || p.includes('?');
}

/** Resolves an SDC object query to graph pins (ports are pins; cells give all their pins). */
export function resolvePins(graph: TimingGraph, q: ObjectQuery, sdc: Sdc): number[] {
  const out: number[] = [];
  const kinds = q.kind === 'any' ? ['port', 'pin', 'cell'] : [q.kind];
  for (const pattern of q.patterns) {
    let found = 0;
    const name = pattern.replace(/\\/g, '');
    for (const kind of kinds) {
      if (kind === 'port' || kind === 'pin') {
        const wantPort = kind === 'port';
        if (!hasWildcard(pattern)) {
          const i = graph.pinIndex.get(name);
          if (i !== undefined && graph.pins[i]!.isPort === wantPort && matchesDirection(graph, i, q)) {
            out.push(i);
            found++;
          }
          continue;
        }
        const re = glob(pattern);
        graph.pins.forEach((p, i) => {
          if (p.isPort === wantPort && re.test(p.name) && matchesDirection(graph, i, q)) {
            out.push(i);
            found++;
          }
        });
      } else if (kind === 'cell') {
        const re = glob(pattern);
        graph.pins.forEach((p, i) => {
          if (p.inst < 0) return;
          const inst = graph.instances[p.inst]!;
          if (q.registers && !inst.cell.isSequential) return;
          if (re.test(inst.name)) {
            out.push(i);
            found++;
          }
        });
      }
    }
    if (found === 0 && q.kind !== 'clock' && q.direction === undefined && !q.registers) {
      throw new UserError(`SDC: no ${q.kind === 'any' ? 'object' : q.kind} matches ${JSON.stringify(pattern)}`, sdc.file, 'check the name against the netlist');
    }
  }
  return out;
}

function matchesDirection(graph: TimingGraph, pin: number, q: ObjectQuery): boolean {
  if (q.direction === undefined) return true;
  const d = graph.pins[pin]!.portDirection;
  return d === q.direction || d === 'inout';
}

/** Resolves a query naming clocks to clock indices (an 'any' query may name clocks too). */
export function resolveClocks(q: ObjectQuery, sdc: Sdc): number[] {
  if (q.kind !== 'clock' && q.kind !== 'any') return [];
  const out: number[] = [];
  for (const p of q.patterns) {
    const re = glob(p);
    sdc.clocks.forEach((c, i) => {
      if (re.test(c.name)) out.push(i);
    });
  }
  return out;
}
