// One processing element per kind (docs/sim-cycle-model.md, "PE pipeline and the group partial"):
// operand registers forwarded east (activation, group-last tag) and south (weight), L pipeline
// stages into the accumulator, and at the last operand of a group the group-partial register gp
// with a one-cycle gp_valid.
import type { Expr, Item, Module, Stmt } from '../verilog/ast.ts';
import {
  add, assign, bit, clocked, concat, cond, eq, if_, input, instance, lit, mul, nb, output, reduceOr, reg, shl, signed, slice, sub, wire, xor,
} from '../verilog/build.ts';
import { FP16, FP32, EXP_WIDTH, addUnit, mulUnit, roundUnit, quietNaN, type ModuleSet } from '../units/float-units.ts';
import type { DesignParams } from './design-params.ts';

export const peModuleName = (p: DesignParams) => `tessera_pe_${p.kind.id.replace(/-/g, '_')}`;

export function peModule(units: ModuleSet, p: DesignParams): string {
  const name = peModuleName(p);
  const aw = p.xBits * p.kp;
  const ww = p.wBits * p.kp;
  const float = p.kind.accumulator === 'fp32';
  const operandRegs: Item[] = [
    reg('a_reg', aw, { comment: 'activation operand (forwarded east)' }),
    reg('w_reg', ww, { comment: "weight operand W' (forwarded south)" }),
    reg('last_reg', 1, { comment: 'this operand is the last of its group' }),
    { kind: 'net', net: 'reg', name: 'acc', width: 32, signed: !float, comment: float ? 'FP32 accumulator' : 'INT32 accumulator' },
    assign('a_out', 'a_reg'), assign('w_out', 'w_reg'), assign('last_out', 'last_reg'),
  ];
  const loadOperands: Stmt[] = [nb('a_reg', 'a_in'), nb('w_reg', 'w_in'), nb('last_reg', 'last_in')];
  const clear: Stmt[] = [nb('a_reg', lit(aw, 0)), nb('w_reg', lit(ww, 0)), nb('last_reg', lit(1, 0)), nb('acc', lit(32, 0)), nb('gp_valid', lit(1, 0))];
  // The accumulate step: at the group's last operand, the sum goes to gp and the accumulator clears.
  const accumulate = (sum: Expr | string, last: string): Stmt =>
    if_(last, [nb('gp', sum), nb('acc', lit(32, 0)), nb('gp_valid', lit(1, 1))], [nb('acc', sum), nb('gp_valid', lit(1, 0))]);

  let datapath: Item[];
  if (!float) {
    // L = 1: the product of the operand registers is added in the next edge.
    datapath = [wire('product', 32, { signed: true }), assign('product', integerProduct(p)), wire('sum', 32), assign('sum', add('acc', 'product')),
      clocked('clk', [if_('rst', clear, [...loadOperands, accumulate('sum', 'last_reg')])])];
  } else {
    // L = 2: exact FP32 product registered, then one FP32 rounding per accumulation.
    const adder = addUnit(units, FP32);
    const product = p.kind.id === 'fp16' ? mulUnit(units, FP16, FP16, FP32) : shiftAddUnit(units, p.wBits);
    datapath = [
      wire('product', 32), reg('product_reg', 32, { comment: 'stage 1: exact product' }), reg('last1', 1), wire('sum', 32),
      p.kind.id === 'fp16'
        ? instance(product, 'multiply', { a: 'w_reg', b: 'a_reg', y: 'product' })
        : instance(product, 'shift_add', { w: 'w_reg', x: 'a_reg', y: 'product' }),
      instance(adder, 'accumulate', { a: 'acc', b: 'product_reg', y: 'sum' }),
      clocked('clk', [if_('rst', [...clear, nb('product_reg', lit(32, 0)), nb('last1', lit(1, 0))], [
        ...loadOperands, nb('product_reg', 'product'), nb('last1', 'last_reg'), accumulate('sum', 'last1'),
      ])]),
    ];
  }
  if (!units.has(name)) {
    units.set(name, {
      name,
      comment: `${p.kind.id} PE: ${p.kind.summary}\nlatency L = ${p.latency}; ${p.kp} MAC(s) per cycle`,
      ports: [
        input('clk'), input('rst'),
        input('a_in', aw), input('w_in', ww), input('last_in'),
        output('a_out', aw), output('w_out', ww), output('last_out'),
        { ...output('gp', 32, float ? 'FP32 group partial' : 'INT32 group partial'), reg: true },
        { ...output('gp_valid'), reg: true },
      ],
      items: [...operandRegs, ...datapath],
    } satisfies Module);
  }
  return name;
}

