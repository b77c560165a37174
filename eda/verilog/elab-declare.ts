/**
 * Declarations of one instance: parameters, ports, nets and variables, events, genvars,
 * functions, tasks, named blocks and instances, each a symbol of its scope, with duplicates and
 * port-declaration mistakes reported (IEEE 1364-2005 4.11, 12.3). Generate constructs are
 * unrolled by elab-generate.ts into their own scopes; implicit nets (4.5) are added last, so an
 * explicit declaration anywhere in the scope wins.
 */
import type { DataType, Declarator, Expr, HeaderPort, Loc, ModuleItem, Range, Stmt } from './ast.ts';
import type { ConstValue } from './const-eval.ts';
import { at, type Elaborator } from './elaborate.ts';
import { declareGenerate, noteExplicitNames } from './elab-generate.ts';
import { parameterValue } from './elab-parameters.ts';
import { declareSpecifyParameters, warnSpecparamInParameter } from './elab-specparams.ts';
import { Scope, type InstanceNode, type Sym } from './elab-scope.ts';
import { gatePrimitives } from './netlist-parser.ts';

type ParamDecl = ModuleItem & { kind: 'param-decl' };

const netTypes = new Set(['wire', 'tri', 'tri0', 'tri1', 'supply0', 'supply1', 'wand', 'wor', 'triand', 'trior', 'trireg', 'uwire']);

/** Declares everything of `node`'s module, with `overrides` for its parameters. */
export function declareModule(el: Elaborator, node: InstanceNode, overrides: Map<string, ConstValue>): void {
  const m = node.def;
  const root = node.scope;
  node.pendingInstances = [];
  node.implicitCandidates = [];
  for (const decl of m.parameters) declareParameters(el, decl, root, overrides, true);
  for (const item of m.items) if (item.kind === 'param-decl') declareParameters(el, item, root, overrides, true);
  root.settleParameters();
  declareHeader(el, node);
  declareItems(el, m.items, root);
  addImplicitNets(el, node);
  for (const sym of root.symbols.values()) {
    if (sym.headerLoc && !sym.port) at(el.sink, sym.headerLoc, `port '${sym.name}' is in the module's port list but has no input, output or inout declaration`);
  }
  listNets(node, root);
}

/** Declares a parameter declaration's names; with `later`, their values wait for settleParameters or first use. */
export function declareParameters(el: Elaborator, decl: ParamDecl, scope: Scope, overrides?: Map<string, ConstValue>, later = false): void {
  for (const d of decl.declarators) {
    const kind = decl.specparam ? 'specparam' : decl.local ? 'localparam' : 'parameter';
    // The header's `#(...)` makes body `parameter`s local (12.2); they cannot be overridden.
    const overridable = kind === 'parameter' && !(scope.kind === 'module' && scope.instance.def.parameters.length > 0 && !scope.instance.def.parameters.includes(decl));
    const sym: Sym = { name: d.name, kind: overridable || kind !== 'parameter' ? kind : 'localparam', loc: d.loc };
    if (kind === 'parameter' && !overridable) sym.madeLocal = true;
    if (!declare(el, scope, sym)) continue;
    // A body parameter made local is still set by an override, as all three reference tools do (a warning at the defparam).
    const given = overridable || sym.madeLocal ? overrides?.get(d.name) : undefined;
    if (!given && !d.init) { at(el.sink, d.loc, `parameter '${d.name}' has no value`); continue; }
    const evaluate = () => {
      scope.lazy.delete(d.name); // a parameter defined through itself reads as not constant
      if (d.init && !given) warnSpecparamInParameter(el, decl, d.init, scope);
      const v = parameterValue(el, decl, d, scope, given);
      if (!v) return undefined;
      sym.value = v;
      sym.width = v.width;
      if (v.real !== undefined) sym.real = true;
      scope.env.set(d.name, v);
      return v;
    };
    if (later) scope.lazy.set(d.name, evaluate);
    else evaluate();
  }
}

/** Adds `sym` to `scope`, reporting a duplicate (and returning false) when the name is taken. */
export function declare(el: Elaborator, scope: Scope, sym: Sym): boolean {
  const earlier = scope.symbols.get(sym.name);
  if (earlier) {
    at(el.sink, sym.loc, `'${sym.name}' is already declared in this scope (at line ${earlier.loc.line})`);
    return false;
  }
  scope.symbols.set(sym.name, sym);
  return true;
}

