/**
 * Constant functions (IEEE 1364-2005 10.4.5): user functions called in constant expressions are
 * run by this small interpreter over their syntax tree. Loops and recursion are bounded (a clear
 * error instead of a hang); anything a constant function may not do (timing, tasks, reading
 * variables outside it) is an error at the call.
 */
import type { DataType, Expr, ModuleItem, Stmt } from './ast.ts';
import {
  ConstEvalError, constNumber, evalConst, mask, realValue, resize, unsignedBits, type ConstContext, type ConstEnv, type ConstValue, type ExprType,
} from './const-eval.ts';
import { evalSized, sizedTogether } from './const-sized.ts';
import type { StepBudget } from './step-budget.ts';

export type FunctionDecl = ModuleItem & { kind: 'function' };

/** Deepest recursion and most statements one top-level constant call may run. */
export const maxConstRecursion = 200;
export const maxConstSteps = 2_000_000;

interface Local { value: ConstValue; width: number; signed: boolean; real: boolean }
/** A local array (one dimension): its elements, x until written. */
interface LocalArray { low: number; high: number; element: Omit<Local, 'value'>; values: Map<number, ConstValue> }

export interface ConstFunctionHost {
  /** The function a name calls from inside `from` (or the module). */
  find(name: string): FunctionDecl | undefined;
  /** Parameters visible in the function's scope. */
  env: ConstEnv;
  /** Widths of declared objects, for $bits. */
  widthOf?: (e: Expr) => number | undefined;
  /** The elaboration's step budget: every statement run counts. */
  budget?: StepBudget;
}

class Disable { constructor(readonly name: string) {} }

/** Calls `fn` with `args` at `call`; errors inside become one error at the call. */
export function callConstFunction(fn: FunctionDecl, args: ConstValue[], call: Expr, host: ConstFunctionHost): ConstValue {
  const state = { depth: 0, steps: 0 };
  try {
    return run(fn, args, call, host, state);
  } catch (err) {
    if (err instanceof RangeError) throw new ConstEvalError(`constant function '${fn.name}' recurses too deeply`, call);
    if (!(err instanceof ConstEvalError)) throw err;
    if (err.expr === call || err.message.startsWith('constant function')) throw new ConstEvalError(err.message, call);
    const where = err.expr.loc.line > 0 ? ` (line ${err.expr.loc.line})` : '';
    throw new ConstEvalError(`constant function '${fn.name}' cannot be evaluated: ${err.message}${where}`, call);
  }
}

function inputsOf(fn: FunctionDecl): ModuleItem[] {
  const ports = fn.ports.length > 0 ? fn.ports : fn.items.filter((i) => i.kind === 'port-decl');
  return ports;
}

/** The declared types of a function's inputs, in order. */
export function inputTypes(fn: FunctionDecl, env: ConstEnv, ctx: ConstContext): ExprType[] {
  return inputsOf(fn).flatMap((p) => (p.kind === 'port-decl' ? p.declarators.map(() => declaredType(p.dataType.type, p.dataType.range, p.dataType.signed, env, ctx)) : []));
}

