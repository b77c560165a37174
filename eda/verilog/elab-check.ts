/**
 * The semantic checks of an elaborated design, scope by scope: continuous assignments, processes
 * (statements, timing controls, `always` blocks that never wait), function and task bodies
 * (IEEE 1364-2005 10.2-10.4), instances (check-instances.ts) and expressions
 * (check-expressions.ts). A module elaborated several times with the same parameters is checked
 * once.
 */
import type { EventExpr, Expr, Loc, ModuleItem, Stmt, TimingControl } from './ast.ts';
import { checkArgumentCount, checkExpr, checkSystemArgs, checkTarget, isReal, lookupName, subroutinePorts, type ExprContext } from './check-expressions.ts';
import { checkInstance } from './check-instances.ts';
import { at, type Elaborator } from './elaborate.ts';
import type { InstanceNode, Scope, Sym } from './elab-scope.ts';
import { knownSystemNames } from './system-tasks.ts';
import { printExpr } from './printer-expressions.ts';

interface StmtContext extends ExprContext {
  /** Inside a function body: no timing, no nonblocking assignments, no fork. */
  inFunction: boolean;
}

export function checkDesign(el: Elaborator): void {
  const checked = new Set<string>();
  const visit = (node: InstanceNode) => {
    const key = `${node.def.name} ${JSON.stringify(node.elaborated.parameters)}`;
    if (!checked.has(key)) {
      checked.add(key);
      checkScope(el, node.scope);
    }
    for (const sym of allInstances(node.scope)) visit(sym);
  };
  for (const top of el.design.tops) visit(top);
}

function* allInstances(scope: Scope): Generator<InstanceNode> {
  for (const sym of scope.symbols.values()) {
    if (sym.kind === 'instance') {
      if (sym.child) yield sym.child;
      for (const e of sym.elements?.values() ?? []) if (e && 'def' in e) yield e;
    } else if (sym.kind === 'generate') {
      if (sym.scope) yield* allInstances(sym.scope);
      for (const e of sym.elements?.values() ?? []) if (e && !('def' in e)) yield* allInstances(e);
    }
  }
}

function checkScope(el: Elaborator, scope: Scope): void {
  const ctx: StmtContext = { el, scope, inFunction: false };
  for (const item of scope.items) checkItem(ctx, item);
  for (const sym of scope.symbols.values()) {
    if (sym.kind !== 'generate') continue;
    if (sym.scope) checkScope(el, sym.scope);
    for (const e of sym.elements?.values() ?? []) if (e && !('def' in e)) checkScope(el, e);
  }
}

function checkItem(ctx: StmtContext, item: ModuleItem): void {
  const { el, scope } = ctx;
  switch (item.kind) {
    case 'net-decl':
      for (const d of item.declarators) checkExpr(ctx, d.init);
      return;
    case 'assign':
      for (const a of item.assignments) {
        checkTarget(ctx, a.lhs, 'continuous');
        checkExpr(ctx, a.rhs);
      }
      return;
    case 'process':
      checkStmt({ ...ctx, procedural: true }, item.body);
      if (item.process === 'always' && !mayWait(ctx, item.body, new Set())) {
        at(el.sink, item.loc, 'this always block has no timing control (#, @ or wait): it would loop forever at time 0');
      }
      if (item.process === 'always_comb' || item.process === 'always_latch' || item.process === 'always_ff') checkSvAlwaysTiming(ctx, item.process, item.body);
      return;
    case 'instance':
      checkInstance(ctx, item);
      return;
    case 'function':
    case 'task': {
      const inner = scope.nested.get(item) ?? scope;
      const sub: StmtContext = { el, scope: inner, inFunction: item.kind === 'function', fn: item.kind === 'function' ? item : undefined, procedural: true };
      for (const i of item.items) if (i.kind === 'net-decl') for (const d of i.declarators) checkExpr(sub, d.init);
      checkStmt(sub, item.body);
      return;
    }
    default:
      return;
  }
}