/** Sum of the kp signed products of the operand registers (BitFusion: built from 2-bit bricks). */
function integerProduct(p: DesignParams): Expr {
  const x = (j: number) => signed(slice('a_reg', (j + 1) * p.xBits - 1, j * p.xBits));
  const w = (j: number) => signed(slice('w_reg', (j + 1) * p.wBits - 1, j * p.wBits));
  if (p.kind.id !== 'bitfusion') return mul(x(0), w(0));
  // BitFusion: w = wh*4 + wl and x = x3*64 + x2*16 + x1*4 + x0 with signed top slices; each brick
  // is a 3-bit x 3-bit signed multiply of sign- or zero-extended 2-bit slices, shifted into place.
  const terms: Expr[] = [];
  for (let j = 0; j < p.kp; j++) {
    for (let i = 0; i < p.wBits / 2; i++) {
      for (let k = 0; k < p.xBits / 2; k++) {
        const wSlice = slice('w_reg', j * p.wBits + 2 * i + 1, j * p.wBits + 2 * i);
        const xSlice = slice('a_reg', j * p.xBits + 2 * k + 1, j * p.xBits + 2 * k);
        const wTop = i === p.wBits / 2 - 1;
        const xTop = k === p.xBits / 2 - 1;
        const ext = (s: Expr, top: boolean, src: string, msb: number) => signed(concat(top ? bit(src, msb) : lit(1, 0), s));
        const brick = mul(ext(wSlice, wTop, 'w_reg', j * p.wBits + 2 * i + 1), ext(xSlice, xTop, 'a_reg', j * p.xBits + 2 * k + 1));
        terms.push(shl(brick, 2 * (i + k)));
      }
    }
  }
  return terms.reduce((acc, t) => add(acc, t));
}

/**
 * MixPE W4A16 product: |w| = sum b_i 2^i, each set bit adds the FP16 significand shifted by i (an
 * exponent raise), so the exact product w * x is one short integer sum; it fits FP32 exactly.
 */
function shiftAddUnit(units: ModuleSet, wBits: number): string {
  const pw = FP16.frac + 1 + wBits;
  const rounder = roundUnit(units, FP32, pw);
  const name = `tessera_shift_add_w${wBits}_fp16`;
  if (units.has(name)) return name;
  const expField = slice('x', 14, 10);
  const terms = Array.from({ length: wBits }, (_, i) => cond(bit('mag', i), shl(concat(lit(pw - 11, 0), 'sig'), i), lit(pw, 0)));
  units.set(name, {
    name,
    comment: `exact w * x for a ${wBits}-bit signed integer w and an FP16 x, by shift-and-add (MixPE W4A16)`,
    ports: [input('w', wBits), input('x', 16), output('y', 32)],
    items: [
      wire('neg'), assign('neg', bit('w', wBits - 1)),
      wire('mag', wBits), assign('mag', cond('neg', sub(lit(wBits, 0), 'w'), 'w')),
      wire('sig', 11), assign('sig', concat(reduceOr(expField), slice('x', 9, 0))),
      wire('sum', pw), assign('sum', terms.reduce((a, t) => add(a, t))),
      // Unbiased exponent of the significand's lsb: (field or 1 for subnormals) - 15 - 10.
      wire('e', EXP_WIDTH), assign('e', sub(concat(lit(EXP_WIDTH - 5, 0), cond(eq(expField, lit(5, 0)), lit(5, 1), expField)), lit(EXP_WIDTH, 25))),
      wire('r', 32),
      instance(rounder, 'round', { s: xor(bit('x', 15), 'neg'), p: 'sum', e: 'e', y: 'r' }),
      wire('special'), assign('special', eq(expField, lit(5, 31))),
      // Infinity times a non-zero w stays infinite; NaN, or infinity times zero, is NaN.
      assign('y', cond('special', cond(eq(concat(slice('x', 9, 0), eq('mag', lit(wBits, 0))), lit(11, 0)), concat(xor(bit('x', 15), 'neg'), lit(31, 0x7f800000)), lit(32, quietNaN(FP32))), 'r')),
    ],
  });
  return name;
}
