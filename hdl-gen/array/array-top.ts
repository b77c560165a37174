// The array's top level (docs/sim-cycle-model.md): controller (start/done, pass and group
// counters, the pass's precision mode), row and column feeders with the operand skew (feeders.ts),
// the R x C PE grid, one per-group dequantization unit per output column (ceil(R/Gc) lanes, 3
// stages, FP32 output accumulators) and the registered row-per-cycle readout. Memory-style ports: the array presents the operand-cycle index
// `rd_op` and reads x/w/z/sw data for it in the same cycle (an asynchronous buffer read).
import { ANT_TYPE_NAMES } from '../../hw/index.ts';
import type { Expr, Item, Module, Stmt } from '../verilog/ast.ts';
import {
  add, and, assign, clocked, comment, concat, cond, eq, generateFor, ge, if_, index, input, instance, int, land, lit, localparam,
  lt, mul, nb, not, or, output, outputReg, ref, reg, slice, sub, wire,
} from '../verilog/build.ts';
import { FP16, FP32, addUnit, intToFloatUnit, mulUnit, widenUnit, type ModuleSet } from '../units/float-units.ts';
import { DEQUANT_STAGES, OP_COUNTER_BITS, type DesignParams } from './design-params.ts';
import { byModeNow, columnFeeders, rowFeeders, scaleLineTap } from './feeders.ts';
import { multiMode, peModule } from './pe-module.ts';

export const ARRAY_TOP = 'tessera_array';
const TIME_BITS = OP_COUNTER_BITS + 2;
const ONE_FP32 = 0x3f800000;

export const bitsFor = (maxValue: number) => Math.max(1, Math.ceil(Math.log2(maxValue + 1)));

/** Ports of the top level, in order (the testbench drives them by name). */
export function arrayPorts(p: DesignParams) {
  const rb = bitsFor(p.rows);
  const qb = bitsFor(p.outCols);
  const zeroBits = p.modes[0]!.qBits;
  return [
    input('clk'), input('rst', 1, 'synchronous reset'),
    input('start', 1, 'pulse: begin a pass (accepted when not busy)'),
    ...(multiMode(p) ? [input('prec_mode', 2, `precision mode of the pass: ${p.modes.map((m, i) => `${i} ${m.kind.mode}`).join(', ')}`)] : []),
    input('op_cycles', OP_COUNTER_BITS, 'operand cycles Kc = K / kp of the pass (a multiple of Gc)'),
    input('tile_rows', rb, "rows R' of the tile (the rest get zero operands)"),
    input('tile_cols', qb, "output columns C' of the tile"),
    ...(p.antTypes ? [input('ant_type', 2, `ANT type of the tensor: ${ANT_TYPE_NAMES.map((n, i) => `${i} ${n}`).join(', ')}`)] : []),
    ...(p.scaleMode === 'sw-sa' ? [input('sa_data', p.rows * 16, 'FP16 per-token activation scale per row, read at start')] : []),
    output('rd_op', OP_COUNTER_BITS, 'operand cycle whose data is read in this cycle'),
    output('rd_en'),
    input('x_data', p.rows * p.xWord, `activation operand(s) of rd_op per row (${p.xWord} bits a row)`),
    input('w_data', p.outCols * p.qWord, `weight code(s) of rd_op per output column (${p.qWord} bits a column)`),
    ...(p.hasZeroPoint ? [input('z_data', p.outCols * zeroBits, 'zero point of the group of rd_op per output column')] : []),
    input('sw_data', p.outCols * 16, 'FP16 weight scale of the group of rd_op per output column'),
    output('busy'), output('done', 1, 'high in the last cycle of a pass'),
    outputReg('out_valid'), outputReg('out_row', rb), outputReg('out_data', p.outCols * 32, 'FP32 outputs of row out_row, output column q at [32q +: 32]'),
  ];
}

