/**
 * Checks of instance statements: gate terminal counts (IEEE 1364-2005 7.1), UDP instances (8.6),
 * module port connections by order or by name (12.3.5, 12.3.6), outputs driving nets
 * (12.3.9), and the widths of connections to instance arrays (7.1.5, 12.1.2).
 */
import type { Connection, Expr, Instance as InstanceTerm, ModuleDecl, ModuleItem } from './ast.ts';
import { checkExpr, checkTarget, isReal, lookupName, type ExprContext } from './check-expressions.ts';
import { at } from './elaborate.ts';
import type { InstanceNode, Scope, Sym } from './elab-scope.ts';
import { parseVerilogNumber } from './numbers.ts';

type Instance = ModuleItem & { kind: 'instance' };

/** Terminal counts: [min, max] (max undefined: any number). */
const gateTerminals: Record<string, [number, number | undefined]> = {
  and: [2, undefined], nand: [2, undefined], or: [2, undefined], nor: [2, undefined], xor: [2, undefined], xnor: [2, undefined],
  buf: [2, undefined], not: [2, undefined], bufif0: [3, 3], bufif1: [3, 3], notif0: [3, 3], notif1: [3, 3],
  nmos: [3, 3], pmos: [3, 3], rnmos: [3, 3], rpmos: [3, 3], cmos: [4, 4], rcmos: [4, 4],
  tran: [2, 2], rtran: [2, 2], tranif0: [3, 3], tranif1: [3, 3], rtranif0: [3, 3], rtranif1: [3, 3],
  pullup: [1, undefined], pulldown: [1, undefined],
};

export function checkInstance(ctx: ExprContext, item: Instance): void {
  const { el } = ctx;
  const design = ctx.scope.instance.design;
  if (gateTerminals[item.type]) checkGate(ctx, item);
  else if (design.udps.has(item.type)) checkUdpInstance(ctx, item, design.udps.get(item.type)!.ports);
  else {
    const def = design.modules.get(item.type);
    if (def) checkModuleInstance(ctx, item, def);
    else for (const x of item.instances) for (const c of x.connections) checkExpr(ctx, c.expr);
  }
  for (const p of item.parameters ?? []) if (p.expr && !design.modules.has(item.type)) checkExpr(ctx, p.expr);
  void el;
}

function checkGate(ctx: ExprContext, item: Instance): void {
  const [min, max] = gateTerminals[item.type];
  for (const x of item.instances) {
    if (x.connections.some((c) => c.name !== undefined)) { at(ctx.el.sink, x.loc, `gate '${item.type}' terminals are connected by position only`); continue; }
    const n = x.connections.length;
    if (n < min || (max !== undefined && n > max)) {
      at(ctx.el.sink, x.loc, `gate '${item.type}' has ${max === min ? `${min}` : max === undefined ? `at least ${min}` : `${min} to ${max}`} terminals, ${n} connected`);
      continue;
    }
    const empty = x.connections.findIndex((c) => !c.expr);
    if (empty >= 0) { at(ctx.el.sink, x.loc, `gate '${item.type}': terminal ${empty + 1} is empty (gate terminals cannot be left unconnected)`); continue; }
    const outputs = item.type === 'buf' || item.type === 'not' ? n - 1 : item.type.includes('tran') || item.type.startsWith('pull') ? n : 1;
    x.connections.forEach((c, k) => {
      if (!c.expr) return;
      if (k < outputs && !item.type.includes('tran')) checkTarget(ctx, c.expr, 'gate-output');
      else checkExpr(ctx, c.expr);
    });
  }
}

function checkUdpInstance(ctx: ExprContext, item: Instance, portNames: readonly string[]): void {
  const ports = portNames.length;
  if (item.parameters?.some((p) => p.name !== undefined)) at(ctx.el.sink, item.loc, `primitive '${item.type}' takes delays, not named parameter overrides`);
  else if ((item.parameters?.length ?? 0) > 2) at(ctx.el.sink, item.loc, `primitive '${item.type}' takes at most two delays (rise, fall), ${item.parameters!.length} given`);
  for (const x of item.instances) {
    const connections = x.connections.some((c) => c.name !== undefined) ? udpConnectionsByName(ctx, item.type, x, portNames) : x.connections;
    if (!connections) continue;
    if (connections.length !== ports) { at(ctx.el.sink, x.loc, `primitive '${item.type}' has ${ports} ports, ${connections.length} connected`); continue; }
    connections.forEach((c, k) => (k === 0 && c.expr ? checkTarget(ctx, c.expr, 'gate-output') : checkExpr(ctx, c.expr)));
  }
}

