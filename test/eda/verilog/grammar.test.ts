import { describe, expect, it } from 'vitest';
import { DiagnosticSink, parseVerilog, preprocess } from '../../../eda/verilog/index.ts';
import { VerilogParser } from '../../../eda/verilog/parser-modules.ts';

// Production builds the parser without chevrotain's grammar validations (they cost ~40% of the
// build); this is where they run, so a grammar error (ambiguity, left recursion, ...) still fails.
describe('grammar', () => {
  it('passes chevrotain self-analysis with every validation on', () => {
    // Chevrotain throws "Parser Definition Errors detected" listing each one.
    expect(() => new VerilogParser(true)).not.toThrow();
  });

  it('the validated parser and the production parser build the same tree', () => {
    const text = `module m #(parameter W = 4) (input [W-1:0] a, output reg y);
      always @(*) case (a) 4'b1??0: y = 1; default: y = ^a; endcase
      sub #(.N(W)) u (.x(a[0]), .y());
    endmodule`;
    const sink = new DiagnosticSink();
    const validated = new VerilogParser(true);
    validated.input = preprocess(text, 'm.v', {}, sink).tokens;
    const tree = validated.sourceText();
    expect(validated.errors).toEqual([]);
    expect(tree).toEqual(parseVerilog(text, 'm.v').ast.descriptions);
  });
});
