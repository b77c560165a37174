// The array's top level (docs/sim-cycle-model.md): controller (start/done, pass and group
// counters), row and column feeders with the operand skew, the R x C PE grid, one per-group
// dequantization unit per column (ceil(R/Gc) lanes, 3 stages, FP32 output accumulators) and the
// registered row-per-cycle readout. Memory-style ports: the array presents the operand-cycle index
// `rd_op` and reads x/w/z/sw data for it in the same cycle (an asynchronous buffer read).
import { ANT_TYPE_NAMES, antType } from '../../hw/index.ts';
import type { Expr, Item, Module, Stmt } from '../verilog/ast.ts';
import {
  add, and, assign, case_, clocked, combinational, comment, concat, cond, eq, generateFor, ge, if_, index, input, instance, int, land, lit, localparam,
  lt, mul, nb, not, or, output, outputReg, part, ref, reg, set, slice, sub, wire,
} from '../verilog/build.ts';
import { FP16, FP32, addUnit, intToFloatUnit, mulUnit, widenUnit, type ModuleSet } from '../units/float-units.ts';
import { DEQUANT_STAGES, OP_COUNTER_BITS, type DesignParams } from './design-params.ts';
import { peModule } from './pe-module.ts';

export const ARRAY_TOP = 'tessera_array';
const TIME_BITS = OP_COUNTER_BITS + 2;
const ONE_FP32 = 0x3f800000;

export const bitsFor = (maxValue: number) => Math.max(1, Math.ceil(Math.log2(maxValue + 1)));

/** Ports of the top level, in order (the testbench drives them by name). */
export function arrayPorts(p: DesignParams) {
  const rb = bitsFor(p.rows);
  const cb = bitsFor(p.cols);
  return [
    input('clk'), input('rst', 1, 'synchronous reset'),
    input('start', 1, 'pulse: begin a pass (accepted when not busy)'),
    input('op_cycles', OP_COUNTER_BITS, 'operand cycles Kc = K / kp of the pass (a multiple of Gc)'),
    input('tile_rows', rb, "rows R' of the tile (the rest get zero operands)"),
    input('tile_cols', cb, "columns C' of the tile"),
    ...(p.kind.weightFeed === 'ant-decode' ? [input('ant_type', 2, `ANT type of the tensor: ${ANT_TYPE_NAMES.map((n, i) => `${i} ${n}`).join(', ')}`)] : []),
    ...(p.scaleMode === 'sw-sa' ? [input('sa_data', p.rows * 16, 'FP16 per-token activation scale per row, read at start')] : []),
    output('rd_op', OP_COUNTER_BITS, 'operand cycle whose data is read in this cycle'),
    output('rd_en'),
    input('x_data', p.rows * p.xBits * p.kp, `activation operand(s) of rd_op per row (${p.kind.activation})`),
    input('w_data', p.cols * p.qBits * p.kp, 'weight code(s) of rd_op per column'),
    ...(p.hasZeroPoint ? [input('z_data', p.cols * p.qBits, 'zero point of the group of rd_op per column')] : []),
    input('sw_data', p.cols * 16, 'FP16 weight scale of the group of rd_op per column'),
    output('busy'), output('done', 1, 'high in the last cycle of a pass'),
    outputReg('out_valid'), outputReg('out_row', rb), outputReg('out_data', p.cols * 32, 'FP32 outputs of row out_row, column c at [32c +: 32]'),
  ];
}

