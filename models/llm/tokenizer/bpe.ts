/**
 * Byte-level BPE, trained here. Ids: 0 <unk>, 1 <s> (BOS), 2 </s> (EOS), 3..258 the 256 bytes (the
 * byte fallback of llama2.c's tokenizers, so every UTF-8 input encodes losslessly), then one id per
 * learned merge in the order learned. Text is first split into words (GPT-2's pattern: a word keeps
 * its leading space; letters, digits and punctuation form separate words); merges never cross words.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../../../util/index.ts';
import type { Tokenizer } from './types.ts';

export const UNK = 0;
export const BOS = 1;
export const EOS = 2;
export const BYTE_OFFSET = 3;
const FIRST_MERGE = BYTE_OFFSET + 256;

const WORD = /'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const utf8 = new TextEncoder();

/** The words of a text, as GPT-2's pre-tokenizer cuts them. */
export function splitWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

export interface BpeJson {
  readonly format: 'tessera-bpe-1';
  readonly vocabSize: number;
  /** Each merge joins two existing ids into id FIRST_MERGE + index. */
  readonly merges: readonly (readonly [number, number])[];
}

export class BpeTokenizer implements Tokenizer {
  readonly vocabSize: number;
  readonly bos = BOS;
  readonly eos = EOS;
  readonly id: string;
  /** The bytes of every id (empty for the three special ids). */
  private readonly pieces: Uint8Array[];
  /** (a, b) -> rank, packed as a * 2^16 + b. */
  private readonly ranks = new Map<number, number>();
  private readonly cache = new Map<string, number[]>();

  constructor(readonly merges: readonly (readonly [number, number])[]) {
    this.vocabSize = FIRST_MERGE + merges.length;
    this.pieces = [new Uint8Array(0), new Uint8Array(0), new Uint8Array(0)];
    for (let b = 0; b < 256; b++) this.pieces.push(Uint8Array.of(b));
    merges.forEach(([a, b], i) => {
      const pa = this.pieces[a], pb = this.pieces[b];
      const joined = new Uint8Array(pa.length + pb.length);
      joined.set(pa);
      joined.set(pb, pa.length);
      this.pieces.push(joined);
      this.ranks.set(a * 65536 + b, i);
    });
    this.id = createHash('sha256').update(JSON.stringify(merges)).digest('hex').slice(0, 16);
  }

  /** The token ids of a text (no BOS). */
  encode(text: string): number[] {
    const out: number[] = [];
    for (const word of splitWords(text)) {
      let ids = this.cache.get(word);
      if (!ids) {
        ids = this.encodeWord(word);
        if (this.cache.size < 200_000) this.cache.set(word, ids);
      }
      for (const id of ids) out.push(id);
    }
    return out;
  }

  decode(ids: readonly number[]): string {
    return new TextDecoder().decode(this.bytes(ids));
  }

  /** The bytes of a token sequence (special ids add nothing). */
  bytes(ids: readonly number[]): Uint8Array {
    const parts = ids.map((id) => this.piece(id));
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  }

  /** The bytes one id stands for. */
  piece(id: number): Uint8Array {
    const p = this.pieces[id];
    if (!p) throw new Error(`token id ${id} is outside the vocabulary of ${this.vocabSize}`);
    return p;
  }

  toJSON(): BpeJson {
    return { format: 'tessera-bpe-1', vocabSize: this.vocabSize, merges: this.merges };
  }

  static fromJSON(json: unknown, file: string): BpeTokenizer {
    const j = json as Partial<BpeJson>;
    const fix = 'give a tokenizer.json written by `tessera llm train`';
    if (j?.format !== 'tessera-bpe-1' || !Array.isArray(j.merges)) throw new UserError('not a Tessera BPE tokenizer', file, fix);
    j.merges.forEach((m, i) => {
      if (!Array.isArray(m) || m.length !== 2 || !m.every((id) => Number.isInteger(id) && id >= BYTE_OFFSET && id < FIRST_MERGE + i)) {
        throw new UserError(`merge ${i} is malformed (${JSON.stringify(m)})`, file, fix);
      }
    });
    const t = new BpeTokenizer(j.merges);
    if (j.vocabSize !== t.vocabSize) throw new UserError(`vocabSize ${j.vocabSize} does not match its ${j.merges.length} merges`, file, fix);
    return t;
  }

  private encodeWord(word: string): number[] {
    const ids = Array.from(utf8.encode(word), (b) => b + BYTE_OFFSET);
    for (;;) {
      let best = -1, bestRank = Infinity;
      for (let i = 0; i + 1 < ids.length; i++) {
        const r = this.ranks.get(ids[i] * 65536 + ids[i + 1]);
        if (r !== undefined && r < bestRank) { bestRank = r; best = i; }
      }
      if (best < 0) return ids;
      const [a, b] = this.merges[bestRank];
      const merged = FIRST_MERGE + bestRank;
      const next: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) { next.push(merged); i++; } else next.push(ids[i]);
      }
      ids.splice(0, ids.length, ...next);
    }
  }
}

/**
 * Learns merges until the vocabulary has `vocabSize` ids: each round merges the most frequent
 * adjacent pair over the word counts (ties to the smallest pair, so training is deterministic).
 */
export function trainBpe(texts: Iterable<string>, vocabSize: number, onMerge?: (done: number, total: number) => void): BpeTokenizer {
  if (!Number.isInteger(vocabSize) || vocabSize < FIRST_MERGE || vocabSize > 65536) {
    throw new UserError(`vocabulary size ${vocabSize} is out of range`, '--vocab', `give a whole number from ${FIRST_MERGE} to 65536 (512-2048 suit the shared text)`);
  }
  const counts = new Map<string, number>();
  for (const text of texts) for (const w of splitWords(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.keys()].sort().map((w) => Array.from(utf8.encode(w), (b) => b + BYTE_OFFSET));
  const freq = [...counts.keys()].sort().map((w) => counts.get(w)!);
  const merges: [number, number][] = [];
  const total = vocabSize - FIRST_MERGE;
  while (merges.length < total) {
    const pairs = new Map<number, number>();
    for (let w = 0; w < words.length; w++) {
      const ids = words[w];
      for (let i = 0; i + 1 < ids.length; i++) {
        const key = ids[i] * 65536 + ids[i + 1];
        pairs.set(key, (pairs.get(key) ?? 0) + freq[w]);
      }
    }
    let best = -1, bestCount = 0;
    for (const [key, c] of pairs) if (c > bestCount || (c === bestCount && key < best)) { best = key; bestCount = c; }
    if (best < 0) break; // every word is a single token: nothing left to merge
    const a = Math.floor(best / 65536), b = best % 65536;
    const merged = FIRST_MERGE + merges.length;
    merges.push([a, b]);
    for (let w = 0; w < words.length; w++) {
      const ids = words[w];
      if (ids.length < 2) continue;
      let j = 0;
      for (let i = 0; i < ids.length; i++) {
        if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) { ids[j++] = merged; i++; } else ids[j++] = ids[i];
      }
      ids.length = j;
    }
    onMerge?.(merges.length, total);
  }
  return new BpeTokenizer(merges);
}
