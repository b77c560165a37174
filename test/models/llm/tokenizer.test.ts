import { describe, expect, it } from 'vitest';
import { createRng } from '../../../hw/index.ts';
import { BpeTokenizer, BYTE_OFFSET, Llama2cTokenizer, splitWords, trainBpe } from '../../../models/llm/index.ts';
import { isUserError } from '../../../util/index.ts';

const text = 'the cat sat on the mat. the cat ate the rat! 12 cats, 345 rats.\nThe end.';

function randomText(seed: number, n: number): string {
  const rng = createRng(seed);
  const pools = ['abc ', 'é ü ñ', '日本語', '😀🚀', '\t\n', '0123', '"\'.,!?', '\u0000\u001f\u007f'];
  let s = '';
  for (let i = 0; i < n; i++) {
    const pool = [...pools[rng.int(0, pools.length - 1)]];
    s += pool[rng.int(0, pool.length - 1)];
  }
  return s;
}

describe('byte-level BPE', () => {
  it('splits words as GPT-2 does: leading space kept, letters, digits, punctuation apart', () => {
    expect(splitWords("Hello, world! It's 2024.")).toEqual(['Hello', ',', ' world', '!', ' It', "'s", ' 2024', '.']);
  });

  it('learns the most frequent pair first and encodes with it', () => {
    const t = trainBpe(['aaab aaab aaab'], BYTE_OFFSET + 256 + 2);
    const a = 'a'.charCodeAt(0) + BYTE_OFFSET;
    expect(t.merges[0]).toEqual([a, a]);
    expect(t.encode('aa')).toEqual([BYTE_OFFSET + 256]);
  });

  it('is lossless on any text, including text it never saw (byte fallback), fuzzed', () => {
    const t = trainBpe([text, 'naïve café 日本'], 400);
    for (let seed = 1; seed <= 60; seed++) {
      const s = randomText(seed, 1 + (seed % 40));
      expect(t.decode(t.encode(s))).toBe(s);
    }
    expect(t.encode(text).length).toBeLessThan(new TextEncoder().encode(text).length);
  });

  it('is deterministic and round-trips through JSON', () => {
    const a = trainBpe([text], 320), b = trainBpe([text], 320);
    expect(a.merges).toEqual(b.merges);
    const c = BpeTokenizer.fromJSON(JSON.parse(JSON.stringify(a.toJSON())), 'tok.json');
    expect(c.id).toBe(a.id);
    expect(c.encode(text)).toEqual(a.encode(text));
  });

  it('refuses a malformed tokenizer file and a vocabulary out of range, naming where', () => {
    const bad = (json: unknown) => { try { BpeTokenizer.fromJSON(json, 'tok.json'); return undefined; } catch (e) { return isUserError(e) ? e.where : e; } };
    expect(bad({ format: 'other' })).toBe('tok.json');
    expect(bad({ format: 'tessera-bpe-1', vocabSize: 260, merges: [[3, 9999]] })).toBe('tok.json');
    expect(bad({ format: 'tessera-bpe-1', vocabSize: 999, merges: [[3, 4]] })).toBe('tok.json');
    expect(() => trainBpe([text], 100)).toThrow(/vocabulary size/);
  });
});

/** A llama2.c tok.bin: ids 0-2 special, 3-258 bytes, then the given pieces and scores. */
function tokBin(extra: [string, number][]): Uint8Array {
  const pieces: [string, number][] = [['<unk>', 0], ['\n<s>\n', 0], ['\n</s>\n', 0]];
  for (let b = 0; b < 256; b++) pieces.push([`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, 0]);
  pieces.push(...extra);
  const enc = new TextEncoder();
  const parts = pieces.map(([p]) => enc.encode(p));
  const buf = new DataView(new ArrayBuffer(4 + parts.reduce((s, p) => s + 8 + p.length, 0)));
  buf.setInt32(0, 16, true);
  let at = 4;
  pieces.forEach(([, score], i) => {
    buf.setFloat32(at, score, true);
    buf.setInt32(at + 4, parts[i].length, true);
    new Uint8Array(buf.buffer).set(parts[i], at + 8);
    at += 8 + parts[i].length;
  });
  return new Uint8Array(buf.buffer);
}

describe('llama2.c tokenizer', () => {
  const t = Llama2cTokenizer.parse(tokBin([[' ', -1], ['a', -2], ['b', -3], ['ab', -4], [' ab', -5], ['ba', -1.5]]), 'tok.bin');
  it('encodes as run.c does: dummy prefix, code points, best-scoring merges; bytes for unknown code points', () => {
    // ' ', a, b -> pairs: ' a' (absent), 'ab' (-4): -> ' ', ab -> ' ab' (-5)
    expect(t.encode('ab')).toEqual([263]);
    // 'bab': ' ', b, a, b -> 'ba' (-1.5) beats 'ab' (-4): ' ', ba, b
    expect(t.encode('bab')).toEqual([259, 264, 261]);
    expect(t.encode('é')).toEqual([259, 0xc3 + 3, 0xa9 + 3]);
  });
  it('decodes, dropping the dummy-prefix space after BOS and turning <0xXX> into bytes', () => {
    expect(t.decode([1, 263, 259, 264])).toBe('ab ba');
    expect(t.decode([1, 259, 0xc3 + 3, 0xa9 + 3])).toBe('é');
  });
  it('refuses a truncated file, naming it', () => {
    const b = tokBin([['x', 0]]);
    expect(() => Llama2cTokenizer.parse(b.subarray(0, b.length - 3), 'tok.bin')).toThrow(/tok.bin|truncated|length/);
  });
});