function checkStmt(ctx: StmtContext, s: Stmt | undefined): void {
  if (!s) return;
  const { el } = ctx;
  switch (s.kind) {
    case 'null':
      return;
    case 'block': {
      if (s.fork && ctx.inFunction) at(el.sink, s.loc, 'a function cannot contain fork-join');
      const inner: StmtContext = { ...ctx, scope: ctx.scope.nested.get(s) ?? ctx.scope };
      for (const d of s.decls) if (d.kind === 'net-decl') for (const x of d.declarators) checkExpr(inner, x.init);
      for (const b of s.body) checkStmt(inner, b);
      return;
    }
    case 'assign':
      if (ctx.inFunction && s.nonblocking) at(el.sink, s.loc, 'a function cannot contain nonblocking assignments');
      if (ctx.inFunction && s.control) at(el.sink, s.loc, 'a function cannot contain timing controls');
      checkTarget(ctx, s.lhs, s.nonblocking ? 'nonblocking' : 'procedural');
      checkExpr(ctx, s.rhs);
      if (s.control) checkTiming(ctx, s.control, s.nonblocking);
      return;
    case 'if':
      checkExpr(ctx, s.cond);
      checkStmt(ctx, s.then);
      checkStmt(ctx, s.else);
      return;
    case 'case': {
      checkExpr(ctx, s.expr);
      const defaults = s.items.filter((it) => it.labels.length === 0);
      if (defaults.length > 1) at(el.sink, defaults[1].body.loc, 'a case statement can have only one default item');
      for (const it of s.items) {
        for (const l of it.labels) checkExpr(ctx, l);
        checkStmt(ctx, it.body);
      }
      return;
    }
    case 'for':
      checkStmt(ctx, s.init);
      checkExpr(ctx, s.cond);
      checkStmt(ctx, s.step);
      checkStmt(ctx, s.body);
      return;
    case 'while':
      checkExpr(ctx, s.cond);
      checkStmt(ctx, s.body);
      return;
    case 'repeat':
      checkExpr(ctx, s.count);
      checkStmt(ctx, s.body);
      return;
    case 'forever':
      checkStmt(ctx, s.body);
      return;
    case 'wait': {
      if (ctx.inFunction) at(el.sink, s.loc, 'a function cannot contain wait statements');
      checkExpr(ctx, s.cond);
      checkStmt(ctx, s.body);
      return;
    }
    case 'timed':
      if (ctx.inFunction) at(el.sink, s.loc, 'a function cannot contain timing controls');
      checkTiming(ctx, s.control);
      checkStmt(ctx, s.body);
      return;
    case 'trigger': {
      const sym = lookupName(ctx, s.target);
      if (sym && sym.kind !== 'event') at(el.sink, s.target.loc, `'${sym.name}' is not an event: only named events can be triggered with ->`);
      return;
    }
    case 'call':
      checkTaskEnable(ctx, s);
      return;
    case 'disable': {
      const sym = lookupName(ctx, s.target);
      if (sym && sym.kind !== 'block' && sym.kind !== 'task') at(el.sink, s.target.loc, `'${sym.name}' is a ${sym.kind}: only named blocks and tasks can be disabled`);
      return;
    }
    case 'procedural':
      checkTarget(ctx, s.lhs, s.op === 'assign' || s.op === 'deassign' ? 'proc-assign' : 'force');
      checkExpr(ctx, s.rhs);
      // 9.3: the right side stays in force after the statement, so it cannot read automatic variables.
      for (const id of s.rhs ? plainIdentifiers(s.rhs) : []) {
        const sym = ctx.scope.lookup(id.name);
        if (sym?.automatic && sym.kind === 'variable') at(el.sink, id.loc, `'${id.name}' is an automatic variable: a procedural continuous assignment cannot read it`);
      }
      return;
  }
}

/**
 * IEEE 1800-2017 9.2.2.2-9.2.2.4: always_comb and always_latch contain no timing or event control
 * and no wait; always_ff has exactly one event control, at its start, and no other.
 */
function checkSvAlwaysTiming(ctx: StmtContext, process: string, body: Stmt): void {
  const start = process === 'always_ff' && body.kind === 'timed' && body.control.kind !== 'delay' ? body.body : body;
  if (process === 'always_ff' && start === body) { at(ctx.el.sink, body.loc, 'always_ff must start with an event control (@)'); return; }
  const found = firstTimingControl(start);
  if (found) at(ctx.el.sink, found.loc, `${process} cannot contain ${process === 'always_ff' ? 'a second timing control' : 'timing controls (#, @ or wait)'}`);
}

/** The first statement with a delay, event control or wait in `s` (not looking into called tasks). */
function firstTimingControl(v: unknown): { loc: Loc } | undefined {
  if (Array.isArray(v)) {
    for (const x of v) { const f = firstTimingControl(x); if (f) return f; }
    return undefined;
  }
  if (!v || typeof v !== 'object') return undefined;
  const node = v as { kind?: string; control?: unknown; loc?: Loc } & Record<string, unknown>;
  if ((node.kind === 'timed' || node.kind === 'wait' || (node.kind === 'assign' && node.control)) && node.loc) return { loc: node.loc };
  for (const [k, x] of Object.entries(node)) {
    if (k === 'loc' || k === 'attrs') continue;
    const f = firstTimingControl(x);
    if (f) return f;
  }
  return undefined;
}

/** `ofNonblocking`: the intra-assignment control of a nonblocking assignment. */
function checkTiming(ctx: StmtContext, t: TimingControl, ofNonblocking = false): void {
  if (t.kind === 'delay') { for (const v of t.values) checkExpr(ctx, v); return; }
  if (t.kind === 'repeat-event') checkExpr(ctx, t.count);
  if (t.events !== '*') for (const ev of t.events) checkEvent(ctx, ev, ofNonblocking);
}

