// The step budget: input whose work multiplies (macros that double at each level, instances that
// double at each level of hierarchy, nested generate loops, a constant function that loops)
// ends with one located error instead of running away; the same input stops at the same place
// every time, and ordinary files stay far below the default bound.
import { describe, expect, it } from 'vitest';
import { checkVerilog, defaultMaxSteps, parseVerilog } from '../../../eda/verilog/index.ts';
import { stepBudgetMessage } from '../../../eda/verilog/step-budget.ts';

const errorsOf = (text: string, maxSteps: number) =>
  checkVerilog([{ file: 'big.v', text }], { maxSteps }).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}: ${d.message}`);

describe('step budget', () => {
  it('stops macros that double at each level (2^40 tokens) at the macro use', () => {
    const defs = ['`define M0 x'];
    for (let k = 1; k <= 40; k++) defs.push(`\`define M${k} \`M${k - 1} \`M${k - 1}`);
    const text = `${defs.join('\n')}\nmodule m; wire [7:0] v = \`M40; endmodule\n`;
    const errors = errorsOf(text, 10_000);
    expect(errors).toEqual([`42: ${stepBudgetMessage(10_000)}`]);
    // Ten levels fewer (2^30) still stop; each run at the same place.
    const r = parseVerilog(text.replace('`M40;', '`M30;'), 'big.v', { maxSteps: 10_000 });
    expect(r.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([`42: ${stepBudgetMessage(10_000)}`]);
  });

  it('stops a hierarchy that doubles at each level (2^30 instances) at an instance', () => {
    const mods = ['module l0; endmodule'];
    for (let k = 1; k <= 30; k++) mods.push(`module l${k};\n  l${k - 1} a();\n  l${k - 1} b();\nendmodule`);
    const errors = errorsOf(mods.join('\n'), 5_000);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\d+: more than 5000 steps of work/);
  });

  it('stops nested generate loops (2^48 iterations) at the inner loop', () => {
    const text = [
      'module g;',
      '  genvar i, j, k;',
      '  for (i = 0; i < 65536; i = i + 1) begin : a',
      '    for (j = 0; j < 65536; j = j + 1) begin : b',
      '      for (k = 0; k < 65536; k = k + 1) begin : c',
      '        wire w;',
      '      end',
      '    end',
      '  end',
      'endmodule',
    ].join('\n');
    expect(errorsOf(text, 2_000)).toEqual([`5: ${stepBudgetMessage(2_000)}`]);
  });

  it('counts the statements constant functions run', () => {
    const text = [
      'module f;',
      '  function integer spin(input integer n);',
      '    integer k;',
      '    begin spin = 0; for (k = 0; k < n; k = k + 1) spin = spin + 1; end',
      '  endfunction',
      '  localparam P = spin(20000);',
      'endmodule',
    ].join('\n');
    const errors = errorsOf(text, 1_000);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^4: more than 1000 steps of work/);
    expect(errorsOf(text, defaultMaxSteps)).toEqual([]);
  });

  it('is deterministic and leaves ordinary files untouched', () => {
    const text = 'module t(input [3:0] a, output [3:0] y);\n  genvar i;\n  for (i = 0; i < 4; i = i + 1) begin : g\n    assign y[i] = ~a[i];\n  end\nendmodule\n';
    expect(errorsOf(text, 1_000)).toEqual([]);
    const mods = ['module l0; endmodule'];
    for (let k = 1; k <= 20; k++) mods.push(`module l${k};\n  l${k - 1} a();\n  l${k - 1} b();\nendmodule`);
    expect(errorsOf(mods.join('\n'), 3_000)).toEqual(errorsOf(mods.join('\n'), 3_000));
  });
});