export function arrayTop(units: ModuleSet, p: DesignParams): Module {
  const { rows: R, cols: C, latency: L, gc: GC } = p;
  const rb = bitsFor(p.rows);
  const aw = p.xBits * p.kp;
  const ww = p.wBits * p.kp;
  const pe = peModule(units, p);
  const items: Item[] = [
    localparam('ROWS', R), localparam('COLS', C), localparam('PE_LATENCY', L), localparam('DEQUANT_LATENCY', DEQUANT_STAGES), ...(p.groupPerPass ? [] : [localparam('GROUP_OPS', GC, 'operand cycles per group')]),
    ...controller(p, rb),
    ...rowFeeders(p, aw),
    ...columnFeeders(units, p, ww),
    comment('PE grid: activations and group tags move east, weights south, one register per PE.'),
    { kind: 'net', net: 'wire', name: 'gp_bus', width: 32, depth: [R * C] },
    { kind: 'net', net: 'wire', name: 'gp_valid_bus', width: 1, depth: [R * C] },
    generateFor('r', 0, R, 'pe_row', [
      generateFor('c', 0, C, 'pe_col', [
        instance(pe, 'pe', {
          clk: 'clk', rst: 'rst',
          a_in: index('a_link', add(mul('r', C + 1), 'c')), w_in: index('w_link', add(mul('r', C), 'c')), last_in: index('last_link', add(mul('r', C + 1), 'c')),
          a_out: index('a_link', add(add(mul('r', C + 1), 'c'), 1)), w_out: index('w_link', add(mul(add('r', 1), C), 'c')), last_out: index('last_link', add(add(mul('r', C + 1), 'c'), 1)),
          gp: index('gp_bus', add(mul('r', C), 'c')), gp_valid: index('gp_valid_bus', add(mul('r', C), 'c')),
        }),
      ]),
    ]),
    ...dequantColumns(units, p, rb),
    ...readout(p, rb),
  ];
  return { name: ARRAY_TOP, comment: `${R} x ${C} ${p.kind.id} array, output-stationary, group ${p.group}`, ports: arrayPorts(p), items };
}

function controller(p: DesignParams, rb: number): Item[] {
  const { rows: R, cols: C, latency: L, gc: GC } = p;
  const gb = bitsFor(GC);
  const tw = (v: number) => lit(TIME_BITS, v);
  const widen = (e: string) => concat(lit(TIME_BITS - OP_COUNTER_BITS, 0), e);
  const latched = (name: string, width: number): Item[] => [reg(`${name}_reg`, width), wire(`${name}_now`, width), assign(`${name}_now`, cond('launch', name, `${name}_reg`))];
  return [
    comment('Controller: cycle t of the pass (t = 0 is the cycle after start is accepted). A start in the\nlast cycle of a pass launches the next one back to back.'),
    reg('running'), reg('t', TIME_BITS), reg('gpos', gb, { comment: 'position in its group of the operand read now' }),
    wire('pass_last', TIME_BITS), assign('pass_last', add(widen('op_cycles_reg'), tw(R + C - 1 + L + DEQUANT_STAGES - 1))),
    wire('out_first', TIME_BITS), assign('out_first', add(widen('op_cycles_reg'), tw(C - 1 + L + DEQUANT_STAGES))),
    wire('at_end'), assign('at_end', and('running', eq('t', 'pass_last'))),
    wire('launch'), assign('launch', and('start', or(not('running'), 'at_end'))),
    ...latched('op_cycles', OP_COUNTER_BITS),
    wire('tn', TIME_BITS, { comment: 'index of the next cycle: operand tn is read now and registered at the next edge' }),
    assign('tn', cond(and('running', not('launch')), add('t', tw(1)), tw(0))),
    wire('feeding'), assign('feeding', and(or('launch', 'running'), lt('tn', widen('op_cycles_now')))),
    wire('gpos_now', gb), assign('gpos_now', cond('launch', lit(gb, 0), 'gpos')),
    wire('last_now'),
    assign('last_now', and('feeding', p.groupPerPass ? eq('tn', sub(widen('op_cycles_now'), tw(1))) : eq('gpos_now', lit(gb, GC - 1)))),
    wire('continuing'), assign('continuing', or('launch', and('running', not('at_end')))),
    ...latched('tile_rows', rb), ...latched('tile_cols', bitsFor(p.cols)),
    ...(p.kind.weightFeed === 'ant-decode' ? latched('ant_type', 2) : []),
    assign('rd_op', slice('tn', OP_COUNTER_BITS - 1, 0)), assign('rd_en', 'feeding'),
    assign('busy', 'running'), assign('done', 'at_end'),
    clocked('clk', [
      if_('rst', [nb('running', lit(1, 0)), nb('t', tw(0)), nb('gpos', lit(gb, 0)), nb('op_cycles_reg', lit(OP_COUNTER_BITS, 0))], [
        if_('launch', [
          nb('running', lit(1, 1)), nb('t', tw(0)), nb('op_cycles_reg', 'op_cycles'), nb('tile_rows_reg', 'tile_rows'), nb('tile_cols_reg', 'tile_cols'),
          ...(p.kind.weightFeed === 'ant-decode' ? [nb('ant_type_reg', 'ant_type')] : []),
        ], [if_('at_end', [nb('running', lit(1, 0))], [if_('running', [nb('t', add('t', tw(1)))])])]),
        if_('feeding', [nb('gpos', cond(eq('gpos_now', lit(gb, GC - 1)), lit(gb, 0), add('gpos_now', lit(gb, 1))))]),
      ]),
    ]),
  ];
}