function declareHeader(el: Elaborator, node: InstanceNode): void {
  const ports = node.def.ports;
  const ansi = ports.filter((p): p is HeaderPort & { kind: 'ansi' } => p.kind === 'ansi');
  const plain = ports.filter((p) => p.kind !== 'ansi' && !(p.kind === 'expr' && p.expr === undefined && p.name === undefined));
  if (ansi.length > 0 && plain.length > 0) at(el.sink, ansi[0].decl.loc, 'a module header cannot mix port declarations (input a) with plain port names');
  for (const p of ports) {
    if (p.kind === 'ansi') {
      for (const d of p.decl.declarators) {
        const sym = variableSymbol(el, node.scope, d, p.decl.dataType, node.def.defaultNettype);
        sym.port = p.decl.direction;
        sym.ansiPort = true;
        // 12.3.4: only a variable output (`output reg q = 0`) takes an initial value.
        if (d.init && p.decl.direction !== 'output') at(el.sink, d.init.loc, `an ${p.decl.direction} port cannot have an initial value ('${d.name}')`);
        else if (d.init && sym.kind === 'net') at(el.sink, d.init.loc, `output port '${d.name}' is a net: only a variable output ('output reg ${d.name} = ...') takes an initial value`);
        arrayPortError(el, d);
        if (sym.real) realPortWarning(el, d, p.decl.direction);
        if (p.decl.dataType.type !== undefined) sym.typedInHeader = true;
        if (p.decl.direction === 'inout' && sym.kind === 'variable') at(el.sink, d.loc, `inout port '${d.name}' must be a net, not a ${sym.type}`);
        declare(el, node.scope, sym);
      }
      continue;
    }
    const names = p.kind === 'name' ? [{ name: p.name, loc: p.loc }] : p.expr ? identifiersIn(p.expr) : [];
    for (const n of names) {
      if (node.scope.symbols.has(n.name)) continue;
      node.scope.symbols.set(n.name, { name: n.name, kind: 'net', type: 'wire', loc: n.loc, headerLoc: n.loc, width: 1 });
    }
  }
}

/** Declares the items of `scope` and records what must be checked once the design is built. */
export function declareItems(el: Elaborator, items: ModuleItem[], scope: Scope): void {
  const node = scope.instance;
  // A generate region adds no scope: the module's names are noted once, from all its items.
  if (scope.explicitNames.size === 0 && items.some((i) => i.kind === 'generate' || i.kind === 'gen-if' || i.kind === 'gen-case' || i.kind === 'gen-for' || (i.kind === 'gen-block' && i.name === undefined))) noteExplicitNames(items, scope.explicitNames);
  for (const item of items) {
    switch (item.kind) {
      case 'port-decl':
        declarePortDecl(el, item, scope);
        break;
      case 'net-decl':
        for (const d of item.declarators) declareNet(el, scope, d, item.dataType, item.loc);
        scope.items.push(item);
        break;
      case 'param-decl':
        if (scope.kind !== 'module') declareParameters(el, item, scope);
        break;
      case 'assign':
        scope.items.push(item);
        for (const a of item.assignments) for (const id of targetIdentifiers(a.lhs)) node.implicitCandidates!.push({ ...id, scope, why: 'assign' });
        break;
      case 'process':
        scope.items.push(item);
        declareStatementScopes(el, item.body, scope, false);
        break;
      case 'instance':
        declareInstances(el, item, scope);
        break;
      case 'defparam':
        el.defparamSites.push({ scope, item });
        scope.items.push(item);
        break;
      case 'function':
      case 'task':
        declareSubroutine(el, item, scope);
        break;
      case 'generate':
        declareItems(el, item.items, scope);
        break;
      case 'gen-block':
      case 'gen-if':
      case 'gen-case':
      case 'gen-for':
        declareGenerate(el, item, scope);
        break;
      case 'specify':
        declareSpecifyParameters(el, item, scope);
        break;
      case 'icarus-attribute':
        icarusAttribute(el, item, scope);
        break;
    }
  }
}

