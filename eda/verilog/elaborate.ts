/**
 * Elaboration: the module table, the instance hierarchy from the top modules down, parameter
 * values (defaults, `#(...)` overrides, defparam on direct children, $clog2), generate regions
 * unrolled (for/if/case), and the declared width of every port and net of every instance.
 * Instances of modules not defined in the sources (library cells) are leaves.
 */
import type { Connection, Declarator, Description, Expr, Loc, ModuleDecl, ModuleItem, Range, SourceFile } from './ast.ts';
import { ConstEvalError, evalConst, type ConstEnv, type ConstValue } from './const-eval.ts';
import { DiagnosticSink, type Diagnostic } from './diagnostics.ts';
import { gatePrimitives } from './netlist-parser.ts';
import { printExpr } from './printer-expressions.ts';

export interface ElaboratedNet {
  name: string;
  /** input/output/inout for ports, else the declared type (wire, reg, integer ...). */
  kind: string;
  width: number;
  /** Array dimensions' sizes (memories), empty for plain nets. */
  dims: number[];
}

export interface ElaboratedInstance {
  /** Hierarchical path, e.g. `top.u_core.gen_lane[3].u_pe`. */
  path: string;
  module: string;
  /** Module defined in the sources (false: a library cell, primitive or unknown module). */
  defined: boolean;
  parameters: Record<string, string>;
  nets: ElaboratedNet[];
  children: ElaboratedInstance[];
}

export interface Elaboration {
  modules: Map<string, ModuleDecl>;
  tops: ElaboratedInstance[];
  diagnostics: Diagnostic[];
}

const maxDepth = 64;
const maxLoopIterations = 1 << 16;
const maxInstances = 2_000_000;

