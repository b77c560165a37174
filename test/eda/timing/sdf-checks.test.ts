import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTimingGraph, parseLiberty, parseSdf, readVerilogNetlist, sdfAnnotation } from '../../../eda/timing/index.ts';
import { isUserError } from '../../../util/index.ts';
import { missingTool, toolPath } from '../../helpers/requirements.ts';

// Timing checks with conditions as OpenSTA's write_sdf prints them: the condition inside the port
// (`port_tchk` of the SDF grammar), its expression with parentheses, from Liberty's
// sdf_cond_start (data port) and sdf_cond_end (clock port).
const sdfText = `(DELAYFILE
 (SDFVERSION "3.0") (DESIGN "top") (TIMESCALE 1ns)
 (CELL (CELLTYPE "SDFF") (INSTANCE r1)
  (TIMINGCHECK
   (SETUP (COND (SE == 1'b0) && (DE == 1'b1) (posedge D)) (posedge CK) (0.1:0.2:0.3))
   (HOLD (COND "h" SE==1'b0 D) (COND (EN == 1'b1) (posedge CK)) (0.05))
   (SETUPHOLD (COND (SE == 1'b1) (negedge SI)) (posedge CK) (0.4) (0.01))
   (COND (A == 1'b1) && (B == 1'b0) (WIDTH (COND (EN == 1'b1) (posedge CK)) (0.3)))
   (RECOVERY (posedge RN) (posedge CK) (0.07))
  )))`;

