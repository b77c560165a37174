import { SeededRandom } from '../../../../models/common/index.ts';
import type { QorRecord } from '../../../../models/qor/veridistill/training/index.ts';

/**
 * Small labelled designs made up for plumbing tests: `adders` W-bit adders and `regs` W-bit
 * registers. The labels follow a plain formula of the RTL (area grows with adders, registers and
 * width; delay with width), the graph is a chain of one node per bit of logic.
 */
export function syntheticRecords(count: number, seed: number): QorRecord[] {
  const r = new SeededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const adders = 1 + r.int(6);
    const regs = r.int(4);
    const width = [4, 8, 16, 32][r.int(4)];
    const lines = [`module d${i}(input clk, input [${width - 1}:0] a, b, output [${width - 1}:0] y);`];
    for (let k = 0; k < adders; k++) lines.push(`  wire [${width - 1}:0] s${k} = a + b;`);
    for (let k = 0; k < regs; k++) lines.push(`  reg [${width - 1}:0] q${k};`, `  always @(posedge clk) q${k} <= s0;`);
    lines.push('  assign y = s0;', 'endmodule');
    const nodes = adders * width + regs * width + 2;
    return {
      id: `synthetic/d${i}`,
      family: i % 5 === 0 ? 'famB' : 'famA',
      top: `d${i}`,
      text: lines.join('\n'),
      areaUm2: 5 * adders * width + 4.5 * regs * width,
      delayPs: 40 * Math.log2(width) + 10 * adders,
      cells: nodes,
      graph: {
        types: ['$port_in', 'FA_X1', 'DFF_X1'],
        nodeType: Array.from({ length: nodes }, (_, n) => (n === 0 ? 0 : n <= adders * width ? 1 : 2)),
        src: Array.from({ length: nodes - 1 }, (_, n) => n),
        dst: Array.from({ length: nodes - 1 }, (_, n) => n + 1),
      },
    };
  });
}