/**
 * Named connections of a UDP instance (`dff d1 (.Q(q), .C(clk), .D(d))`, taken by iverilog though
 * IEEE 1364-2005 12.1.2 lists UDP terminals by position) put in the UDP's port order; undefined
 * after reporting a mix with positional ones, an unknown name or a name given twice.
 */
function udpConnectionsByName(ctx: ExprContext, type: string, x: InstanceTerm, portNames: readonly string[]): Connection[] | undefined {
  if (x.connections.some((c) => c.name === undefined)) { at(ctx.el.sink, x.loc, 'connections by name and by position cannot be mixed in one instance'); return undefined; }
  const byName = new Map<string, Connection>();
  for (const c of x.connections) {
    if (!portNames.includes(c.name!)) { at(ctx.el.sink, x.loc, `primitive '${type}' has no port '${c.name}' (ports: ${portNames.join(', ')})`); return undefined; }
    if (byName.has(c.name!)) { at(ctx.el.sink, x.loc, `port '${c.name}' of primitive '${type}' is connected twice`); return undefined; }
    byName.set(c.name!, c);
  }
  // A port left out is unconnected (its input reads z), as iverilog takes it.
  return portNames.map((n) => byName.get(n) ?? { name: n });
}

/** A module's ports in header order: the external name (if any) and the internal names. */
export function headerPortList(def: ModuleDecl): { name?: string; inner: string[] }[] {
  return def.ports.flatMap((p) => {
    if (p.kind === 'ansi') return p.decl.declarators.map((d) => ({ name: d.name, inner: [d.name] }));
    if (p.kind === 'name') return [{ name: p.name, inner: [p.name] }];
    const inner = p.expr ? namesIn(p.expr) : [];
    return [{ name: p.name ?? (p.expr?.kind === 'id' ? p.expr.name : undefined), inner }];
  });
}

function namesIn(e: Expr): string[] {
  if (e.kind === 'id') return [e.name];
  if (e.kind === 'concat') return e.parts.flatMap(namesIn);
  if (e.kind === 'index' || e.kind === 'part') return namesIn(e.base);
  return [];
}

