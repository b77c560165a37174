/**
 * llama2.c's `tok*.bin` tokenizer: int32 max_token_length, then per token a float32 merge score, an
 * int32 byte length and the UTF-8 bytes (sentencepiece's '▁' stored as a space; ids 0-2 are
 * <unk>, <s>, </s>; byte-fallback pieces are spelled `<0xXX>`). Encoding follows llama2.c's run.c:
 * a dummy-prefix space, one piece per code point (bytes + 3 when the code point has none), then
 * repeatedly the adjacent pair whose concatenation is in the vocabulary with the highest score.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UserError } from '../../../util/index.ts';
import type { Tokenizer } from './types.ts';

export class Llama2cTokenizer implements Tokenizer {
  readonly bos = 1;
  readonly eos = 2;
  readonly vocabSize: number;
  readonly id: string;
  private readonly index = new Map<string, number>();

  constructor(readonly pieces: readonly string[], readonly scores: Float32Array, readonly maxTokenLength: number, hashOf: Uint8Array) {
    this.vocabSize = pieces.length;
    // Later duplicates never win a lookup in llama2.c (it sorts and binary-searches; equal strings keep one id).
    pieces.forEach((p, i) => { if (!this.index.has(p)) this.index.set(p, i); });
    this.id = createHash('sha256').update(hashOf).digest('hex').slice(0, 16);
  }

  static parse(bytes: Uint8Array, file: string, vocabSize?: number): Llama2cTokenizer {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const fail = (msg: string, at: number) => new UserError(`${msg} (byte ${at})`, file, 'give a llama2.c tokenizer file (tok*.bin, tokenizer.bin)');
    if (bytes.byteLength < 4) throw fail('too short for a llama2.c tokenizer header', 0);
    const maxTokenLength = view.getInt32(0, true);
    if (maxTokenLength < 1 || maxTokenLength > 1 << 16) throw fail(`max_token_length ${maxTokenLength} is out of range`, 0);
    const pieces: string[] = [];
    const scores: number[] = [];
    const decoder = new TextDecoder();
    let at = 4;
    while (at < bytes.byteLength && (vocabSize === undefined || pieces.length < vocabSize)) {
      if (at + 8 > bytes.byteLength) throw fail(`token ${pieces.length} is truncated`, at);
      scores.push(view.getFloat32(at, true));
      const len = view.getInt32(at + 4, true);
      if (len < 0 || len > maxTokenLength || at + 8 + len > bytes.byteLength) throw fail(`token ${pieces.length} has a bad length ${len}`, at + 4);
      pieces.push(decoder.decode(bytes.subarray(at + 8, at + 8 + len)));
      at += 8 + len;
    }
    if (vocabSize !== undefined && pieces.length < vocabSize) throw fail(`has ${pieces.length} tokens, the model needs ${vocabSize}`, at);
    if (pieces.length < 259) throw fail(`has ${pieces.length} tokens, fewer than the 3 special and 256 byte pieces`, at);
    return new Llama2cTokenizer(pieces, Float32Array.from(scores), maxTokenLength, bytes);
  }

  static read(file: string, vocabSize?: number): Llama2cTokenizer {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new UserError(`cannot read tokenizer: ${(e as Error).message}`, file, 'check the path');
    }
    return Llama2cTokenizer.parse(bytes, file, vocabSize);
  }

  encode(text: string): number[] {
    if (text.length === 0) return [];
    const ids: number[] = [];
    const space = this.index.get(' ');
    if (space !== undefined) ids.push(space);
    for (const ch of text) {
      const id = this.index.get(ch);
      if (id !== undefined) ids.push(id);
      else for (const b of new TextEncoder().encode(ch)) ids.push(b + 3);
    }
    for (;;) {
      let best = -1, bestScore = -Infinity, bestId = -1;
      for (let i = 0; i + 1 < ids.length; i++) {
        const id = this.index.get(this.pieces[ids[i]] + this.pieces[ids[i + 1]]);
        if (id !== undefined && this.scores[id] > bestScore) { bestScore = this.scores[id]; best = i; bestId = id; }
      }
      if (best < 0) return ids;
      ids.splice(best, 2, bestId);
    }
  }

  decode(ids: readonly number[]): string {
    const bytes: number[] = [];
    const enc = new TextEncoder();
    let prev = -1;
    for (const id of ids) {
      if (id === this.bos || id === this.eos || id === 0) { prev = id; continue; }
      let piece = this.pieces[id];
      if (piece === undefined) throw new Error(`token id ${id} is outside the vocabulary of ${this.vocabSize}`);
      // The dummy prefix: a leading space right after BOS (or at the start) is dropped.
      if ((prev === this.bos || prev === -1) && piece.startsWith(' ')) piece = piece.slice(1);
      const raw = /^<0x([0-9A-Fa-f]{2})>$/.exec(piece);
      if (raw) bytes.push(parseInt(raw[1], 16));
      else for (const b of enc.encode(piece)) bytes.push(b);
      prev = id;
    }
    return new TextDecoder().decode(Uint8Array.from(bytes));
  }
}
