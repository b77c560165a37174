/**
 * System functions allowed in constant expressions (IEEE 1364-2005 10.4.5, 17.8, 17.11):
 * $clog2, $signed/$unsigned, the conversions between reals, integers and bits, the real math
 * functions, and SystemVerilog's $bits.
 */
import type { Expr } from './ast.ts';
import { clog2, ConstEvalError, int, realValue, resize, toReal, type ConstContext, type ConstValue } from './const-eval.ts';

type Call = Expr & { kind: 'call' };

const realMath1: Record<string, (x: number) => number> = {
  $ln: Math.log, $log10: Math.log10, $exp: Math.exp, $sqrt: Math.sqrt, $floor: Math.floor, $ceil: Math.ceil,
  $sin: Math.sin, $cos: Math.cos, $tan: Math.tan, $asin: Math.asin, $acos: Math.acos, $atan: Math.atan,
  $sinh: Math.sinh, $cosh: Math.cosh, $tanh: Math.tanh, $asinh: Math.asinh, $acosh: Math.acosh, $atanh: Math.atanh,
};
const realMath2: Record<string, (x: number, y: number) => number> = { $pow: Math.pow, $atan2: Math.atan2, $hypot: Math.hypot };

/**
 * Functions iverilog takes in constant expressions that IEEE 1364-2005 does not have: Verilog-AMS's
 * $abs, $min and $max (polymorphic: real when an argument is real) and iverilog's own VHDL-support
 * conversion $ivlh_to_unsigned(value, width). The expression checks warn where they are used.
 */
export const extensionSystemFunctions: ReadonlySet<string> = new Set(['$abs', '$min', '$max', '$ivlh_to_unsigned']);

/** How many arguments each constant system function takes. */
export const constSystemFunctionArity: Record<string, number> = {
  $clog2: 1, $signed: 1, $unsigned: 1, $rtoi: 1, $itor: 1, $realtobits: 1, $bitstoreal: 1, $bits: 1,
  $abs: 1, $min: 2, $max: 2, $ivlh_to_unsigned: 2,
  ...Object.fromEntries(Object.keys(realMath1).map((k) => [k, 1])),
  ...Object.fromEntries(Object.keys(realMath2).map((k) => [k, 2])),
};

export function callConstSystemFunction(e: Call, arg: (k: number) => ConstValue, ctx: ConstContext): ConstValue {
  const arity = constSystemFunctionArity[e.name];
  if (arity === undefined) throw new ConstEvalError(`${e.name} cannot be called in a constant expression`, e);
  if (e.args.length !== arity) throw new ConstEvalError(`${e.name} takes ${arity} argument${arity === 1 ? '' : 's'}, ${e.args.length} given`, e);
  if (e.name === '$bits') {
    const w = e.args[0] && ctx.widthOf?.(e.args[0]);
    return int(BigInt(w ?? arg(0).width));
  }
  const a = arg(0);
  const realOnly = (v: ConstValue) => {
    if (v.real === undefined && v.unknown) throw new ConstEvalError(`${e.name} of a value with x or z bits`, e);
    return toReal(v);
  };
  switch (e.name) {
    case '$clog2':
      // x or z bits, or an infinite real: all x, as iverilog gives (a place that needs a known value reports it).
      if (a.unknown) return resize({ value: 0n, width: 1, signed: false, unknown: 1n }, 32, false);
      if (a.real !== undefined && !Number.isFinite(a.real)) return resize(a, 32, true);
      return int(clog2(a.real !== undefined ? BigInt(Math.round(a.real)) : a.value < 0n ? a.value & ((1n << BigInt(a.width)) - 1n) : a.value));
    case '$signed':
    case '$unsigned':
      if (a.real !== undefined) throw new ConstEvalError(`${e.name} of a real value`, e);
      return resize(a, a.width, e.name === '$signed');
    case '$rtoi':
      return Number.isFinite(realOnly(a)) ? int(BigInt(Math.trunc(realOnly(a)))) : resize(a, 32, true);
    case '$itor':
      return realValue(realOnly(a));
    case '$realtobits': {
      const buf = new DataView(new ArrayBuffer(8));
      buf.setFloat64(0, realOnly(a));
      return { value: buf.getBigUint64(0), width: 64, signed: false };
    }
    case '$abs':
      if (a.real !== undefined) return realValue(Math.abs(a.real));
      if (a.unknown) return a;
      return a.signed && a.value < 0n ? { ...a, value: -a.value } : a;
    case '$min':
    case '$max': {
      const b = arg(1);
      if (a.real !== undefined || b.real !== undefined) {
        const [x, y] = [toReal(a), toReal(b)];
        return realValue(e.name === '$min' ? Math.min(x, y) : Math.max(x, y));
      }
      const signed = a.signed && b.signed;
      const width = Math.max(a.width, b.width);
      if (a.unknown || b.unknown) return resize({ value: 0n, width: 1, signed: false, unknown: 1n }, width, false); // all x
      const [x, y] = [resize(a, width, signed), resize(b, width, signed)];
      return (e.name === '$min') === (x.value <= y.value) ? x : y;
    }
    case '$ivlh_to_unsigned': {
      const w = arg(1);
      if (w.unknown || w.real !== undefined || w.value < 1n || w.value > 65536n) throw new ConstEvalError('$ivlh_to_unsigned needs a width from 1 to 65536', e);
      return resize(a.real !== undefined ? int(BigInt(Math.trunc(a.real))) : a, Number(w.value), false);
    }
    case '$bitstoreal': {
      const buf = new DataView(new ArrayBuffer(8));
      buf.setBigUint64(0, a.value & ((1n << 64n) - 1n));
      return realValue(buf.getFloat64(0));
    }
  }
  const one = realMath1[e.name];
  if (one) return realValue(one(realOnly(a)));
  return realValue(realMath2[e.name](realOnly(a), realOnly(arg(1))));
}
