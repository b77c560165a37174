// Floating-point units as generated Verilog, bit-exact with IEEE 754 round-to-nearest-even (as
// Math.fround and hw/numeric compute): one normalize-and-round core and, around it, a multiplier
// (any input formats to any output format), an adder, integer-to-float and widening conversion.
// NaN results are the canonical quiet NaN of the output format.
import type { Item, Module, Stmt } from '../verilog/ast.ts';
import {
  add, and, assign, binary, bit, combinational, concat, cond, eq, ge, if_, input, instance, int, integer, inv, land, lit, lt, ne,
  or, output, ref, reg, reduceOr, repeat, set, shl, shr, signed, sint, slice, sub, wire, xor,
} from '../verilog/build.ts';

export interface FloatFormat {
  readonly name: string;
  readonly exp: number;
  readonly frac: number;
}
export const FP16: FloatFormat = { name: 'fp16', exp: 5, frac: 10 };
export const FP32: FloatFormat = { name: 'fp32', exp: 8, frac: 23 };

export const bias = (f: FloatFormat) => 2 ** (f.exp - 1) - 1;
export const floatWidth = (f: FloatFormat) => 1 + f.exp + f.frac;
/** Canonical quiet NaN: fp32 0x7fc00000, fp16 0x7e00. */
export const quietNaN = (f: FloatFormat) => ((1n << BigInt(f.exp + 1)) - 1n) << BigInt(f.frac - 1);
const infinity = (f: FloatFormat) => ((1n << BigInt(f.exp)) - 1n) << BigInt(f.frac);

/** Width of the signed exponent wires feeding a rounder (two's complement, wraps harmlessly). */
export const EXP_WIDTH = 12;

/** A set of generated modules keyed by name, so shared units are emitted once. */
export type ModuleSet = Map<string, Module>;

function once(units: ModuleSet, make: () => Module): string {
  const m = make();
  if (!units.has(m.name)) units.set(m.name, m);
  return m.name;
}

/**
 * `y = round(p * 2^e)` in format `out`, sign `s`: leading-one normalization, gradual underflow,
 * round to nearest even, overflow to infinity. p is `pw` bits unsigned, e signed.
 */
export function roundUnit(units: ModuleSet, out: FloatFormat, pw: number): string {
  return once(units, () => {
    const m = out.frac;
    const w = Math.max(pw, m + 3); // room for the significand, a guard and a sticky bit
    const emin = 1 - bias(out);
    const lw = Math.ceil(Math.log2(w + 1)); // bits of a shift amount up to w
    // Leading-zero normalization in log2(w) halving steps (a shallow tree, not a priority chain).
    const steps: Stmt[] = [];
    for (let step = 2 ** Math.floor(Math.log2(w - 1)); step >= 1; step /= 2) {
      steps.push(if_(eq(slice('pn', w - 1, w - step), lit(step, 0)), [set('pn', shl('pn', int(step))), set('lz', add('lz', lit(lw, step)))]));
    }
    const body: Stmt[] = [
      set('pn', pw < w ? concat('p', lit(w - pw, 0)) : ref('p')),
      set('lz', lit(lw, 0)),
      ...steps,
      // Exponent of the leading one (e counts from p's own lsb).
      // All operands signed, so e is sign-extended.
      set('eo', sub(add('e', int(pw - 1)), signed(concat(lit(1, 0), 'lz')))),
      set('sticky', lit(1, 0)),
      // Every variable gets a value on every path (no latches).
      set('dd', int(0)),
      set('d', lit(lw, 0)),
      if_(lt('eo', sint(emin)), [
        // Gradual underflow: shift right to the minimum exponent, keeping what falls off as sticky.
        set('dd', sub(sint(emin), 'eo')),
        set('d', cond(ge('dd', int(w)), lit(lw, w), slice('dd', lw - 1, 0))),
        set('sticky', reduceOr(and('pn', inv(shl(repeat(w, lit(1, 1)), 'd'))))),
        set('pn', shr('pn', 'd')),
        set('eo', sint(emin)),
      ]),
      set('sig', slice('pn', w - 1, w - 1 - m)),
      set('guard', bit('pn', w - 2 - m)),
      ...(w - 3 - m >= 0 ? [set('sticky', or('sticky', reduceOr(slice('pn', w - 3 - m, 0))))] : []),
      // Exponent field times 2^m plus the significand: the hidden bit carries into the field.
      set('word', add(shl(sub('eo', sint(emin)), int(m)), concat(lit(out.exp, 0), 'sig'))),
      set('word', add('word', concat(lit(out.exp + m, 0), and('guard', or('sticky', bit('sig', 0)))))),
      if_(eq('p', lit(pw, 0)), [set('y', concat('s', lit(out.exp + m, 0)))], [
        if_(ge('eo', int(2 ** out.exp - 1 - bias(out))), [set('y', concat('s', lit(out.exp + m, infinity(out))))], [
          set('y', concat('s', slice('word', out.exp + m - 1, 0))),
        ]),
      ]),
    ];
    return {
      name: `tessera_round_${out.name}_p${pw}`,
      comment: `y = round-to-nearest-even(p * 2^e) as ${out.name} with sign s (gradual underflow, overflow to infinity)`,
      ports: [input('s'), input('p', pw), { ...input('e', EXP_WIDTH), signed: true }, { ...output('y', floatWidth(out)), reg: true }],
      items: [reg('pn', w), reg('lz', lw), integer('eo'), integer('dd'), reg('d', lw), reg('sticky'), reg('guard'), reg('sig', m + 1), reg('word', out.exp + m + 1), combinational(body)],
    };
  });
}

