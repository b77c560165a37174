// models/llm/tokenizer: the project's byte-level BPE and llama2.c's tok*.bin format.
export type { Tokenizer } from './types.ts';
export { BpeTokenizer, trainBpe, splitWords, BOS, EOS, UNK, BYTE_OFFSET, type BpeJson } from './bpe.ts';
export { Llama2cTokenizer } from './llama2c-tokenizer.ts';
export { readTokenizer, writeTokenizer } from './files.ts';
