/**
 * Constant expression evaluation for elaboration: parameters, ranges, generate conditions and
 * loop bounds, constant function bodies. Values are four-state integers (x and z bits kept) or
 * reals, with a width and signedness; strings are integers of 8 bits per character that remember
 * their text. Integer arithmetic here is exact (no wrap-around), which is what untyped parameter
 * arithmetic means in practice (iverilog's default lossless evaluation); a context that sets
 * `ConstContext.operators` (constant function bodies, parameters of declared width) sizes operator
 * expressions as a simulator does instead (const-sized.ts). Problems are thrown as ConstEvalError
 * (never anything else) for the caller to report.
 */
import type { Expr } from './ast.ts';
import { bitsToBigInt, parseVerilogNumber } from './numbers.ts';
import { callConstSystemFunction } from './const-system-functions.ts';

export interface ConstValue {
  /** The value; for bits listed in `unknown`, a 1 here means z and a 0 means x. */
  value: bigint;
  width: number;
  signed: boolean;
  /** Bits that are x or z (none when absent). */
  unknown?: bigint;
  /** Present for real values (`value` then holds the value rounded to an integer). */
  real?: number;
  /** The text of a string literal (its bits are in `value`). */
  text?: string;
}

/** Where constant names are looked up (a Map will do). */
export interface ConstEnv {
  get(name: string): ConstValue | undefined;
}

/** Lets constant expressions call user functions and ask the width of declared objects ($bits). */
export interface ConstContext {
  callFunction?: (call: Expr & { kind: 'call' }, args: ConstValue[]) => ConstValue | undefined;
  widthOf?: (e: Expr) => number | undefined;
  /** An element of an array (`mem[i]`) the caller holds, e.g. a constant function's local array. */
  arrayElement?: (e: Expr & { kind: 'index' }) => ConstValue | undefined;
  /** Runs `i++`/`--i` on a variable the caller holds (a constant function's); its value. */
  incdec?: (e: Expr & { kind: 'incdec' }) => ConstValue;
  /** Evaluates operator expressions instead of the exact rules (const-sized.ts's sized ones). */
  operators?: (e: Expr & { kind: 'unary' | 'binary' | 'cond' }) => ConstValue;
  /** Evaluates argument `k` of a user function call (sized to its input's width, as an assignment is). */
  callArgument?: (call: Expr & { kind: 'call' }, k: number, arg: Expr) => ConstValue;
  /** The declared result type of a user function call, without calling it. */
  callType?: (call: Expr & { kind: 'call' }) => ExprType | undefined;
  /** The declared type of an element of an array the caller holds (`mem[i]`), without reading it. */
  elementType?: (e: Expr & { kind: 'index' }) => ExprType | undefined;
}

/** An expression's bit length and signedness (IEEE 1364-2005 5.4, 5.5), or real. */
export interface ExprType { width: number; signed: boolean; real: boolean }

export class ConstEvalError extends Error {
  constructor(message: string, readonly expr: Expr) {
    super(message);
  }
}

export const mask = (width: number): bigint => (1n << BigInt(width)) - 1n;
export const int = (value: bigint, width = 32, signed = true): ConstValue => ({ value, width, signed });
export const realValue = (r: number): ConstValue => ({ value: Number.isFinite(r) ? BigInt(Math.round(r)) : 0n, width: 64, signed: true, real: r });
const allX = (width: number, signed = false): ConstValue => ({ value: 0n, width, signed, unknown: mask(width) });
export const hasUnknown = (v: ConstValue) => v.unknown !== undefined && v.unknown !== 0n;

/** $clog2(n): the number of address bits for n items (0 for n <= 1). */
export function clog2(n: bigint): bigint {
  if (n <= 1n) return 0n;
  return BigInt((n - 1n).toString(2).length);
}

/** A value as a real number (integers converted, x/z bits as 0). */
export function toReal(v: ConstValue): number {
  return v.real ?? Number(v.value);
}

