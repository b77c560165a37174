// The product datapaths of the integer PE kinds (docs/sim-cycle-model.md, "Arithmetic per PE kind"),
// as expressions over the PE's operand registers `a_reg` and `w_reg_<lane>`:
// - INT8: one signed multiply.
// - MixPE W4A8: shift-and-add, |w| selects shifted copies of the activation, negated for w < 0.
// - BitFusion: 16 bit-bricks of 2 x 2 bits (3-bit signed after sign or zero extension) whose inputs
//   and shifts a mode multiplexer sets: one 8x8, two 4x8 or four 4x4 products, summed.
// - ANT: four 4-bit units (5-bit signed operands) fused the same way; a 4-bit ANT weight arrives as
//   (mantissa, shift) from the feeder and shifts its products by its exponent.
import type { Expr, Item } from '../verilog/ast.ts';
import { add, assign, bit, concat, cond, eq, lit, mul, neg, shl, signed, slice, sub, wire } from '../verilog/build.ts';
import type { DesignParams, ModeParams } from './design-params.ts';

/** One fused unit's inputs in one mode: sign- or zero-extended operand slices and the left shift. */
interface UnitInputs {
  readonly w: Expr;
  readonly a: Expr;
  readonly shift: Expr;
}

const ext = (src: string, msb: number, lsb: number, top: boolean): Expr => concat(top ? bit(src, msb) : lit(1, 0), slice(src, msb, lsb));

/** BitFusion bricks of one mode: product p's weight at [wo, wo+wb), activation at [ao, ao+ab). */
function bitfusionUnits(m: ModeParams, w: string): UnitInputs[] {
  const units: UnitInputs[] = [];
  const wb = m.qBits;
  const ab = m.xBits;
  for (let p = 0; p < m.kp; p++) {
    for (let i = 0; i < wb / 2; i++) {
      for (let j = 0; j < ab / 2; j++) {
        const wl = p * wb + 2 * i;
        const al = p * ab + 2 * j;
        units.push({ w: ext(w, wl + 1, wl, i === wb / 2 - 1), a: ext('a_reg', al + 1, al, j === ab / 2 - 1), shift: lit(5, 2 * (i + j)) });
      }
    }
  }
  return units;
}

/** ANT's 4-bit units of one mode: 8x8 from four slice products, 4-bit ANT weights as (mantissa, shift). */
function antUnits(m: ModeParams, w: string): UnitInputs[] {
  if (m.qBits === 8) {
    const units: UnitInputs[] = [];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) units.push({ w: ext(w, 4 * i + 3, 4 * i, i === 1), a: ext('a_reg', 4 * j + 3, 4 * j, j === 1), shift: lit(5, 4 * (i + j)) });
    return units;
  }
  const units: UnitInputs[] = [];
  for (let p = 0; p < m.kp; p++) {
    const mantissa = ext(w, 7 * p + 3, 7 * p, true);
    const exponent = concat(lit(2, 0), slice(w, 7 * p + 6, 7 * p + 4));
    // A 4-bit activation is one unit's operand; an 8-bit one is two slices.
    const slices = m.xBits / 4;
    for (let j = 0; j < slices; j++) {
      const al = p * m.xBits + 4 * j;
      units.push({ w: mantissa, a: ext('a_reg', al + 3, al, j === slices - 1), shift: add(lit(5, 4 * j), exponent) });
    }
  }
  return units;
}

/** The mode multiplexer of a value per mode (the last mode is the default). */
function byMode(values: readonly Expr[]): Expr {
  let e = values[values.length - 1]!;
  for (let i = values.length - 2; i >= 0; i--) e = cond(eq('mode', lit(2, i)), values[i]!, e);
  return e;
}

/** Items computing `product_<lane>` (signed 32 bits) for an integer PE kind. */
export function integerProducts(p: DesignParams, lane: number): Item[] {
  const w = `w_reg_${lane}`;
  const product = `product_${lane}`;
  const wBits = (m: ModeParams) => m.kind.weightFeed === 'ant-decode' ? 7 : p.hasZeroPoint ? m.qBits + 1 : m.qBits;
  switch (p.kind.id) {
    case 'bitfusion':
    case 'ant': {
      const perMode = p.modes.map((m) => (p.kind.id === 'bitfusion' ? bitfusionUnits(m, w) : antUnits(m, w)));
      const count = perMode[0]!.length;
      if (perMode.some((u) => u.length !== count)) throw new Error(`${p.kind.id}: every mode must use all ${count} fused units`);
      const operandBits = p.kind.id === 'bitfusion' ? 3 : 5;
      const items: Item[] = [];
      const terms: Expr[] = [];
      for (let t = 0; t < count; t++) {
        const n = (s: string) => `${s}_${lane}_${t}`;
        items.push(
          wire(n('uw'), operandBits, { signed: true }), assign(n('uw'), byMode(perMode.map((u) => u[t]!.w))),
          wire(n('ua'), operandBits, { signed: true }), assign(n('ua'), byMode(perMode.map((u) => u[t]!.a))),
          wire(n('ush'), 5), assign(n('ush'), byMode(perMode.map((u) => u[t]!.shift))),
        );
        terms.push(shl(mul(n('uw'), n('ua')), n('ush')));
      }
      return [...items, wire(product, 32, { signed: true }), assign(product, terms.reduce((s, t) => add(s, t)))];
    }
    case 'mixpe-w4a8': {
      // Shift-and-add: |w| = sum b_i 2^i selects the activation shifted by i; the sign is applied last.
      const m = p.modes[0]!;
      const wb = wBits(m);
      const x = signed(slice('a_reg', 7, 0));
      const mag = `mag_${lane}`;
      const sum = `shift_sum_${lane}`;
      // The zero is signed so that the whole sum stays signed (an unsigned operand would zero-extend x).
      const terms = Array.from({ length: wb - 1 }, (_, i) => cond(bit(mag, i), shl(x, i), signed(lit(32, 0))));
      return [
        wire(`neg_${lane}`), assign(`neg_${lane}`, bit(w, wb - 1)),
        wire(mag, wb), assign(mag, cond(`neg_${lane}`, sub(lit(wb, 0), w), w)),
        wire(sum, 32, { signed: true }), assign(sum, terms.reduce((s, t) => add(s, t))),
        wire(product, 32, { signed: true }), assign(product, cond(`neg_${lane}`, neg(sum), sum)),
      ];
    }
    default: {
      const m = p.modes[0]!;
      return [wire(product, 32, { signed: true }), assign(product, mul(signed(slice('a_reg', m.xBits - 1, 0)), signed(slice(w, wBits(m) - 1, 0))))];
    }
  }
}