/** iverilog's `$attribute(x, "key", "value");`: x is a net, variable or instance declared before it. */
function icarusAttribute(el: Elaborator, item: ModuleItem & { kind: 'icarus-attribute' }, scope: Scope): void {
  const target = scope.symbols.get(item.target);
  if (!target || (target.kind !== 'net' && target.kind !== 'variable' && target.kind !== 'instance')) {
    at(el.sink, item.targetLoc, `$attribute: '${item.target}' is not a net, variable or instance declared before it in this module`);
    return;
  }
  el.sink.warning(item.loc.file, item.loc.line, item.loc.col, `$attribute is an Icarus Verilog extension outside IEEE 1364-2005 (other tools refuse it); write (* ${/^[A-Za-z_][A-Za-z0-9_$]*$/.test(item.key.slice(1, -1)) ? item.key.slice(1, -1) : 'name'} = ${item.value} *) before the declaration instead`);
}

/** A net or variable declarator as a symbol (not yet added to a scope). */
function variableSymbol(el: Elaborator, scope: Scope, d: Declarator, t: DataType, nettype: string | undefined): Sym {
  if (t.type === 'wreal') {
    el.sink.warning(d.loc.file, d.loc.line, d.loc.col, `'wreal' is Verilog-AMS, not IEEE 1364-2005: '${d.name}' is read as a real-valued net ('wire real', as iverilog takes it)`);
    t = { ...t, type: 'wire', real: true };
  }
  const type = t.type ?? (nettype && nettype !== 'none' ? nettype : 'wire');
  const kind = type === 'event' ? 'event' : type === 'genvar' ? 'genvar' : netTypes.has(type) ? 'net' : 'variable';
  const sym: Sym = { name: d.name, kind, type, loc: d.loc };
  if (type === 'real' || type === 'realtime' || t.real) sym.real = true;
  if (t.regKind) el.sink.warning(d.loc.file, d.loc.line, d.loc.col, `'reg ${t.regKind}' is an Icarus Verilog extension (not IEEE 1364-2005); '${d.name}' is read as a reg${t.regKind === 'bool' ? ' (iverilog keeps it two-state)' : ''}`);
  if (t.real && type === 'reg') el.sink.warning(d.loc.file, d.loc.line, d.loc.col, `'reg real' is an Icarus Verilog extension (not IEEE 1364-2005): '${d.name}' is a real variable; write 'real ${d.name}'`);
  if (t.signed || type === 'integer') sym.signed = true;
  if (t.range && (t.real || type === 'integer' || type === 'real' || type === 'realtime' || type === 'time' || type === 'event' || type === 'genvar')) {
    at(el.sink, t.range.msb.loc, `a ${t.real ? `${type} real` : type} cannot have a range`);
  }
  sym.width = type === 'integer' ? 32 : type === 'time' || sym.real ? 64 : 1;
  if (t.range) {
    const r = rangeBounds(el, t.range, scope);
    if (r) { sym.range = r; sym.width = Math.abs(r[0] - r[1]) + 1; }
    if (t.packed?.length) sym.packed = t.packed.length;
    for (const p of t.packed ?? []) {
      const q = rangeBounds(el, p, scope);
      if (q) sym.width *= Math.abs(q[0] - q[1]) + 1;
    }
  }
  if (d.dims.length > 0) {
    sym.dims = d.dims.length;
    const dynamic = d.dims.find((r) => r.dynamic);
    if (dynamic && kind === 'net') at(el.sink, d.loc, `'${d.name}' is a net: only a variable can be a dynamic array '[]' (IEEE 1800-2017 7.5)`);
    else if (dynamic) el.sink.warning(d.loc.file, d.loc.line, d.loc.col, `'${d.name}' is a dynamic array '[]', SystemVerilog (IEEE 1800-2017 7.5) that iverilog -g2005 and Verilator take in Verilog files; it has no elements until it is sized, so every read gives the default value`);
    sym.dimSizes = d.dims.map((r) => {
      if (r.dynamic) return 0;
      const b = rangeBounds(el, r, scope, 'array dimension');
      return b ? Math.abs(b[0] - b[1]) + 1 : 1;
    });
  }
  if (scope.automatic || scope.subroutine?.automatic) sym.automatic = true;
  return sym;
}

