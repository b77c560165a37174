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

/** How many arguments each constant system function takes. */
export const constSystemFunctionArity: Record<string, number> = {
  $clog2: 1, $signed: 1, $unsigned: 1, $rtoi: 1, $itor: 1, $realtobits: 1, $bitstoreal: 1, $bits: 1,
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
      if (a.unknown) throw new ConstEvalError('$clog2 of a value with x or z bits', e);
      if (a.real !== undefined && !Number.isFinite(a.real)) return resize(a, 32, true); // all x, as iverilog gives
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
