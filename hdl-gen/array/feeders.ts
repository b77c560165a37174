// The array's feeders (docs/sim-cycle-model.md, "Operands per cycle"): the row feeders hand each
// PE row its activation word (one or more codes per operand cycle), the column feeders turn every
// output column's stored weight codes into the operand W' the PEs multiply (q - z, ANT's decode,
// or FP16 dequantization) and skew both into the array, one register per row or column.
import { ANT_TYPE_NAMES, antType } from '../../hw/index.ts';
import type { Expr, Item, Stmt } from '../verilog/ast.ts';
import {
  add, assign, case_, clocked, combinational, comment, concat, cond, eq, generateFor, if_, index, instance, int, land, lit, lt, mul, nb, part, ref, reg, set, sub, wire,
} from '../verilog/build.ts';
import { FP16, intToFloatUnit, mulUnit, type ModuleSet } from '../units/float-units.ts';
import { weightOperandBits, type DesignParams, type ModeParams } from './design-params.ts';

/** A shift register per lane, unrolled: chain `name` holds depth(i) stages for lane i, fed from `source(i)`. */
export function delayChains(name: string, width: number, lanes: number, depth: (i: number) => number, source: (i: number) => Expr): { items: Item[]; tap: (i: number) => Expr } {
  const base: number[] = [];
  let total = 0;
  for (let i = 0; i < lanes; i++) {
    base.push(total);
    total += depth(i);
  }
  const tap = (i: number) => (depth(i) === 0 ? source(i) : index(name, base[i]! + depth(i) - 1));
  if (total === 0) return { items: [], tap };
  const shifts: Stmt[] = [];
  for (let i = 0; i < lanes; i++) {
    for (let s = 0; s < depth(i); s++) shifts.push(nb(index(name, base[i]! + s), s === 0 ? source(i) : index(name, base[i]! + s - 1)));
  }
  // Reset clears the chains, so no stale (or, in simulation, unknown) operand enters a PE.
  const clear = Array.from({ length: total }, (_, i) => nb(index(name, i), lit(width, 0)));
  return { items: [{ kind: 'net', net: 'reg', name, width, depth: [total] }, clocked('clk', [if_('rst', clear, shifts)])], tap };
}

/** The mode multiplexer over per-mode values of the pass being fed (the last mode is the default). */
export function byModeNow(p: DesignParams, values: readonly Expr[]): Expr {
  let e = values[values.length - 1]!;
  for (let i = values.length - 2; i >= 0; i--) e = cond(eq('mode_now', lit(2, i)), values[i]!, e);
  return e;
}

export function rowFeeders(p: DesignParams): Item[] {
  const R = p.rows;
  const C1 = p.cols + 1;
  const aw = p.xWord;
  const x = delayChains('west_x', aw, R, (r) => r, (r) => index('x_feed', r));
  const last = delayChains('west_last', 1, R, (r) => r, () => ref('last_now'));
  return [
    comment(`Row feeders: row r's activations and group tag enter PE (r, 0) r cycles late (rows >= tile_rows get zeros).`),
    { kind: 'net', net: 'wire', name: 'x_feed', width: aw, depth: [R] },
    { kind: 'net', net: 'wire', name: 'a_link', width: aw, depth: [R * C1] },
    { kind: 'net', net: 'wire', name: 'last_link', width: 1, depth: [R * C1] },
    generateFor('r', 0, R, 'feed_row', [
      assign(index('x_feed', ref('r')), cond(land('feeding', lt('r', 'tile_rows_now')), part('x_data', mul('r', aw), aw), lit(aw, 0))),
    ]),
    ...x.items, ...last.items,
    ...Array.from({ length: R }, (_, r) => assign(index('a_link', r * C1), x.tap(r))),
    ...Array.from({ length: R }, (_, r) => assign(index('last_link', r * C1), last.tap(r))),
  ];
}

/** The ANT decode of a 4-bit code to (mantissa: 4-bit signed, shift: 3 bits) with value mantissa << shift. */
function antMantissaShift(value: number): number {
  let e = 0;
  let m = value;
  while (m !== 0 && (m < -8 || m > 7) && m % 2 === 0) {
    m /= 2;
    e++;
  }
  if (m < -8 || m > 7 || e > 7) throw new Error(`ANT value ${value} has no 4-bit mantissa and 3-bit shift`);
  return (e << 4) | (m & 0xf);
}