export function rangeBounds(el: Elaborator, r: Range, scope: Scope, what = 'range'): [number, number] | undefined {
  const msb = el.constantNumber(r.msb, scope, `${what} bound`);
  const lsb = el.constantNumber(r.lsb, scope, `${what} bound`);
  return msb === undefined || lsb === undefined ? undefined : [msb, lsb];
}

/** A net/variable declaration; it may complete a non-ANSI port (`output q; reg q;`). */
function declareNet(el: Elaborator, scope: Scope, d: Declarator, t: DataType, loc: Loc): void {
  const sym = variableSymbol(el, scope, d, t, scope.instance.def.defaultNettype);
  const earlier = scope.symbols.get(d.name);
  if (earlier && earlier.ansiPort) {
    // `output [31:0] q` in the header, `reg [31:0] q;` in the body: IEEE 1364-2005 forbids it, but
    // iverilog and Yosys accept it and real designs do it, so it is a warning when the header gave no type.
    const sameRange = !sym.range || !earlier.range || (sym.range[0] === earlier.range[0] && sym.range[1] === earlier.range[1]);
    if (!earlier.typeLoc && !earlier.typedInHeader && sameRange && (sym.kind === 'net' || sym.kind === 'variable')) {
      el.sink.warning(d.loc.file, d.loc.line, d.loc.col, `port '${d.name}' is declared in the module header and again here (IEEE 1364-2005 12.3.4 forbids it; accepted as simulators do)`);
      Object.assign(earlier, { kind: sym.kind, type: sym.type, real: sym.real, packed: sym.packed, typeLoc: loc });
      if (sym.range) { earlier.range = sym.range; earlier.width = sym.width; }
      return;
    }
    at(el.sink, d.loc, `port '${d.name}' is declared in the module header and cannot be declared again`);
    return;
  }
  if (earlier && earlier.headerLoc && !earlier.typeLoc && (sym.kind === 'net' || sym.kind === 'variable')) {
    if (earlier.range && sym.range && (earlier.range[0] !== sym.range[0] || earlier.range[1] !== sym.range[1])) {
      at(el.sink, d.loc, `'${d.name}' is declared [${sym.range.join(':')}] here but [${earlier.range.join(':')}] as a port`);
      return;
    }
    // `input a; wire [7:0] a;`: 12.3.3 wants one range in both; iverilog and Yosys refuse a scalar
    // port with a vector declaration (Verilator takes it). A vector port with a scalar net is taken.
    const vector = sym.range ? `[${sym.range.join(':')}]` : sym.type === 'integer' || sym.type === 'time' ? `${sym.type} (${sym.width} bits)` : undefined;
    if (earlier.port && !earlier.range && vector) {
      at(el.sink, d.loc, `'${d.name}' is declared ${vector} here but as a scalar ${earlier.port} port (IEEE 1364-2005 12.3.3: a port's two declarations have one range; give the port the range too)`);
    }
    Object.assign(earlier, { kind: sym.kind, type: sym.type, real: sym.real, packed: sym.packed, typeLoc: loc, signed: earlier.signed || sym.signed });
    if (sym.range) { earlier.range = sym.range; earlier.width = sym.width; }
    if (earlier.port === 'inout' && sym.kind === 'variable') at(el.sink, d.loc, `inout port '${d.name}' must be a net, not a ${sym.type}`);
    return;
  }
  declare(el, scope, sym);
}

/** `input [3:0] a;` in a module body: gives a header port its direction. */
function declarePortDecl(el: Elaborator, item: ModuleItem & { kind: 'port-decl' }, scope: Scope): void {
  const node = scope.instance;
  for (const d of item.declarators) {
    const earlier = scope.symbols.get(d.name);
    if (earlier?.ansiPort) { at(el.sink, d.loc, `port '${d.name}' is declared in the module header and cannot be declared again`); continue; }
    if (!earlier?.headerLoc || scope !== node.scope) { at(el.sink, d.loc, `'${d.name}' is not in the module's port list`); continue; }
    if (earlier.port) { at(el.sink, d.loc, `port '${d.name}' already has a direction (at line ${earlier.directionLoc?.line ?? earlier.loc.line})`); continue; }
    // 12.3.3: a port's net or variable declaration completes its port declaration, so it comes after.
    if (earlier.typeLoc) {
      at(el.sink, d.loc, `the direction of port '${d.name}' must come before its declaration as a ${earlier.type} (line ${earlier.typeLoc.line})`);
      earlier.port = item.direction; // no second error for a port without a direction
      continue;
    }
    const sym = variableSymbol(el, scope, d, item.dataType, node.def.defaultNettype);
    arrayPortError(el, d);
    earlier.port = item.direction;
    earlier.directionLoc = d.loc;
    if (item.dataType.type !== undefined) Object.assign(earlier, { kind: sym.kind, type: sym.type, real: sym.real, packed: sym.packed, typeLoc: d.loc });
    if (sym.real) realPortWarning(el, d, item.direction);
    if (sym.signed) earlier.signed = true;
    if (sym.range) { earlier.range = sym.range; earlier.width = sym.width; }
    if (item.direction === 'inout' && sym.kind === 'variable') at(el.sink, d.loc, `inout port '${d.name}' must be a net, not a ${sym.type}`);
  }
}

