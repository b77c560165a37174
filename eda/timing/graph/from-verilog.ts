import type { Netlist, NetlistModule, NetExpr, BitRange } from '../../verilog/index.ts';
import { parseNetlist } from '../../verilog/index.ts';
import { UserError } from '../../../util/index.ts';
import { readTextFile } from '../../../util/index.ts';
import type { TimingInstance, TimingNetlist, TimingPort } from './netlist.ts';

/** Verilog escaped identifiers (`\a[0] `) name the same object without the backslash. */
function plainName(name: string): string {
  return name.startsWith('\\') ? name.slice(1).trimEnd() : name;
}

function rangeBits(r: BitRange | undefined): number[] | undefined {
  if (!r) return undefined;
  const out: number[] = [];
  const step = r.msb >= r.lsb ? -1 : 1;
  for (let i = r.msb; ; i += step) {
    out.push(i);
    if (i === r.lsb) break;
  }
  return out;
}

class Flattener {
  readonly ranges = new Map<string, BitRange | undefined>();

  constructor(readonly mod: NetlistModule) {
    for (const p of mod.ports) this.ranges.set(plainName(p.name), p.range);
    for (const w of mod.wires) if (!this.ranges.has(plainName(w.name)) || w.range) this.ranges.set(plainName(w.name), w.range);
  }

  fail(message: string, line: number): UserError {
    return new UserError(`netlist: ${message}`, { file: this.mod.file, line, col: 1 });
  }

  /** The bit nets of an expression, MSB first. */
  bits(e: NetExpr, line: number): string[] {
    switch (e.kind) {
      case 'ref': {
        const name = plainName(e.name);
        const idx = rangeBits(this.ranges.get(name));
        return idx ? idx.map((i) => `${name}[${i}]`) : [name];
      }
      case 'bit': return [`${plainName(e.name)}[${e.index}]`];
      case 'slice': return rangeBits({ msb: e.msb, lsb: e.lsb })!.map((i) => `${plainName(e.name)}[${i}]`);
      case 'const': return [...e.bits].map((b) => `1'b${b === '1' ? '1' : '0'}`);
      case 'concat': return e.parts.flatMap((p) => this.bits(p, line));
      case 'repeat': {
        const one = e.parts.flatMap((p) => this.bits(p, line));
        return Array.from({ length: e.count }, () => one).flat();
      }
      default: throw this.fail(`a ${e.kind} expression cannot be timed in a structural netlist`, line);
    }
  }
}

/** Converts a parsed structural Verilog module into the flat bit-level timing netlist. */
export function netlistFromVerilog(netlist: Netlist, top?: string): TimingNetlist {
  const errors = netlist.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const d = errors[0]!;
    throw new UserError(`Verilog: ${d.message}`, { file: d.file, line: d.line, col: d.col });
  }
  const names = new Set(netlist.modules.map((m) => m.name));
  const mod = top === undefined
    ? netlist.modules.find((m) => !netlist.modules.some((o) => o.cells.some((c) => c.type === m.name))) ?? netlist.modules[0]
    : netlist.modules.find((m) => m.name === top);
  if (!mod) throw new UserError(`netlist: module ${top ?? '(top)'} not found`, '--top', `modules: ${[...names].join(', ') || 'none'}`);
  const f = new Flattener(mod);
  const ports: TimingPort[] = mod.ports.flatMap((p) =>
    f.bits({ kind: 'ref', name: p.name }, p.line).map((name) => ({ name, direction: p.direction })),
  );
  const instances: TimingInstance[] = mod.cells.map((c) => {
    if (names.has(c.type)) throw f.fail(`hierarchical instance ${c.name} of ${c.type}: flatten the netlist first`, c.line);
    const pins = new Map<string, string>();
    for (const conn of c.connections) {
      if (conn.pin === undefined) throw f.fail(`instance ${c.name} connects pins by position; use .PIN(net)`, c.line);
      if (conn.expr === undefined) continue;
      const bits = f.bits(conn.expr, c.line);
      if (bits.length === 1) pins.set(conn.pin, bits[0]!);
      else bits.forEach((b, i) => pins.set(`${conn.pin}[${bits.length - 1 - i}]`, b));
    }
    return { name: plainName(c.name), cell: c.type, pins, line: c.line };
  });
  const aliases: [string, string][] = [];
  for (const a of mod.assigns) {
    const l = f.bits(a.lhs, a.line);
    const r = f.bits(a.rhs, a.line);
    if (l.length !== r.length) throw f.fail(`assign widths differ (${l.length} vs ${r.length})`, a.line);
    l.forEach((b, i) => aliases.push([b, r[i]!]));
  }
  return { name: mod.name, file: mod.file, ports, instances, aliases };
}

/** Reads a structural Verilog file (plain or .gz) into the timing netlist. */
export function readVerilogNetlist(file: string, top?: string, flag?: string): TimingNetlist {
  const netlist = parseNetlist(readTextFile(file, flag), file);
  if (netlist.modules.length === 0 && netlist.diagnostics.length === 0) throw new UserError(`${file} has no module`, flag ?? file, 'give a structural Verilog netlist');
  return netlistFromVerilog(netlist, top);
}
