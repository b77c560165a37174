// construct: attributes on modules, items, instances, operators and statements
// section: IEEE 1364-2005 3.8
// expect: valid
(* top, keep_hierarchy = 1 *)
module attributes(input clk, input [3:0] a, b, output reg [3:0] y);
  (* keep *) wire [3:0] s;
  assign s = a + (* carry_lookahead *) b;
  (* full_case, parallel_case *)
  always @(posedge clk) begin
    (* mark = "x" *) y <= s;
  end
endmodule