/** 12.3.3: a port is a scalar or a vector; an array port (`output [7:0] d[1:0]`) is SystemVerilog. */
function arrayPortError(el: Elaborator, d: Declarator): void {
  if (d.dims.length > 0) at(el.sink, d.loc, `port '${d.name}' cannot be an array: a Verilog-2005 port is a scalar or a vector (12.3.3; unpacked array ports are SystemVerilog)`);
}

/** Real-valued module ports exist in Verilog-AMS and SystemVerilog, not in IEEE 1364-2005 (12.3.3). */
function realPortWarning(el: Elaborator, d: Declarator, direction: string): void {
  if (direction === 'inout') { at(el.sink, d.loc, `inout port '${d.name}' cannot be real (a real value has one driver)`); return; }
  el.sink.warning(d.loc.file, d.loc.line, d.loc.col, `port '${d.name}' is real-valued: IEEE 1364-2005 has no real ports (Verilog-AMS and SystemVerilog do; accepted as iverilog does)`);
}

/** Instance names (gates, UDPs, modules; arrays too); module instances wait in pendingInstances. */
function declareInstances(el: Elaborator, item: ModuleItem & { kind: 'instance' }, scope: Scope): void {
  const node = scope.instance;
  scope.items.push(item);
  const primitive = gatePrimitives.has(item.type) || node.design.udps.has(item.type);
  if (!primitive && !node.design.modules.has(item.type)) el.unknownModule(item.type, item.loc);
  for (const x of item.instances) {
    for (const c of x.connections) {
      if (c.expr && c.name !== '*') for (const id of connectionIdentifiers(c.expr)) node.implicitCandidates!.push({ ...id, scope, why: 'connection' });
    }
    if (x.name === undefined) {
      if (!primitive) at(el.sink, x.loc, `an instance of module '${item.type}' needs a name`);
      else node.pendingInstances!.push({ item, scope, sym: { name: '', kind: 'instance', loc: x.loc }, instanceName: `${item.type}$${x.loc.line}$${x.loc.col}` });
      continue;
    }
    const sym: Sym = { name: x.name, kind: 'instance', loc: x.loc };
    if (!declare(el, scope, sym)) continue;
    if (x.dims.length === 0) {
      node.pendingInstances!.push({ item, scope, sym, instanceName: x.name });
      continue;
    }
    const r = rangeBounds(el, x.dims[0], scope, 'instance array range');
    if (!r) continue;
    sym.elements = new Map();
    sym.range = r;
    const step = r[0] >= r[1] ? -1 : 1;
    for (let k = r[0]; ; k += step) {
      sym.elements.set(k, undefined);
      node.pendingInstances!.push({ item, scope, sym, index: k, instanceName: `${x.name}[${k}]` });
      if (k === r[1]) break;
    }
  }
}