function run(fn: FunctionDecl, args: ConstValue[], call: Expr, host: ConstFunctionHost, state: { depth: number; steps: number }): ConstValue {
  if (++state.depth > maxConstRecursion) throw new ConstEvalError(`constant function '${fn.name}' recurses more than ${maxConstRecursion} levels deep`, call);
  const locals = new Map<string, Local>();
  const arrays = new Map<string, LocalArray>();
  const module = host.env;
  const env: ConstEnv = { get: (name) => locals.get(name)?.value ?? module.get(name) };
  /** The array element `e` names (`mem[i]`), or undefined when `e` is not one. */
  const elementOf = (e: Expr): { array: LocalArray; index: number } | undefined => {
    if (e.kind !== 'index' || e.base.kind !== 'id') return undefined;
    const array = arrays.get(e.base.name);
    return array && { array, index: constNumber(evalConst(e.index, env, ctx), e.index, 'index') };
  };
  const elementValue = (array: LocalArray, index: number): ConstValue =>
    array.values.get(index) ?? (array.element.real ? realValue(0) : { value: 0n, width: array.element.width, signed: array.element.signed, unknown: mask(array.element.width) });
  const ctx: ConstContext = {
    arrayElement: (e) => {
      const at = elementOf(e);
      return at && elementValue(at.array, at.index);
    },
    widthOf: (e) => (e.kind === 'id' && locals.has(e.name) ? locals.get(e.name)!.width : host.widthOf?.(e)),
    callFunction: (c, a) => {
      const callee = host.find(c.name);
      return callee ? run(callee, a, c, host, state) : undefined;
    },
    incdec: (e) => {
      const target = freeze(e.target);
      const old = evalConst(target, env, ctx);
      store(target, evalSized({ kind: 'binary', op: e.op === '++' ? '+' : '-', left: target, right: { kind: 'number', text: '1', loc: e.loc }, loc: e.loc }, env, ctx, targetWidth(target)));
      return e.prefix ? evalConst(target, env, ctx) : old;
    },
    // Operators are sized as a simulator sizes them (const-sized.ts), not exact as in parameters.
    operators: (e) => evalSized(e, env, ctx),
    callType: (c) => {
      const callee = host.find(c.name);
      return callee && declaredType(callee.returnType.type, callee.returnType.range, callee.returnType.signed, host.env, ctx);
    },
    callArgument: (c, k, a) => {
      const callee = host.find(c.name);
      return evalSized(a, env, ctx, callee ? inputTypes(callee, host.env, ctx)[k]?.width : 0);
    },
    elementType: (e) => {
      const array = e.base.kind === 'id' ? arrays.get(e.base.name) : undefined;
      return array && { width: array.element.width, signed: array.element.signed, real: array.element.real };
    },
  };
  /** `target` with its indexes and part-select bounds evaluated now, left to right, so they run once. */
  const freeze = (target: Expr): Expr => {
    const now = (x: Expr): Expr => literal(evalConst(x, env, ctx), x);
    switch (target.kind) {
      case 'index': { const base = freeze(target.base); return { ...target, base, index: now(target.index) }; }
      case 'part': { const base = freeze(target.base); const left = now(target.left); return { ...target, base, left, right: now(target.right) }; }
      case 'concat': return { ...target, parts: target.parts.map(freeze) };
      default: return target;
    }
  };
  const declare = (name: string, type: string | undefined, range: { msb: Expr; lsb: Expr } | undefined, signed: boolean, t?: DataType) => {
    const { width, signed: isSigned, real: isReal } = declaredType(type, range, signed, env, ctx);
    const real = isReal || t?.real === true;
    // Variables start at x; iverilog's two-state `reg bool` starts at 0.
    const initial: ConstValue = real ? realValue(0) : t?.regKind === 'bool' ? { value: 0n, width, signed: isSigned } : { value: 0n, width, signed: isSigned, unknown: mask(width) };
    locals.set(name, { value: initial, width, signed: isSigned, real });
  };
  const rt = fn.returnType;
  declare(fn.name, rt.type, rt.range, rt.signed);
  const inputs: string[] = [];
  for (const p of inputsOf(fn)) {
    if (p.kind !== 'port-decl') continue;
    for (const d of p.declarators) {
      declare(d.name, p.dataType.type, p.dataType.range, p.dataType.signed);
      inputs.push(d.name);
    }
  }
  if (args.length !== inputs.length) throw new ConstEvalError(`function '${fn.name}' takes ${inputs.length} argument${inputs.length === 1 ? '' : 's'}, ${args.length} given`, call);
  inputs.forEach((name, k) => assignLocal(locals.get(name)!, args[k]));
  const declareItems = (items: ModuleItem[]) => {
    for (const i of items) {
      if (i.kind !== 'net-decl') continue;
      for (const d of i.declarators) {
        if (d.dims.length > 1) throw new ConstEvalError(`arrays of more than one dimension ('${d.name}') are not supported in constant functions`, call);
        declare(d.name, i.dataType.type, i.dataType.range, i.dataType.signed, i.dataType);
        if (d.dims.length === 1) {
          const { value: _, ...element } = locals.get(d.name)!;
          locals.delete(d.name);
          const [a, b] = [d.dims[0].msb, d.dims[0].lsb].map((x) => constNumber(evalConst(x, env, ctx), x, 'array bound'));
          // A dynamic array has no elements until sized: reads give the default, writes are lost.
          arrays.set(d.name, d.dims[0].dynamic ? { low: 0, high: -1, element, values: new Map() } : { low: Math.min(a, b), high: Math.max(a, b), element, values: new Map() });
          continue;
        }
        if (d.init) assignLocal(locals.get(d.name)!, evalSized(d.init, env, ctx, locals.get(d.name)!.width));
      }
    }
  };
  declareItems(fn.items);

  const exec = (s: Stmt): void => {
    host.budget?.spend(1, s.loc);
    if (++state.steps > maxConstSteps) throw new ConstEvalError(`constant function '${fn.name}' runs more than ${maxConstSteps} steps`, call);
    switch (s.kind) {
      case 'null':
        return;
      case 'block':
        if (s.fork) throw new ConstEvalError('fork-join is not allowed in a constant function', call);
        declareItems(s.decls);
        try {
          for (const b of s.body) exec(b);
        } catch (d) {
          if (d instanceof Disable && d.name === s.name) return;
          throw d;
        }
        return;
      case 'assign':
        if (s.nonblocking || s.control) throw new ConstEvalError('a constant function may only use blocking assignments without timing', call);
        if (s.compound && s.rhs.kind === 'binary') {
          // `x[i++] += v`: the target's selects first and once, then the value (IEEE 1800-2017 11.4.1).
          const target = freeze(s.lhs);
          store(target, evalSized({ ...s.rhs, left: target }, env, ctx, targetWidth(target)));
          return;
        }
        // `x[i] = v`: the value first, then the target's selects (9.2.1).
        store(s.lhs, evalSized(s.rhs, env, ctx, targetWidth(s.lhs)));
        return;
      case 'if':
        if (truth(evalConst(s.cond, env, ctx))) exec(s.then);
        else if (s.else) exec(s.else);
        return;
      case 'case': {
        const sized = sizedTogether([s.expr, ...s.items.flatMap((it) => it.labels)], env, ctx);
        const v = sized(s.expr);
        const arm = s.items.find((it) => it.labels.some((l) => caseMatch(s.caseKind, v, sized(l))))
          ?? s.items.find((it) => it.labels.length === 0);
        if (arm) exec(arm.body);
        return;
      }
      case 'for':
        for (exec(s.init); truth(evalConst(s.cond, env, ctx)); exec(s.step)) exec(s.body);
        return;
      case 'while':
        while (truth(evalConst(s.cond, env, ctx))) exec(s.body);
        return;
      case 'repeat': {
        const n = constNumber(evalConst(s.count, env, ctx), s.count, 'repeat count');
        for (let k = 0; k < n; k++) exec(s.body);
        return;
      }
      case 'forever':
        for (;;) exec(s.body);
      case 'disable': {
        const name = s.target.kind === 'id' ? s.target.name : '';
        throw new Disable(name);
      }
      case 'call':
        if (s.system) return; // $display and the like do nothing while elaborating
        throw new ConstEvalError('a constant function may not enable a task', call);
      default:
        throw new ConstEvalError(`${s.kind === 'timed' || s.kind === 'wait' ? 'timing controls are' : `'${s.kind}' statements are`} not allowed in a constant function`, call);
    }
  };

  const store = (lhs: Expr, value: ConstValue): void => {
    if (lhs.kind === 'concat') {
      let offset = 0;
      const widths = lhs.parts.map((p) => targetWidth(p));
      const total = widths.reduce((a, b) => a + b, 0);
      const bits = resize(value, total, false);
      for (let k = lhs.parts.length - 1; k >= 0; k--) {
        store(lhs.parts[k], slice(bits, offset, widths[k]));
        offset += widths[k];
      }
      return;
    }
    const whole = elementOf(lhs);
    if (whole) {
      // A write outside the array's bounds is lost, as 1364-2005 5.2.1 says.
      if (whole.index < whole.array.low || whole.index > whole.array.high) return;
      const local: Local = { ...whole.array.element, value: value };
      assignLocal(local, value);
      whole.array.values.set(whole.index, local.value);
      return;
    }
    const inElement = (lhs.kind === 'index' || lhs.kind === 'part') ? elementOf(lhs.base) : undefined;
    const name = lhs.kind === 'id' ? lhs.name : (lhs.kind === 'index' || lhs.kind === 'part') && lhs.base.kind === 'id' ? lhs.base.name : undefined;
    const local = inElement ? { ...inElement.array.element, value: elementValue(inElement.array, inElement.index) } : name === undefined ? undefined : locals.get(name);
    if (!local) throw new ConstEvalError(`a constant function may only assign its own variables ('${printTarget(lhs)}')`, lhs);
    if (lhs.kind === 'id') { assignLocal(local, value); return; }
    if (inElement) {
      storeBits(local, lhs, value);
      if (inElement.index >= inElement.array.low && inElement.index <= inElement.array.high) inElement.array.values.set(inElement.index, local.value);
      return;
    }
    storeBits(local, lhs, value);
  };
  /** Writes `value` into the bits of `local` that the select `lhs` names. */
  const storeBits = (local: Local, lhs: Expr, value: ConstValue): void => {
    const [lsb, width] = selectBounds(lhs);
    const m = mask(width) << BigInt(lsb);
    const cur = resize(local.value, local.width, false);
    const part = resize(value, width, false);
    const v = (cur.value & ~m) | ((part.value << BigInt(lsb)) & m);
    const u = ((cur.unknown ?? 0n) & ~m) | (((part.unknown ?? 0n) << BigInt(lsb)) & m);
    assignLocal(local, u ? { value: v, width: local.width, signed: false, unknown: u } : { value: v, width: local.width, signed: false });
  };
  const selectBounds = (lhs: Expr): [number, number] => {
    if (lhs.kind === 'index') return [constNumber(evalConst(lhs.index, env, ctx), lhs.index, 'index'), 1];
    if (lhs.kind !== 'part') return [0, 1];
    const l = constNumber(evalConst(lhs.left, env, ctx), lhs.left, 'part select bound');
    const r = constNumber(evalConst(lhs.right, env, ctx), lhs.right, 'part select width');
    return lhs.mode === ':' ? [Math.min(l, r), Math.abs(l - r) + 1] : lhs.mode === '+:' ? [l, r] : [l - r + 1, r];
  };
  const targetWidth = (e: Expr): number => {
    if (e.kind === 'id') return locals.get(e.name)?.width ?? 1;
    if (e.kind === 'index' && e.base.kind === 'id' && arrays.has(e.base.name)) return arrays.get(e.base.name)!.element.width;
    if (e.kind === 'concat') return e.parts.reduce((n, p) => n + targetWidth(p), 0);
    return selectBounds(e)[1];
  };

  try {
    exec(fn.body);
  } catch (d) {
    // `disable f;` inside function f returns from it.
    if (!(d instanceof Disable && d.name === fn.name)) throw d;
  }
  state.depth--;
  return locals.get(fn.name)!.value;
}

