/**
 * The structural view built from a full syntax tree, for files the fast path does not take
 * (behavioural modules, parameters, macros): ports, wires, instances and continuous assigns with
 * constant ranges and selects. Parameterised widths are evaluated with the module's default
 * parameters; expressions that are not constant where the netlist needs a number are reported.
 */
import type { Expr, ModuleDecl, ModuleItem, Range, SourceFile } from './ast.ts';
import { indefiniteOperands } from './concat-width.ts';
import { ConstEvalError, evalConst, type ConstValue } from './const-eval.ts';
import type { DiagnosticSink } from './diagnostics.ts';
import type { BitRange, NetExpr, NetlistModule, NetlistPort } from './netlist-types.ts';
import { parseVerilogNumber } from './numbers.ts';
import { printExpr } from './printer-expressions.ts';

export function netlistFromAst(source: SourceFile, sink: DiagnosticSink): NetlistModule[] {
  return source.descriptions.filter((d): d is ModuleDecl => d.kind === 'module').map((m) => moduleNetlist(m, sink));
}

function moduleNetlist(m: ModuleDecl, sink: DiagnosticSink): NetlistModule {
  const out: NetlistModule = { name: m.name, file: m.loc.file, line: m.loc.line, ports: [], wires: [], cells: [], assigns: [], behavioral: false };
  const env = new Map<string, ConstValue>();
  const fail = (e: Expr, message: string) => sink.error(e.loc.file, e.loc.line, e.loc.col, message);
  const num = (e: Expr): number | undefined => {
    try {
      return Number(evalConst(e, env).value);
    } catch (err) {
      if (!(err instanceof ConstEvalError)) throw err;
      fail(e, `${err.message} (in '${printExpr(e)}')`);
      return undefined;
    }
  };
  const range = (r: Range | undefined): BitRange | undefined => {
    if (!r) return undefined;
    const msb = num(r.msb);
    const lsb = num(r.lsb);
    return msb === undefined || lsb === undefined ? undefined : { msb, lsb };
  };
  const params = [...m.parameters, ...m.items.filter((i): i is ModuleItem & { kind: 'param-decl' } => i.kind === 'param-decl')];
  for (const p of params) for (const d of p.declarators) if (d.init) { try { env.set(d.name, evalConst(d.init, env)); } catch { /* reported where used */ } }
  const ports = new Map<string, NetlistPort>();
  for (const p of m.ports) {
    if (p.kind === 'ansi') {
      for (const d of p.decl.declarators) {
        const port: NetlistPort = { name: d.name, direction: p.decl.direction, range: range(p.decl.dataType.range), line: d.loc.line };
        out.ports.push(port);
        ports.set(d.name, port);
      }
    } else {
      const name = p.kind === 'name' ? p.name : p.name ?? (p.expr ? printExpr(p.expr) : '');
      const port: NetlistPort = { name, direction: 'input', line: p.loc.line };
      out.ports.push(port);
      ports.set(name, port);
    }
  }
  const expr = (e: Expr): NetExpr | undefined => toNetExpr(e, num, fail);
  const visit = (items: ModuleItem[]) => {
    for (const i of items) {
      switch (i.kind) {
        case 'port-decl':
          for (const d of i.declarators) {
            const port = ports.get(d.name);
            if (port) { port.direction = i.direction; port.range = range(i.dataType.range); port.line = d.loc.line; }
            if (i.dataType.type === 'reg') out.wires.push({ name: d.name, type: 'reg', range: range(i.dataType.range), line: d.loc.line });
          }
          break;
        case 'net-decl':
          for (const d of i.declarators) {
            out.wires.push({ name: d.name, type: i.dataType.type ?? 'wire', range: range(i.dataType.range), line: d.loc.line });
            const rhs = d.init && expr(d.init);
            if (rhs) out.assigns.push({ lhs: { kind: 'ref', name: d.name }, rhs, line: d.loc.line });
          }
          break;
        case 'assign':
          for (const a of i.assignments) {
            const lhs = expr(a.lhs);
            const rhs = expr(a.rhs);
            if (lhs && rhs) out.assigns.push({ lhs, rhs, line: i.loc.line });
          }
          break;
        case 'instance': {
          const parameters = (i.parameters ?? []).map((c) => ({ ...(c.name !== undefined ? { name: c.name } : {}), value: c.expr ? printExpr(c.expr) : '' }));
          i.instances.forEach((x, k) => {
            const connections = x.connections.map((c) => {
              const e = c.expr && expr(c.expr);
              return { ...(c.name !== undefined ? { pin: c.name } : {}), ...(e ? { expr: e } : {}) };
            });
            out.cells.push({ type: i.type, name: x.name ?? `${i.type}$${i.loc.line}$${k}`, connections, parameters, line: x.loc.line });
          });
          break;
        }
        case 'generate':
          visit(i.items);
          break;
        case 'param-decl':
        case 'specify':
        case 'icarus-attribute':
          break;
        default:
          out.behavioral = true;
      }
    }
  };
  visit(m.items);
  return out;
}

function toNetExpr(e: Expr, num: (e: Expr) => number | undefined, fail: (e: Expr, message: string) => void): NetExpr | undefined {
  const sub = (x: Expr) => toNetExpr(x, num, fail);
  const all = (xs: Expr[]) => {
    const parts = xs.map(sub);
    return parts.every((p): p is NetExpr => p !== undefined) ? parts : undefined;
  };
  switch (e.kind) {
    case 'id':
      return { kind: 'ref', name: e.name };
    case 'number': {
      const v = parseVerilogNumber(e.text);
      if (typeof v === 'string') { fail(e, v); return undefined; }
      return { kind: 'const', text: e.text, width: v.width, bits: v.bits };
    }
    case 'index': {
      if (e.base.kind !== 'id') break;
      const index = num(e.index);
      return index === undefined ? undefined : { kind: 'bit', name: e.base.name, index };
    }
    case 'part': {
      if (e.base.kind !== 'id') break;
      const left = num(e.left);
      const right = num(e.right);
      if (left === undefined || right === undefined) return undefined;
      const [msb, lsb] = e.mode === ':' ? [left, right] : e.mode === '+:' ? [left + right - 1, left] : [left, left - right + 1];
      return { kind: 'slice', name: e.base.name, msb, lsb };
    }
    case 'concat':
    case 'repeat': {
      const indefinite = indefiniteOperands(e.parts);
      for (const { operand, message } of indefinite) fail(operand, message);
      if (indefinite.length) return undefined;
      const parts = all(e.parts);
      if (e.kind === 'concat') return parts && { kind: 'concat', parts };
      const count = num(e.count);
      return count === undefined || !parts ? undefined : { kind: 'repeat', count, parts };
    }
    case 'unary': {
      const arg = sub(e.arg);
      return arg && { kind: 'unary', op: e.op, arg };
    }
    case 'binary': {
      const left = sub(e.left);
      const right = sub(e.right);
      return left && right && { kind: 'binary', op: e.op, left, right };
    }
    case 'cond': {
      const [c, t, f] = [sub(e.cond), sub(e.then), sub(e.else)];
      return c && t && f && { kind: 'cond', cond: c, then: t, else: f };
    }
    default:
      break;
  }
  fail(e, `'${printExpr(e)}' cannot be represented in a netlist`);
  return undefined;
}