function declareSubroutine(el: Elaborator, item: ModuleItem & { kind: 'function' | 'task' }, scope: Scope): void {
  const sub = new Scope(item.kind, item.name, scope, scope.instance, new Map(), item.automatic);
  const sym: Sym = { name: item.name, kind: item.kind, loc: item.loc, decl: item, scope: sub };
  if (item.automatic) sym.automatic = true;
  if (!declare(el, scope, sym)) return;
  scope.nested.set(item, sub);
  scope.items.push(item);
  if (item.kind === 'function') {
    const ret = variableSymbol(el, sub, { name: item.name, dims: [], loc: item.loc }, { ...item.returnType, type: item.returnType.type ?? 'reg' }, undefined);
    sub.symbols.set(item.name, ret);
    sym.real = ret.real;
    sym.width = ret.width;
  }
  const ports = [...item.ports, ...item.items.filter((i) => i.kind === 'port-decl')];
  // `integer x; input x;`: the direction must come first (10.2.1, 10.3.1), as iverilog and Verilator say.
  const typedBefore = new Map<string, number>();
  for (const i of item.items) {
    if (i.kind === 'net-decl') for (const d of i.declarators) if (!typedBefore.has(d.name)) typedBefore.set(d.name, d.loc.line);
    if (i.kind === 'port-decl') for (const d of i.declarators) if (typedBefore.has(d.name)) at(el.sink, d.loc, `the direction of '${d.name}' must come before its declaration (line ${typedBefore.get(d.name)})`);
  }
  for (const p of ports) {
    if (p.kind !== 'port-decl') continue;
    if (item.kind === 'function' && p.direction !== 'input') at(el.sink, p.loc, `function '${item.name}' can only have inputs ('${p.declarators[0]?.name}' is an ${p.direction})`);
    for (const d of p.declarators) {
      const v = variableSymbol(el, sub, d, { ...p.dataType, type: p.dataType.type ?? 'reg' }, undefined);
      v.port = p.direction;
      if (p.dataType.type === undefined) v.untypedPort = true;
      declare(el, sub, v);
    }
  }
  for (const i of item.items) {
    if (i.kind === 'net-decl') for (const d of i.declarators) declareSubroutineVariable(el, sub, variableSymbol(el, sub, d, i.dataType, undefined));
    else if (i.kind === 'param-decl') declareParameters(el, i, sub);
  }
  if (item.body) declareStatementScopes(el, item.body, sub, item.automatic);
}

/**
 * A variable of a task or function. `input x; integer x;` gives the port `x` its type (10.2.1,
 * 10.3.1; as simulators read it): a port declared without a type, completed once, by a declaration
 * with no range of its own or the port's range. Anything else is a duplicate.
 */
function declareSubroutineVariable(el: Elaborator, sub: Scope, v: Sym): void {
  const port = sub.symbols.get(v.name);
  const declaredRange = v.type === 'reg' ? v.range : undefined; // integer, time, real: no range of their own
  const sameRange = port?.range === undefined ? declaredRange === undefined : declaredRange !== undefined && declaredRange[0] === port.range[0] && declaredRange[1] === port.range[1];
  // `input l; reg [4:0] l;`: 12.3.3 wants the same range in both, but iverilog (its io-range rule
  // covers a scalar port) and Verilator take the variable's range, so it is a warning.
  if (port?.untypedPort && (v.dims ?? 0) === 0) {
    port.untypedPort = false;
    if (!sameRange || (port.range !== undefined && v.type !== 'reg')) {
      // `input [31:0] x; integer x;`, `input [7:0] x; reg x;`: 12.3.3 asks for the same range, but
      // iverilog 11, Yosys and Verilator all take it: the variable's range, or the port's when it has none.
      const shown = (r: [number, number] | undefined) => (r ? `[${r.join(':')}]` : 'scalar');
      el.sink.warning(v.loc.file, v.loc.line, v.loc.col, `'${v.name}' is declared as a ${shown(port.range)} port and again as ${v.type} ${declaredRange ? shown(declaredRange) : ''}`.trimEnd() + ' (IEEE 1364-2005 12.3.3 asks for one range in both)');
      if (!declaredRange && v.type === 'reg') Object.assign(port, { kind: v.kind, type: v.type, signed: v.signed || port.signed });
      else Object.assign(port, { kind: v.kind, type: v.type, real: v.real, width: v.width, range: v.range, signed: v.signed || port.signed });
      return;
    }
    Object.assign(port, { kind: v.kind, type: v.type, real: v.real, width: v.width, range: v.range, signed: v.signed || port.signed });
    return;
  }
  declare(el, sub, v);
}

