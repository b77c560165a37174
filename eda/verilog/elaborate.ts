/**
 * Elaboration: the module table, the instance hierarchy from the top modules down, parameter
 * values (defaults, `#(...)` overrides, defparam through any hierarchical path, constant
 * functions), generate regions unrolled into named scopes (`g[3]`, `genblk1`), the declared
 * width of every port and net, and then the semantic checks of every elaborated scope
 * (elab-check.ts). defparam can change what its own path goes through, so elaboration is
 * repeated until the defparam values settle (IEEE 1364-2005 12.8).
 */
import type { Description, Loc, ModuleDecl, ModuleItem, SourceFile, UdpDecl } from './ast.ts';
import { ConstEvalError, constNumber, evalConst, type ConstContext, type ConstValue } from './const-eval.ts';
import { callConstFunction, declaredType, inputTypes } from './const-function.ts';
import { evalSized } from './const-sized.ts';
import { DiagnosticSink } from './diagnostics.ts';
import { checkDesign } from './elab-check.ts';
import { declareModule } from './elab-declare.ts';
import { formatParameter } from './elab-parameters.ts';
import { resolveParts } from './elab-resolve.ts';
import { pathParts, Scope, type Design, type InstanceNode } from './elab-scope.ts';
import type { ElaborateOptions, Elaboration, ElaboratedInstance } from './elaborate-types.ts';
import { StepBudget, StepBudgetExceeded } from './step-budget.ts';
import { checkUdp } from './udp-check.ts';
import { gatePrimitives } from './netlist-parser.ts';
import { printExpr } from './printer-expressions.ts';

export type { ElaboratedInstance, ElaboratedNet, Elaboration, ElaborateOptions } from './elaborate-types.ts';

const maxDepth = 64;
const maxPasses = 4;
export const maxInstances = 2_000_000;

export function elaborate(sources: SourceFile[], options: ElaborateOptions = {}): Elaboration {
  const definitionSink = new DiagnosticSink();
  const modules = new Map<string, ModuleDecl>();
  const udps = new Map<string, UdpDecl>();
  for (const src of sources) {
    for (const d of src.descriptions as Description[]) {
      if (d.kind !== 'module' && d.kind !== 'primitive') continue;
      const earlier = modules.get(d.name) ?? udps.get(d.name);
      if (earlier) {
        at(definitionSink, d.loc, `${d.kind === 'module' ? 'module' : 'primitive'} '${d.name}' is defined again (first at ${earlier.loc.file}:${earlier.loc.line})`);
        continue;
      }
      if (d.kind === 'module') modules.set(d.name, d);
      else {
        udps.set(d.name, d);
        checkUdp(d, definitionSink);
      }
    }
  }
  let defparams = new Map<string, Map<string, ConstValue>>();
  let el: Elaborator | undefined;
  const budget = new StepBudget(options.maxSteps);
  try {
    for (let pass = 0; pass < maxPasses; pass++) {
      el = new Elaborator({ modules, udps, tops: [] }, options, defparams, budget);
      el.run();
      const next = el.defparamTargets();
      if (sameDefparams(next, defparams)) break;
      defparams = next;
    }
    el!.check();
  } catch (err) {
    if (!(err instanceof StepBudgetExceeded)) throw err;
    // What was built is partial: only the error stands.
    const first = sources[0]?.file ?? '<input>';
    definitionSink.error(err.site?.file ?? first, err.site?.line ?? 1, err.site?.col ?? 1, err.message);
    return { modules, udps, tops: [], diagnostics: dedupe(definitionSink.finish()) };
  }
  const sink = new DiagnosticSink();
  for (const d of [...definitionSink.list, ...el!.sink.list]) sink.add(d);
  return { modules, udps, tops: el!.design.tops.map((t) => t.elaborated), diagnostics: dedupe(sink.finish()) };
}

/** One elaboration pass over the design. */
export class Elaborator {
  readonly sink = new DiagnosticSink();
  /** defparam statements met, with the scope they are in. */
  readonly defparamSites: { scope: Scope; item: ModuleItem & { kind: 'defparam' } }[] = [];
  /** Unknown module names already reported. */
  private readonly unknownReported = new Set<string>();
  private instanceCount = 0;

  constructor(
    readonly design: Design,
    readonly options: ElaborateOptions,
    /** defparam values from the previous pass, by instance path. */
    private readonly defparams: Map<string, Map<string, ConstValue>>,
    /** Shared by every pass of one elaboration. */
    readonly budget = new StepBudget(options.maxSteps),
  ) {}

