/**
 * Checks of expressions and assignment targets in an elaborated scope: every name declared
 * (hierarchical names resolved), functions known and called with the right number of
 * arguments, operators legal for real operands (IEEE 1364-2005 4.8.1), memories indexed, events
 * used only as events, and assignment targets of the right kind (nets for continuous
 * assignments, variables for procedural ones, 6.1 and 9.2).
 */
import type { Expr, ModuleItem } from './ast.ts';
import { indefiniteOperands } from './concat-width.ts';
import { constSystemFunctionArity, extensionSystemFunctions } from './const-system-functions.ts';
import { at, type Elaborator } from './elaborate.ts';
import { resolveName } from './elab-resolve.ts';
import type { Scope, Sym } from './elab-scope.ts';
import { printExpr } from './printer-expressions.ts';
import { knownSystemNames, realSystemFunctions } from './system-tasks.ts';

export interface ExprContext {
  el: Elaborator;
  scope: Scope;
  /** The function whose body is being checked (its name is its return variable there). */
  fn?: ModuleItem & { kind: 'function' };
  /** Inside a process, task or function, where `i++` may change a variable. */
  procedural?: boolean;
}

/** Where an assignment target is written from. */
export type TargetKind = 'continuous' | 'procedural' | 'nonblocking' | 'proc-assign' | 'force' | 'output-arg' | 'gate-output' | 'port-output';

const realForbidden = new Set(['&', '|', '^', '~^', '~&', '~|', '<<', '>>', '<<<', '>>>', '===', '!==', '==?', '!=?', '~']);
/** System tasks whose arguments may be whole memories or scopes. */
const takesWholeObjects = /^\$(readmem|writemem|sreadmem|fread|dumpvars|dumpports|printtimescale|sdf_annotate|async|sync|q_|countdrivers|getpattern|scope|list|showvars|monitor|display|write|strobe)/;

/** The symbol a (possibly hierarchical) name refers to; reports what cannot be found. */
export function lookupName(ctx: ExprContext, e: Expr, report = true, allowModuleNames = false): Sym | undefined {
  const r = resolveName(e, ctx.scope, (ix, s) => ctx.el.constantNumber(ix, s));
  if (!r || 'opaque' in r) return undefined;
  if ('missing' in r) {
    // `$dumpvars(0, top)`: system tasks take module names as scopes.
    if (allowModuleNames && e.kind === 'id' && ctx.el.design.modules.has(e.name)) return undefined;
    if (report) at(ctx.el.sink, e.loc, e.kind === 'id' ? `'${e.name}' is not declared` : `cannot find '${printExpr(e)}'${r.missing ? ` (no '${r.missing}')` : ''}`);
    return undefined;
  }
  // An automatic task or function may be called by a hierarchical name; its variables cannot be named.
  if (e.kind !== 'id' && r.found.automatic && r.found.kind !== 'task' && r.found.kind !== 'function') {
    if (report) at(ctx.el.sink, e.loc, `'${printExpr(e)}' is an automatic variable and cannot be referenced by a hierarchical name`);
    return undefined;
  }
  return r.found;
}

/** Does `e` have a real value? */
export function isReal(ctx: ExprContext, e: Expr): boolean {
  switch (e.kind) {
    case 'real': return true;
    case 'id': case 'member': {
      const r = resolveName(e, ctx.scope, () => undefined);
      return r !== undefined && 'found' in r && r.found.real === true && (r.found.dims ?? 0) === 0;
    }
    case 'call': {
      if (e.system) return realSystemFunctions.has(e.name) || (/^\$(abs|min|max)$/.test(e.name) && e.args.some((a) => a !== null && isReal(ctx, a)));
      const sym = e.scope ? undefined : ctx.scope.lookupSubroutine(e.name);
      return sym?.kind === 'function' && sym.real === true;
    }
    case 'unary': return (e.op === '-' || e.op === '+') && isReal(ctx, e.arg);
    case 'binary': return ['+', '-', '*', '/', '%', '**'].includes(e.op) && (isReal(ctx, e.left) || isReal(ctx, e.right));
    case 'cond': return isReal(ctx, e.then) || isReal(ctx, e.else);
    case 'mintypmax': return isReal(ctx, e.typ);
    case 'incdec': return isReal(ctx, e.target);
    default: return false;
  }
}

