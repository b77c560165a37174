// Gate-level structural Verilog to AIG, through the front-end's netlist fast path: gate primitives
// (and, nand, or, nor, xor, xnor, not, buf), continuous assigns of bitwise expressions, and
// instances of a flip-flop module (clock, data in, data out; e.g. ISCAS89's `dff`).
import { UserError } from '../../util/index.ts';
import { parseNetlist, type NetExpr, type NetlistCell, type NetlistModule } from '../verilog/index.ts';
import { Aig, FALSE, TRUE, litNot, type LatchInit, type Literal } from './aig.ts';
import { buildNamedNetlist, type GateDefinition, type NamedSignal } from './named-netlist.ts';

const PRIMITIVES = new Set(['and', 'nand', 'or', 'nor', 'xor', 'xnor', 'not', 'buf']);

/** Bit names of a port or wire: `a` for scalars, `a[3]` ... for vectors. */
function bitNames(name: string, range?: { msb: number; lsb: number }): string[] {
  if (!range) return [name];
  const out: string[] = [];
  const step = range.msb >= range.lsb ? -1 : 1;
  for (let i = range.msb; ; i += step) {
    out.push(`${name}[${i}]`);
    if (i === range.lsb) break;
  }
  return out;
}

/** The names an expression reads. */
function readsOf(e: NetExpr, out: string[], fail: (m: string) => never): string[] {
  switch (e.kind) {
    case 'ref': out.push(e.name); break;
    case 'bit': out.push(`${e.name}[${e.index}]`); break;
    case 'const': break;
    case 'unary': readsOf(e.arg, out, fail); break;
    case 'binary': readsOf(e.left, out, fail); readsOf(e.right, out, fail); break;
    case 'cond': readsOf(e.cond, out, fail); readsOf(e.then, out, fail); readsOf(e.else, out, fail); break;
    default: fail(`${e.kind} expressions are not supported by the gate-level reader (one bit per net)`);
  }
  return out;
}

function buildExpr(aig: Aig, e: NetExpr, value: (name: string) => Literal, fail: (m: string) => never): Literal {
  const sub = (x: NetExpr) => buildExpr(aig, x, value, fail);
  switch (e.kind) {
    case 'ref': return value(e.name);
    case 'bit': return value(`${e.name}[${e.index}]`);
    case 'const':
      if (e.width !== 1 || !/^[01]$/.test(e.bits)) fail(`expected a one-bit constant 0 or 1, found ${e.text}`);
      return e.bits === '1' ? TRUE : FALSE;
    case 'unary':
      if (e.op === '~' || e.op === '!') return litNot(sub(e.arg));
      return fail(`unsupported unary operator '${e.op}'`);
    case 'binary': {
      const a = sub(e.left);
      const b = sub(e.right);
      if (e.op === '&' || e.op === '&&') return aig.and(a, b);
      if (e.op === '|' || e.op === '||') return aig.or(a, b);
      if (e.op === '^') return aig.xor(a, b);
      if (e.op === '~^' || e.op === '^~') return litNot(aig.xor(a, b));
      return fail(`unsupported binary operator '${e.op}'`);
    }
    case 'cond': return aig.mux(sub(e.cond), sub(e.then), sub(e.else));
    default: return fail(`${e.kind} expressions are not supported`);
  }
}

function primitive(type: string, aig: Aig, ins: readonly Literal[]): Literal {
  const and = () => aig.andChain(ins);
  const or = () => litNot(aig.andChain(ins.map(litNot)));
  const xor = () => ins.slice(1).reduce((acc, x) => aig.xor(acc, x), ins[0]);
  switch (type) {
    case 'and': return and();
    case 'nand': return litNot(and());
    case 'or': return or();
    case 'nor': return litNot(or());
    case 'xor': return xor();
    case 'xnor': return litNot(xor());
    case 'not': return litNot(ins[0]);
    default: return ins[0];
  }
}

/**
 * A module is taken as a D flip-flop cell when its ports are one clock input (c, ck, clk, clock),
 * one data input and one output, whatever its body (ISCAS89 ships `dff` both as an `always` block
 * and as a transistor-level netlist).
 */
function flipFlopPins(m: NetlistModule): { q: string; d: string } | undefined {
  const outs = m.ports.filter((p) => p.direction === 'output');
  const clocks = m.ports.filter((p) => p.direction === 'input' && /^(c|ck|clk|clock)$/i.test(p.name));
  const ins = m.ports.filter((p) => p.direction === 'input' && !clocks.includes(p));
  if (outs.length !== 1 || ins.length !== 1 || clocks.length !== 1 || m.ports.length !== 3) return undefined;
  return { q: outs[0].name, d: ins[0].name };
}