export function arrayTop(units: ModuleSet, p: DesignParams): Module {
  const { rows: R, cols: C, latency: L } = p;
  const rb = bitsFor(p.rows);
  const C1 = C + 1;
  const pe = peModule(units, p);
  const lanes = [...Array(p.lanes).keys()];
  const at = (r: string | Expr, c: string | Expr, stride: number) => add(mul(r, stride), c);
  const items: Item[] = [
    localparam('ROWS', R), localparam('COLS', C), localparam('LANES', p.lanes), localparam('PE_LATENCY', L), localparam('DEQUANT_LATENCY', DEQUANT_STAGES),
    ...controller(p, rb),
    ...rowFeeders(p),
    ...columnFeeders(units, p),
    comment('PE grid: activations and group tags move east, weights south, one register per PE.'),
    { kind: 'net', net: 'wire', name: 'gp_bus', width: 32, depth: [R * p.outCols] },
    { kind: 'net', net: 'wire', name: 'gp_valid_bus', width: 1, depth: [R * C] },
    generateFor('r', 0, R, 'pe_row', [
      generateFor('c', 0, C, 'pe_col', [
        instance(pe, 'pe', {
          clk: 'clk', rst: 'rst', ...(multiMode(p) ? { mode: 'mode_reg' } : {}),
          a_in: index('a_link', at('r', 'c', C1)), last_in: index('last_link', at('r', 'c', C1)),
          a_out: index('a_link', add(at('r', 'c', C1), 1)), last_out: index('last_link', add(at('r', 'c', C1), 1)),
          ...Object.fromEntries(lanes.flatMap((j) => [
            [`w_in_${j}`, index(`w_link_${j}`, at('r', 'c', C))], [`w_out_${j}`, index(`w_link_${j}`, at(add('r', 1), 'c', C))],
            [`gp_${j}`, index('gp_bus', add(mul(at('r', 'c', C), p.lanes), j))],
          ])),
          gp_valid: index('gp_valid_bus', at('r', 'c', C)),
        }),
      ]),
    ]),
    ...dequantColumns(units, p, rb),
    ...readout(p, rb),
  ];
  return { name: ARRAY_TOP, comment: `${R} x ${C} ${p.kind.id} array (${p.lanes} output(s) per PE), output-stationary, group ${p.group}`, ports: arrayPorts(p), items };
}

function controller(p: DesignParams, rb: number): Item[] {
  const { rows: R, cols: C, latency: L } = p;
  const maxGc = Math.max(...p.modes.map((m) => m.gc));
  const gb = bitsFor(maxGc);
  const tw = (v: number) => lit(TIME_BITS, v);
  const widen = (e: string) => concat(lit(TIME_BITS - OP_COUNTER_BITS, 0), e);
  const latched = (name: string, width: number): Item[] => [reg(`${name}_reg`, width), wire(`${name}_now`, width), assign(`${name}_now`, cond('launch', name, `${name}_reg`))];
  // The last operand of a group is operand Gc - 1 of it; Gc = G / kp depends on the pass's mode.
  const groupEnd = multiMode(p) ? byModeNow(p, p.modes.map((m) => lit(gb, m.gc - 1))) : lit(gb, p.modes[0]!.gc - 1);
  return [
    comment('Controller: cycle t of the pass (t = 0 is the cycle after start is accepted). A start in the\nlast cycle of a pass launches the next one back to back.'),
    reg('running'), reg('t', TIME_BITS), reg('gpos', gb, { comment: 'position in its group of the operand read now' }),
    wire('pass_last', TIME_BITS), assign('pass_last', add(widen('op_cycles_reg'), tw(R + C - 1 + L + DEQUANT_STAGES - 1))),
    wire('out_first', TIME_BITS), assign('out_first', add(widen('op_cycles_reg'), tw(C - 1 + L + DEQUANT_STAGES))),
    wire('at_end'), assign('at_end', and('running', eq('t', 'pass_last'))),
    wire('launch'), assign('launch', and('start', or(not('running'), 'at_end'))),
    ...latched('op_cycles', OP_COUNTER_BITS),
    ...(multiMode(p) ? latched('mode', 2).map((i) => (i.kind === 'assign' ? assign('mode_now', cond('launch', 'prec_mode', 'mode_reg')) : i)) : []),
    wire('tn', TIME_BITS, { comment: 'index of the next cycle: operand tn is read now and registered at the next edge' }),
    assign('tn', cond(and('running', not('launch')), add('t', tw(1)), tw(0))),
    wire('feeding'), assign('feeding', and(or('launch', 'running'), lt('tn', widen('op_cycles_now')))),
    wire('gpos_now', gb), assign('gpos_now', cond('launch', lit(gb, 0), 'gpos')),
    wire('group_end', gb), assign('group_end', groupEnd),
    wire('last_now'),
    assign('last_now', and('feeding', p.groupPerPass ? eq('tn', sub(widen('op_cycles_now'), tw(1))) : eq('gpos_now', 'group_end'))),
    wire('continuing'), assign('continuing', or('launch', and('running', not('at_end')))),
    ...latched('tile_rows', rb), ...latched('tile_cols', bitsFor(p.outCols)),
    ...(p.antTypes ? latched('ant_type', 2) : []),
    assign('rd_op', slice('tn', OP_COUNTER_BITS - 1, 0)), assign('rd_en', 'feeding'),
    assign('busy', 'running'), assign('done', 'at_end'),
    clocked('clk', [
      if_('rst', [nb('running', lit(1, 0)), nb('t', tw(0)), nb('gpos', lit(gb, 0)), nb('op_cycles_reg', lit(OP_COUNTER_BITS, 0)), ...(multiMode(p) ? [nb('mode_reg', lit(2, 0))] : [])], [
        if_('launch', [
          nb('running', lit(1, 1)), nb('t', tw(0)), nb('op_cycles_reg', 'op_cycles'), nb('tile_rows_reg', 'tile_rows'), nb('tile_cols_reg', 'tile_cols'),
          ...(multiMode(p) ? [nb('mode_reg', 'prec_mode')] : []),
          ...(p.antTypes ? [nb('ant_type_reg', 'ant_type')] : []),
        ], [if_('at_end', [nb('running', lit(1, 0))], [if_('running', [nb('t', add('t', tw(1)))])])]),
        if_('feeding', [nb('gpos', cond(eq('gpos_now', 'group_end'), lit(gb, 0), add('gpos_now', lit(gb, 1))))]),
      ]),
    ]),
  ];
}

