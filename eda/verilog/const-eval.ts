/**
 * Constant expression evaluation for elaboration: parameters, ranges, generate conditions and
 * loop bounds. Values are integers (bigint) with a width and signedness; x/z, reals and
 * non-constant names are reported as errors, never thrown.
 */
import type { Expr } from './ast.ts';
import { bitsToBigInt, parseVerilogNumber } from './numbers.ts';

export interface ConstValue {
  value: bigint;
  width: number;
  signed: boolean;
}

export type ConstEnv = ReadonlyMap<string, ConstValue>;

export class ConstEvalError extends Error {
  constructor(message: string, readonly expr: Expr) {
    super(message);
  }
}

const mask = (width: number) => (1n << BigInt(width)) - 1n;
const int = (value: bigint, width = 32, signed = true): ConstValue => ({ value, width, signed });

/** $clog2(n): the number of address bits for n items (0 for n <= 1). */
export function clog2(n: bigint): bigint {
  if (n <= 1n) return 0n;
  return BigInt((n - 1n).toString(2).length);
}

export function evalConst(e: Expr, env: ConstEnv): ConstValue {
  switch (e.kind) {
    case 'number': {
      const n = parseVerilogNumber(e.text);
      if (typeof n === 'string') throw new ConstEvalError(n, e);
      const v = bitsToBigInt(n.bits);
      if (v === undefined) throw new ConstEvalError(`constant '${e.text}' has x or z bits`, e);
      const signedValue = n.signed && n.bits[0] === '1' ? v - (1n << BigInt(n.width)) : v;
      return { value: signedValue, width: n.width, signed: n.signed };
    }
    case 'id': {
      const v = env.get(e.name);
      if (!v) throw new ConstEvalError(`'${e.name}' is not a constant (parameter, localparam or genvar)`, e);
      return v;
    }
    case 'unary':
      return unary(e.op, evalConst(e.arg, env), e);
    case 'binary':
      return binary(e.op, evalConst(e.left, env), evalConst(e.right, env), e);
    case 'cond':
      return evalConst(e.cond, env).value !== 0n ? evalConst(e.then, env) : evalConst(e.else, env);
    case 'concat':
    case 'repeat': {
      const parts = e.parts.map((p) => evalConst(p, env));
      let value = 0n;
      let width = 0;
      for (const p of parts) {
        value = (value << BigInt(p.width)) | (p.value & mask(p.width));
        width += p.width;
      }
      if (e.kind === 'concat') return { value, width, signed: false };
      const count = Number(evalConst(e.count, env).value);
      if (count < 0 || count * width > 1 << 16) throw new ConstEvalError(`replication count ${count} is out of range`, e);
      let rep = 0n;
      for (let k = 0; k < count; k++) rep = (rep << BigInt(width)) | value;
      return { value: rep, width: width * count, signed: false };
    }
    case 'call':
      if (e.system && e.name === '$clog2' && e.args.length === 1 && e.args[0]) return int(clog2(evalConst(e.args[0], env).value));
      if (e.system && (e.name === '$signed' || e.name === '$unsigned') && e.args[0]) {
        const v = evalConst(e.args[0], env);
        return { ...v, signed: e.name === '$signed' };
      }
      throw new ConstEvalError(`${e.name}() is not supported in constant expressions`, e);
    case 'index': {
      const base = evalConst(e.base, env);
      const bit = Number(evalConst(e.index, env).value);
      return { value: (base.value >> BigInt(bit)) & 1n, width: 1, signed: false };
    }
    case 'part': {
      const base = evalConst(e.base, env);
      const left = Number(evalConst(e.left, env).value);
      const right = Number(evalConst(e.right, env).value);
      const [lsb, width] = e.mode === ':' ? [Math.min(left, right), Math.abs(left - right) + 1] : e.mode === '+:' ? [left, right] : [left - right + 1, right];
      return { value: (base.value >> BigInt(lsb)) & mask(width), width, signed: false };
    }
    case 'mintypmax':
      return evalConst(e.typ, env);
    default:
      throw new ConstEvalError(`${e.kind} is not a constant expression`, e);
  }
}

function unary(op: string, a: ConstValue, e: Expr): ConstValue {
  const bits = a.value & mask(a.width);
  const ones = bits === mask(a.width);
  const parity = bits.toString(2).split('').filter((c) => c === '1').length % 2 === 1;
  switch (op) {
    case '-': return { ...a, value: -a.value };
    case '+': return a;
    case '~': return { ...a, value: a.signed ? ~a.value : ~a.value & mask(a.width) };
    case '!': return int(a.value === 0n ? 1n : 0n, 1, false);
    case '&': return int(ones ? 1n : 0n, 1, false);
    case '~&': return int(ones ? 0n : 1n, 1, false);
    case '|': return int(bits !== 0n ? 1n : 0n, 1, false);
    case '~|': return int(bits !== 0n ? 0n : 1n, 1, false);
    case '^': return int(parity ? 1n : 0n, 1, false);
    case '~^': return int(parity ? 0n : 1n, 1, false);
  }
  throw new ConstEvalError(`unknown unary operator ${op}`, e);
}

function binary(op: string, a: ConstValue, b: ConstValue, e: Expr): ConstValue {
  const width = Math.max(a.width, b.width);
  const signed = a.signed && b.signed;
  const arith = (value: bigint): ConstValue => ({ value, width, signed });
  const bool = (c: boolean): ConstValue => int(c ? 1n : 0n, 1, false);
  switch (op) {
    case '+': return arith(a.value + b.value);
    case '-': return arith(a.value - b.value);
    case '*': return arith(a.value * b.value);
    case '/':
      if (b.value === 0n) throw new ConstEvalError('division by zero in a constant expression', e);
      return arith(a.value / b.value);
    case '%':
      if (b.value === 0n) throw new ConstEvalError('modulo by zero in a constant expression', e);
      return arith(a.value % b.value);
    case '**':
      if (b.value < 0n || b.value > 4096n) throw new ConstEvalError('exponent out of range in a constant expression', e);
      return arith(a.value ** b.value);
    case '<<': case '<<<':
      if (b.value > 4096n) throw new ConstEvalError('shift amount out of range', e);
      return { ...a, value: a.value << b.value };
    case '>>': return { ...a, value: (a.signed ? a.value & mask(a.width) : a.value) >> b.value };
    case '>>>': return { ...a, value: a.value >> b.value };
    case '<': return bool(a.value < b.value);
    case '<=': return bool(a.value <= b.value);
    case '>': return bool(a.value > b.value);
    case '>=': return bool(a.value >= b.value);
    case '==': case '===': return bool(a.value === b.value);
    case '!=': case '!==': return bool(a.value !== b.value);
    case '&&': return bool(a.value !== 0n && b.value !== 0n);
    case '||': return bool(a.value !== 0n || b.value !== 0n);
    case '&': return arith(a.value & b.value);
    case '|': return arith(a.value | b.value);
    case '^': return arith(a.value ^ b.value);
    case '~^': return arith(~(a.value ^ b.value) & mask(width));
    case '~&': return arith(~(a.value & b.value) & mask(width));
    case '~|': return arith(~(a.value | b.value) & mask(width));
  }
  throw new ConstEvalError(`unknown binary operator ${op}`, e);
}