/** Reads gate-level Verilog; `top` defaults to the one module no other module instantiates. */
export function readGateVerilog(text: string, file = '<verilog>', top?: string): Aig {
  const netlist = parseNetlist(text, file);
  const error = netlist.diagnostics.find((d) => d.severity === 'error');
  if (error) throw new UserError(error.message, { file: error.file, line: error.line, col: error.col }, 'the gate-level reader takes structural netlists (gate primitives, assigns, flip-flop instances)');
  const byName = new Map(netlist.modules.map((m) => [m.name, m]));
  const used = new Set(netlist.modules.flatMap((m) => m.cells.map((c) => c.type)));
  const candidates = top !== undefined ? [byName.get(top)].filter((m) => m !== undefined) : netlist.modules.filter((m) => !used.has(m.name));
  if (candidates.length !== 1) {
    throw new UserError(top !== undefined ? `module '${top}' not found` : `cannot tell the top module (${candidates.length} candidates)`, file, `modules: ${netlist.modules.map((m) => m.name).join(', ')}`);
  }
  const mod = candidates[0]!;
  const where = (line: number) => ({ file, line, col: 1 });
  const inputs: NamedSignal[] = [];
  const outputs: NamedSignal[] = [];
  for (const p of mod.ports) {
    if (p.direction === 'inout') throw new UserError(`inout port '${p.name}' is not supported`, where(p.line));
    for (const b of bitNames(p.name, p.range)) (p.direction === 'input' ? inputs : outputs).push({ name: b, line: p.line });
  }
  const gates = new Map<string, GateDefinition>();
  const latches: { d: string; q: string; init: LatchInit; line: number }[] = [];
  const define = (name: string, line: number, g: GateDefinition) => {
    if (gates.has(name)) throw new UserError(`net '${name}' has two drivers`, where(line));
    gates.set(name, g);
  };
  const single = (cell: NetlistCell, e: NetExpr | undefined): string => {
    if (e?.kind === 'ref') return e.name;
    if (e?.kind === 'bit') return `${e.name}[${e.index}]`;
    throw new UserError(`expected a one-bit net on instance '${cell.name}'`, where(cell.line));
  };
  for (const cell of mod.cells) {
    const fail = (m: string): never => { throw new UserError(m, where(cell.line)); };
    if (PRIMITIVES.has(cell.type)) {
      const nets = cell.connections.map((c) => single(cell, c.expr));
      if (nets.length < 2) fail(`gate '${cell.type}' needs an output and at least one input`);
      const [out, ...ins] = nets;
      define(out, cell.line, { line: cell.line, fanins: ins, build: (a, lits) => primitive(cell.type, a, lits) });
      continue;
    }
    const ffModule = byName.get(cell.type);
    const pins = ffModule && flipFlopPins(ffModule);
    if (!ffModule || !pins) fail(`instance of '${cell.type}' is neither a gate primitive nor a flip-flop module`);
    const pinExpr = (pin: string): NetExpr | undefined => {
      const named = cell.connections.find((c) => c.pin === pin);
      if (named) return named.expr;
      const index = ffModule!.ports.findIndex((p) => p.name === pin);
      return cell.connections.every((c) => c.pin === undefined) ? cell.connections[index]?.expr : undefined;
    };
    latches.push({ d: single(cell, pinExpr(pins!.d)), q: single(cell, pinExpr(pins!.q)), init: 0, line: cell.line });
  }
  for (const asg of mod.assigns) {
    const fail = (m: string): never => { throw new UserError(m, where(asg.line)); };
    const lhs = asg.lhs.kind === 'ref' ? asg.lhs.name : asg.lhs.kind === 'bit' ? `${asg.lhs.name}[${asg.lhs.index}]` : fail('expected a one-bit net on the left of assign');
    const reads = [...new Set(readsOf(asg.rhs, [], fail))];
    define(lhs, asg.line, {
      line: asg.line,
      fanins: reads,
      build: (a, lits) => buildExpr(a, asg.rhs, (n) => lits[reads.indexOf(n)], fail),
    });
  }
  return buildNamedNetlist(new Aig(mod.name), file, { inputs, outputs, latches, gates });
}
