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
