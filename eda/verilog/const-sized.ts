/**
 * Constant expressions evaluated the way a simulator evaluates them (IEEE 1364-2005 5.4 bit
 * lengths, 5.5 signedness), for the bodies of constant functions: an expression's width is the
 * largest of its context-determined operands' widths and of the assignment target's; every
 * context-determined operand is converted to the expression's signedness (unsigned when any of
 * them is unsigned) and extended to that width before the operator applies, so `(a - b) >> 1`
 * of 8-bit values wraps, `~a` inverts the extended bits and a sum or product keeps only the
 * expression's width. Self-determined operands (shift amounts and exponents, conditions,
 * operands of reductions, logical operators and concatenations, comparison results, indexes,
 * function arguments) are sized on their own. Unsized numbers are 32 bits; `integer` is 32-bit
 * signed. An expression with a real operand is evaluated with the exact rules of const-eval.ts.
 */
import type { Expr } from './ast.ts';
import {
  ambiguous, binaryOp, ConstEvalError, constNumber, evalConst, evalOperator, merge, resize, truthy, unaryOp, unsignedBits,
  type ConstContext, type ConstEnv, type ConstValue, type ExprType,
} from './const-eval.ts';
import { parseVerilogNumber } from './numbers.ts';
import { contextWidthBinary, contextWidthUnary, leftWidthBinary } from './operators.ts';

type Operator = Expr & { kind: 'unary' | 'binary' | 'cond' };

/** Comparisons: both operands sized to the larger of the two; the result is one unsigned bit. */
const comparisons = new Set(['==', '!=', '===', '!==', '==?', '!=?', '<', '<=', '>', '>=']);

const oneBit: ExprType = { width: 1, signed: false, real: false };

/** `e` as a simulator computes it, widened to `targetWidth` (an assignment target's width) when that is larger. */
export function evalSized(e: Expr, env: ConstEnv, ctx: ConstContext, targetWidth = 0): ConstValue {
  const t = typeOf(e, env, ctx);
  if (t.real) return e.kind === 'unary' || e.kind === 'binary' || e.kind === 'cond' ? evalOperator(e, env, ctx) : evalConst(e, env, ctx);
  return evalIn(e, Math.max(t.width, targetWidth), t.signed, env, ctx);
}

/**
 * The evaluator for expressions sized together (9.5: a case expression and its item expressions):
 * each at the largest of their widths, unsigned unless all are signed.
 */
export function sizedTogether(es: Expr[], env: ConstEnv, ctx: ConstContext): (e: Expr) => ConstValue {
  const types = es.map((e) => typeOf(e, env, ctx));
  if (types.some((t) => t.real)) return (e) => evalConst(e, env, ctx);
  const width = Math.max(...types.map((t) => t.width));
  const signed = types.every((t) => t.signed);
  return (e) => evalIn(e, width, signed, env, ctx);
}

/** `e` evaluated in a context of `width` bits and the given signedness (5.5.2's propagation). */
// (No closures in here: under tsx every closure made per call costs a naming call, and this runs per operator.)
function evalIn(e: Expr, width: number, signed: boolean, env: ConstEnv, ctx: ConstContext): ConstValue {
  if (e.kind === 'unary' && contextWidthUnary.has(e.op)) return fit(unaryOp(e.op, evalIn(e.arg, width, signed, env, ctx), e), width, signed);
  if (e.kind === 'binary' && contextWidthBinary.has(e.op)) {
    const left = evalIn(e.left, width, signed, env, ctx);
    return fit(binaryOp(e.op, left, evalIn(e.right, width, signed, env, ctx), e), width, signed);
  }
  if (e.kind === 'binary' && leftWidthBinary.has(e.op)) {
    const left = evalIn(e.left, width, signed, env, ctx);
    return fit(binaryOp(e.op, left, evalSized(e.right, env, ctx), e), width, signed);
  }
  if (e.kind === 'cond') {
    const c = evalSized(e.cond, env, ctx);
    if (ambiguous(c)) return fit(merge(evalIn(e.then, width, signed, env, ctx), evalIn(e.else, width, signed, env, ctx)), width, signed);
    return evalIn(truthy(c) ? e.then : e.else, width, signed, env, ctx);
  }
  return fit(selfDetermined(e, env, ctx), width, signed);
}

/** `v` as an operand of the context: converted to its signedness first, then extended (5.5.2), so a signed operand of an unsigned expression extends with zeros. */
function fit(v: ConstValue, width: number, signed: boolean): ConstValue {
  if (v.real !== undefined) return resize(v, width, signed);
  // Already the context's type, held canonically (two's complement when signed, the bits when not).
  if (v.width === width && v.signed === signed && v.unknown === undefined && (signed ? v.value >= -(1n << BigInt(width - 1)) && v.value < 1n << BigInt(width - 1) : v.value >= 0n && v.value < 1n << BigInt(width))) return v;
  return resize({ ...bitsOf(normalized(v)), signed }, width, signed);
}