export function checkExpr(ctx: ExprContext, e: Expr | null | undefined, allowWhole = false): void {
  if (!e) return;
  const { el } = ctx;
  switch (e.kind) {
    case 'id':
    case 'member': {
      const sym = lookupName(ctx, e, true, allowWhole);
      if (sym) checkValueUse(ctx, e, sym, allowWhole);
      return;
    }
    case 'number': case 'real': case 'string':
      return;
    case 'unary':
      checkExpr(ctx, e.arg);
      if (e.op !== '-' && e.op !== '+' && e.op !== '!' && isReal(ctx, e.arg)) at(el.sink, e.loc, `operator ${e.op} is not defined for a real operand`);
      return;
    case 'binary':
      checkExpr(ctx, e.left);
      checkExpr(ctx, e.right);
      if (realForbidden.has(e.op) && (isReal(ctx, e.left) || ((e.op !== '<<' && e.op !== '>>' && e.op !== '<<<' && e.op !== '>>>') && isReal(ctx, e.right)))) {
        at(el.sink, e.loc, `operator ${e.op} is not defined for real operands`);
      } else if (e.op === '%' && (isReal(ctx, e.left) || isReal(ctx, e.right))) {
        el.sink.warning(e.loc.file, e.loc.line, e.loc.col, 'operator % of real operands is an Icarus Verilog extension (the remainder of the division, as C fmod); IEEE 1364-2005 4.1 does not define it');
      }
      return;
    case 'cond':
      checkExpr(ctx, e.cond);
      checkExpr(ctx, e.then);
      checkExpr(ctx, e.else);
      return;
    case 'concat':
    case 'repeat':
      for (const p of e.parts) {
        checkExpr(ctx, p);
        if (isReal(ctx, p)) at(el.sink, p.loc, 'a real value cannot be part of a concatenation');
      }
      for (const { operand, message } of indefiniteOperands(e.parts)) at(el.sink, operand.loc, message);
      if (e.kind === 'repeat') {
        const n = el.constantNumber(e.count, ctx.scope, 'replication count');
        if (n !== undefined && n < 0) at(el.sink, e.count.loc, `replication count ${n} is negative`);
      }
      return;
    case 'index':
      checkSelectBase(ctx, e.base, selectDepth(e));
      checkSelectCount(ctx, e);
      checkExpr(ctx, e.index);
      if (isReal(ctx, e.index)) at(el.sink, e.index.loc, 'an index cannot be real');
      return;
    case 'part':
      checkSelectBase(ctx, e.base, selectDepth(e));
      checkSelectCount(ctx, e);
      checkArrayRange(ctx, e);
      checkExpr(ctx, e.left);
      checkExpr(ctx, e.right);
      if (e.mode === ':') checkPartDirection(ctx, e);
      return;
    case 'call':
      checkCall(ctx, e);
      return;
    case 'mintypmax':
      checkExpr(ctx, e.min);
      checkExpr(ctx, e.typ);
      checkExpr(ctx, e.max);
      return;
    case 'incdec':
      if (ctx.procedural) { checkTarget(ctx, e.target, 'procedural'); return; }
      checkExpr(ctx, e.target);
      at(el.sink, e.loc, `'${e.op}' changes '${printExpr(e.target)}': an expression with a side effect belongs in procedural code, not here`);
      return;
  }
}

/** A resolved name used as a value. */
function checkValueUse(ctx: ExprContext, e: Expr, sym: Sym, allowWhole: boolean): void {
  const { el } = ctx;
  const name = printExpr(e);
  switch (sym.kind) {
    case 'genvar':
      if (e.kind === 'id' && ctx.scope.envView().get(sym.name) === undefined) at(el.sink, e.loc, `genvar '${name}' is used outside a generate loop`);
      return;
    case 'event':
      if (!allowWhole) at(el.sink, e.loc, `'${name}' is an event: it can only be triggered (->) or waited for (@)`);
      return;
    case 'function': case 'task': case 'block': case 'instance': case 'generate':
      if (!allowWhole) at(el.sink, e.loc, `'${name}' is a ${sym.kind === 'generate' ? 'generate block' : sym.kind}, not a value`);
      return;
    default:
      if ((sym.dims ?? 0) > 0 && !allowWhole) at(el.sink, e.loc, `'${name}' is an array: it needs an index`);
  }
}

/** How many selects `e` applies to the name at its root (`a[1][2]`: 2). */
function selectDepth(e: Expr): number {
  let depth = 0;
  for (let b: Expr = e; b.kind === 'index' || b.kind === 'part'; b = b.base) depth++;
  return depth;
}

