import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dataPath, isUserError } from '../../../util/index.ts';
import { missingData, skipReason } from '../../helpers/requirements.ts';
import {
  lookupTable, parseDef, parseLef, parseLiberty, parseSdc, parseSdf, parseSpef, readLef, readLiberty,
} from '../../../eda/timing/index.ts';
import { fuzzParser } from './fuzz.ts';

const read = (...p: string[]) => {
  const f = dataPath(...p);
  const b = readFileSync(f);
  return f.endsWith('.gz') ? gunzipSync(b).toString('utf8') : b.toString('utf8');
};

/** The UserError location of a failing parse. */
function errorAt(fn: () => unknown): { line: number; col: number; message: string } {
  try {
    fn();
  } catch (e) {
    if (!isUserError(e) || typeof e.where !== 'object') throw e;
    return { line: e.where.line, col: e.where.col, message: e.message };
  }
  throw new Error('expected a UserError');
}

const missing = skipReason(missingData('liberty', 'nangate45', 'nangate45_typ.lib.gz'));

describe.skipIf(missing !== undefined)('Liberty', () => {
  it('reads Nangate45 cells, pins, units and NLDM tables as written in the file', () => {
    const text = read('liberty', 'nangate45', 'nangate45_typ.lib.gz');
    const lib = parseLiberty(text, 'typ.lib');
    expect(lib.cells.size).toBe((text.match(/^\s*cell\s*\(/gm) ?? []).length);
    expect(lib.timeUnit).toBe(1e-9);
    expect(lib.capUnit).toBe(1e-15);
    const a = lib.cells.get('BUF_X1')!.pins.get('A')!;
    expect(a.riseCapacitance).toBeCloseTo(0.974659e-15, 20);
    expect(a.fallCapacitance).toBeCloseTo(0.87525e-15, 20);
    const arc = lib.cells.get('BUF_X1')!.pins.get('Z')!.timing[0]!;
    expect(arc.sense).toBe('positive_unate');
    // On a grid point the table value is returned exactly (cell_fall row 2, column 3 of the file).
    expect(lookupTable(arc.cellFall!, 0.00472397e-9, 3.79086e-15)).toBeCloseTo(0.0284611e-9, 15);
    const dff = lib.cells.get('DFF_X1')!;
    expect(dff.isSequential).toBe(true);
    expect(dff.pins.get('Q')!.timing.some((t) => t.type === 'rising_edge')).toBe(true);
    expect(dff.pins.get('D')!.timing.map((t) => t.type).sort()).toEqual(['hold_rising', 'setup_rising']);
  });

  it('interpolates bilinearly inside a table and extrapolates linearly outside it', () => {
    const t = { variables: ['input_net_transition' as const, 'total_output_net_capacitance' as const], axes: [[1, 3], [10, 20]], values: [[100, 200], [300, 600]] };
    // Reference: interpolate along x at both y, then along y.
    const ref = (x: number, y: number) => {
      const fx = (x - 1) / 2;
      const v10 = 100 + fx * 200;
      const v20 = 200 + fx * 400;
      return v10 + ((y - 10) / 10) * (v20 - v10);
    };
    for (const [x, y] of [[2, 15], [1, 10], [3, 20], [0, 5], [5, 30], [2.5, 12]] as const) expect(lookupTable(t, x, y)).toBeCloseTo(ref(x, y), 9);
  });

  it('reads the 12.8 MB sky130 library with its 428 cells', () => {
    const lib = readLiberty(dataPath('liberty', 'sky130_fd_sc_hd', 'sky130hd_tt.lib.gz'));
    expect(lib.cells.size).toBe(428);
    expect(lib.capUnit).toBe(1e-12);
    expect(lib.defaultWireLoad).toBe('Small');
  });

  it('reports syntax errors at file:line:col', () => {
    const e = errorAt(() => parseLiberty('library (x) {\n  cell (a) {\n    area : 1 ;\n  }\n  cell (b) ( \n}\n', 'bad.lib'));
    expect(e.line).toBe(5);
    const u = errorAt(() => parseLiberty('library (x) {\n  time_unit : "1parsec" ;\n}\n', 'u.lib'));
    expect([u.line, u.col]).toEqual([2, 3]);
    const t = errorAt(() => parseLiberty('library (x) {\n cell (a) { pin (Z) { direction : output; timing () { related_pin : "A"; cell_rise (nope) { values ("1"); } } } }\n}\n', 't.lib'));
    expect(t.message).toMatch(/template "nope"/);
  });

  it('survives fuzzing: random mutations of a real library parse or fail with a location', () => {
    const text = read('liberty', 'asap7_small', 'asap7_small_ff.lib.gz');
    const failures = fuzzParser(text, 'f.lib', (t) => parseLiberty(t, 'f.lib'), 60, 1);
    expect(failures).toBeGreaterThan(10);
  });
});

describe.skipIf(missing !== undefined)('LEF and DEF', () => {
  it('reads Nangate45 layers, sites and macros', () => {
    const lef = readLef([dataPath('lef', 'nangate45', 'Nangate45.lef')]);
    expect(lef.dbuPerMicron).toBe(2000);
    const m2 = lef.layers.get('metal2')!;
    expect([m2.direction, m2.width, m2.resistancePerSquare]).toEqual(['VERTICAL', 0.07, 0.25]);
    expect(m2.capacitancePerSquare).toBeCloseTo(4.0896e-17, 25);
    const buf = lef.macros.get('BUF_X1')!;
    expect([buf.width, buf.height]).toEqual([0.57, 1.4]);
    expect(buf.pins.get('A')!.rects[0]).toEqual({ layer: 'metal1', x1: 0.06, y1: 0.525, x2: 0.19, y2: 0.7 });
  });

  it('reads a routed DEF: components, pins and nets as counted in the file', () => {
    const text = read('timing_designs', 'nangate45_gcd_rcx', '45_gcd.def');
    const def = parseDef(text, 'gcd.def');
    expect(def.dbuPerMicron).toBe(2000);
    expect(def.components.length).toBe(Number(/^COMPONENTS (\d+)/m.exec(text)![1]));
    expect(def.pins.length).toBe(Number(/^PINS (\d+)/m.exec(text)![1]));
    expect(def.nets.length).toBe(Number(/^NETS (\d+)/m.exec(text)![1]));
    expect(def.components[0]).toMatchObject({ name: '_255_', macro: 'CLKBUF_X3', status: 'PLACED', x: 128440, y: 142800, orient: 'N' });
    expect(def.nets.find((n) => n.name === 'req_msg[0]')!.conns).toEqual([{ inst: 'PIN', pin: 'req_msg[0]' }, { inst: '_426_', pin: 'A2' }]);
  });

  it('unescapes DEF names and reports errors with positions', () => {
    const def = parseDef('DESIGN t ;\nUNITS DISTANCE MICRONS 1000 ;\nCOMPONENTS 1 ;\n - a\\[0\\] BUF_X1 + FIXED ( 1 2 ) FS ;\nEND COMPONENTS\nEND DESIGN\n', 'e.def');
    expect(def.components[0]).toMatchObject({ name: 'a[0]', status: 'FIXED', x: 1, y: 2, orient: 'FS' });
    const e = errorAt(() => parseDef('DESIGN t ;\nCOMPONENTS 1 ;\n - a BUF_X1 + PLACED ( 1 ) N ;\nEND COMPONENTS\n', 'e.def'));
    expect(e.line).toBe(3);
  });

  it('survives fuzzing (LEF and DEF)', () => {
    const lef = read('timing_designs', 'nangate45_example1', 'example1.lef');
    expect(fuzzParser(lef, 'f.lef', (t) => parseLef(t, 'f.lef'), 80, 2)).toBeGreaterThan(5);
    const def = read('timing_designs', 'nangate45_gcd', 'gcd_nangate45_placed.def').slice(0, 60000);
    expect(fuzzParser(def, 'f.def', (t) => parseDef(t, 'f.def'), 60, 3)).toBeGreaterThan(5);
  });
});

describe.skipIf(missing !== undefined)('SPEF and SDF', () => {
  it('reads a SPEF: name map, connections, ground and coupling caps, resistors in SI units', () => {
    const spef = parseSpef(read('timing_designs', 'sky130hd_gcd', 'gcd_sky130hd.spef'), 'gcd.spef');
    const net = spef.nets.get('_001_')!;
    expect(net.totalCap).toBeCloseTo(0.000868146e-12, 24);
    // *506 and *384 are name-map entries (lines 520 and 398 of the file) for _412_ and _290_.
    expect(net.conns.map((c) => c.name)).toEqual(['_412_:D', '_290_:X']);
    expect(net.caps.filter((c) => c.other !== undefined).length).toBe(5);
    expect(net.res).toEqual([{ a: '_290_:X', b: '_412_:D', value: 33.1508 }]);
  });

  it('reads SDF delays, interconnects, conditions and checks', () => {
    const sdf = parseSdf(read('timing_designs', 'nangate45_example1', 'example1.sdf'), 'e.sdf');
    const r1 = sdf.cells.find((c) => c.instance === 'r1')!;
    expect(r1.ioPaths[0]).toMatchObject({ from: 'CK', to: 'Q', rise: [1e-9, 1e-9, 1e-9] });
    expect(r1.checks.find((c) => c.kind === 'SETUP')).toMatchObject({ data: 'D', clock: 'CK', clockEdge: 'posedge', value: [0.5e-9, 0.5e-9, 0.5e-9] });
    const top = sdf.cells.find((c) => c.cellType === 'top')!;
    expect(top.interconnects[0]).toMatchObject({ from: 'in1', to: 'r1/D' });
    const cond = parseSdf('(DELAYFILE (TIMESCALE 100 ps) (CELL (CELLTYPE "X") (INSTANCE a/b) (DELAY (INCREMENT (COND A==1\'b1 (IOPATH (posedge B) Z (1::3) ()))))))', 'c.sdf');
    expect(cond.cells[0]!.instance).toBe('a/b');
    expect(cond.cells[0]!.ioPaths[0]).toMatchObject({ from: 'B', fromEdge: 'posedge', to: 'Z', cond: "A==1'b1", increment: true, rise: [1e-10, undefined, 3e-10], fall: undefined });
    // OpenSTA's write_sdf puts parentheses in conditions (Liberty's sdf_cond, as written).
    const paren = parseSdf('(DELAYFILE (CELL (CELLTYPE "OAI21_X2") (INSTANCE u1) (DELAY (ABSOLUTE (COND "c1" (B1 == 1\'b1) && (B2 == 1\'b0) (IOPATH A ZN (0.02::0.03) (0.01)))))))', 'p.sdf');
    expect(paren.cells[0]!.ioPaths[0]).toMatchObject({ from: 'A', to: 'ZN', cond: "(B1 == 1'b1) && (B2 == 1'b0)" });
    const gf = parseSdf(read('timing_designs', 'gf180mcu_caravel_user_proj_example', 'user_proj_example.sdf'), 'gf.sdf');
    expect(gf.divider).toBe('.');
    expect(gf.cells.length).toBe((read('timing_designs', 'gf180mcu_caravel_user_proj_example', 'user_proj_example.sdf').match(/\(CELL\b/g) ?? []).length);
  });

  it('survives fuzzing (SPEF and SDF)', () => {
    const spef = read('timing_designs', 'nangate45_example1', 'example1.dspef');
    expect(fuzzParser(spef, 'f.spef', (t) => parseSpef(t, 'f.spef'), 80, 4)).toBeGreaterThan(5);
    const sdf = read('sdf_spef_small_opensta', 'sdf', 'sdf_test4.sdf');
    expect(fuzzParser(sdf, 'f.sdf', (t) => parseSdf(t, 'f.sdf'), 80, 5)).toBeGreaterThan(5);
  });
});

describe('SDC', () => {
  it('evaluates variables, expr and object queries', () => {
    const sdc = parseSdc('set period 5\ncreate_clock -period $period [get_ports clk]\nset d [expr $period * .2]\nset_input_delay $d -clock clk {a b[*]}\nset_output_delay -clock clk -max 1 [all_outputs]\nset_timing_derate -late 1.05\n', 's.sdc');
    expect(sdc.clocks[0]).toMatchObject({ name: 'clk', period: 5e-9, waveform: [0, 2.5e-9] });
    expect(sdc.inputDelays[0]).toMatchObject({ clock: 'clk', delay: 1e-9, objects: { kind: 'port', patterns: ['a', 'b[*]'] } });
    expect(sdc.outputDelays[0]).toMatchObject({ minMax: 'max', objects: { kind: 'port', direction: 'output' } });
    expect(sdc.derate.lateCell).toBe(1.05);
  });

  it('names the position of unknown commands, clocks and bad brackets', () => {
    expect(errorAt(() => parseSdc('create_clock -period 1 clk\n\nset_multicycle_path 2\n', 'x.sdc')).line).toBe(3);
    expect(errorAt(() => parseSdc('set_input_delay 1 -clock nope [get_ports a]\n', 'x.sdc')).message).toMatch(/unknown clock/);
    expect(errorAt(() => parseSdc('create_clock -period 1 [get_ports clk\n', 'x.sdc')).message).toMatch(/missing "\]"/);
    expect(errorAt(() => parseSdc('create_clock -period 1 clk\nset_false_path -through [get_pins u1/Z]\n', 'x.sdc')).line).toBe(2);
  });

  it.skipIf(missing !== undefined)('survives fuzzing', () => {
    const text = read('timing_designs', 'sky130hd_gcd', 'gcd_sky130hd.sdc');
    expect(fuzzParser(text, 'f.sdc', (t) => parseSdc(t, 'f.sdc'), 80, 6)).toBeGreaterThan(5);
  });
});