  run(): void {
    const { modules } = this.design;
    const instantiatedByOthers = new Set<string>();
    for (const m of modules.values()) collectInstantiated(m.items, (name) => { if (name !== m.name) instantiatedByOthers.add(name); });
    let topNames = [...modules.keys()].filter((n) => !instantiatedByOthers.has(n));
    if (topNames.length === 0) topNames = [...modules.keys()];
    if (this.options.top !== undefined) {
      if (!modules.has(this.options.top)) {
        this.sink.error('<command line>', 1, 1, `top module '${this.options.top}' is not defined (modules: ${[...modules.keys()].slice(0, 20).join(', ')})`);
        topNames = [];
      } else topNames = [this.options.top];
    }
    for (const name of topNames) {
      const node = this.instantiate(modules.get(name)!, name, name, undefined, undefined, new Map(), []);
      this.design.tops.push(node);
    }
  }

  check(): void {
    checkDesign(this);
  }

  /**
   * Builds an instance: parameters, declarations and generate blocks (declareModule), then its
   * child instances.
   */
  instantiate(def: ModuleDecl, path: string, name: string, parent: InstanceNode | undefined, parentScope: Scope | undefined, overrides: Map<string, ConstValue>, stack: string[], key = def.name): InstanceNode {
    const elaborated: ElaboratedInstance = { path, module: def.name, defined: true, parameters: {}, nets: [], children: [] };
    const node = { path, name, def, parent, parentScope, elaborated, design: this.design } as InstanceNode;
    node.scope = new Scope('module', '', undefined, node, new Map());
    const given = new Map(overrides);
    for (const [k, v] of this.defparams.get(path) ?? []) given.set(k, v);
    declareModule(this, node, given);
    for (const [k, v] of node.scope.env) if (node.scope.symbols.get(k)?.kind === 'parameter' || node.scope.symbols.get(k)?.kind === 'localparam') elaborated.parameters[k] = formatParameter(v);
    this.instantiateChildren(node, [...stack, key]);
    return node;
  }

  /** The module instances declared in every scope of `node`, instantiated in declaration order. */
  private instantiateChildren(node: InstanceNode, stack: string[]): void {
    for (const site of node.pendingInstances ?? []) {
      const { item, scope, sym, index, instanceName } = site;
      const child = this.design.modules.get(item.type);
      const path = `${node.path}.${scope.prefix}${instanceName}`;
      this.budget.spend(1, item.loc);
      if (++this.instanceCount > maxInstances) {
        if (this.instanceCount === maxInstances + 1) at(this.sink, item.loc, `more than ${maxInstances} instances: elaboration stopped`);
        return;
      }
      if (!child) {
        node.elaborated.children.push({ path, module: item.type, defined: false, parameters: {}, nets: [], children: [] });
        continue;
      }
      const overrides = parameterOverrides(this, child, item, scope);
      // Recursion is fine while the parameters change (a generate condition ends it); the same
      // module with the same overrides again never ends.
      const key = `${child.name}${[...overrides].map(([k, v]) => ` ${k}=${v.value}`).join('')}`;
      if (stack.includes(key) || stack.length >= maxDepth) {
        at(this.sink, item.loc, `module '${child.name}' instantiates itself (through ${[...stack.map((s) => s.split(' ')[0]), child.name].join(' -> ')})`);
        continue;
      }
      const childNode = this.instantiate(child, path, instanceName, node, scope, overrides, stack, key);
      node.elaborated.children.push(childNode.elaborated);
      if (index === undefined) sym.child = childNode;
      else sym.elements?.set(index, childNode);
    }
    node.pendingInstances = undefined;
  }

  /** Reports an instance of an undefined module (once per module name). */
  unknownModule(type: string, loc: Loc): void {
    if (this.options.unknownModules === 'blackbox' || this.unknownReported.has(type)) return;
    this.unknownReported.add(type);
    at(this.sink, loc, `unknown module '${type}' (no module or primitive of that name is defined)`);
  }

  /**
   * A constant expression's value in `scope`, or undefined after reporting why it is not one. With
   * `sizedTo`, the expression is sized as a simulator sizes it (const-sized.ts) for a target of that
   * width; without it, integer arithmetic is exact.
   */
  constant(e: Parameters<typeof evalConst>[0], scope: Scope, what?: string, sizedTo?: number): ConstValue | undefined {
    try {
      if (sizedTo !== undefined) {
        const env = scope.envView();
        const ctx: ConstContext = {
          ...this.constContext(scope),
          operators: (x) => evalSized(x, env, ctx),
          callArgument: (c, k, a) => {
            const fn = functionVisibleFrom(scope, c.name);
            return evalSized(a, env, ctx, fn ? inputTypes(fn.decl, fn.scope.envView(), this.constContext(fn.scope))[k]?.width : 0);
          },
        };
        return evalSized(e, env, ctx, sizedTo);
      }
      return evalConst(e, scope.envView(), this.constContext(scope));
    } catch (err) {
      if (!(err instanceof ConstEvalError)) throw err;
      const inner = printExpr(e);
      at(this.sink, err.expr.loc.line > 0 ? err.expr.loc : e.loc, `${what ? `${what}: ` : ''}${err.message}${inner.length < 60 && err.message.indexOf(inner) < 0 ? ` (in '${inner}')` : ''}`);
      return undefined;
    }
  }