/** Wires `${x}_s`, `${x}_sig` (hidden bit included), `${x}_e` (unbiased, EXP_WIDTH), and the class flags. */
function unpack(x: string, f: FloatFormat): Item[] {
  const top = f.exp + f.frac;
  const expField = slice(x, top - 1, f.frac);
  const frac = slice(x, f.frac - 1, 0);
  const ones = lit(f.exp, 2 ** f.exp - 1);
  return [
    wire(`${x}_s`), assign(`${x}_s`, bit(x, top)),
    wire(`${x}_sig`, f.frac + 1), assign(`${x}_sig`, concat(ne(expField, lit(f.exp, 0)), frac)),
    wire(`${x}_e`, EXP_WIDTH),
    // Subnormals share the exponent of the smallest normal.
    assign(`${x}_e`, sub(concat(lit(EXP_WIDTH - f.exp, 0), cond(eq(expField, lit(f.exp, 0)), lit(f.exp, 1), expField)), lit(EXP_WIDTH, bias(f)))),
    wire(`${x}_nan`), assign(`${x}_nan`, land(eq(expField, ones), ne(frac, lit(f.frac, 0)))),
    wire(`${x}_inf`), assign(`${x}_inf`, land(eq(expField, ones), eq(frac, lit(f.frac, 0)))),
    wire(`${x}_zero`), assign(`${x}_zero`, eq(slice(x, top - 1, 0), lit(top, 0))),
  ];
}

/** `y = round(a * b)`: a in format fa, b in fb, y in fo (exact when fo holds the product). */
export function mulUnit(units: ModuleSet, fa: FloatFormat, fb: FloatFormat, fo: FloatFormat): string {
  const pw = fa.frac + fb.frac + 2;
  const rounder = roundUnit(units, fo, pw);
  return once(units, () => ({
    name: `tessera_fmul_${fa.name}_${fb.name}_${fo.name}`,
    comment: `${fo.name} = round(${fa.name} a * ${fb.name} b), IEEE 754 round to nearest even`,
    ports: [input('a', floatWidth(fa)), input('b', floatWidth(fb)), output('y', floatWidth(fo))],
    items: [
      ...unpack('a', fa), ...unpack('b', fb),
      wire('p', pw), assign('p', binary('*', concat(lit(pw - fa.frac - 1, 0), 'a_sig'), 'b_sig')),
      wire('e', EXP_WIDTH), assign('e', sub(add('a_e', 'b_e'), lit(EXP_WIDTH, fa.frac + fb.frac))),
      wire('s'), assign('s', xor('a_s', 'b_s')),
      wire('r', floatWidth(fo)),
      instance(rounder, 'round', { s: 's', p: 'p', e: 'e', y: 'r' }),
      wire('invalid'), assign('invalid', or(or('a_nan', 'b_nan'), or(and('a_inf', 'b_zero'), and('a_zero', 'b_inf')))),
      assign('y', cond('invalid', lit(floatWidth(fo), quietNaN(fo)), cond(or('a_inf', 'b_inf'), concat('s', lit(fo.exp + fo.frac, infinity(fo))), 'r'))),
    ],
  }));
}

