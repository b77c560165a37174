// One labelling flow: training labels and `--compare` run the same script on the same Yosys build,
// and both say which (tool version and script hash).
import { describe, expect, it } from 'vitest';
import { libertyCellAreas, loadLibrary, runYosys } from '../../../../eda/synth/index.ts';
import { labelSources } from '../../../../models/qor/veridistill/training/label-task.ts';
import { LABEL_BACKEND, QOR_FLOW_HASH, qorScript, synthesizeQor } from '../../../../models/qor/veridistill/training/index.ts';
import { flowLiberty } from '../../../../models/qor/veridistill/training/qor-flow.ts';

const adder = 'module add(input clk, input [3:0] a, b, output reg [4:0] s); always @(posedge clk) s <= a + b; endmodule\n';

describe('the labelling flow', () => {
  it('reads .sv in SystemVerilog mode, with the sources\' folders as include folders', () => {
    const script = qorScript(['rtl/a.v', 'rtl/inc/b.sv'], 'a');
    expect(script).toContain('read_verilog -Irtl -Irtl/inc "rtl/a.v"');
    expect(script).toContain('read_verilog -sv -Irtl -Irtl/inc "rtl/inc/b.sv"');
    expect(script).toContain('synth -flatten -top a');
    expect(qorScript(['a.v'], undefined)).toContain('synth -flatten\n');
  });

  it('labels and --compare give the same numbers on the embedded Yosys, with tool and script hash', async () => {
    expect(LABEL_BACKEND).toBe('wasm');
    const liberty = loadLibrary('sky130').text;
    const label = await labelSources({ sources: { 'add.v': adder }, top: 'add', liberty, backend: 'wasm', timeoutSeconds: 60 });
    if (!label.ok) throw new Error(label.error);
    const compare = await synthesizeQor({ 'add.v': adder }, 'add', liberty, 'wasm', false);
    expect(compare.areaUm2).toBe(label.areaUm2);
    expect(compare.delayPs).toBe(label.delayPs);
    expect(compare.tool).toBe(label.tool);
    expect(label.tool).toMatch(/^wasm /);
    expect(compare.flow).toBe(QOR_FLOW_HASH);
    // 5 flip-flops (the registered sum) at least, each a sky130 DFF.
    expect(label.graph.types.filter((t) => /dfxtp/.test(t)).length).toBeGreaterThan(0);
    expect(label.areaUm2).toBeGreaterThan(5 * 20);
  });

  it('hands Yosys the library without internal_power groups, and the netlists stay byte-identical', async () => {
    const full = loadLibrary('sky130').text;
    const lean = flowLiberty(full);
    expect(full).toMatch(/internal_power\s*\(/);
    expect(lean).not.toMatch(/internal_power\s*\(/);
    expect(lean.length).toBeLessThan(0.75 * full.length);
    expect(flowLiberty(lean)).toBe(lean);
    // Every other group is kept: the same cells with the same areas, flip-flops and timing tables.
    expect([...libertyCellAreas(lean)]).toEqual([...libertyCellAreas(full)]);
    for (const group of ['ff', 'latch', 'cell_rise', 'fall_transition', 'leakage_power', 'pg_pin']) {
      const count = (text: string) => text.match(new RegExp(`\\b${group}\\s*\\(`, 'g'))?.length ?? 0;
      expect(count(lean), group).toBe(count(full));
    }
    // A register, an adder and a multiplexer: dfflibmap and ABC map it identically from either file.
    const design = 'module m(input clk, input s, input [3:0] a, b, output reg [4:0] q); always @(posedge clk) q <= s ? a + b : a ^ b; endmodule\n';
    const run = (lib: string) => runYosys({ script: qorScript(['m.v'], 'm'), files: { 'm.v': design, 'cells.lib': lib }, backend: 'wasm', outputs: ['netlist.json'] });
    const [a, b] = [await run(full), await run(lean)];
    expect(a.outputs['netlist.json']).toBeDefined();
    expect(b.outputs['netlist.json']).toBe(a.outputs['netlist.json']);
    const stime = (log: string) => log.split('\n').filter((l) => /Delay =|Area =/.test(l));
    expect(stime(b.log).length).toBeGreaterThan(0);
    expect(stime(b.log)).toEqual(stime(a.log));
  });
});