  /** A constant expression's value in `scope`, or undefined (nothing reported) when it is not one. */
  tryConstant(e: Parameters<typeof evalConst>[0], scope: Scope): ConstValue | undefined {
    try {
      return evalConst(e, scope.envView(), this.constContext(scope));
    } catch (err) {
      if (!(err instanceof ConstEvalError)) throw err;
      return undefined;
    }
  }

  /** A constant as a plain integer (x/z bits and reals reported). */
  constantNumber(e: Parameters<typeof evalConst>[0], scope: Scope, what?: string): number | undefined {
    const v = this.constant(e, scope, what);
    if (v === undefined) return undefined;
    try {
      return constNumber(v, e, what ?? 'value');
    } catch (err) {
      if (!(err instanceof ConstEvalError)) throw err;
      at(this.sink, e.loc, err.message);
      return undefined;
    }
  }

  /** Lets constant expressions in `scope` call the functions visible there (constant functions). */
  constContext(scope: Scope): ConstContext {
    return {
      callFunction: (call, args) => {
        const fn = functionVisibleFrom(scope, call.name);
        if (!fn) return undefined;
        return callConstFunction(fn.decl, args, call, {
          find: (n) => functionVisibleFrom(fn.scope, n)?.decl,
          env: fn.scope.envView(),
          widthOf: (x) => (x.kind === 'id' ? fn.scope.lookup(x.name)?.width : undefined),
          budget: this.budget,
        });
      },
      widthOf: (x) => (x.kind === 'id' ? scope.lookup(x.name)?.width : undefined),
      callType: (call) => {
        const fn = functionVisibleFrom(scope, call.name);
        const t = fn?.decl.returnType;
        return t && declaredType(t.type, t.range, t.signed, fn.scope.envView(), this.constContext(fn.scope));
      },
    };
  }

  /** Where each defparam of this pass points, with its value. */
  defparamTargets(): Map<string, Map<string, ConstValue>> {
    const out = new Map<string, Map<string, ConstValue>>();
    for (const { scope, item } of this.defparamSites) {
      for (const a of item.assignments) {
        const parts = pathParts(a.lhs);
        if (!parts) {
          at(this.sink, a.lhs.loc, `defparam needs 'instance.parameter', found '${printExpr(a.lhs)}'`);
          continue;
        }
        const param = parts[parts.length - 1];
        // `defparam p = v;`: a one-part hierarchical name, the module's own parameter.
        const target = parts.length === 1 ? undefined : resolveParts(parts.slice(0, -1), scope, (ix, s) => this.constantNumber(ix, s));
        if (target && 'opaque' in target) continue;
        const element = target && 'found' in target ? target.element : undefined;
        const named = target && 'found' in target && !element ? target.found : undefined;
        if (named && (named.kind === 'block' || named.kind === 'task' || named.kind === 'function') && named.scope) {
          // A parameter of a named block, task or function (IEEE 1364-2005 12.2.1: any hierarchical
          // path): checked and its value evaluated; it sets nothing this elaboration reports per instance.
          const declared = named.scope.symbols.get(param.name);
          if (declared?.kind === 'parameter') this.constant(a.rhs, scope, 'defparam value');
          else at(this.sink, a.lhs.loc, declared?.kind === 'localparam' ? `defparam '${printExpr(a.lhs)}': '${param.name}' is a localparam and cannot be overridden` : `defparam '${printExpr(a.lhs)}': ${named.kind} '${named.name}' has no parameter '${param.name}'`);
          continue;
        }
        const child = !target ? scope.instance : 'found' in target ? (element && 'def' in element ? element : element ? undefined : target.found.child) : undefined;
        if (!child) {
          at(this.sink, a.lhs.loc, `defparam '${printExpr(a.lhs)}': ${target && 'missing' in target ? `there is no instance '${printExpr(a.lhs).split('.').slice(0, -1).join('.')}'` : 'the path does not name a module instance'}`);
          continue;
        }
        const declared = child.scope.symbols.get(param.name);
        if (declared?.madeLocal) {
          this.sink.warning(a.lhs.loc.file, a.lhs.loc.line, a.lhs.loc.col, `defparam '${printExpr(a.lhs)}': '${param.name}' is a body parameter of a module with a parameter port list, so IEEE 1364-2005 12.2 makes it local; overridden as iverilog 11, Yosys and Verilator do`);
        } else if (declared?.kind !== 'parameter') {
          at(this.sink, a.lhs.loc, declared?.kind === 'localparam'
            ? `defparam '${printExpr(a.lhs)}': '${param.name}' is a localparam and cannot be overridden`
            : `defparam '${printExpr(a.lhs)}': module '${child.def.name}' has no parameter '${param.name}'`);
          continue;
        }
        const v = this.constant(a.rhs, scope, 'defparam value');
        if (!v) continue;
        const forChild = out.get(child.path) ?? new Map<string, ConstValue>();
        forChild.set(param.name, v);
        out.set(child.path, forChild);
      }
    }
    return out;
  }
}

