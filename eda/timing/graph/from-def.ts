import type { Def } from '../def/index.ts';
import type { TimingNetlist } from './netlist.ts';

/**
 * The connectivity of a DEF as a timing netlist: components become instances, DEF pins ports,
 * NETS the pin-to-net map. For routed DEFs with no matching Verilog (nangate45 gcd_rcx).
 */
export function netlistFromDef(def: Def): TimingNetlist {
  const pinsOf = new Map(def.components.map((c) => [c.name, new Map<string, string>()]));
  for (const net of def.nets) {
    for (const c of net.conns) pinsOf.get(c.inst)?.set(c.pin, net.name);
  }
  const ports = def.pins.map((p) => ({ name: p.name, direction: p.direction === 'OUTPUT' ? 'output' as const : p.direction === 'INOUT' ? 'inout' as const : 'input' as const }));
  // A DEF pin may sit on a net named differently from itself: alias them.
  const aliases: [string, string][] = def.pins.filter((p) => p.net !== p.name).map((p) => [p.name, p.net]);
  return {
    name: def.design, file: def.file, ports,
    instances: def.components.map((c) => ({ name: c.name, cell: c.macro, pins: pinsOf.get(c.name)!, line: c.line })),
    aliases,
  };
}