function dequantColumns(units: ModuleSet, p: DesignParams, rb: number): Item[] {
  const { rows: R, cols: C } = p;
  const minGc = Math.min(...p.modes.map((m) => m.gc));
  const fadd = addUnit(units, FP32);
  const fmul = mulUnit(units, FP32, FP32, FP32);
  const toFloat = p.kind.accumulator === 'int32' ? intToFloatUnit(units, 32, FP32) : undefined;
  const scaleMul = p.scaleMode === 'sw-sa' ? mulUnit(units, FP16, FP16, FP32) : undefined;
  const widen = p.scaleMode === 'sw' ? widenUnit(units, FP16, FP32) : undefined;
  // Output column (c, j): PE column c's partials of lane j; PE (r, c) raises gp_valid for all lanes.
  const gpIndex = (r: number) => add(mul(add(int(r * C), 'c'), p.lanes), 'j');
  const validIndex = (r: number) => add(int(r * C), 'c');
  const items: Item[] = [{ kind: 'net', net: 'reg', name: 'yacc', width: 32, depth: [R], comment: 'FP32 output accumulator per row' }];
  const launchClear: Stmt[] = Array.from({ length: R }, (_, r) => nb(index('yacc', r), lit(32, 0)));
  const writes: Stmt[] = [];
  for (let j = 0; j < p.dequantLanes; j++) {
    const span = p.groupPerPass ? R : minGc; // rows per lane
    const rows = Array.from({ length: Math.min(R, (j + 1) * span) - j * span }, (_, i) => j * span + i);
    const v = (r: number) => index('gp_valid_bus', validIndex(r));
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
  items.push(assign(index('rd_data', add(mul('c', p.lanes), 'j')), index('yacc', ref('rd_row'))));
  return [
    comment('Per-group dequantization, one unit per output column at the south edge.'),
    ...(p.scaleMode === 'sw-sa' ? saRegisters(p) : []),
    { kind: 'net', net: 'wire', name: 'rd_data', width: 32, depth: [p.outCols] },
    wire('rd_row', rb),
    generateFor('c', 0, C, 'dequant', [generateFor('j', 0, p.lanes, 'lane', items)]),
  ];
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
        ...Array.from({ length: p.outCols }, (_, c) => nb(slice('out_data', c * 32 + 31, c * 32), cond('out_now', index('rd_data', c), lit(32, 0)))),
      ]),
    ]),
  ];
}
