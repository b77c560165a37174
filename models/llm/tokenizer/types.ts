/** What the engine needs of a tokenizer (the project's BPE or a llama2.c tok*.bin). */
export interface Tokenizer {
  readonly vocabSize: number;
  /** Begin-of-sequence id (prepended to every document). */
  readonly bos: number;
  readonly eos: number;
  /** A short hash that identifies the vocabulary (checkpoints record it). */
  readonly id: string;
  /** Token ids of a text, without BOS. */
  encode(text: string): number[];
  /** The text of token ids (special ids produce nothing). */
  decode(ids: readonly number[]): string;
}