/**
 * The base of a bit or part select, `depth` selects deep: no bit selects of reals (an element of
 * an array of reals is fine), arrays read through their index.
 */
function checkSelectBase(ctx: ExprContext, base: Expr, depth: number): void {
  if (base.kind === 'id' || base.kind === 'member') {
    const sym = lookupName(ctx, base);
    if (!sym) return;
    const dims = sym.dims ?? 0;
    if ((sym.kind === 'net' || sym.kind === 'variable') && !sym.real && depth > dims && sym.range === undefined && sym.width === 1 && (sym.type === 'reg' || sym.type === 'wire' || sym.type === 'logic' || sym.kind === 'net')) {
      at(ctx.el.sink, base.loc, `'${printExpr(base)}' is a scalar: it has no bits to select`);
    } else if (sym.real && depth > dims) at(ctx.el.sink, base.loc, `'${printExpr(base)}' is real: it has no bits to select`);
    else if (sym.kind === 'event' || sym.kind === 'function' || sym.kind === 'task' || sym.kind === 'block') at(ctx.el.sink, base.loc, `'${printExpr(base)}' is a ${sym.kind}, not a value`);
    else if (sym.kind === 'genvar') checkValueUse(ctx, base, sym, false);
    return;
  }
  checkExpr(ctx, base, base.kind === 'index');
}

/**
 * A vector takes one select after its array indexes (`mem[0][3:0]`), no more (`v[0][0]`): reported
 * once, at the first select too many.
 */
function checkSelectCount(ctx: ExprContext, e: Expr & { kind: 'index' | 'part' }): void {
  let root: Expr = e.base;
  while (root.kind === 'index' || root.kind === 'part') root = root.base;
  if (root.kind !== 'id' && root.kind !== 'member') return;
  const sym = targetSymbolQuiet(ctx, root);
  if (!sym || (sym.kind !== 'net' && sym.kind !== 'variable') || sym.real) return;
  const vector = sym.range !== undefined || sym.type === 'integer' || sym.type === 'time';
  if (!vector) return;
  const allowed = (sym.dims ?? 0) + 1 + (sym.packed ?? 0);
  const how = sym.dims || sym.packed ? 'an index per dimension, then one bit or part select' : 'one bit or part select';
  if (selectDepth(e) === allowed + 1) at(ctx.el.sink, e.loc, `'${printExpr(root)}' takes at most ${allowed} select${allowed === 1 ? '' : 's'} (${how}): this one is too many`);
}

/** Are all the selects of `e` constant (`v[3]`, `v[1:0]`, `v[2+:2]` but not `v[i]`)? */
function constantSelects(ctx: ExprContext, e: Expr): boolean {
  for (let b: Expr = e; b.kind === 'index' || b.kind === 'part'; b = b.base) {
    const parts = b.kind === 'index' ? [b.index] : [b.left, b.right];
    if (parts.some((x) => ctx.el.tryConstant(x, ctx.scope) === undefined)) return false;
  }
  return true;
}

/** `mem[1:0]` of an array: a part select picks bits of one element, never a range of elements. */
function checkArrayRange(ctx: ExprContext, e: Expr & { kind: 'part' }): void {
  let root: Expr = e.base;
  while (root.kind === 'index') root = root.base;
  if (root.kind !== 'id' && root.kind !== 'member') return;
  const sym = targetSymbolQuiet(ctx, root);
  if (sym && (sym.dims ?? 0) >= selectDepth(e)) at(ctx.el.sink, e.loc, `'${printExpr(root)}' is an array: a range [..:..] cannot select several of its elements`);
}

function targetSymbolQuiet(ctx: ExprContext, e: Expr): Sym | undefined {
  return lookupName(ctx, e, false);
}

/** `a[0:3]` of `[7:0] a`: the bounds must run the way the declaration does. */
function checkPartDirection(ctx: ExprContext, e: Expr & { kind: 'part' }): void {
  if (e.base.kind !== 'id') return;
  const sym = ctx.scope.lookup(e.base.name);
  if (!sym?.range || (sym.dims ?? 0) > 0) return;
  const l = constantOrUndefined(ctx, e.left);
  const r = constantOrUndefined(ctx, e.right);
  if (l === undefined || r === undefined || l === r) return;
  const [msb, lsb] = sym.range;
  if (msb !== lsb && (msb > lsb) !== (l > r)) {
    at(ctx.el.sink, e.loc, `part select [${l}:${r}] runs opposite to the declaration of '${sym.name}' [${msb}:${lsb}]`);
  }
}