/** A constant value as an expression that evaluates to it (a sized binary number, or a real). */
function literal(v: ConstValue, at: Expr): Expr {
  if (v.real !== undefined) return { kind: 'real', text: String(v.real), loc: at.loc };
  const width = Math.max(1, v.width);
  const bits = unsignedBits(v);
  const unknown = v.unknown ?? 0n;
  let text = '';
  for (let k = width - 1; k >= 0; k--) {
    const b = BigInt(k);
    text += (unknown >> b) & 1n ? ((bits >> b) & 1n ? 'z' : 'x') : (bits >> b) & 1n ? '1' : '0';
  }
  return { kind: 'number', text: `${width}'${v.signed ? 's' : ''}b${text}`, loc: at.loc };
}

/** The width and signedness a declaration gives (`integer`: 32-bit signed; no range: one bit). */
export function declaredType(type: string | undefined, range: { msb: Expr; lsb: Expr } | undefined, signed: boolean, env: ConstEnv, ctx: ConstContext): ExprType {
  const real = type === 'real' || type === 'realtime';
  let width = type === 'integer' ? 32 : type === 'time' ? 64 : real ? 64 : 1;
  if (range) width = Math.abs(constNumber(evalConst(range.msb, env, ctx), range.msb) - constNumber(evalConst(range.lsb, env, ctx), range.lsb)) + 1;
  return { width, signed: signed || type === 'integer', real };
}