/** `y = round(a + b)` in one format. */
export function addUnit(units: ModuleSet, f: FloatFormat): string {
  const m = f.frac;
  const sw = m + 4; // significand, guard, round, sticky
  const rounder = roundUnit(units, f, sw + 1);
  const mag = (x: string) => slice(x, f.exp + m - 1, 0);
  return once(units, () => ({
    name: `tessera_fadd_${f.name}`,
    comment: `${f.name} = round(a + b), IEEE 754 round to nearest even (x + -x = +0)`,
    ports: [input('a', floatWidth(f)), input('b', floatWidth(f)), output('y', floatWidth(f))],
    items: [
      ...unpack('a', f), ...unpack('b', f),
      // x is the operand of larger magnitude, z the other.
      wire('swap'), assign('swap', binary('>', mag('b'), mag('a'))),
      wire('x', floatWidth(f)), assign('x', cond('swap', 'b', 'a')),
      wire('z', floatWidth(f)), assign('z', cond('swap', 'a', 'b')),
      ...unpack('x', f), ...unpack('z', f),
      wire('d', EXP_WIDTH), assign('d', sub('x_e', 'z_e')),
      wire('big', sw), assign('big', concat('x_sig', lit(3, 0))),
      wire('minor0', sw), assign('minor0', concat('z_sig', lit(3, 0))),
      wire('minor1', sw), assign('minor1', shr('minor0', 'd')),
      wire('sticky'), assign('sticky', reduceOr(and('minor0', inv(shl(repeat(sw, lit(1, 1)), 'd'))))),
      wire('minor', sw), assign('minor', concat(slice('minor1', sw - 1, 1), or(bit('minor1', 0), 'sticky'))),
      wire('sum', sw + 1),
      assign('sum', cond(eq('x_s', 'z_s'), add(concat(lit(1, 0), 'big'), concat(lit(1, 0), 'minor')), sub(concat(lit(1, 0), 'big'), concat(lit(1, 0), 'minor')))),
      wire('e', EXP_WIDTH), assign('e', sub('x_e', lit(EXP_WIDTH, m + 3))),
      // An exact zero sum is +0 unless both operands are -0.
      wire('s'), assign('s', cond(eq('sum', lit(sw + 1, 0)), and('a_s', 'b_s'), 'x_s')),
      wire('r', floatWidth(f)),
      instance(rounder, 'round', { s: 's', p: 'sum', e: 'e', y: 'r' }),
      wire('invalid'), assign('invalid', or(or('a_nan', 'b_nan'), and(and('a_inf', 'b_inf'), ne('a_s', 'b_s')))),
      assign('y', cond('invalid', lit(floatWidth(f), quietNaN(f)), cond('x_inf', 'x', 'r'))),
    ],
  }));
}

/** `y = round(x)` for a two's-complement integer x of `bits` bits. */
export function intToFloatUnit(units: ModuleSet, bits: number, fo: FloatFormat): string {
  const rounder = roundUnit(units, fo, bits);
  return once(units, () => ({
    name: `tessera_i${bits}_to_${fo.name}`,
    comment: `${fo.name} = round(signed ${bits}-bit integer x), round to nearest even`,
    ports: [input('x', bits), output('y', floatWidth(fo))],
    items: [
      wire('s'), assign('s', bit('x', bits - 1)),
      wire('mag', bits), assign('mag', cond('s', sub(lit(bits, 0), 'x'), 'x')),
      instance(rounder, 'round', { s: 's', p: 'mag', e: lit(EXP_WIDTH, 0), y: 'y' }),
    ],
  }));
}

/** Exact widening conversion (fp16 -> fp32): every value, infinities and NaN carried over. */
export function widenUnit(units: ModuleSet, fi: FloatFormat, fo: FloatFormat): string {
  const rounder = roundUnit(units, fo, fi.frac + 1);
  return once(units, () => ({
    name: `tessera_${fi.name}_to_${fo.name}`,
    comment: `exact ${fi.name} -> ${fo.name}`,
    ports: [input('a', floatWidth(fi)), output('y', floatWidth(fo))],
    items: [
      ...unpack('a', fi),
      wire('e', EXP_WIDTH), assign('e', sub('a_e', lit(EXP_WIDTH, fi.frac))),
      wire('r', floatWidth(fo)),
      instance(rounder, 'round', { s: 'a_s', p: 'a_sig', e: 'e', y: 'r' }),
      assign('y', cond('a_nan', lit(floatWidth(fo), quietNaN(fo)), cond('a_inf', concat('a_s', lit(fo.exp + fo.frac, infinity(fo))), 'r'))),
    ],
  }));
}