function checkEvent(ctx: StmtContext, ev: EventExpr, ofNonblocking: boolean): void {
  checkExpr(ctx, ev.expr, true);
  if (ev.expr.kind === 'id' || ev.expr.kind === 'member') {
    const sym = lookupName(ctx, ev.expr, false);
    // 10.2.1 forbids automatic variables only in intra-assignment event controls of nonblocking
    // assignments (the assignment may happen after the task returned); `@(v)` inside the task is fine.
    if (sym?.automatic && ofNonblocking) at(ctx.el.sink, ev.expr.loc, `'${sym.name}' is an automatic variable: it cannot be used in the event control of a nonblocking assignment`);
    if (sym?.kind === 'event' && ev.edge) at(ctx.el.sink, ev.expr.loc, `${ev.edge} of the event '${sym.name}'`);
  }
  if (ev.edge && isReal(ctx, ev.expr)) at(ctx.el.sink, ev.expr.loc, `${ev.edge} of a real value`);
}

function checkTaskEnable(ctx: StmtContext, s: Stmt & { kind: 'call' }): void {
  const { el } = ctx;
  if (s.target.kind === 'number' || s.target.kind === 'real' || s.target.kind === 'string') {
    at(el.sink, s.target.loc, `'${printExpr(s.target)}' is not a statement (a task enable needs a task name)`);
    return;
  }
  if (s.system) {
    const name = s.target.kind === 'id' ? s.target.name : '';
    checkSystemArgs(ctx, name, s.args);
    if (!knownSystemNames.has(name)) el.sink.warning(s.loc.file, s.loc.line, s.loc.col, `unknown system task '${name}'`);
    return;
  }
  const sym = s.target.kind === 'id' ? ctx.scope.lookup(s.target.name) ?? ctx.scope.lookupSubroutine(s.target.name) : lookupName(ctx, s.target);
  if (!sym) {
    if (s.target.kind === 'id') at(el.sink, s.target.loc, `unknown task '${s.target.name}'`);
    for (const a of s.args) checkExpr(ctx, a);
    return;
  }
  if (sym.kind !== 'task' || !sym.decl) {
    at(el.sink, s.target.loc, sym.kind === 'function' ? `'${sym.name}' is a function: its value must be used (it cannot be enabled like a task)` : `'${sym.name}' is not a task`);
    for (const a of s.args) checkExpr(ctx, a);
    return;
  }
  if (ctx.inFunction) el.sink.warning(s.loc.file, s.loc.line, s.loc.col, `function enables task '${sym.name}' (the standard forbids it; simulators accept it)`);
  checkArgumentCount(ctx, sym.decl, s.args.length, s.loc);
  const directions = subroutinePorts(sym.decl);
  s.args.forEach((a, k) => {
    if (!a) return;
    if (directions[k] === 'output' || directions[k] === 'inout') checkTarget(ctx, a, 'output-arg');
    else checkExpr(ctx, a);
  });
}

/** Can this statement wait (#, @, wait, or a task that may)? Unknown tasks count as waiting. */
function mayWait(ctx: StmtContext, s: Stmt | undefined, seen: Set<Sym>): boolean {
  if (!s) return false;
  switch (s.kind) {
    case 'timed': case 'wait': return true;
    // `x <= #1 y` schedules the update and goes on: only a blocking assignment's control waits.
    case 'assign': return s.control !== undefined && !s.nonblocking;
    case 'block': return s.body.some((b) => mayWait({ ...ctx, scope: ctx.scope.nested.get(s) ?? ctx.scope }, b, seen));
    case 'if': return mayWait(ctx, s.then, seen) || mayWait(ctx, s.else, seen);
    case 'case': return s.items.some((it) => mayWait(ctx, it.body, seen));
    case 'for': case 'while': case 'repeat': case 'forever': return mayWait(ctx, s.body, seen);
    case 'call': {
      if (s.system) return false;
      const sym = s.target.kind === 'id' ? ctx.scope.lookup(s.target.name) ?? ctx.scope.lookupSubroutine(s.target.name) : undefined;
      if (!sym || sym.kind !== 'task' || !sym.decl) return true;
      if (seen.has(sym)) return false;
      seen.add(sym);
      return mayWait({ ...ctx, scope: sym.scope ?? ctx.scope }, sym.decl.body, seen);
    }
    default: return false;
  }
}

/** Every simple name an expression reads (not the names of called functions). */
function plainIdentifiers(e: Expr): { name: string; loc: Loc }[] {
  const out: { name: string; loc: Loc }[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) { x.forEach(walk); return; }
    if (typeof x !== 'object' || x === null) return;
    const node = x as { kind?: string; name?: string; loc?: Loc };
    if (node.kind === 'id' && node.name !== undefined && node.loc) { out.push({ name: node.name, loc: node.loc }); return; }
    for (const [k, v] of Object.entries(x)) if (k !== 'loc') walk(v);
  };
  walk(e);
  return out;
}