export function elaborate(sources: SourceFile[], options: { top?: string } = {}): Elaboration {
  const sink = new DiagnosticSink();
  const modules = new Map<string, ModuleDecl>();
  for (const src of sources) {
    for (const d of src.descriptions as Description[]) {
      if (d.kind !== 'module') continue;
      const earlier = modules.get(d.name);
      if (earlier) at(sink, d.loc, `module '${d.name}' is defined again (first at ${earlier.loc.file}:${earlier.loc.line})`);
      else modules.set(d.name, d);
    }
  }
  const instantiated = new Set<string>();
  for (const m of modules.values()) collectInstantiated(m.items, instantiated);
  let topNames = [...modules.keys()].filter((n) => !instantiated.has(n));
  if (options.top !== undefined) {
    if (!modules.has(options.top)) {
      sink.error('<command line>', 1, 1, `top module '${options.top}' is not defined (modules: ${[...modules.keys()].slice(0, 20).join(', ')})`);
      topNames = [];
    } else topNames = [options.top];
  }
  let instanceCount = 0;
  const tops = topNames.map((name) => instantiate(modules.get(name)!, name, new Map(), []));
  return { modules, tops, diagnostics: sink.finish() };

  function instantiate(m: ModuleDecl, path: string, overrides: Map<string, ConstValue>, stack: string[]): ElaboratedInstance {
    const inst: ElaboratedInstance = { path, module: m.name, defined: true, parameters: {}, nets: [], children: [] };
    if (stack.length >= maxDepth || stack.includes(m.name)) {
      at(sink, m.loc, `module '${m.name}' instantiates itself (through ${[...stack, m.name].join(' -> ')})`);
      return inst;
    }
    const env = new Map<string, ConstValue>();
    const declareParameters = (decls: (ModuleItem & { kind: 'param-decl' })[]) => {
      for (const decl of decls) {
        for (const d of decl.declarators) {
          const given = decl.local ? undefined : overrides.get(d.name);
          const value = given ?? (d.init ? constant(d.init, env) : undefined);
          if (value === undefined) continue;
          const sized = decl.dataType.range ? resize(value, rangeWidth(decl.dataType.range, env) ?? value.width, decl.dataType.signed) : value;
          env.set(d.name, sized);
          inst.parameters[d.name] = sized.value.toString();
        }
      }
    };
    declareParameters(m.parameters);
    const bodyParams = m.items.filter((i): i is ModuleItem & { kind: 'param-decl' } => i.kind === 'param-decl' && !i.specparam);
    declareParameters(bodyParams);
    const known = new Set([...m.parameters, ...bodyParams].flatMap((p) => (p.local ? [] : p.declarators.map((d) => d.name))));
    for (const name of overrides.keys()) if (!known.has(name)) at(sink, m.loc, `module '${m.name}' has no parameter '${name}' to override (at ${path})`);
    for (const p of m.ports) if (p.kind === 'ansi') addNets(inst, p.decl.direction, p.decl.dataType.range, p.decl.declarators, env);
    const defparams = collectDefparams(m.items, env);
    walk(m.items, inst, env, path, defparams, [...stack, m.name]);
    return inst;
  }

  function walk(items: ModuleItem[], inst: ElaboratedInstance, env: Map<string, ConstValue>, prefix: string, defparams: Map<string, Map<string, ConstValue>>, stack: string[]): void {
    for (const item of items) {
      switch (item.kind) {
        case 'port-decl':
          addNets(inst, item.direction, item.dataType.range, item.declarators, env);
          break;
        case 'net-decl':
          if (item.dataType.type !== 'genvar') addNets(inst, item.dataType.type ?? 'wire', item.dataType.range, item.declarators, env, item.dataType.type);
          break;
        case 'instance':
          for (const x of item.instances) {
            if (++instanceCount > maxInstances) { at(sink, item.loc, `more than ${maxInstances} instances: elaboration stopped`); return; }
            const name = x.name ?? `${item.type}$${item.loc.line}`;
            const childPath = `${prefix}.${name}`;
            const child = modules.get(item.type);
            if (!child) {
              inst.children.push({ path: childPath, module: item.type, defined: false, parameters: {}, nets: [], children: [] });
              continue;
            }
            checkConnections(child, x.connections, item.loc);
            const overrides = parameterOverrides(child, item.parameters ?? [], env, item.loc);
            for (const [k, v] of defparams.get(name) ?? []) overrides.set(k, v);
            inst.children.push(instantiate(child, childPath, overrides, stack));
          }
          break;
        case 'generate':
          walk(item.items, inst, env, prefix, defparams, stack);
          break;
        case 'gen-block':
          walk(item.items, inst, env, item.name !== undefined ? `${prefix}.${item.name}` : prefix, defparams, stack);
          break;
        case 'gen-if': {
          const c = constant(item.cond, env);
          if (c === undefined) break;
          const chosen = c.value !== 0n ? item.then : item.else;
          if (chosen) walk([chosen], inst, env, prefix, defparams, stack);
          break;
        }
        case 'gen-case': {
          const v = constant(item.expr, env);
          if (v === undefined) break;
          const arm = item.items.find((c) => c.labels.some((l) => constant(l, env)?.value === v.value)) ?? item.items.find((c) => c.labels.length === 0);
          if (arm?.body) walk([arm.body], inst, env, prefix, defparams, stack);
          break;
        }
        case 'gen-for': {
          const loopEnv = new Map(env);
          let v = constant(item.init.value, loopEnv);
          let iterations = 0;
          while (v !== undefined) {
            loopEnv.set(item.init.name, v);
            const c = constant(item.cond, loopEnv);
            if (c === undefined || c.value === 0n) break;
            if (++iterations > maxLoopIterations) { at(sink, item.loc, `generate loop runs more than ${maxLoopIterations} times`); break; }
            const body = item.body;
            const label = body.kind === 'gen-block' && body.name !== undefined ? `${prefix}.${body.name}[${v.value}]` : prefix;
            walk(body.kind === 'gen-block' ? body.items : [body], inst, loopEnv, label, defparams, stack);
            loopEnv.set(item.step.name, v);
            v = constant(item.step.value, loopEnv);
          }
          break;
        }
        default:
          break;
      }
    }
  }

  function addNets(inst: ElaboratedInstance, kind: string, range: Range | undefined, ds: Declarator[], env: ConstEnv, type?: string): void {
    const base = type === 'integer' || type === 'time' ? (type === 'integer' ? 32 : 64) : range ? rangeWidth(range, env) ?? 1 : 1;
    for (const d of ds) {
      const dims = d.dims.map((r) => rangeWidth(r, env) ?? 1);
      const existing = inst.nets.find((n) => n.name === d.name);
      // `output reg [3:0] q;` after `output q` in the header: the later declaration completes it.
      if (existing) { if (range) existing.width = base; if (kind !== 'wire' && !['input', 'output', 'inout'].includes(existing.kind)) existing.kind = kind; continue; }
      inst.nets.push({ name: d.name, kind, width: base, dims });
    }
  }

  function rangeWidth(r: Range, env: ConstEnv): number | undefined {
    const msb = constant(r.msb, env);
    const lsb = constant(r.lsb, env);
    if (!msb || !lsb) return undefined;
    return Math.abs(Number(msb.value - lsb.value)) + 1;
  }

  function constant(e: Expr, env: ConstEnv): ConstValue | undefined {
    try {
      return evalConst(e, env);
    } catch (err) {
      if (!(err instanceof ConstEvalError)) throw err;
      at(sink, err.expr.loc, `${err.message} (in '${printExpr(e)}')`);
      return undefined;
    }
  }

  function parameterOverrides(child: ModuleDecl, given: Connection[], env: ConstEnv, loc: Loc): Map<string, ConstValue> {
    const out = new Map<string, ConstValue>();
    const order = child.parameters.flatMap((p) => (p.local ? [] : p.declarators.map((d) => d.name)));
    if (order.length === 0) {
      for (const i of child.items) if (i.kind === 'param-decl' && !i.local && !i.specparam) order.push(...i.declarators.map((d) => d.name));
    }
    given.forEach((c, k) => {
      if (!c.expr) return;
      const name = c.name ?? order[k];
      if (name === undefined) { at(sink, loc, `module '${child.name}' has only ${order.length} parameters, ${given.length} given`); return; }
      const v = constant(c.expr, env);
      if (v) out.set(name, v);
    });
    return out;
  }

  function checkConnections(child: ModuleDecl, connections: Connection[], loc: Loc): void {
    const names = new Set(child.ports.flatMap((p) => (p.kind === 'ansi' ? p.decl.declarators.map((d) => d.name) : p.name !== undefined ? [p.name] : [])));
    for (const c of connections) {
      if (c.name !== undefined && !names.has(c.name)) at(sink, loc, `module '${child.name}' has no port '${c.name}'`);
    }
    if (connections.every((c) => c.name === undefined) && connections.length > child.ports.length && child.ports.length > 0) {
      at(sink, loc, `module '${child.name}' has ${child.ports.length} ports, ${connections.length} connected`);
    }
  }

  function collectDefparams(items: ModuleItem[], env: ConstEnv): Map<string, Map<string, ConstValue>> {
    const out = new Map<string, Map<string, ConstValue>>();
    for (const i of items) {
      if (i.kind !== 'defparam') continue;
      for (const a of i.assignments) {
        if (a.lhs.kind === 'member' && a.lhs.base.kind === 'id') {
          const v = constant(a.rhs, env);
          if (!v) continue;
          const forInstance = out.get(a.lhs.base.name) ?? new Map<string, ConstValue>();
          forInstance.set(a.lhs.name, v);
          out.set(a.lhs.base.name, forInstance);
        } else at(sink, i.loc, `defparam '${printExpr(a.lhs)}': only 'instance.parameter' below this module is supported`);
      }
    }
    return out;
  }
}

function resize(v: ConstValue, width: number, signed: boolean): ConstValue {
  const m = (1n << BigInt(width)) - 1n;
  let value = v.value & m;
  if (signed && width > 0 && (value >> BigInt(width - 1)) & 1n) value -= 1n << BigInt(width);
  return { value, width, signed };
}

function at(sink: DiagnosticSink, loc: Loc | undefined, message: string): void {
  sink.error(loc?.file ?? '<unknown>', loc?.line ?? 1, loc?.col ?? 1, message);
}

function collectInstantiated(items: ModuleItem[], out: Set<string>): void {
  for (const i of items) {
    if (i.kind === 'instance' && !gatePrimitives.has(i.type)) out.add(i.type);
    else if (i.kind === 'generate' || i.kind === 'gen-block') collectInstantiated(i.items, out);
    else if (i.kind === 'gen-for') collectInstantiated([i.body], out);
    else if (i.kind === 'gen-if') collectInstantiated([i.then, i.else].filter((x): x is ModuleItem => x !== undefined), out);
    else if (i.kind === 'gen-case') collectInstantiated(i.items.flatMap((c) => (c.body ? [c.body] : [])), out);
  }
}