/** Named blocks (and unnamed ones with declarations) of a statement become scopes. */
export function declareStatementScopes(el: Elaborator, s: Stmt | undefined, scope: Scope, automatic: boolean): void {
  if (!s) return;
  switch (s.kind) {
    case 'block': {
      let inner = scope;
      // 9.8.2: only a named parallel block declares; every reference tool refuses it unnamed.
      if (s.fork && s.name === undefined && s.decls.length > 0) at(el.sink, s.decls[0].loc, 'declarations in a fork-join need a named block (fork : name)');
      if (s.name !== undefined || s.decls.length > 0) {
        inner = new Scope('block', s.name ?? '', scope, scope.instance, new Map(), automatic || scope.automatic);
        scope.nested.set(s, inner);
        if (s.name !== undefined) declare(el, scope, { name: s.name, kind: 'block', loc: s.loc, scope: inner });
        for (const d of s.decls) {
          if (d.kind === 'net-decl') for (const x of d.declarators) declare(el, inner, variableSymbol(el, inner, x, d.dataType, undefined));
          else if (d.kind === 'param-decl') declareParameters(el, d, inner);
        }
      }
      for (const b of s.body) declareStatementScopes(el, b, inner, automatic);
      return;
    }
    case 'if': declareStatementScopes(el, s.then, scope, automatic); declareStatementScopes(el, s.else, scope, automatic); return;
    case 'case': for (const it of s.items) declareStatementScopes(el, it.body, scope, automatic); return;
    case 'for': case 'while': case 'repeat': case 'forever': case 'wait': case 'timed':
      declareStatementScopes(el, s.body, scope, automatic);
      return;
    default:
      return;
  }
}

/** Plain names an assignment target or port connection is made of (candidates for implicit nets). */
function targetIdentifiers(e: Expr): { name: string; loc: Loc }[] {
  if (e.kind === 'id') return [{ name: e.name, loc: e.loc }];
  if (e.kind === 'concat') return e.parts.flatMap(targetIdentifiers);
  return [];
}

/**
 * Plain names in a port connection, also inside operators (`.r(!r)`): iverilog, Yosys and
 * Verilator all make each an implicit net (4.5 names "an identifier in a port expression").
 */
function connectionIdentifiers(e: Expr): { name: string; loc: Loc }[] {
  switch (e.kind) {
    case 'unary': return connectionIdentifiers(e.arg);
    case 'binary': return [...connectionIdentifiers(e.left), ...connectionIdentifiers(e.right)];
    case 'cond': return [...connectionIdentifiers(e.cond), ...connectionIdentifiers(e.then), ...connectionIdentifiers(e.else)];
    case 'concat': return e.parts.flatMap(connectionIdentifiers);
    default: return targetIdentifiers(e);
  }
}

function identifiersIn(e: Expr): { name: string; loc: Loc }[] {
  switch (e.kind) {
    case 'id': return [{ name: e.name, loc: e.loc }];
    case 'concat': return e.parts.flatMap(identifiersIn);
    case 'index': case 'part': return identifiersIn(e.base);
    default: return [];
  }
}

/** Implicit nets for undeclared names used as assignment targets and port connections. */
function addImplicitNets(el: Elaborator, node: InstanceNode): void {
  const none = node.def.defaultNettype === 'none';
  for (const c of node.implicitCandidates ?? []) {
    if (c.scope.lookup(c.name)) continue;
    if (none) {
      at(el.sink, c.loc, `'${c.name}' is not declared (\`default_nettype none: no implicit nets)`);
      c.scope.symbols.set(c.name, { name: c.name, kind: 'net', type: 'wire', loc: c.loc, implicit: true, width: 1 });
      continue;
    }
    c.scope.symbols.set(c.name, { name: c.name, kind: 'net', type: node.def.defaultNettype ?? 'wire', loc: c.loc, implicit: true, width: 1 });
  }
  node.implicitCandidates = undefined;
}

/** The nets and variables of the module and its generate blocks, for the elaborated instance. */
function listNets(node: InstanceNode, scope: Scope): void {
  for (const sym of scope.symbols.values()) {
    if (sym.kind === 'net' || sym.kind === 'variable') {
      node.elaborated.nets.push({ name: scope.prefix + sym.name, kind: sym.port ?? sym.type ?? 'wire', width: sym.width ?? 1, dims: sym.dimSizes ?? [] });
    }
    if (sym.kind === 'generate') {
      if (sym.scope) listNets(node, sym.scope);
      for (const e of sym.elements?.values() ?? []) if (e && !('def' in e)) listNets(node, e);
    }
  }
}