function assignLocal(local: Local, v: ConstValue): void {
  local.value = local.real ? realValue(v.real ?? Number(v.value)) : resize(v, local.width, local.signed);
}

function slice(v: ConstValue, lsb: number, width: number): ConstValue {
  const value = (unsignedBits(v) >> BigInt(lsb)) & mask(width);
  const unknown = ((v.unknown ?? 0n) >> BigInt(lsb)) & mask(width);
  return unknown ? { value, width, signed: false, unknown } : { value, width, signed: false };
}

function truth(v: ConstValue): boolean {
  return v.real !== undefined ? v.real !== 0 : (unsignedBits(v) & ~(v.unknown ?? 0n)) !== 0n;
}

/** case/casez/casex matching: z (casez) or x and z (casex) bits in either value are don't-cares. */
function caseMatch(kind: 'case' | 'casez' | 'casex', a: ConstValue, b: ConstValue): boolean {
  if (a.real !== undefined || b.real !== undefined) return (a.real ?? Number(a.value)) === (b.real ?? Number(b.value));
  const width = Math.max(a.width, b.width);
  const x = resize(a, width, false);
  const y = resize(b, width, false);
  const xu = x.unknown ?? 0n;
  const yu = y.unknown ?? 0n;
  let care = mask(width);
  if (kind === 'casez') care &= ~((xu & x.value) | (yu & y.value));
  if (kind === 'casex') care &= ~(xu | yu);
  return (x.value & care) === (y.value & care) && (xu & care) === (yu & care);
}

function printTarget(e: Expr): string {
  return e.kind === 'id' ? e.name : e.kind === 'index' || e.kind === 'part' ? printTarget(e.base) : e.kind;
}
