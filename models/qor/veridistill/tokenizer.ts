import { lexVerilog, parseVerilogNumber, type VerilogToken } from '../../../eda/verilog/index.ts';

/** Special tokens, always at the start of every vocabulary. */
export const PAD = 0;
export const MASK = 1;
export const CLS = 2;
export const UNK = 3;
const specials = ['[PAD]', '[MASK]', '[CLS]', '[UNK]'];

/** Identifier slots: a design's identifiers become ID0..ID{n-1} by first appearance (mod n). */
const identifierSlots = 48;

function sizeBucket(n: number): string {
  return n <= 16 ? String(n) : `2^${Math.ceil(Math.log2(n + 1))}`;
}

/** A number as a bucket: sized literals by width, plain integers by their bit length. */
function numberWord(image: string): string {
  const n = parseVerilogNumber(image);
  if (typeof n === 'string') return 'NUM?';
  if (n.fill) return 'NUMfill';
  if (n.size !== undefined) return `NUMw${sizeBucket(n.size)}`;
  const significant = n.bits.replace(/^0+/, '');
  // Small values exactly (bit ranges like [7:0]), large ones by magnitude.
  return significant.length > 16 ? `NUMd2^${significant.length}` : `NUMd${sizeBucket(parseInt(significant || '0', 2))}`;
}

/** The normalised words of one token; `ids` maps identifiers of this design to their slots. */
function wordOf(t: VerilogToken, ids: Map<string, number>): string {
  switch (t.kind) {
    case 'identifier':
    case 'escaped-identifier': {
      const lower = t.image.toLowerCase();
      if (/^(clk|clock|clk_i|i_clk|wb_clk_i)$/.test(lower)) return 'IDclk';
      if (/^(rst|reset|rst_n|resetn|rst_i|nreset|wb_rst_i|rstn)$/.test(lower)) return 'IDrst';
      let slot = ids.get(t.image);
      if (slot === undefined) ids.set(t.image, (slot = ids.size % identifierSlots));
      return `ID${slot}`;
    }
    case 'number':
      return numberWord(t.image);
    case 'real':
      return 'REAL';
    case 'string':
      return 'STR';
    case 'directive':
      return `\`${t.image.replace(/^`/, '').split(/\s/)[0]}`;
    case 'macro':
      return 'MACRO';
    default:
      return t.image; // keywords, operators, system tasks
  }
}

/** The normalised word sequence of a design's Verilog text (comments dropped, never throws; `tokens`: its tokens, if already lexed). */
export function verilogWords(text: string, file = 'design.v', tokens: readonly VerilogToken[] = lexVerilog(text, file).tokens): string[] {
  const ids = new Map<string, number>();
  return tokens.map((t) => wordOf(t, ids));
}

/** A fixed word -> id table, stored in the checkpoint. */
export class Vocabulary {
  private readonly index: Map<string, number>;

  constructor(readonly words: readonly string[]) {
    this.index = new Map(words.map((w, i) => [w, i]));
  }

  /** The words seen at least `minCount` times in the training texts, most frequent first. */
  static build(wordLists: readonly string[][], minCount = 2, maxSize = 4000): Vocabulary {
    const counts = new Map<string, number>();
    for (const list of wordLists) for (const w of list) counts.set(w, (counts.get(w) ?? 0) + 1);
    const kept = [...counts].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return new Vocabulary([...specials, ...kept.slice(0, maxSize - specials.length).map(([w]) => w)]);
  }

  get size(): number {
    return this.words.length;
  }

  id(word: string): number {
    return this.index.get(word) ?? UNK;
  }
}

export interface Chunked {
  /** Token ids, one row per chunk, each `length` long: [CLS] then tokens then [PAD]s. */
  readonly chunks: number[][];
  /** How many tokens the whole design has (before any chunks were dropped). */
  readonly totalTokens: number;
}

/**
 * Splits a design's token ids into chunks of `length` (each led by [CLS]). A design longer than
 * `maxChunks` chunks keeps `maxChunks` evenly spaced ones, so cost stays bounded.
 */
export function chunkTokens(ids: readonly number[], length: number, maxChunks: number): Chunked {
  const body = length - 1;
  const all: number[][] = [];
  for (let i = 0; i < Math.max(1, ids.length); i += body) {
    const row = [CLS, ...ids.slice(i, i + body)];
    while (row.length < length) row.push(PAD);
    all.push(row);
  }
  const chunks = all.length <= maxChunks ? all : Array.from({ length: maxChunks }, (_, k) => all[Math.floor((k * all.length) / maxChunks)]);
  return { chunks, totalTokens: ids.length };
}
