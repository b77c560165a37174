/**
 * Parameter values: the declared type or range applied to the default or the override
 * (IEEE 1364-2005 12.2: a typed or ranged parameter converts the value it is given; an untyped one
 * takes the type of that value), and the text a value is shown as.
 */
import type { DataType, Declarator, ModuleItem } from './ast.ts';
import { realValue, resize, toReal, unsignedBits, type ConstValue } from './const-eval.ts';
import type { Elaborator } from './elaborate.ts';
import type { Scope } from './elab-scope.ts';

type ParamDecl = ModuleItem & { kind: 'param-decl' };

/** The value of parameter `d` of `decl` in `scope`: `given` (an override) or its default. */
export function parameterValue(el: Elaborator, decl: ParamDecl, d: Declarator, scope: Scope, given?: ConstValue): ConstValue | undefined {
  // The value of a parameter of declared width is sized with that width as its target (5.4), as
  // iverilog does; an untyped parameter's value is exact (iverilog's default lossless evaluation
  // keeps `1 << 40` and `8'd200 + 8'd200` whole, and so do we). A string keeps its text.
  const init = d.init;
  const target = init && init.kind !== 'string' ? declaredWidth(el, decl.dataType, scope) : undefined;
  const raw = given ?? (init ? el.constant(init, scope, `value of '${d.name}'`, target) : undefined);
  if (!raw) return undefined;
  return typed(el, raw, decl.dataType, scope);
}

/** The width a parameter's declared type or range gives it (undefined when it has none, or is real). */
function declaredWidth(el: Elaborator, t: DataType, scope: Scope): number | undefined {
  if (t.type === 'integer') return 32;
  if (t.type === 'time') return 64;
  if (!t.range || t.type === 'real' || t.type === 'realtime') return undefined;
  const msb = el.tryConstant(t.range.msb, scope);
  const lsb = el.tryConstant(t.range.lsb, scope);
  return msb && lsb && !msb.unknown && !lsb.unknown ? Math.abs(Number(msb.value) - Number(lsb.value)) + 1 : undefined;
}

function typed(el: Elaborator, v: ConstValue, t: DataType, scope: Scope): ConstValue | undefined {
  switch (t.type) {
    case 'integer': return resize(v, 32, true);
    case 'time': return resize(v, 64, false);
    case 'real':
    case 'realtime': return realValue(toReal(v));
  }
  if (t.range) {
    const msb = el.constantNumber(t.range.msb, scope, 'parameter range');
    const lsb = el.constantNumber(t.range.lsb, scope, 'parameter range');
    if (msb === undefined || lsb === undefined) return undefined;
    const keep = v.text !== undefined ? { text: v.text } : {};
    return { ...resize(v, Math.abs(msb - lsb) + 1, t.signed), ...keep };
  }
  if (t.signed && v.real === undefined) return resize(v, v.width, true);
  return v;
}

/** A parameter value as text: decimal integers, reals, quoted strings, based binary with x/z. */
export function formatParameter(v: ConstValue): string {
  if (v.real !== undefined) return String(v.real);
  if (v.text !== undefined) return JSON.stringify(v.text);
  if (v.unknown) {
    let bits = '';
    for (let k = v.width - 1; k >= 0; k--) {
      const b = BigInt(k);
      const u = (v.unknown >> b) & 1n;
      const x = (unsignedBits(v) >> b) & 1n;
      bits += u ? (x ? 'z' : 'x') : x ? '1' : '0';
    }
    return `${v.width}'b${bits}`;
  }
  return v.value.toString();
}
