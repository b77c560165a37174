// The co-simulation testbench: buffers loaded from hex files answer the array's memory-style
// reads, passes run back to back, and every cycle with out_valid (and the done cycle) is printed
// as `V pass cycle row data` / `D pass cycle` for the comparison in TS. Plain Verilog-2005 with
// delays, so Icarus runs it directly and Verilator with --timing.
import { OP_COUNTER_BITS, type DesignParams } from './design-params.ts';
import { ARRAY_TOP, bitsFor } from './array-top.ts';
import type { CosimVectors } from './cosim-vectors.ts';

export const TESTBENCH_TOP = 'tessera_tb';

export interface Testbench {
  /** File name -> content: tb.v and the hex images it reads. */
  readonly files: Record<string, string>;
}

export function arrayTestbench(p: DesignParams, v: CosimVectors): Testbench {
  const passes = v.passes.length;
  const kc = v.passes[0]!.opCycles;
  const words = passes * kc;
  const xw = p.rows * p.xWord;
  const ww = p.outCols * p.qWord;
  const zw = p.outCols * p.modes[p.mode]!.qBits;
  const rb = bitsFor(p.rows);
  const cb = bitsFor(p.outCols);
  const metaWidth = rb + cb + 16 * p.rows; // tile_rows, tile_cols, sa
  const meta = v.passes.map((ps) => ((BigInt(ps.tile.rows) << BigInt(cb + 16 * p.rows)) | (BigInt(ps.tile.cols) << BigInt(16 * p.rows)) | BigInt(`0x${ps.sa}`)).toString(16));
  const limit = v.passes.reduce((s, ps) => s + ps.cycles, 0) + 100;
  const tb = `// Co-simulation testbench for ${ARRAY_TOP} (${p.kind.id}, ${p.rows}x${p.cols}): ${passes} pass(es) of ${kc} operand cycles.
\`timescale 1ns/1ps
module ${TESTBENCH_TOP};
  reg clk = 1'b0;
  reg rst = 1'b1;
  reg start = 1'b0;
  integer pass = 0;
  integer cyc = 0;
  integer total = 0;
  wire [${OP_COUNTER_BITS - 1}:0] rd_op;
  wire rd_en, busy, done, out_valid;
  wire [${rb - 1}:0] out_row;
  wire [${p.outCols * 32 - 1}:0] out_data;
  reg [${xw - 1}:0] x_mem [0:${words - 1}];
  reg [${ww - 1}:0] w_mem [0:${words - 1}];
  reg [${zw - 1}:0] z_mem [0:${words - 1}];
  reg [${p.outCols * 16 - 1}:0] sw_mem [0:${words - 1}];
  reg [${metaWidth - 1}:0] meta_mem [0:${passes - 1}];
  wire [${metaWidth - 1}:0] meta = meta_mem[pass];
  wire [31:0] addr = pass * ${kc} + rd_op;
  ${ARRAY_TOP} dut (
    .clk(clk), .rst(rst), .start(start), .op_cycles(${OP_COUNTER_BITS}'d${kc}),
    .tile_rows(meta[${metaWidth - 1}:${cb + 16 * p.rows}]), .tile_cols(meta[${cb + 16 * p.rows - 1}:${16 * p.rows}]),
${p.modes.length > 1 ? `    .prec_mode(2'd${p.mode}),\n` : ''}${p.antTypes ? `    .ant_type(2'd${v.antType}),\n` : ''}${p.scaleMode === 'sw-sa' ? `    .sa_data(meta[${16 * p.rows - 1}:0]),\n` : ''}    .rd_op(rd_op), .rd_en(rd_en),
    .x_data(x_mem[addr]), .w_data(w_mem[addr]),${p.hasZeroPoint ? ' .z_data(z_mem[addr]),' : ''} .sw_data(sw_mem[addr]),
    .busy(busy), .done(done), .out_valid(out_valid), .out_row(out_row), .out_data(out_data)
  );
  always #5 clk = ~clk;
  initial begin
    $readmemh("x.hex", x_mem);
    $readmemh("w.hex", w_mem);
    $readmemh("z.hex", z_mem);
    $readmemh("sw.hex", sw_mem);
    $readmemh("meta.hex", meta_mem);
  end
  // Inputs change and outputs are read at the falling edge, half a cycle from the array's edges.
  always @(negedge clk) begin
    total = total + 1;
    if (total == 3) begin
      rst = 1'b0;
      start = 1'b1;
    end else if (!rst) begin
      if (busy && cyc == 0) start = 1'b0;
      if (out_valid) $display("V %0d %0d %0d %h", pass, cyc, out_row, out_data);
      if (busy) cyc = cyc + 1;
      if (done) begin
        $display("D %0d %0d", pass, cyc - 1);
        cyc = 0;
        if (pass + 1 < ${passes}) begin
          pass = pass + 1;
          start = 1'b1;
        end else begin
          $display("E");
          $finish;
        end
      end
    end
    if (total > ${limit}) begin
      $display("T %0d", total);
      $finish;
    end
  end
endmodule
`;
  const hex = (lines: readonly string[]) => `${lines.join('\n')}\n`;
  return {
    files: {
      'tb.v': tb,
      'x.hex': hex(v.passes.flatMap((ps) => ps.x)),
      'w.hex': hex(v.passes.flatMap((ps) => ps.w)),
      'z.hex': hex(v.passes.flatMap((ps) => ps.z)),
      'sw.hex': hex(v.passes.flatMap((ps) => ps.sw)),
      'meta.hex': hex(meta),
    },
  };
}
