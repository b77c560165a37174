import { describe, expect, it } from 'vitest';
import { structureFeatureNames, structureFeatures } from '../../../../models/qor/veridistill/structure-features.ts';

/** The features as plain counts (they are log(1 + x)), by name. */
const counts = (text: string, top?: string) => {
  const v = structureFeatures(text, top);
  return Object.fromEntries(structureFeatureNames.map((n, i) => [n, Math.round(Math.expm1(v[i]))]));
};

describe('structural features from the elaborated design', () => {
  const adder = 'module add #(parameter W = 8) (input [W-1:0] a, b, output [W-1:0] y);\n  assign y = a + b;\nendmodule\n';

  it('resolves parameters: widths and operator bits follow the overrides of every instance', () => {
    const top = `${adder}module top(input clk, input [15:0] x, output reg [15:0] q);\n  wire [15:0] s0, s1;\n  add #(.W(16)) u0(.a(x), .b(x), .y(s0));\n  add #(16) u1(.a(s0), .b(x), .y(s1));\n  always @(posedge clk) q <= s1 * 3;\nendmodule\n`;
    const f = counts(top, 'top');
    expect(f.elaborated).toBe(1);
    expect(f.instances).toBe(3); // top and two adders
    expect(f['hierarchy depth']).toBe(2);
    expect(f['input bits']).toBe(17 + 2 * 32); // top: clk + x; each adder: a, b at 16 bits
    expect(f['output bits']).toBe(16 + 2 * 16);
    expect(f['add ops']).toBe(2);
    expect(f['add op-bits']).toBe(2 * 16); // one + per adder, each adder's widest net 16 bits
    expect(f['multiply ops']).toBe(1);
    expect(f['multiply op-bits^2']).toBe(16 * 16);
    // The same module at its default width counts 8-bit operators.
    expect(counts(adder)['add op-bits']).toBe(8);
  });

  it('counts generate loops unrolled, memories by their bits', () => {
    const text = 'module g(input [3:0] a, output [3:0] y);\n  reg [7:0] mem [0:15];\n  genvar i;\n  generate for (i = 0; i < 4; i = i + 1) begin : l\n    assign y[i] = ~a[i];\n  end endgenerate\nendmodule\n';
    const f = counts(text);
    expect(f['memory bits']).toBe(128);
    expect(f['bitwise ops']).toBeGreaterThanOrEqual(1);
  });

  it('gives zeros (elaborated = 0) for text the front-end rejects, and never throws', () => {
    for (const bad of ['', 'module m(input a; endmodule', 'garbage ((( text', 'module m(); sub u(); endmodule']) {
      const v = structureFeatures(bad);
      expect(v).toHaveLength(structureFeatureNames.length);
      expect(v.every(Number.isFinite)).toBe(true);
    }
    expect(counts('module m(input a; endmodule').elaborated).toBe(0);
  });
});