describe('SDF timing checks with conditions', () => {
  it('reads the condition of each port, parentheses and all, and the check it conditions', () => {
    const sdf = parseSdf(sdfText, 'c.sdf');
    const checks = sdf.cells[0]!.checks;
    expect(checks.map((c) => c.kind)).toEqual(['SETUP', 'HOLD', 'SETUP', 'HOLD', 'WIDTH', 'RECOVERY']);
    const blankless = (s: string | undefined) => s?.replace(/\s+/g, '');
    expect(checks[0]).toMatchObject({ data: 'D', dataEdge: 'posedge', clock: 'CK', clockEdge: 'posedge' });
    expect(blankless(checks[0]!.dataCond)).toBe("(SE==1'b0)&&(DE==1'b1)");
    expect(checks[0]!.clockCond).toBeUndefined();
    expect(checks[0]!.value!.map((v) => v! * 1e9)).toEqual([0.1, 0.2, 0.30000000000000004].map((v) => expect.closeTo(v, 12)));
    expect(checks[1]).toMatchObject({ data: 'D', clock: 'CK', clockEdge: 'posedge' });
    expect(checks[1]!.dataEdge).toBeUndefined();
    expect(blankless(checks[1]!.dataCond)).toBe("SE==1'b0");
    expect(blankless(checks[1]!.clockCond)).toBe("(EN==1'b1)");
    expect(checks[2]).toMatchObject({ kind: 'SETUP', data: 'SI', dataEdge: 'negedge', clock: 'CK' });
    expect(checks[3]).toMatchObject({ kind: 'HOLD', data: 'SI', dataEdge: 'negedge', clock: 'CK' });
    expect(checks[2]!.value![2]! * 1e9).toBeCloseTo(0.4, 12);
    expect(checks[3]!.value![2]! * 1e9).toBeCloseTo(0.01, 12);
    expect(blankless(checks[2]!.dataCond)).toBe("(SE==1'b1)");
    expect(checks[4]).toMatchObject({ kind: 'WIDTH', data: 'CK', dataEdge: 'posedge' });
    expect(blankless(checks[4]!.dataCond)).toBe("(EN==1'b1)");
    expect(checks[5]).toMatchObject({ kind: 'RECOVERY', data: 'RN', dataEdge: 'posedge', clock: 'CK' });
    expect(checks[5]!.dataCond).toBeUndefined();
  });

  it('names the file and line of a condition with no port', () => {
    const bad = "(DELAYFILE (CELL (CELLTYPE \"X\") (INSTANCE r1)\n (TIMINGCHECK (SETUP (COND) (posedge CK) (1)))))";
    let where: unknown;
    try {
      parseSdf(bad, 'bad.sdf');
    } catch (e) {
      if (!isUserError(e)) throw e;
      where = e.where;
    }
    expect(where).toMatchObject({ file: 'bad.sdf', line: 2 });
  });

  const dir = mkdtempSync(join(tmpdir(), 'sdf-checks-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const scalar = (v: number) => `(scalar) { values ("${v}"); }`;
  const thresholds = ['input_threshold_pct', 'output_threshold_pct'].flatMap((a) => [`${a}_rise : 50;`, `${a}_fall : 50;`]).join(' ')
    + ' slew_lower_threshold_pct_rise : 20; slew_lower_threshold_pct_fall : 20; slew_upper_threshold_pct_rise : 80; slew_upper_threshold_pct_fall : 80;';
  /** A scan-style flop whose setup and hold arcs carry SDF conditions (sdf_cond_start / sdf_cond_end). */
  const libText = (setupCond: string) => `library (t) {
      delay_model : table_lookup; ${thresholds}
      time_unit : "1ns"; capacitive_load_unit (1, pf); voltage_unit : "1V"; current_unit : "1mA"; pulling_resistance_unit : "1kohm";
      cell (SDFF) {
        ff (IQ, IQN) { clocked_on : "CK"; next_state : "D"; }
        pin (CK) { direction : input; clock : true; capacitance : 0.001; }
        pin (D) { direction : input; capacitance : 0.001;
          timing () { related_pin : "CK"; timing_type : setup_rising; sdf_cond_start : "${setupCond}";
            rise_constraint ${scalar(0.02)} fall_constraint ${scalar(0.02)} }
          timing () { related_pin : "CK"; timing_type : hold_rising; sdf_cond_start : "SE == 1'b1"; sdf_cond_end : "EN == 1'b1";
            rise_constraint ${scalar(0.003)} fall_constraint ${scalar(0.003)} }
        }
        pin (SE) { direction : input; capacitance : 0.001; }
        pin (DE) { direction : input; capacitance : 0.001; }
        pin (Q) { direction : output; function : "IQ";
          timing () { related_pin : "CK"; timing_type : rising_edge; cell_rise ${scalar(0.1)} cell_fall ${scalar(0.1)} rise_transition ${scalar(0.01)} fall_transition ${scalar(0.01)} } }
      }
    }`;
  const netlist = 'module top(clk, d, se, de, q);\n input clk, d, se, de;\n output q;\n SDFF r1 (.CK(clk), .D(d), .SE(se), .DE(de), .Q(q));\nendmodule\n';

  it('applies a conditioned check to the Liberty check arcs of that condition alone, as OpenSTA', () => {
    const lib = parseLiberty(libText("(SE == 1'b0) && (DE == 1'b1)"), 't.lib');
    const v = join(dir, 'top.v');
    writeFileSync(v, netlist);
    const graph = buildTimingGraph(readVerilogNetlist(v), [lib]);
    const sdf = sdfAnnotation(graph, parseSdf(sdfText, 'c.sdf'));
    const d = graph.pinIndex.get('r1/D')!;
    const ck = graph.pinIndex.get('r1/CK')!;
    const setup = graph.checks.find((c) => c.data === d && c.kind === 'setup')!;
    const hold = graph.checks.find((c) => c.data === d && c.kind === 'hold')!;
    // SETUP's data condition is the setup arc's sdf_cond_start (blanks aside); (posedge D): rising data only.
    expect(sdf.check(d, ck, setup.arc, 0, 0)! * 1e9).toBeCloseTo(0.3, 12);
    expect(sdf.check(d, ck, setup.arc, 0, 1)! * 1e9).toBeCloseTo(0.1, 12);
    expect(sdf.check(d, ck, setup.arc, 1, 0)).toBeUndefined();
    // HOLD's data condition (SE==1'b0) is not the hold arc's (SE == 1'b1): not applied.
    expect(sdf.check(d, ck, hold.arc, 0, 1)).toBeUndefined();
    // The same check without conditions applies to any arc.
    const plain = sdfAnnotation(graph, parseSdf("(DELAYFILE (TIMESCALE 1ns) (CELL (CELLTYPE \"SDFF\") (INSTANCE r1) (TIMINGCHECK (HOLD D (posedge CK) (0.05)))))", 'p.sdf'));
    expect(plain.check(d, ck, hold.arc, 0, 1)! * 1e9).toBeCloseTo(0.05, 12);
    // Both conditions matching the hold arc's start and end conditions: applied.
    const both = sdfAnnotation(graph, parseSdf("(DELAYFILE (TIMESCALE 1ns) (CELL (CELLTYPE \"SDFF\") (INSTANCE r1) (TIMINGCHECK (HOLD (COND SE==1'b1 D) (COND EN == 1'b1 (posedge CK)) (0.06)))))", 'b.sdf'));
    expect(both.check(d, ck, hold.arc, 1, 1)! * 1e9).toBeCloseTo(0.06, 12);
    const endOnly = sdfAnnotation(graph, parseSdf("(DELAYFILE (TIMESCALE 1ns) (CELL (CELLTYPE \"SDFF\") (INSTANCE r1) (TIMINGCHECK (HOLD (COND SE==1'b1 D) (posedge CK) (0.06)))))", 'e.sdf'));
    expect(endOnly.check(d, ck, hold.arc, 1, 1)! * 1e9).toBeCloseTo(0.06, 12);
    const wrongEnd = sdfAnnotation(graph, parseSdf("(DELAYFILE (TIMESCALE 1ns) (CELL (CELLTYPE \"SDFF\") (INSTANCE r1) (TIMINGCHECK (HOLD (COND SE==1'b1 D) (COND EN == 1'b0 (posedge CK)) (0.06)))))", 'w.sdf'));
    expect(wrongEnd.check(d, ck, hold.arc, 1, 1)).toBeUndefined();
  });

  it.skipIf(missingTool('sta'))('gives the setup and hold times OpenSTA reports with the same SDF (a matching and a non-matching condition)', () => {
    // OpenSTA's reader takes a port condition without parentheses; the library's condition differs in blanks only.
    const setupCond = "SE == 1'b0 && DE == 1'b1";
    const sdf = "(DELAYFILE (SDFVERSION \"3.0\") (DESIGN \"top\") (TIMESCALE 1ns) (CELL (CELLTYPE \"SDFF\") (INSTANCE r1) (TIMINGCHECK\n"
      + " (SETUP (COND SE==1'b0 && DE == 1'b1 (posedge D)) (posedge CK) (0.1:0.2:0.3))\n (HOLD (COND SE==1'b0 D) (posedge CK) (0.05)))))\n";
    const files = { lib: join(dir, 'o.lib'), v: join(dir, 'o.v'), sdf: join(dir, 'o.sdf'), tcl: join(dir, 'o.tcl') };
    writeFileSync(files.lib, libText(setupCond));
    writeFileSync(files.v, netlist);
    writeFileSync(files.sdf, sdf);
    writeFileSync(files.tcl, [`read_liberty ${files.lib}`, `read_verilog ${files.v}`, 'link_design top', 'create_clock -name c -period 1 [get_ports clk]',
      'set_input_delay 0 -clock c [get_ports d]', `read_sdf ${files.sdf}`, 'report_checks -to r1/D -path_delay max -digits 4', 'report_checks -to r1/D -path_delay min -digits 4'].join('\n'));
    const run = spawnSync(toolPath('sta')!, ['-no_splash', '-exit', files.tcl], { encoding: 'utf8' });
    const value = (what: string) => Number(new RegExp(`(-?[0-9.]+)\\s+-?[0-9.]+\\s+library ${what} time`).exec(run.stdout)?.[1]);
    const openStaSetup = -value('setup');
    const openStaHold = value('hold');
    expect(openStaSetup, run.stdout + run.stderr).toBeCloseTo(0.3, 4);
    expect(openStaHold).toBeCloseTo(0.003, 4);
    const graph = buildTimingGraph(readVerilogNetlist(files.v), [parseLiberty(libText(setupCond), 'o.lib')]);
    const ours = sdfAnnotation(graph, parseSdf(sdf, 'o.sdf'));
    const d = graph.pinIndex.get('r1/D')!;
    const ck = graph.pinIndex.get('r1/CK')!;
    const setup = graph.checks.find((c) => c.data === d && c.kind === 'setup')!;
    const hold = graph.checks.find((c) => c.data === d && c.kind === 'hold')!;
    // Setup, late: the SDF's max value on the matching arc; hold, early: not annotated (its condition names no arc), the library's 0.003.
    expect(ours.check(d, ck, setup.arc, 0, 0)! * 1e9).toBeCloseTo(openStaSetup, 4);
    expect(ours.check(d, ck, hold.arc, 0, 1)).toBeUndefined();
  });
});