/** The value's bits as an unsigned integer of its width. */
export function unsignedBits(v: ConstValue): bigint {
  return v.value & mask(v.width);
}

/** A value as a plain number for a range, index or count; x/z bits and reals are errors. */
export function constNumber(v: ConstValue, e: Expr, what = 'value'): number {
  if (hasUnknown(v)) throw new ConstEvalError(`${what} '${describeExpr(e)}' has x or z bits`, e);
  return v.real !== undefined ? Math.round(v.real) : Number(v.value);
}

function describeExpr(e: Expr): string {
  return e.kind === 'number' || e.kind === 'real' ? e.text : e.kind === 'id' ? e.name : 'expression';
}

/** Resizes to `width` bits, sign-extending or truncating; reals are converted (rounded) first. */
export function resize(v: ConstValue, width: number, signed: boolean): ConstValue {
  const m = mask(width);
  // An infinite or NaN real has no integer value: every bit x (as iverilog makes it).
  if (v.real !== undefined && !Number.isFinite(v.real)) return { value: 0n, width, signed, unknown: m };
  let value = (v.real !== undefined ? BigInt(Math.round(v.real)) : v.value) & m;
  let unknown = v.unknown === undefined ? undefined : v.unknown & m;
  if (v.real === undefined && width > v.width) {
    // Extend (5.4.1): a signed value by its sign bit (x/z when that bit is x/z), an unsigned one by zeros.
    const top = BigInt(v.width - 1);
    const ext = m & ~mask(v.width);
    if (v.signed && v.unknown !== undefined && (v.unknown >> top) & 1n) {
      unknown = (unknown ?? 0n) | ext;
      if ((v.value >> top) & 1n) value |= ext;
      else value &= ~ext;
    } else if (v.signed && (v.value >> top) & 1n) value |= ext;
  }
  if (signed && width > 0 && (value >> BigInt(width - 1)) & 1n && !(unknown && (unknown >> BigInt(width - 1)) & 1n)) value -= 1n << BigInt(width);
  return unknown ? { value, width, signed, unknown } : { value, width, signed };
}