/**
 * The function `name` called from `scope`, with the scope it is declared in. Parameters are
 * evaluated before the module's functions are declared, so the module's items are searched too.
 */
function functionVisibleFrom(scope: Scope, name: string): { decl: ModuleItem & { kind: 'function' }; scope: Scope } | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const sym = s.symbols.get(name);
    if (sym) return sym.kind === 'function' && sym.decl?.kind === 'function' ? { decl: sym.decl, scope: s } : undefined;
    if (s.kind === 'module') {
      const decl = s.instance.def.items.find((i): i is ModuleItem & { kind: 'function' } => i.kind === 'function' && i.name === name);
      if (decl) return { decl, scope: s };
    }
  }
  return undefined;
}

/** Overrides from `#(...)`, evaluated in the scope of the instance statement. */
function parameterOverrides(el: Elaborator, child: ModuleDecl, item: ModuleItem & { kind: 'instance' }, scope: Scope): Map<string, ConstValue> {
  const out = new Map<string, ConstValue>();
  const given = item.parameters ?? [];
  if (given.length === 0) return out;
  const headerNames = child.parameters.flatMap((p) => (p.local ? [] : p.declarators.map((d) => d.name)));
  const bodyNames = child.items.flatMap((i) => (i.kind === 'param-decl' && !i.local && !i.specparam ? i.declarators.map((d) => d.name) : []));
  // With a parameter port list, only its parameters can be overridden by position (12.2.2).
  const order = headerNames.length > 0 ? headerNames : bodyNames;
  const local = new Set([...child.parameters, ...child.items].flatMap((p) => (p.kind === 'param-decl' && (p.local || p.specparam) ? p.declarators.map((d) => d.name) : [])));
  const all = new Set([...headerNames, ...bodyNames]);
  const named = given.some((c) => c.name !== undefined);
  if (!named && given.length > order.length) at(el.sink, item.loc, `module '${child.name}' has ${order.length} parameter${order.length === 1 ? '' : 's'} to override, ${given.length} given`);
  given.forEach((c, k) => {
    const name = c.name ?? order[k];
    if (name === undefined) return;
    if (c.name !== undefined && !all.has(name)) {
      at(el.sink, item.loc, local.has(name) ? `'${name}' is a localparam of module '${child.name}' and cannot be overridden` : `module '${child.name}' has no parameter '${name}'`);
      return;
    }
    if (!c.expr) return;
    const v = el.constant(c.expr, scope, `parameter '${name}' of '${item.type}'`);
    if (v) out.set(name, v);
  });
  return out;
}

function sameDefparams(a: Map<string, Map<string, ConstValue>>, b: Map<string, Map<string, ConstValue>>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, params] of a) {
    const other = b.get(path);
    if (!other || other.size !== params.size) return false;
    for (const [k, v] of params) {
      const w = other.get(k);
      if (!w || w.value !== v.value || w.width !== v.width || w.real !== v.real || (w.unknown ?? 0n) !== (v.unknown ?? 0n)) return false;
    }
  }
  return true;
}

export function at(sink: DiagnosticSink, loc: Loc | undefined, message: string): void {
  sink.error(loc?.file ?? '<unknown>', loc?.line ?? 1, loc?.col ?? 1, message);
}

/** Drops repeated diagnostics (a module checked in several instances reports each problem once). */
function dedupe<T extends { file: string; line: number; col: number; message: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}:${d.line}:${d.col}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function collectInstantiated(items: ModuleItem[], add: (name: string) => void): void {
  for (const i of items) {
    if (i.kind === 'instance' && !gatePrimitives.has(i.type)) add(i.type);
    else if (i.kind === 'generate' || i.kind === 'gen-block') collectInstantiated(i.items, add);
    else if (i.kind === 'gen-for') collectInstantiated([i.body], add);
    else if (i.kind === 'gen-if') collectInstantiated([i.then, i.else].filter((x): x is ModuleItem => x !== undefined), add);
    else if (i.kind === 'gen-case') collectInstantiated(i.items.flatMap((c) => (c.body ? [c.body] : [])), add);
  }
}