/** The arguments of a system task or function. */
export function checkSystemArgs(ctx: ExprContext, name: string, args: readonly (Expr | null)[]): void {
  // A system task of the user's own PLI code receives handles: whole arrays and events are fine.
  const whole = takesWholeObjects.test(name) || !knownSystemNames.has(name);
  for (const a of args) {
    if (a && !whole && namesScope(ctx, a)) {
      // Every system task receives its arguments as PLI handles, a scope's too; iverilog leaves the
      // verdict to the task at run time. 1364-2005 names scopes as arguments only of $dumpvars and kin.
      ctx.el.sink.warning(a.loc.file, a.loc.line, a.loc.col, `'${printExpr(a)}' names a scope, not a value: ${name} receives a scope handle (accepted as iverilog does; most system tasks refuse it at run time)`);
      continue;
    }
    checkExpr(ctx, a, whole);
  }
}

/** Is `e` the name of a module, instance, named block or generate block (not a value)? */
function namesScope(ctx: ExprContext, e: Expr): boolean {
  if (e.kind !== 'id' && e.kind !== 'member') return false;
  const r = resolveName(e, ctx.scope, () => undefined);
  if (!r || 'opaque' in r) return false;
  if ('missing' in r) return e.kind === 'id' && ctx.el.design.modules.has(e.name);
  return r.found.kind === 'instance' || r.found.kind === 'block' || r.found.kind === 'generate';
}

function constantOrUndefined(ctx: ExprContext, e: Expr): number | undefined {
  const v = ctx.el.tryConstant(e, ctx.scope);
  return v === undefined || v.unknown || v.real !== undefined ? undefined : Number(v.value);
}

function checkCall(ctx: ExprContext, e: Expr & { kind: 'call' }): void {
  const { el } = ctx;
  if (e.system) {
    checkSystemArgs(ctx, e.name, e.args);
    if (extensionSystemFunctions.has(e.name)) el.sink.warning(e.loc.file, e.loc.line, e.loc.col, `${e.name} is not an IEEE 1364-2005 system function (${e.name === '$ivlh_to_unsigned' ? "iverilog's VHDL support" : 'Verilog-AMS'}); accepted as iverilog does`);
    if (!knownSystemNames.has(e.name)) el.sink.warning(e.loc.file, e.loc.line, e.loc.col, `unknown system function '${e.name}'`);
    const arity = constSystemFunctionArity[e.name];
    if (arity !== undefined && e.name !== '$signed' && e.name !== '$unsigned' && e.args.length !== arity) {
      at(el.sink, e.loc, `${e.name} takes ${arity} argument${arity === 1 ? '' : 's'}, ${e.args.length} given`);
    }
    return;
  }
  for (const a of e.args) checkExpr(ctx, a);
  const target: Expr = e.scope ? { kind: 'member', base: e.scope, name: e.name, loc: e.loc } : { kind: 'id', name: e.name, loc: e.loc };
  let sym: Sym | undefined;
  if (e.scope) sym = lookupName(ctx, target);
  else {
    sym = ctx.scope.lookupSubroutine(e.name) ?? ctx.scope.lookup(e.name);
    // Inside function f, `f` is its return variable; `f(...)` is still a (recursive) call of f.
    if (sym && sym.kind !== 'function' && ctx.fn?.name === e.name) sym = ctx.scope.parent?.lookup(e.name) ?? sym;
    if (!sym) {
      at(el.sink, e.loc, el.design.modules.has(e.name) ? `'${e.name}' is a module, not a function` : `unknown function '${e.name}'`);
      return;
    }
  }
  if (!sym) return;
  if (sym.kind === 'task') { at(el.sink, e.loc, `'${e.name}' is a task: it cannot be called in an expression`); return; }
  if (sym.kind !== 'function' || !sym.decl) { at(el.sink, e.loc, `'${printExpr(target)}' is not a function`); return; }
  checkArgumentCount(ctx, sym.decl, e.args.length, e.loc);
}

