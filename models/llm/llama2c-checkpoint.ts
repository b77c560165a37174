import { readFileSync } from 'node:fs';
import { UserError } from '../../util/index.ts';

/**
 * A checkpoint in Karpathy's llama2.c "version 0" format: a header of 7 little-endian int32
 * (dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len; a negative vocab_size
 * means an untied classifier follows) and then float32 tensors in a fixed order. Matrices are in
 * nn.Linear layout: out_features x in_features, row-major.
 */
export interface Llama2cConfig {
  readonly dim: number;
  readonly hiddenDim: number;
  readonly layers: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly vocab: number;
  readonly seqLen: number;
  readonly tiedClassifier: boolean;
}

export interface Llama2cLayer {
  readonly rmsAttention: Float32Array;
  readonly wq: Float32Array;
  readonly wk: Float32Array;
  readonly wv: Float32Array;
  readonly wo: Float32Array;
  readonly rmsFfn: Float32Array;
  /** Gate projection (hidden x dim). */
  readonly w1: Float32Array;
  /** Down projection (dim x hidden). */
  readonly w2: Float32Array;
  /** Up projection (hidden x dim). */
  readonly w3: Float32Array;
}

export interface Llama2cCheckpoint {
  readonly config: Llama2cConfig;
  readonly tokenEmbedding: Float32Array;
  readonly layers: readonly Llama2cLayer[];
  readonly rmsFinal: Float32Array;
  /** vocab x dim; the token embedding itself when tied. */
  readonly classifier: Float32Array;
}

const headerBytes = 7 * 4;
/** Refuse absurd headers before computing sizes from them (the largest llama2.c export is ~7B). */
const maxDimension = 1 << 20;

/** What to do about a malformed llama2.c file. */
const LLAMA2C_FIX = 'give a whole llama2.c checkpoint (a 28-byte header, then the weights), e.g. copy it again';

/** Parses a llama2.c checkpoint; every malformation is a UserError naming the file and byte. */
export function parseLlama2cCheckpoint(bytes: Uint8Array, file: string): Llama2cCheckpoint {
  const where = (byte: number) => `${file} (byte ${byte})`;
  if (bytes.byteLength < headerBytes) throw new UserError(`too short for a llama2.c header (${bytes.byteLength} bytes, need ${headerBytes})`, where(0), LLAMA2C_FIX);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = Array.from({ length: 7 }, (_, i) => view.getInt32(i * 4, true));
  const [dim, hiddenDim, layers, heads, kvHeads, rawVocab, seqLen] = h;
  const names = ['dim', 'hidden_dim', 'n_layers', 'n_heads', 'n_kv_heads', 'vocab_size', 'seq_len'];
  h.forEach((v, i) => {
    const abs = i === 5 ? Math.abs(v) : v;
    if (!(abs >= 1 && abs <= maxDimension)) throw new UserError(`header field ${names[i]} = ${v} is out of range 1..${maxDimension}`, where(i * 4), LLAMA2C_FIX);
  });
  if (dim % heads !== 0) throw new UserError(`dim ${dim} is not a multiple of n_heads ${heads}`, where(0), LLAMA2C_FIX);
  if (heads % kvHeads !== 0) throw new UserError(`n_heads ${heads} is not a multiple of n_kv_heads ${kvHeads}`, where(16), LLAMA2C_FIX);
  const headSize = dim / heads;
  if (headSize % 2 !== 0) throw new UserError(`head size ${headSize} is odd (RoPE rotates pairs)`, where(0), LLAMA2C_FIX);
  const vocab = Math.abs(rawVocab);
  const tiedClassifier = rawVocab > 0;
  const kvDim = headSize * kvHeads;
  const sizes = [
    vocab * dim,
    layers * dim, layers * dim * dim, layers * kvDim * dim, layers * kvDim * dim, layers * dim * dim,
    layers * dim, layers * hiddenDim * dim, layers * dim * hiddenDim, layers * hiddenDim * dim,
    dim, seqLen * (headSize / 2), seqLen * (headSize / 2),
    tiedClassifier ? 0 : vocab * dim,
  ];
  const floats = sizes.reduce((s, n) => s + n, 0);
  const expected = headerBytes + 4 * floats;
  if (bytes.byteLength !== expected) {
    throw new UserError(`file has ${bytes.byteLength} bytes but its header (dim ${dim}, hidden ${hiddenDim}, ${layers} layers, vocab ${vocab}, seq ${seqLen}) needs ${expected}`, where(Math.min(bytes.byteLength, expected)), LLAMA2C_FIX);
  }
  // Copy once into an aligned buffer, then cut views.
  const all = new Float32Array(floats);
  for (let i = 0; i < floats; i++) all[i] = view.getFloat32(headerBytes + 4 * i, true);
  let at = 0;
  const take = (n: number) => all.subarray(at, (at += n));
  const tokenEmbedding = take(vocab * dim);
  const perLayer = (n: number) => { const t = take(layers * n); return (l: number) => t.subarray(l * n, (l + 1) * n); };
  const rmsAtt = perLayer(dim), wq = perLayer(dim * dim), wk = perLayer(kvDim * dim), wv = perLayer(kvDim * dim), wo = perLayer(dim * dim);
  const rmsFfn = perLayer(dim), w1 = perLayer(hiddenDim * dim), w2 = perLayer(dim * hiddenDim), w3 = perLayer(hiddenDim * dim);
  const rmsFinal = take(dim);
  take(seqLen * headSize); // freq_cis real and imaginary: RoPE is recomputed
  const classifier = tiedClassifier ? tokenEmbedding : take(vocab * dim);
  return {
    config: { dim, hiddenDim, layers, heads, kvHeads, vocab, seqLen, tiedClassifier },
    tokenEmbedding,
    layers: Array.from({ length: layers }, (_, l) => ({
      rmsAttention: rmsAtt(l), wq: wq(l), wk: wk(l), wv: wv(l), wo: wo(l), rmsFfn: rmsFfn(l), w1: w1(l), w2: w2(l), w3: w3(l),
    })),
    rmsFinal,
    classifier,
  };
}

export function readLlama2cCheckpoint(file: string): Llama2cCheckpoint {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UserError(`cannot read checkpoint: ${(e as Error).message}`, file, 'give the path of a readable llama2.c .bin file or a checkpoint folder');
  }
  return parseLlama2cCheckpoint(bytes, file);
}
