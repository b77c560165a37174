// One processing element per kind (docs/sim-cycle-model.md, "PE pipeline and the group partial"):
// operand registers forwarded east (activation, group-last tag) and south (one weight word per
// output lane), L pipeline stages into one accumulator per lane, and at the last operand of a group
// one group-partial register per lane with a shared one-cycle gp_valid. Kinds with several
// precision modes take the array's `mode`, which selects how the fused units are wired.
import type { Item, Module, Port, Stmt } from '../verilog/ast.ts';
import { add, assign, bit, clocked, concat, cond, eq, if_, input, instance, lit, nb, output, reduceOr, reg, shl, slice, sub, wire, xor } from '../verilog/build.ts';
import { FP16, FP32, EXP_WIDTH, addUnit, mulUnit, roundUnit, quietNaN, type ModuleSet } from '../units/float-units.ts';
import type { DesignParams } from './design-params.ts';
import { integerProducts } from './pe-products.ts';

export const peModuleName = (p: DesignParams) => `tessera_pe_${p.kind.id.replace(/-/g, '_')}`;

/** Whether the design's PEs switch among precision modes. */
export const multiMode = (p: DesignParams) => p.modes.length > 1;

export function peModule(units: ModuleSet, p: DesignParams): string {
  const name = peModuleName(p);
  if (units.has(name)) return name;
  const aw = p.xWord;
  const ww = p.wWord;
  const lanes = [...Array(p.lanes).keys()];
  const float = p.kind.accumulator === 'fp32';
  const operandRegs: Item[] = [
    reg('a_reg', aw, { comment: 'activation operand(s) (forwarded east)' }),
    ...lanes.map((j) => reg(`w_reg_${j}`, ww, { comment: `weight operand(s) W' of output lane ${j} (forwarded south)` })),
    reg('last_reg', 1, { comment: 'this operand is the last of its group' }),
    ...lanes.map((j): Item => ({ kind: 'net', net: 'reg', name: `acc_${j}`, width: 32, signed: !float, comment: float ? 'FP32 accumulator' : 'INT32 accumulator' })),
    assign('a_out', 'a_reg'), ...lanes.map((j) => assign(`w_out_${j}`, `w_reg_${j}`)), assign('last_out', 'last_reg'),
  ];
  const loadOperands: Stmt[] = [nb('a_reg', 'a_in'), ...lanes.map((j) => nb(`w_reg_${j}`, `w_in_${j}`)), nb('last_reg', 'last_in')];
  const clear: Stmt[] = [nb('a_reg', lit(aw, 0)), ...lanes.map((j) => nb(`w_reg_${j}`, lit(ww, 0))), nb('last_reg', lit(1, 0)), ...lanes.map((j) => nb(`acc_${j}`, lit(32, 0))), nb('gp_valid', lit(1, 0))];
  // The accumulate step: at the group's last operand, the sums go to gp and the accumulators clear.
  const accumulate = (last: string): Stmt =>
    if_(last, [...lanes.flatMap((j) => [nb(`gp_${j}`, `sum_${j}`), nb(`acc_${j}`, lit(32, 0))]), nb('gp_valid', lit(1, 1))],
      [...lanes.map((j) => nb(`acc_${j}`, `sum_${j}`)), nb('gp_valid', lit(1, 0))]);

  let datapath: Item[];
  if (!float) {
    // L = 1: the product of the operand registers is added in the next edge.
    datapath = [
      ...lanes.flatMap((j) => [...integerProducts(p, j), wire(`sum_${j}`, 32), assign(`sum_${j}`, add(`acc_${j}`, `product_${j}`))]),
      clocked('clk', [if_('rst', clear, [...loadOperands, accumulate('last_reg')])]),
    ];
  } else {
    // L = 2: exact FP32 product registered, then one FP32 rounding per accumulation.
    const adder = addUnit(units, FP32);
    const product = p.kind.id === 'fp16' ? mulUnit(units, FP16, FP16, FP32) : shiftAddUnit(units, ww);
    datapath = [
      ...lanes.flatMap((j) => [
        wire(`product_${j}`, 32), reg(`product_reg_${j}`, 32, { comment: 'stage 1: exact product' }), wire(`sum_${j}`, 32),
        p.kind.id === 'fp16'
          ? instance(product, `multiply_${j}`, { a: `w_reg_${j}`, b: 'a_reg', y: `product_${j}` })
          : instance(product, `shift_add_${j}`, { w: `w_reg_${j}`, x: 'a_reg', y: `product_${j}` }),
        instance(adder, `accumulate_${j}`, { a: `acc_${j}`, b: `product_reg_${j}`, y: `sum_${j}` }),
      ]),
      reg('last1', 1),
      clocked('clk', [if_('rst', [...clear, ...lanes.map((j) => nb(`product_reg_${j}`, lit(32, 0))), nb('last1', lit(1, 0))], [
        ...loadOperands, ...lanes.map((j) => nb(`product_reg_${j}`, `product_${j}`)), nb('last1', 'last_reg'), accumulate('last1'),
      ])]),
    ];
  }
  const modeNote = multiMode(p) ? `; mode ${p.modes.map((m, i) => `${i} = ${m.kind.mode} (${m.kp} MAC(s))`).join(', ')}` : `; ${p.modes[0]!.kp * p.lanes} MAC(s) per cycle`;
  const ports: Port[] = [
    input('clk'), input('rst'),
    ...(multiMode(p) ? [input('mode', 2, 'precision mode of the pass')] : []),
    input('a_in', aw), ...lanes.map((j) => input(`w_in_${j}`, ww)), input('last_in'),
    output('a_out', aw), ...lanes.map((j) => output(`w_out_${j}`, ww)), output('last_out'),
    ...lanes.map((j) => ({ ...output(`gp_${j}`, 32, float ? 'FP32 group partial' : 'INT32 group partial'), reg: true })),
    { ...output('gp_valid'), reg: true },
  ];
  units.set(name, {
    name,
    comment: `${p.kind.id} PE: ${p.kind.summary}\nlatency L = ${p.latency}; ${p.lanes} output lane(s)${modeNote}`,
    ports,
    items: [...operandRegs, ...datapath],
  } satisfies Module);
  return name;
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
