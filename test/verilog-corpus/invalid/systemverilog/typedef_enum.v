// construct: typedef enum (SystemVerilog, not Verilog-2005)
// section: IEEE 1800-2017 6.19
// expect: error on line 5
module typedef_enum(input clk, output reg [1:0] s);
  typedef enum logic [1:0] {IDLE, RUN, DONE} state_t; // error
  state_t state = IDLE;
  always @(posedge clk) begin
    case (state)
      IDLE: state <= RUN;
      RUN: state <= DONE;
      default: state <= IDLE;
    endcase
    s <= state;
  end
endmodule