export function evalConst(e: Expr, env: ConstEnv, ctx: ConstContext = {}): ConstValue {
  switch (e.kind) {
    case 'number': {
      const n = parseVerilogNumber(e.text);
      if (typeof n === 'string') throw new ConstEvalError(n, e);
      const known = bitsToBigInt(n.bits);
      if (known !== undefined) {
        const v = n.signed && n.bits[0] === '1' ? known - (1n << BigInt(n.width)) : known;
        return { value: v, width: n.width, signed: n.signed };
      }
      let value = 0n;
      let unknown = 0n;
      for (const b of n.bits) {
        value = (value << 1n) | (b === '1' || b === 'z' ? 1n : 0n);
        unknown = (unknown << 1n) | (b === 'x' || b === 'z' ? 1n : 0n);
      }
      return { value, width: n.width, signed: n.signed, unknown };
    }
    case 'real': {
      const r = Number(e.text.replace(/_/g, ''));
      if (!Number.isFinite(r)) throw new ConstEvalError(`bad real number '${e.text}'`, e);
      return realValue(r);
    }
    case 'string': {
      const text = unescapeString(e.text.slice(1, -1));
      let value = 0n;
      for (const ch of text) value = (value << 8n) | BigInt(ch.charCodeAt(0) & 0xff);
      return { value, width: Math.max(8, 8 * text.length), signed: false, text };
    }
    case 'id': {
      const v = env.get(e.name);
      if (!v) throw new ConstEvalError(`'${e.name}' is not a constant (parameter, localparam or genvar)`, e);
      return v;
    }
    case 'unary':
    case 'binary':
    case 'cond':
      return ctx.operators ? ctx.operators(e) : evalOperator(e, env, ctx);
    case 'concat':
    case 'repeat': {
      const parts = e.parts.map((x) => evalConst(x, env, ctx));
      for (const p of parts) if (p.real !== undefined) throw new ConstEvalError('a real value cannot be part of a concatenation', e);
      let value = 0n;
      let unknown = 0n;
      let width = 0;
      for (const p of parts) {
        value = (value << BigInt(p.width)) | unsignedBits(p);
        unknown = (unknown << BigInt(p.width)) | ((p.unknown ?? 0n) & mask(p.width));
        width += p.width;
      }
      const joined: ConstValue = unknown ? { value, width, signed: false, unknown } : { value, width, signed: false };
      if (e.kind === 'concat') return joined;
      const count = constNumber(evalConst(e.count, env, ctx), e.count, 'replication count');
      if (count < 0) throw new ConstEvalError(`replication count ${count} is negative`, e.count);
      if (count * width > 1 << 20) throw new ConstEvalError(`replication of ${count * width} bits is too large`, e);
      let rep = 0n;
      let repUnknown = 0n;
      for (let k = 0; k < count; k++) {
        rep = (rep << BigInt(width)) | value;
        repUnknown = (repUnknown << BigInt(width)) | unknown;
      }
      return repUnknown ? { value: rep, width: width * count, signed: false, unknown: repUnknown } : { value: rep, width: width * count, signed: false };
    }
    case 'call':
      if (e.system) return callConstSystemFunction(e, (k) => {
        const a = e.args[k];
        if (!a) throw new ConstEvalError(`${e.name} needs an argument ${k + 1}`, e);
        return evalConst(a, env, ctx);
      }, ctx);
      if (ctx.callFunction && !e.scope) {
        const r = ctx.callFunction(e, e.args.map((a, k) => {
          if (!a) throw new ConstEvalError(`an empty argument in a call of '${e.name}'`, e);
          return ctx.callArgument ? ctx.callArgument(e, k, a) : evalConst(a, env, ctx);
        }));
        if (r) return r;
      }
      throw new ConstEvalError(`function '${e.name}' cannot be called in a constant expression`, e);
    case 'index': {
      const element = ctx.arrayElement?.(e);
      if (element) return element;
      const base = evalConst(e.base, env, ctx);
      if (base.real !== undefined) throw new ConstEvalError('a bit select of a real value', e);
      const bit = constNumber(evalConst(e.index, env, ctx), e.index, 'index');
      if (bit < 0 || bit >= base.width) return allX(1);
      return select(base, bit, 1);
    }
    case 'part': {
      const base = evalConst(e.base, env, ctx);
      if (base.real !== undefined) throw new ConstEvalError('a part select of a real value', e);
      const left = constNumber(evalConst(e.left, env, ctx), e.left, 'part select bound');
      const right = constNumber(evalConst(e.right, env, ctx), e.right, 'part select width');
      const [lsb, width] = e.mode === ':' ? [Math.min(left, right), Math.abs(left - right) + 1] : e.mode === '+:' ? [left, right] : [left - right + 1, right];
      if (width <= 0 || width > 1 << 20) throw new ConstEvalError(`part select width ${width} is out of range`, e);
      return select(base, lsb, width);
    }
    case 'mintypmax':
      return evalConst(e.typ, env, ctx);
    case 'member':
      throw new ConstEvalError(`a hierarchical name is not a constant expression`, e);
    case 'incdec':
      if (ctx.incdec) return ctx.incdec(e);
      throw new ConstEvalError(`'${e.op}' changes a variable: it is not a constant expression`, e);
  }
}

/**
 * An operator expression with each operand evaluated on its own (through evalConst) and the
 * result exact: no operand is widened to its context and nothing wraps around.
 */