/** The value of an operand that its context does not size: a comparison, logical operator, reduction or primary. */
function selfDetermined(e: Expr, env: ConstEnv, ctx: ConstContext): ConstValue {
  if (e.kind === 'binary' && comparisons.has(e.op)) {
    const [l, r] = [typeOf(e.left, env, ctx), typeOf(e.right, env, ctx)];
    if (!l.real && !r.real) {
      const width = Math.max(l.width, r.width);
      const signed = l.signed && r.signed;
      const left = evalIn(e.left, width, signed, env, ctx);
      return binaryOp(e.op, left, evalIn(e.right, width, signed, env, ctx), e);
    }
  }
  return isOperator(e) ? evalOperator(e, env, ctx) : evalConst(e, env, ctx);
}

const isOperator = (e: Expr): e is Operator => e.kind === 'unary' || e.kind === 'binary' || e.kind === 'cond';

/**
 * Types found in one context: declarations fix every operand's type for as long as a context
 * lives (one constant function call, one parameter's evaluation), so a loop body is typed once.
 */
const typeCache = new WeakMap<ConstContext, WeakMap<Expr, ExprType>>();

/** The self-determined type of `e` (5.4.1 table 5-22, 5.5.1), found without calling functions or changing variables. */
export function typeOf(e: Expr, env: ConstEnv, ctx: ConstContext): ExprType {
  let known = typeCache.get(ctx);
  if (!known) typeCache.set(ctx, (known = new WeakMap()));
  const cached = known.get(e);
  if (cached) return cached;
  const t = findType(e, env, ctx);
  known.set(e, t);
  return t;
}

function findType(e: Expr, env: ConstEnv, ctx: ConstContext): ExprType {
  const of = (x: Expr) => typeOf(x, env, ctx);
  switch (e.kind) {
    case 'number': {
      const n = parseVerilogNumber(e.text);
      if (typeof n === 'string') throw new ConstEvalError(n, e);
      return { width: n.width, signed: n.signed, real: false };
    }
    case 'real':
      return { width: 64, signed: true, real: true };
    case 'id': {
      const v = env.get(e.name);
      return typeOfValue(v ?? evalConst(e, env, ctx));
    }
    case 'unary':
      return contextWidthUnary.has(e.op) ? of(e.arg) : oneBit;
    case 'binary': {
      if (contextWidthBinary.has(e.op)) return joined(of(e.left), of(e.right));
      if (!leftWidthBinary.has(e.op)) return oneBit;
      const left = of(e.left);
      return e.op === '**' && !left.real && of(e.right).real ? { ...left, real: true } : left;
    }
    case 'cond':
      return joined(of(e.then), of(e.else));
    case 'concat':
      return { width: e.parts.reduce((n, p) => n + of(p).width, 0), signed: false, real: false };
    case 'repeat': {
      const count = constNumber(evalConst(e.count, env, ctx), e.count, 'replication count');
      return { width: count * e.parts.reduce((n, p) => n + of(p).width, 0), signed: false, real: false };
    }
    case 'index':
      return ctx.elementType?.(e) ?? oneBit;
    case 'part': {
      const left = constNumber(evalConst(e.left, env, ctx), e.left, 'part select bound');
      const right = constNumber(evalConst(e.right, env, ctx), e.right, 'part select width');
      return { width: e.mode === ':' ? Math.abs(left - right) + 1 : right, signed: false, real: false };
    }
    case 'call': {
      if (e.system && (e.name === '$signed' || e.name === '$unsigned') && e.args[0]) return { ...of(e.args[0]), signed: e.name === '$signed' };
      const declared = e.system ? undefined : ctx.callType?.(e);
      return declared ?? typeOfValue(evalConst(e, env, ctx));
    }
    case 'mintypmax':
      return of(e.typ);
    case 'incdec':
      return of(e.target);
    default:
      return typeOfValue(evalConst(e, env, ctx));
  }
}

/** The value with its bits as an unsigned number of its width. */
const bitsOf = (v: ConstValue): ConstValue => ({ ...v, value: unsignedBits(v) });

function joined(a: ExprType, b: ExprType): ExprType {
  return { width: Math.max(a.width, b.width), signed: a.signed && b.signed, real: a.real || b.real };
}

function typeOfValue(v: ConstValue): ExprType {
  return v.real !== undefined ? { width: 64, signed: true, real: true } : { width: normalized(v).width, signed: v.signed, real: false };
}

/**
 * A value whose width holds it: parameters computed with the exact rules can carry more bits than
 * their width says (`1 << 40` is a 32-bit expression there); such a value counts as wide enough.
 */
function normalized(v: ConstValue): ConstValue {
  // Held as a two's complement number or as the raw bits of the width: it fits.
  if (v.real !== undefined || v.width < 1 || (v.value >= -(1n << BigInt(v.width - 1)) && v.value < 1n << BigInt(v.width))) return v;
  const magnitude = v.value < 0n ? -v.value - 1n : v.value;
  return { ...v, width: magnitude.toString(2).length + (v.value < 0n || v.signed ? 1 : 0) };
}