function checkModuleInstance(ctx: ExprContext, item: Instance, def: ModuleDecl): void {
  const { el } = ctx;
  const ports = headerPortList(def);
  for (const x of item.instances) {
    const named = x.connections.filter((c) => c.name !== undefined);
    if (named.length > 0 && named.length < x.connections.length) {
      at(el.sink, x.loc, 'connections by name and by position cannot be mixed in one instance');
      continue;
    }
    const child = childOf(ctx.scope, x.name);
    const portSym = (p: { inner: string[] }): Sym | undefined => (child && p.inner.length > 0 ? child.scope.symbols.get(p.inner[0]) : undefined);
    const count = arrayCount(ctx.scope, x.name);
    const connect = (c: Connection, p: { inner: string[] } | undefined) => {
      if (!c.expr) return;
      const sym = p && portSym(p);
      if (sym?.port === 'output') checkTarget(ctx, c.expr, 'port-output');
      else if (sym?.port === 'inout') {
        checkExpr(ctx, c.expr);
        const target = c.expr.kind === 'id' || c.expr.kind === 'member' ? lookupName(ctx, c.expr, false) : undefined;
        if (target?.kind === 'variable') at(el.sink, c.expr.loc, `inout port '${p!.inner[0]}' must be connected to a net, not the ${target.type} '${target.name}'`);
      } else checkExpr(ctx, c.expr);
      const real = sym?.real === true || isReal(ctx, c.expr);
      if (real && sym?.port === 'inout') at(el.sink, c.expr.loc, `inout port '${p!.inner[0]}' cannot carry a real value`);
      else if (count > 1 && sym?.port === 'output' && isReal(ctx, c.expr)) at(el.sink, c.expr.loc, `the ${count} instances of '${x.name}' cannot all drive the real value connected to output '${p!.inner[0]}'`);
      else if (count > 1 && sym?.real && !isReal(ctx, c.expr)) {
        // Each instance's real port takes an equal share of the vector's bits (as iverilog splits it).
        const w = exprWidth(ctx.scope, c.expr);
        if (w !== undefined && w % count !== 0) at(el.sink, c.expr.loc, `'${x.name}' is an array of ${count} instances: the ${w} bits connected to real port '${p!.inner[0]}' do not split into ${count} equal parts`);
      }
      // A real input is converted, then given whole to every instance (as iverilog does).
      if (count > 1 && sym?.width !== undefined && !real) {
        const w = exprWidth(ctx.scope, c.expr);
        if (w !== undefined && w !== sym.width && w !== sym.width * count) {
          at(el.sink, c.expr.loc, `'${x.name}' is an array of ${count} instances: port '${p!.inner[0]}' (${sym.width} bit${sym.width === 1 ? '' : 's'}) needs ${sym.width} or ${sym.width * count} bits, not ${w}`);
        }
      }
    };
    if (named.length === 0) {
      if (x.connections.length > ports.length) {
        at(el.sink, x.loc, `module '${def.name}' has ${ports.length} port${ports.length === 1 ? '' : 's'}, ${x.connections.length} connected`);
        continue;
      }
      x.connections.forEach((c, k) => connect(c, ports[k]));
      continue;
    }
    const seen = new Set<string>();
    for (const c of x.connections) {
      if (c.name === '*') {
        // `.*` connects every port not named in the list to the name it has here (IEEE 1800-2017
        // 23.3.2.4): a port with no such name is an error, as all three reference tools say.
        const named = new Set(x.connections.map((k) => k.name));
        for (const p of ports) {
          if (p.name === undefined || named.has(p.name) || ctx.scope.lookup(p.name)) continue;
          at(el.sink, c.expr?.loc ?? x.loc, `.* finds nothing named '${p.name}' here for port '${p.name}' of module '${def.name}'`);
        }
        continue;
      }
      const p = ports.find((q) => q.name === c.name);
      if (!p) { at(el.sink, c.expr?.loc ?? x.loc, `module '${def.name}' has no port '${c.name}'`); continue; }
      if (seen.has(c.name!)) { at(el.sink, c.expr?.loc ?? x.loc, `port '${c.name}' is connected twice`); continue; }
      seen.add(c.name!);
      connect(c, p);
    }
  }
}

function childOf(scope: Scope, name: string | undefined): InstanceNode | undefined {
  const sym = name === undefined ? undefined : scope.symbols.get(name);
  if (!sym) return undefined;
  if (sym.child) return sym.child;
  for (const e of sym.elements?.values() ?? []) if (e && 'def' in e) return e;
  return undefined;
}

function arrayCount(scope: Scope, name: string | undefined): number {
  const sym = name === undefined ? undefined : scope.symbols.get(name);
  return sym?.elements?.size ?? 1;
}

/** The width of a simple expression (names, selects, concatenations, sized numbers), when known. */
export function exprWidth(scope: Scope, e: Expr): number | undefined {
  switch (e.kind) {
    case 'id': {
      const sym = scope.lookup(e.name);
      return sym && (sym.dims ?? 0) === 0 && (sym.kind === 'net' || sym.kind === 'variable') ? sym.width : undefined;
    }
    case 'index': return e.base.kind === 'id' && (scope.lookup(e.base.name)?.dims ?? 0) === 0 ? 1 : undefined;
    case 'number': {
      const n = parseVerilogNumber(e.text);
      return typeof n === 'string' || n.size === undefined ? undefined : n.size;
    }
    case 'concat': {
      let total = 0;
      for (const p of e.parts) {
        const w = exprWidth(scope, p);
        if (w === undefined) return undefined;
        total += w;
      }
      return total;
    }
    default: return undefined;
  }
}