/** A shift register per lane, unrolled: chain `name` holds depth(i) stages for lane i, fed from `source(i)`. */
function delayChains(name: string, width: number, lanes: number, depth: (i: number) => number, source: (i: number) => Expr): { items: Item[]; tap: (i: number) => Expr } {
  const base: number[] = [];
  let total = 0;
  for (let i = 0; i < lanes; i++) {
    base.push(total);
    total += depth(i);
  }
  const tap = (i: number) => (depth(i) === 0 ? source(i) : index(name, base[i] + depth(i) - 1));
  if (total === 0) return { items: [], tap };
  const shifts: Stmt[] = [];
  for (let i = 0; i < lanes; i++) {
    for (let s = 0; s < depth(i); s++) shifts.push(nb(index(name, base[i] + s), s === 0 ? source(i) : index(name, base[i] + s - 1)));
  }
  // Reset clears the chains, so no stale (or, in simulation, unknown) operand enters a PE.
  const clear = Array.from({ length: total }, (_, i) => nb(index(name, i), lit(width, 0)));
  return { items: [{ kind: 'net', net: 'reg', name, width, depth: [total] }, clocked('clk', [if_('rst', clear, shifts)])], tap };
}

function rowFeeders(p: DesignParams, aw: number): Item[] {
  const R = p.rows;
  const C1 = p.cols + 1;
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

function columnFeeders(units: ModuleSet, p: DesignParams, ww: number): Item[] {
  const C = p.cols;
  const q = (j: number) => part('w_data', add(mul('c', p.kp * p.qBits), int(j * p.qBits)), p.qBits);
  const operands: Item[] = [];
  const wPrime: Expr[] = [];
  for (let j = 0; j < p.kp; j++) {
    const name = `w_op${j}`;
    operands.push(wire(name, p.wBits));
    wPrime.unshift(ref(name));
    switch (p.kind.weightFeed) {
      case 'code-minus-zero':
        operands.push(assign(name, p.hasZeroPoint ? sub(concat(lit(1, 0), q(j)), concat(lit(1, 0), part('z_data', mul('c', p.qBits), p.qBits))) : q(j)));
        break;
      case 'ant-decode': {
        // ANT: the 4-bit code decoded to its integer by the tensor's type (signed types, zero point 0).
        const table = ANT_TYPE_NAMES.flatMap((t, ti) => Array.from(antType(t, true).decode, (v, code) => ({ labels: [lit(6, ti * 16 + code)], body: [set(`${name}_dec`, lit(8, v & 0xff))] })));
        operands.push(reg(`${name}_dec`, 8), combinational([case_(concat('ant_type_now', q(j)), table, [set(`${name}_dec`, lit(8, 0))])]), assign(name, `${name}_dec`));
        break;
      }
      case 'fp16-dequant': {
        // W' = fp16(fp16(q - z) * sw): dequantized once per weight in the column feeder.
        const diff = p.hasZeroPoint ? sub(concat(lit(1, 0), q(j)), concat(lit(1, 0), part('z_data', mul('c', p.qBits), p.qBits))) : concat(part('w_data', add(mul('c', p.kp * p.qBits), int(j * p.qBits + p.qBits - 1)), 1), q(j));
        const toHalf = intToFloatUnit(units, p.qBits + 1, FP16);
        const mulHalf = mulUnit(units, FP16, FP16, FP16);
        operands.push(wire(`${name}_diff`, p.qBits + 1), assign(`${name}_diff`, diff), wire(`${name}_half`, 16),
          instance(toHalf, `${name}_to_fp16`, { x: `${name}_diff`, y: `${name}_half` }),
          instance(mulHalf, `${name}_scale`, { a: `${name}_half`, b: 'sw_col', y: name }));
        break;
      }
    }
  }
  const needScaleLine = p.scaleMode !== 'one';
  const w = delayChains('north_w', ww, C, (c) => c, (c) => index('w_feed', c));
  // The weight scale rides beside the weights (c + 1 registers, like PE (0, c)'s w_reg) and L more,
  // so it reaches the column's dequant unit in the cycle row 0 finishes the group.
  const scale = delayChains('scale_line', 16, C, (c) => c + 1 + p.latency, (c) => index('sw_feed', c));
  return [
    comment("Column feeders: W' per column (zeros beyond tile_cols), entering PE (0, c) c cycles late."),
    { kind: 'net', net: 'wire', name: 'w_feed', width: ww, depth: [C] },
    { kind: 'net', net: 'wire', name: 'sw_feed', width: 16, depth: [C] },
    { kind: 'net', net: 'wire', name: 'w_link', width: ww, depth: [(p.rows + 1) * C] },
    generateFor('c', 0, C, 'feed_col', [
      wire('active'), assign('active', land('feeding', lt('c', 'tile_cols_now'))),
      wire('sw_col', 16), assign('sw_col', part('sw_data', mul('c', 16), 16)),
      ...operands,
      assign(index('w_feed', ref('c')), cond('active', wPrime.length === 1 ? wPrime[0] : concat(...wPrime), lit(ww, 0))),
      assign(index('sw_feed', ref('c')), cond('active', 'sw_col', lit(16, 0))),
    ]),
    ...w.items,
    ...Array.from({ length: C }, (_, c) => assign(index('w_link', c), w.tap(c))),
    ...(needScaleLine ? scale.items : []),
  ];
}

function dequantColumns(units: ModuleSet, p: DesignParams, rb: number): Item[] {
  const { rows: R, cols: C, gc: GC } = p;
  const fadd = addUnit(units, FP32);
  const fmul = mulUnit(units, FP32, FP32, FP32);
  const toFloat = p.kind.accumulator === 'int32' ? intToFloatUnit(units, 32, FP32) : undefined;
  const scaleMul = p.scaleMode === 'sw-sa' ? mulUnit(units, FP16, FP16, FP32) : undefined;
  const widen = p.scaleMode === 'sw' ? widenUnit(units, FP16, FP32) : undefined;
  const gpIndex = (r: number) => add(int(r * C), 'c');
  const items: Item[] = [{ kind: 'net', net: 'reg', name: 'yacc', width: 32, depth: [R], comment: 'FP32 output accumulator per row' }];
  const launchClear: Stmt[] = Array.from({ length: R }, (_, r) => nb(index('yacc', r), lit(32, 0)));
  const writes: Stmt[] = [];
  for (let j = 0; j < p.lanes; j++) {
    const span = p.groupPerPass ? R : GC; // rows per lane
    const rows = Array.from({ length: Math.min(R, (j + 1) * span) - j * span }, (_, i) => j * span + i);
    const v = (r: number) => index('gp_valid_bus', gpIndex(r));
    const n = (s: string) => `${s}_${j}`;
    const scaleSource = j === 0 ? scaleLineTap(p) : ref(`scale_${j - 1}`);
    items.push(
      comment(`lane ${j}: rows ${rows[0]}..${rows[rows.length - 1]} (at most one finishes a group per cycle)`),
      wire(n('sel_valid')), assign(n('sel_valid'), rows.map(v).reduce((a, b) => or(a, b))),
      wire(n('sel_gp'), 32), assign(n('sel_gp'), rows.map((r) => cond(v(r), index('gp_bus', gpIndex(r)), lit(32, 0))).reduce((a, b) => or(a, b))),
      wire(n('sel_row'), rb), assign(n('sel_row'), rows.map((r) => cond(v(r), lit(rb, r), lit(rb, 0))).reduce((a, b) => or(a, b))),
      reg(n('scale'), 16, { comment: 'weight scale of the group this lane is dequantizing' }),
      reg(n('f1'), 32), reg(n('row1'), rb), reg(n('v1')), reg(n('u2'), 32), reg(n('row2'), rb), reg(n('v2')),
      wire(n('f'), 32), wire(n('sp'), 32), wire(n('u'), 32), wire(n('sum'), 32),
      toFloat ? instance(toFloat, n('to_fp32'), { x: n('sel_gp'), y: n('f') }) : assign(n('f'), n('sel_gp')),
      scaleMul
        ? instance(scaleMul, n('scale_product'), { a: n('scale'), b: index('sa_reg', ref(n('row1'))), y: n('sp') })
        : widen ? instance(widen, n('scale_fp32'), { a: n('scale'), y: n('sp') }) : assign(n('sp'), lit(32, ONE_FP32)),
      instance(fmul, n('scale_mul'), { a: n('f1'), b: n('sp'), y: n('u') }),
      instance(fadd, n('accumulate'), { a: index('yacc', ref(n('row2'))), b: n('u2'), y: n('sum') }),
      clocked('clk', [
        if_('rst', [nb(n('v1'), lit(1, 0)), nb(n('v2'), lit(1, 0)), nb(n('scale'), lit(16, 0))], [
          // Stage 1: convert; stage 2: scale; stage 3 (below): accumulate into yacc.
          nb(n('f1'), n('f')), nb(n('row1'), n('sel_row')), nb(n('v1'), n('sel_valid')),
          nb(n('u2'), n('u')), nb(n('row2'), n('row1')), nb(n('v2'), n('v1')),
          ...(p.scaleMode === 'one' ? [] : [if_(v(j * span), [nb(n('scale'), scaleSource)])]),
        ]),
      ]),
    );
    for (const r of rows) writes.push(if_(land(n('v2'), eq(n('row2'), lit(rb, r))), [nb(index('yacc', r), n('sum'))]));
  }
  items.push(clocked('clk', [if_(or('rst', 'launch'), launchClear, writes)]));
  items.push(assign(index('rd_data', ref('c')), index('yacc', ref('rd_row'))));
  return [
    comment('Per-group dequantization, one unit per column at its south edge.'),
    ...(p.scaleMode === 'sw-sa' ? saRegisters(p) : []),
    { kind: 'net', net: 'wire', name: 'rd_data', width: 32, depth: [C] },
    wire('rd_row', rb),
    generateFor('c', 0, C, 'dequant', items),
  ];
}

/** The scale line's last stage for the column of the enclosing generate block (genvar c). */
function scaleLineTap(p: DesignParams): Expr {
  // Chain c starts at sum_{i<c} (i + 1 + L) = c(c+1)/2 + c*L and is c + 1 + L deep.
  const start = add(binaryHalf(), mul('c', p.latency));
  return index('scale_line', add(start, add('c', int(p.latency))));
}
function binaryHalf(): Expr {
  // c * (c + 1) / 2, written with a shift so it stays a constant expression of the genvar.
  return { kind: 'binary', op: '>>', left: mul('c', add('c', 1)), right: int(1) };
}

function saRegisters(p: DesignParams): Item[] {
  return [
    { kind: 'net', net: 'reg', name: 'sa_reg', width: 16, depth: [p.rows], comment: 'per-token activation scales of the pass' },
    clocked('clk', Array.from({ length: p.rows }, (_, r) =>
      if_('launch', [nb(index('sa_reg', r), cond(lt(lit(bitsFor(p.rows), r), 'tile_rows'), slice('sa_data', r * 16 + 15, r * 16), lit(16, 0)))]))),
  ];
}

function readout(p: DesignParams, rb: number): Item[] {
  const R = p.rows;
  const tw = (v: number) => lit(TIME_BITS, v);
  return [
    comment('Readout: row i is registered at edge Kc + i + C - 1 + L + D.'),
    wire('out_index', TIME_BITS), assign('out_index', sub('tn', 'out_first')),
    wire('out_now'), assign('out_now', land(land('continuing', ge('tn', 'out_first')), lt('out_index', tw(R)))),
    assign('rd_row', cond('out_now', slice('out_index', rb - 1, 0), lit(rb, 0))),
    clocked('clk', [
      if_('rst', [nb('out_valid', lit(1, 0))], [
        nb('out_valid', 'out_now'),
        nb('out_row', cond('out_now', slice('out_index', rb - 1, 0), lit(rb, 0))),
        ...Array.from({ length: p.cols }, (_, c) => nb(slice('out_data', c * 32 + 31, c * 32), cond('out_now', index('rd_data', c), lit(32, 0)))),
      ]),
    ]),
  ];
}