export function evalOperator(e: Expr & { kind: 'unary' | 'binary' | 'cond' }, env: ConstEnv, ctx: ConstContext): ConstValue {
  switch (e.kind) {
    case 'unary':
      return unaryOp(e.op, evalConst(e.arg, env, ctx), e);
    case 'binary': {
      const left = evalConst(e.left, env, ctx);
      // `a && b++`, `a || b++`: the right operand is not evaluated when the left decides (IEEE 1800-2017 11.4.7).
      if (e.op === '&&' && definitelyFalse(left)) return int(0n, 1, false);
      if (e.op === '||' && truthy(left)) return int(1n, 1, false);
      return binaryOp(e.op, left, evalConst(e.right, env, ctx), e);
    }
    case 'cond': {
      const c = evalConst(e.cond, env, ctx);
      if (ambiguous(c)) return merge(evalConst(e.then, env, ctx), evalConst(e.else, env, ctx));
      return truthy(c) ? evalConst(e.then, env, ctx) : evalConst(e.else, env, ctx);
    }
  }
}

function definitelyFalse(v: ConstValue): boolean {
  return v.real !== undefined ? v.real === 0 : !hasUnknown(v) && unsignedBits(v) === 0n;
}

function unescapeString(s: string): string {
  return s.replace(/\\(n|t|\\|"|[0-7]{1,3}|.)/g, (_m, c: string) =>
    c === 'n' ? '\n' : c === 't' ? '\t' : c === '\\' ? '\\' : c === '"' ? '"' : /^[0-7]+$/.test(c) ? String.fromCharCode(parseInt(c, 8)) : c);
}

/** Bits [lsb +: width] of a value (bits outside the value read as x). */
function select(base: ConstValue, lsb: number, width: number): ConstValue {
  const bits = unsignedBits(base);
  const unknownBits = base.unknown ?? 0n;
  let value = lsb >= 0 ? (bits >> BigInt(lsb)) & mask(width) : (bits << BigInt(-lsb)) & mask(width);
  let unknown = lsb >= 0 ? (unknownBits >> BigInt(lsb)) & mask(width) : (unknownBits << BigInt(-lsb)) & mask(width);
  // Bits past either end of the value are x.
  const outside = mask(width) & ~(lsb >= 0 ? mask(Math.max(0, base.width - lsb)) : mask(base.width + lsb) << BigInt(-lsb));
  unknown |= outside;
  value &= ~outside;
  return unknown ? { value, width, signed: false, unknown } : { value, width, signed: false };
}

/** A condition with x or z bits and no known 1 bit: `?:` merges its two arms (5.1.13). */
export function ambiguous(c: ConstValue): boolean {
  return c.real === undefined && hasUnknown(c) && (unsignedBits(c) & ~c.unknown!) === 0n;
}

export function truthy(v: ConstValue): boolean {
  return v.real !== undefined ? v.real !== 0 : (unsignedBits(v) & ~(v.unknown ?? 0n)) !== 0n;
}

/** The bitwise merge of the two arms of a conditional with an x condition. */
export function merge(a: ConstValue, b: ConstValue): ConstValue {
  const width = Math.max(a.width, b.width);
  const x = resize(a, width, false);
  const y = resize(b, width, false);
  const unknown = (x.unknown ?? 0n) | (y.unknown ?? 0n) | (x.value ^ y.value);
  return { value: x.value & ~unknown, width, signed: false, unknown: unknown & mask(width) };
}

export function unaryOp(op: string, a: ConstValue, e: Expr): ConstValue {
  if (a.real !== undefined) {
    if (op === '-') return realValue(-a.real);
    if (op === '+') return a;
    if (op === '!') return int(a.real === 0 ? 1n : 0n, 1, false);
    throw new ConstEvalError(`operator ${op} is not defined for a real operand`, e);
  }
  const bits = unsignedBits(a);
  const unknown = a.unknown ?? 0n;
  if (unknown !== 0n) {
    if (op === '~') return { value: ~bits & mask(a.width) & ~unknown, width: a.width, signed: a.signed, unknown };
    if (op === '&' && (~bits & ~unknown & mask(a.width)) !== 0n) return int(0n, 1, false);
    if (op === '|' && (bits & ~unknown) !== 0n) return int(1n, 1, false);
    if (op === '!' && (bits & ~unknown) !== 0n) return int(0n, 1, false);
    if (op === '~&' && (~bits & ~unknown & mask(a.width)) !== 0n) return int(1n, 1, false);
    if (op === '~|' && (bits & ~unknown) !== 0n) return int(0n, 1, false);
    if (op === '+') return a;
    return op === '-' ? allX(a.width, a.signed) : allX(1);
  }
  const ones = bits === mask(a.width);
  let parity = 0n;
  for (let v = bits; v !== 0n; v >>= 1n) parity ^= v & 1n;
  switch (op) {
    case '-': return { ...a, value: -a.value };
    case '+': return a;
    case '~': return { ...a, value: a.signed ? ~a.value : ~a.value & mask(a.width) };
    case '!': return int(a.value === 0n ? 1n : 0n, 1, false);
    case '&': return int(ones ? 1n : 0n, 1, false);
    case '~&': return int(ones ? 0n : 1n, 1, false);
    case '|': return int(bits !== 0n ? 1n : 0n, 1, false);
    case '~|': return int(bits !== 0n ? 0n : 1n, 1, false);
    case '^': return int(parity, 1, false);
    case '~^': return int(parity ^ 1n, 1, false);
  }
  throw new ConstEvalError(`unknown unary operator ${op}`, e);
}

// `%` of reals is an Icarus Verilog extension (fmod); the expression checks warn about it.
const realOperators = new Set(['+', '-', '*', '/', '%', '**', '<', '<=', '>', '>=', '==', '!=', '&&', '||']);

const bool = (c: boolean): ConstValue => int(c ? 1n : 0n, 1, false);

export function binaryOp(op: string, a: ConstValue, b: ConstValue, e: Expr): ConstValue {
  if (op === '<->') return equivalence(a, b);
  if ((op === '==?' || op === '!=?') && a.real === undefined && b.real === undefined) return wildcardEquality(op, a, b);
  if (a.real !== undefined || b.real !== undefined) return realBinary(op, toReal(a), toReal(b), e);
  const width = Math.max(a.width, b.width);
  const signed = a.signed && b.signed;
  if (op === '===' || op === '!==') {
    const x = resize(a, width, false);
    const y = resize(b, width, false);
    const same = x.value === y.value && (x.unknown ?? 0n) === (y.unknown ?? 0n);
    return bool(op === '===' ? same : !same);
  }
  if (hasUnknown(a) || hasUnknown(b)) return unknownBinary(op, a, b, width, signed);
  // Operands of relational and bitwise operators are compared as unsigned unless both are signed.
  const av = signed ? a.value : unsignedBits(a);
  const bv = signed ? b.value : unsignedBits(b);
  switch (op) {
    case '+': return { value: a.value + b.value, width, signed };
    case '-': return { value: a.value - b.value, width, signed };
    case '*': return { value: a.value * b.value, width, signed };
    case '/':
      // 5.1.5: division or modulus by zero gives x; a place that needs a known value reports that x.
      if (b.value === 0n) return allX(width, signed);
      return { value: a.value / b.value, width, signed };
    case '%':
      if (b.value === 0n) return allX(width, signed);
      return { value: a.value % b.value, width, signed };
    case '**':
      if (b.value < 0n) return { value: a.value === 1n ? 1n : a.value === -1n ? (b.value % 2n === 0n ? 1n : -1n) : 0n, width, signed };
      // A large exponent: the power modulo 2^width by repeated squaring (the result has the operands' width).
      if (b.value > 4096n) return { value: powModWidth(a.value, b.value, width, signed), width, signed };
      return { value: a.value ** b.value, width, signed };
    case '<<': case '<<<': {
      // A shift past every bit gives 0 (the operand's width is the result's in Verilog).
      const by = unsignedBits(b);
      return by >= BigInt(Math.max(a.width, 64) + 4096) ? { ...a, value: 0n } : { ...a, value: a.value << by };
    }
    case '>>': return { ...a, value: unsignedBits(a) >> unsignedBits(b) };
    case '>>>': return { ...a, value: a.signed ? a.value >> unsignedBits(b) : unsignedBits(a) >> unsignedBits(b) };
    case '<': return bool(av < bv);
    case '<=': return bool(av <= bv);
    case '>': return bool(av > bv);
    case '>=': return bool(av >= bv);
    case '==': return bool(resize(a, width, false).value === resize(b, width, false).value);
    case '!=': return bool(resize(a, width, false).value !== resize(b, width, false).value);
    case '&&': return bool(a.value !== 0n && b.value !== 0n);
    case '||': return bool(a.value !== 0n || b.value !== 0n);
    case '&': return { value: a.value & b.value, width, signed };
    case '|': return { value: a.value | b.value, width, signed };
    case '^': return { value: a.value ^ b.value, width, signed };
    case '~^': return { value: ~(a.value ^ b.value) & mask(width), width, signed };
    case '~&': return { value: ~(a.value & b.value) & mask(width), width, signed };
    case '~|': return { value: ~(a.value | b.value) & mask(width), width, signed };
  }
  throw new ConstEvalError(`unknown binary operator ${op}`, e);
}

/**
 * `a ==? b` (IEEE 1800-2017 11.4.6): x and z bits of b match anything; elsewhere a differing known
 * bit gives 0, an x or z bit of a gives x. `!=?` is its negation.
 */
function wildcardEquality(op: string, a: ConstValue, b: ConstValue): ConstValue {
  const width = Math.max(a.width, b.width);
  const signed = a.signed && b.signed;
  const x = resize(a, width, signed);
  const y = resize(b, width, signed);
  const care = mask(width) & ~(y.unknown ?? 0n);
  const xu = (x.unknown ?? 0n) & care;
  const differ = (unsignedBits(x) ^ unsignedBits(y)) & care & ~xu;
  const equal = differ !== 0n ? 0 : xu !== 0n ? undefined : 1;
  if (equal === undefined) return allX(1);
  return int(BigInt(op === '==?' ? equal : 1 - equal), 1, false);
}

/** `a <-> b`: 1 when both operands are true or both false, x when either is unknown (IEEE 1800-2017 11.4.7). */
function equivalence(a: ConstValue, b: ConstValue): ConstValue {
  const truth = (v: ConstValue): 0 | 1 | undefined => {
    if (v.real !== undefined) return v.real !== 0 ? 1 : 0;
    const known = unsignedBits(v) & ~(v.unknown ?? 0n);
    return known !== 0n ? 1 : hasUnknown(v) ? undefined : 0;
  };
  const [x, y] = [truth(a), truth(b)];
  const result = x === undefined || y === undefined ? undefined : x === y ? 1 : 0;
  return result === undefined ? allX(1) : int(BigInt(result), 1, false);
}

/** base ** exp modulo 2^width, as a value of that width (two's complement when signed). */
function powModWidth(base: bigint, exp: bigint, width: number, signed: boolean): bigint {
  const m = mask(width);
  let result = 1n;
  let b = base & m;
  for (let k = exp; k > 0n; k >>= 1n) {
    if (k & 1n) result = (result * b) & m;
    b = (b * b) & m;
  }
  return signed && width > 0 && (result >> BigInt(width - 1)) & 1n ? result - (1n << BigInt(width)) : result;
}

/** `a` (with x or z bits) shifted by a known amount: the result has a's width; `>>>` of a signed value repeats its sign bit. */
function shiftUnknown(op: string, a: ConstValue, by: bigint): ConstValue {
  const m = mask(a.width);
  const bits = unsignedBits(a);
  const unknown = a.unknown ?? 0n;
  if (op === '<<' || op === '<<<') {
    // Exact, as for known values: the bits shifted past the width stay until the value is sized.
    if (by >= BigInt(Math.max(a.width, 64) + 4096)) return { value: 0n, width: a.width, signed: a.signed };
    return { value: bits << by, width: a.width, signed: a.signed, unknown: unknown << by };
  }
  const n = by > BigInt(a.width) ? BigInt(a.width) : by;
  const top = BigInt(a.width - 1);
  const fill = op === '>>>' && a.signed ? m & ~(m >> n) : 0n;
  const signValue = (bits >> top) & 1n ? fill : 0n;
  const signUnknown = (unknown >> top) & 1n ? fill : 0n;
  return resize({ value: (bits >> n) | signValue, width: a.width, signed: false, unknown: (unknown >> n) | signUnknown }, a.width, a.signed);
}

/** Operators with an x/z operand: bitwise ones bit by bit, logical ones when decided, else x. */
function unknownBinary(op: string, a: ConstValue, b: ConstValue, width: number, signed: boolean): ConstValue {
  const x = resize(a, width, false);
  const y = resize(b, width, false);
  const xu = x.unknown ?? 0n;
  const yu = y.unknown ?? 0n;
  const m = mask(width);
  const zeroA = ~x.value & ~xu & m;
  const zeroB = ~y.value & ~yu & m;
  const oneA = x.value & ~xu;
  const oneB = y.value & ~yu;
  const of = (ones: bigint, zeros: bigint): ConstValue => ({ value: ones, width, signed: false, unknown: m & ~ones & ~zeros });
  switch (op) {
    case '&': return of(oneA & oneB, zeroA | zeroB);
    case '|': return of(oneA | oneB, zeroA & zeroB);
    case '~&': return of(zeroA | zeroB, oneA & oneB);
    case '~|': return of(zeroA & zeroB, oneA | oneB);
    case '^': { const u = xu | yu; return { value: (x.value ^ y.value) & ~u, width, signed: false, unknown: u }; }
    case '~^': { const u = xu | yu; return { value: ~(x.value ^ y.value) & ~u & m, width, signed: false, unknown: u }; }
    case '&&': {
      const ta = oneA !== 0n;
      const tb = oneB !== 0n;
      if ((zeroA === m) || (zeroB === m)) return int(0n, 1, false);
      return ta && tb ? int(1n, 1, false) : allX(1);
    }
    case '||':
      return oneA !== 0n || oneB !== 0n ? int(1n, 1, false) : allX(1);
    case '==': case '!=':
      // 5.1.8: x only when the unknown bits make the relation ambiguous; a known bit that differs decides it.
      return ((oneA & zeroB) | (zeroA & oneB)) !== 0n ? int(op === '==' ? 0n : 1n, 1, false) : allX(1);
    case '<<': case '<<<': case '>>': case '>>>':
      // A known amount moves the x and z bits with the others; an unknown amount gives x (4.1.12).
      return hasUnknown(b) ? allX(a.width, a.signed) : shiftUnknown(op, a, unsignedBits(b));
    case '<': case '<=': case '>': case '>=':
      return allX(1);
    default:
      return allX(width, signed);
  }
}

function realBinary(op: string, a: number, b: number, e: Expr): ConstValue {
  if (!realOperators.has(op)) throw new ConstEvalError(`operator ${op} is not defined for real operands`, e);
  switch (op) {
    case '+': return realValue(a + b);
    case '-': return realValue(a - b);
    case '*': return realValue(a * b);
    case '/':
      return realValue(a / b); // by zero: an infinity or NaN, as simulators compute it
    case '**': return realValue(a ** b);
    case '%': return realValue(a % b);
    case '<': return bool(a < b);
    case '<=': return bool(a <= b);
    case '>': return bool(a > b);
    case '>=': return bool(a >= b);
    case '==': return bool(a === b);
    case '!=': return bool(a !== b);
    case '&&': return bool(a !== 0 && b !== 0);
    default: return bool(a !== 0 || b !== 0);
  }
}
