/**
 * The held-out windows KV-cache methods are tuned and measured on: whole windows of the model's
 * context from the held-out text's grid, the even-numbered ones for tuning (search, training
 * choices) and the odd-numbered ones for the reported figures, each spread over the text.
 */
import { tokenStream } from '../../data/token-stream.ts';
import type { Document } from '../../data/corpus.ts';
import type { Tokenizer } from '../../tokenizer/index.ts';

function spread<T>(items: readonly T[], count: number): T[] {
  const n = Math.min(items.length, count);
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]);
}

export function tuneTestWindows(heldOut: readonly Document[], tokenizer: Tokenizer, T: number, tuneWindows: number, testWindows: number): { tune: Uint16Array[]; test: Uint16Array[] } {
  const stream = tokenStream(heldOut, tokenizer);
  const grid: Uint16Array[] = [];
  for (let at = 0; at + T + 1 <= stream.length; at += T) grid.push(stream.subarray(at, at + T + 1));
  return { tune: spread(grid.filter((_, i) => i % 2 === 0), tuneWindows), test: spread(grid.filter((_, i) => i % 2 === 1), testWindows) };
}