/** The declared inputs (and outputs, for tasks) of a function or task, in order. */
export function subroutinePorts(decl: ModuleItem & { kind: 'function' | 'task' }): (ModuleItem & { kind: 'port-decl' })['direction'][] {
  const ports = [...decl.ports, ...decl.items].filter((i): i is ModuleItem & { kind: 'port-decl' } => i.kind === 'port-decl');
  return ports.flatMap((p) => p.declarators.map(() => p.direction));
}

export function checkArgumentCount(ctx: ExprContext, decl: ModuleItem & { kind: 'function' | 'task' }, given: number, loc: Expr['loc']): void {
  const want = subroutinePorts(decl).length;
  if (given !== want) at(ctx.el.sink, loc, `${decl.kind} '${decl.name}' takes ${want} argument${want === 1 ? '' : 's'}, ${given} given`);
}

/** The symbol an assignment target writes (its base name), or undefined. */
function targetSymbol(ctx: ExprContext, e: Expr): Sym | undefined {
  let base = e;
  while (base.kind === 'index' || base.kind === 'part') {
    if (base.kind === 'index') checkExpr(ctx, base.index);
    else { checkExpr(ctx, base.left); checkExpr(ctx, base.right); }
    base = base.base;
  }
  if (base.kind !== 'id' && base.kind !== 'member') return undefined;
  return lookupName(ctx, base);
}

export function checkTarget(ctx: ExprContext, e: Expr, kind: TargetKind): void {
  const { el } = ctx;
  if (e.kind === 'concat') {
    for (const p of e.parts) checkTarget(ctx, p, kind);
    return;
  }
  if (e.kind !== 'id' && e.kind !== 'member' && e.kind !== 'index' && e.kind !== 'part') {
    checkExpr(ctx, e);
    if (kind === 'output-arg' && e.kind !== 'number' && e.kind !== 'string' && e.kind !== 'real') return; // tolerated by every reference tool
    const what = kind === 'output-arg' ? 'a task output argument' : kind === 'port-output' ? 'an output port' : kind === 'gate-output' ? 'a gate output' : 'an assignment';
    at(el.sink, e.loc, `${what} must be connected to ${kind === 'continuous' || kind === 'gate-output' || kind === 'port-output' ? 'a net' : 'a variable'}, not '${printExpr(e)}'`);
    return;
  }
  if (e.kind === 'part') checkArrayRange(ctx, e);
  const sym = targetSymbol(ctx, e);
  if (!sym) return;
  const name = printExpr(e);
  const whole = e.kind === 'id' || e.kind === 'member';
  const continuous = kind === 'continuous' || kind === 'gate-output' || kind === 'port-output';
  switch (sym.kind) {
    case 'net':
      if (!continuous && kind !== 'force') at(el.sink, e.loc, `'${name}' is a net: procedural code can only assign variables (declare it reg)`);
      else if (whole && (sym.dims ?? 0) > 0) at(el.sink, e.loc, `'${name}' is an array: assign one element at a time`);
      return;
    case 'variable':
      if (continuous && sym.type !== 'logic' && sym.type !== 'bit') at(el.sink, e.loc, `'${name}' is a ${sym.type}: continuous assignments and outputs drive nets only (declare it wire)`);
      else if (sym.automatic && (kind === 'nonblocking' || kind === 'proc-assign' || kind === 'force')) {
        at(el.sink, e.loc, `'${name}' is an automatic variable: it cannot be the target of a ${kind === 'nonblocking' ? 'nonblocking assignment' : 'procedural continuous assignment'}`);
      } else if (!whole && kind === 'proc-assign' && ((sym.dims ?? 0) > 0 || !constantSelects(ctx, e))) {
        // 9.3.1: assign/deassign hold a whole variable; the reference tools accept a constant bit or
        // part select of a vector (and force of any select), never an array word or a select that moves.
        at(el.sink, e.loc, `'${name}': assign and deassign must name a whole variable or a constant bit or part select of one, not an array word or a select that varies`);
      } else if (whole && (sym.dims ?? 0) > 0) at(el.sink, e.loc, `'${name}' is an array: assign one element at a time`);
      return;
    case 'parameter': case 'localparam': case 'specparam':
      at(el.sink, e.loc, `'${name}' is a ${sym.kind} and cannot be assigned`);
      return;
    case 'genvar':
      at(el.sink, e.loc, `genvar '${name}' can only be assigned by a generate loop`);
      return;
    default:
      at(el.sink, e.loc, `'${name}' is a ${sym.kind === 'generate' ? 'generate block' : sym.kind} and cannot be assigned`);
  }
}