/** W' of one mode for output column q (genvar), from its stored code word: per k-value of the operand cycle. */
function modeOperand(units: ModuleSet, p: DesignParams, m: ModeParams, mi: number, items: Item[]): Expr {
  const wb = weightOperandBits(m.kind, p.hasZeroPoint);
  const code = (i: number) => part('w_data', add(mul('q', p.qWord), int(i * m.qBits)), m.qBits);
  const zero = () => part('z_data', mul('q', m.qBits), m.qBits);
  const fields: Expr[] = [];
  for (let i = 0; i < m.kp; i++) {
    const name = `w_op_m${mi}_${i}`;
    items.push(wire(name, wb));
    fields.unshift(ref(name));
    switch (m.kind.weightFeed) {
      case 'code-minus-zero':
        items.push(assign(name, p.hasZeroPoint ? sub(concat(lit(1, 0), code(i)), concat(lit(1, 0), zero())) : code(i)));
        break;
      case 'ant-decode': {
        // ANT: the 4-bit code decoded by the tensor's type (signed types, zero point 0) to (mantissa, shift).
        const table = ANT_TYPE_NAMES.flatMap((t, ti) => Array.from(antType(t, true).decode, (v, c) => ({ labels: [lit(6, ti * 16 + c)], body: [set(`${name}_dec`, lit(7, antMantissaShift(v)))] })));
        items.push(reg(`${name}_dec`, 7), combinational([case_(concat('ant_type_now', code(i)), table, [set(`${name}_dec`, lit(7, 0))])]), assign(name, `${name}_dec`));
        break;
      }
      case 'fp16-dequant': {
        // W' = fp16(fp16(q - z) * sw): dequantized once per weight in the column feeder.
        const diff = p.hasZeroPoint ? sub(concat(lit(1, 0), code(i)), concat(lit(1, 0), zero())) : concat(part('w_data', add(mul('q', p.qWord), int(i * m.qBits + m.qBits - 1)), 1), code(i));
        const toHalf = intToFloatUnit(units, m.qBits + 1, FP16);
        const mulHalf = mulUnit(units, FP16, FP16, FP16);
        items.push(wire(`${name}_diff`, m.qBits + 1), assign(`${name}_diff`, diff), wire(`${name}_half`, 16),
          instance(toHalf, `${name}_to_fp16`, { x: `${name}_diff`, y: `${name}_half` }),
          instance(mulHalf, `${name}_scale`, { a: `${name}_half`, b: 'sw_col', y: name }));
        break;
      }
    }
  }
  const word = fields.length === 1 ? fields[0]! : concat(...fields);
  const width = m.kp * wb;
  return width === p.wWord ? word : concat(lit(p.wWord - width, 0), word);
}

export function columnFeeders(units: ModuleSet, p: DesignParams): Item[] {
  const Q = p.outCols;
  const ww = p.wWord;
  const operands: Item[] = [];
  const perMode = p.modes.map((m, mi) => modeOperand(units, p, m, mi, operands));
  const needScaleLine = p.scaleMode !== 'one';
  const pe = (q: number) => Math.floor(q / p.lanes);
  const w = delayChains('north_w', ww, Q, pe, (q) => index('w_feed', q));
  // The weight scale rides beside the weights (c + 1 registers, like PE (0, c)'s w_reg) and L more,
  // so it reaches the output column's dequant unit in the cycle row 0 finishes the group.
  const scale = delayChains('scale_line', 16, Q, (q) => pe(q) + 1 + p.latency, (q) => index('sw_feed', q));
  return [
    comment("Column feeders: W' per output column (zeros beyond tile_cols), entering PE (0, c) c cycles late."),
    { kind: 'net', net: 'wire', name: 'w_feed', width: ww, depth: [Q] },
    { kind: 'net', net: 'wire', name: 'sw_feed', width: 16, depth: [Q] },
    ...Array.from({ length: p.lanes }, (_, j) => ({ kind: 'net' as const, net: 'wire' as const, name: `w_link_${j}`, width: ww, depth: [(p.rows + 1) * p.cols] })),
    generateFor('q', 0, Q, 'feed_col', [
      wire('active'), assign('active', land('feeding', lt('q', 'tile_cols_now'))),
      wire('sw_col', 16), assign('sw_col', part('sw_data', mul('q', 16), 16)),
      ...operands,
      assign(index('w_feed', ref('q')), cond('active', p.modes.length === 1 ? perMode[0]! : byModeNow(p, perMode), lit(ww, 0))),
      assign(index('sw_feed', ref('q')), cond('active', 'sw_col', lit(16, 0))),
    ]),
    ...w.items,
    ...Array.from({ length: Q }, (_, q) => assign(index(`w_link_${q % p.lanes}`, pe(q)), w.tap(q))),
    ...(needScaleLine ? scale.items : []),
  ];
}

/** The last stage of output column (c, j)'s scale line (genvars c, j), as a constant expression. */
export function scaleLineTap(p: DesignParams): Expr {
  // Output column q = c*lanes + j has a chain of c + 1 + L stages; the chains of the columns before
  // it take lanes * (c(c+1)/2 + c L) + j (c + 1 + L) stages.
  const L = p.latency;
  const half: Expr = { kind: 'binary', op: '>>', left: mul('c', add('c', 1)), right: int(1) };
  const before = add(mul(add(half, mul('c', L)), p.lanes), mul('j', add('c', 1 + L)));
  return index('scale_line', add(before, add('c', int(L))));
}
