import { describe, expect, it } from 'vitest';
import { CLS, PAD, Vocabulary, chunkTokens, verilogWords } from '../../../../models/qor/veridistill/tokenizer.ts';

describe('VeriDistill tokenizer', () => {
  it('normalises identifiers by first appearance and buckets numbers', () => {
    const words = verilogWords("module top(input clk, input [7:0] a, output y); // comment\nassign y = a[3] ^ 8'hff ^ 1000; endmodule");
    expect(words).toEqual([
      'module', 'ID0', '(', 'input', 'IDclk', ',', 'input', '[', 'NUMd7', ':', 'NUMd0', ']', 'ID1', ',', 'output', 'ID2', ')', ';',
      'assign', 'ID2', '=', 'ID1', '[', 'NUMd3', ']', '^', 'NUMw8', '^', 'NUMd2^10', ';', 'endmodule',
    ]);
  });

  it('never throws on garbage and keeps lexing', () => {
    expect(verilogWords('module ` \u0000 "unterminated').length).toBeGreaterThan(0);
  });

  it('builds a vocabulary by frequency with the special tokens first, unknown words map to [UNK]', () => {
    const v = Vocabulary.build([['a', 'b', 'a'], ['a', 'c', 'b']], 2);
    expect(v.words).toEqual(['[PAD]', '[MASK]', '[CLS]', '[UNK]', 'a', 'b']);
    expect(v.id('c')).toBe(3);
  });

  it('chunks into [CLS]-led rows padded to length, and keeps evenly spaced chunks past the cap', () => {
    const ids = Array.from({ length: 10 }, (_, i) => 100 + i);
    const { chunks, totalTokens } = chunkTokens(ids, 4, 10);
    expect(totalTokens).toBe(10);
    expect(chunks).toEqual([[CLS, 100, 101, 102], [CLS, 103, 104, 105], [CLS, 106, 107, 108], [CLS, 109, PAD, PAD]]);
    expect(chunkTokens(ids, 4, 2).chunks).toEqual([chunks[0], chunks[2]]);
    expect(chunkTokens([], 4, 2).chunks).toEqual([[CLS, PAD, PAD, PAD]]);
  });
});

describe('tokenizer and module selection under random mutations of real RTL', () => {
  it('never throws or hangs; --top selection either works or is a user error', async () => {
    const { readFileSync } = await import('node:fs');
    const { SeededRandom } = await import('../../../../models/common/index.ts');
    const { moduleClosureText } = await import('../../../../models/qor/veridistill/module-text.ts');
    const { dataPath, isUserError, missingData } = await import('../../../../util/index.ts');
    // A real ITC'99 design when the shared data is there, plus a two-module hierarchy with `top`.
    const real = missingData('itc99', 'rtl_verilog', 'b12.v') ? '' : readFileSync(dataPath('itc99', 'rtl_verilog', 'b12.v'), 'utf8');
    const original = `${real}\nmodule leaf(input a, output b); assign b = ~a; endmodule\nmodule top(input x, output y); leaf u(.a(x), .b(y)); endmodule\n`;
    const r = new SeededRandom(9);
    const pieces = ['module', 'endmodule', '`define', '/*', '"', "8'h", '\\', '(', ';', '\u0000', 'top', '[31:0]'];
    for (let trial = 0; trial < 200; trial++) {
      let text = original;
      for (let m = 0; m < 5; m++) {
        const at = r.int(text.length);
        const cut = r.int(20);
        text = text.slice(0, at) + (r.next() < 0.5 ? pieces[r.int(pieces.length)] : '') + text.slice(at + cut);
      }
      expect(Array.isArray(verilogWords(text))).toBe(true);
      try {
        expect(typeof moduleClosureText(text, 'top', 'fuzz.v')).toBe('string');
      } catch (e) {
        expect(isUserError(e)).toBe(true);
      }
    }
  });
});
