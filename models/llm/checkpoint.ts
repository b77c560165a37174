/**
 * The engine's checkpoint folder: `model.json` (config, the tokenizer's id, a tensor table, the
 * weights' sha256 and whatever the training command records) beside `weights.bin` (little-endian
 * FP16 or FP32 arrays) and `tokenizer.json`. A llama2.c `.bin` file is read and written too.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fp16FromNumber, fp16ToNumber } from '../../hw/index.ts';
import { UserError, writeFileAtomic, writeJsonAtomic } from '../../util/index.ts';
import { validateConfig, ROPE_BASE, type LlamaConfig } from './config.ts';
import { readLlama2cCheckpoint, type Llama2cCheckpoint, type Llama2cLayer } from './llama2c-checkpoint.ts';
import { readTokenizer, type Tokenizer } from './tokenizer/index.ts';
import { MOE_FILE, parseMoeFile, type MoeRouting } from './compress/cmoe/moe-file.ts';

export type LlamaWeights = Llama2cCheckpoint;
export type LlamaLayerWeights = Llama2cLayer;

export interface CheckpointMeta {
  readonly format: 'tessera-llm-1';
  readonly config: LlamaConfig;
  readonly dtype: 'f16' | 'f32';
  /** The tokenizer's id (tokenizer.json beside the weights must have it). */
  readonly tokenizerId: string;
  readonly tensors: readonly { readonly name: string; readonly shape: readonly number[]; readonly offset: number }[];
  readonly weightsSha256: string;
  /** What made it: command, data hash, steps, metrics (free-form, written by the training command). */
  readonly provenance?: Record<string, unknown>;
  /** A carved model (CMoE): the routing file beside the weights and its sha256 (compress/cmoe/moe-file.ts). */
  readonly moe?: { readonly file: string; readonly sha256: string };
}

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';
export const TOKENIZER_FILE = 'tokenizer.json';

/** Every tensor of a model with its name and shape, in a fixed order. */
export function namedTensors(w: LlamaWeights): [string, readonly number[], Float32Array][] {
  const { dim, hiddenDim, heads, kvHeads } = w.config;
  const kvDim = (dim / heads) * kvHeads;
  const out: [string, readonly number[], Float32Array][] = [['tok_embeddings', [w.config.vocab, dim], w.tokenEmbedding]];
  w.layers.forEach((l, i) => {
    out.push(
      [`layers.${i}.attention_norm`, [dim], l.rmsAttention], [`layers.${i}.wq`, [dim, dim], l.wq], [`layers.${i}.wk`, [kvDim, dim], l.wk],
      [`layers.${i}.wv`, [kvDim, dim], l.wv], [`layers.${i}.wo`, [dim, dim], l.wo], [`layers.${i}.ffn_norm`, [dim], l.rmsFfn],
      [`layers.${i}.w1`, [hiddenDim, dim], l.w1], [`layers.${i}.w2`, [dim, hiddenDim], l.w2], [`layers.${i}.w3`, [hiddenDim, dim], l.w3],
    );
  });
  out.push(['norm', [dim], w.rmsFinal]);
  if (!w.config.tiedClassifier) out.push(['output', [w.config.vocab, dim], w.classifier]);
  return out;
}

/**
 * Writes weights.bin then model.json (both atomically), so a manifest never points at missing
 * weights. `moe` names a routing file already written beside them (a carved model).
 */
export function writeCheckpoint(dir: string, w: LlamaWeights, tokenizerId: string, dtype: 'f16' | 'f32', provenance?: Record<string, unknown>, moe?: CheckpointMeta['moe']): CheckpointMeta {
  const tensors = namedTensors(w);
  const width = dtype === 'f16' ? 2 : 4;
  const total = tensors.reduce((s, [, , d]) => s + d.length, 0);
  const bytes = new Uint8Array(total * width);
  const view = new DataView(bytes.buffer);
  const table: { name: string; shape: readonly number[]; offset: number }[] = [];
  let at = 0;
  for (const [name, shape, data] of tensors) {
    table.push({ name, shape, offset: at });
    for (let i = 0; i < data.length; i++, at++) {
      if (dtype === 'f16') view.setUint16(at * 2, fp16FromNumber(data[i]), true);
      else view.setFloat32(at * 4, data[i], true);
    }
  }
  writeFileAtomic(join(dir, WEIGHTS_FILE), bytes);
  const meta: CheckpointMeta = {
    format: 'tessera-llm-1', config: w.config, dtype, tokenizerId, tensors: table,
    weightsSha256: createHash('sha256').update(bytes).digest('hex'), provenance, ...(moe && { moe }),
  };
  writeJsonAtomic(join(dir, MODEL_FILE), meta);
  return meta;
}

/** A model with its tokenizer (undefined for a llama2.c file read without one). */
export interface LoadedModel {
  readonly weights: LlamaWeights;
  readonly tokenizer: Tokenizer | undefined;
  readonly meta: CheckpointMeta | undefined;
  /** A carved model's routing (its FFNs are mixtures of experts; `engineModel` builds them). */
  readonly moe?: MoeRouting;
  /** Where it was read from. */
  readonly source: string;
}

const CHECKPOINT_FIX = 'give a folder written by `tessera llm train --out DIR`, or a llama2.c .bin file';

/**
 * Reads a checkpoint folder (or a llama2.c `.bin`, with `tokenizerFile` if given). Every problem is
 * a UserError naming the file: missing or truncated weights, a hash mismatch, a tokenizer whose
 * vocabulary or id does not match the model, a carved model's routing file missing, truncated,
 * from another carving or not fitting the model.
 */
export function readCheckpoint(path: string, tokenizerFile?: string): LoadedModel {
  if (!existsSync(path)) throw new UserError(`no checkpoint at ${path}`, path, CHECKPOINT_FIX);
  if (statSync(path).isFile()) {
    const weights = readLlama2cCheckpoint(path);
    const tokenizer = tokenizerFile ? readTokenizer(tokenizerFile, weights.config.vocab) : undefined;
    if (tokenizer) checkTokenizer(tokenizer, weights.config, undefined, tokenizerFile!);
    return { weights, tokenizer, meta: undefined, source: path };
  }
  const metaPath = join(path, MODEL_FILE);
  if (!existsSync(metaPath)) throw new UserError(`no ${MODEL_FILE} in ${path}`, metaPath, CHECKPOINT_FIX);
  let meta: CheckpointMeta;
  try {
    meta = JSON.parse(readFileSync(metaPath, 'utf8')) as CheckpointMeta;
  } catch (e) {
    throw new UserError(`unreadable ${MODEL_FILE}: ${(e as Error).message}`, metaPath, CHECKPOINT_FIX);
  }
  if (meta.format !== 'tessera-llm-1') throw new UserError(`unknown checkpoint format '${String(meta.format)}'`, metaPath, CHECKPOINT_FIX);
  const config = validateConfig(meta.config, metaPath);
  const binPath = join(path, WEIGHTS_FILE);
  if (!existsSync(binPath)) throw new UserError(`missing ${WEIGHTS_FILE}`, binPath, CHECKPOINT_FIX);
  const bytes = readFileSync(binPath);
  const width = meta.dtype === 'f16' ? 2 : 4;
  const expected = meta.tensors.reduce((s, t) => s + t.shape.reduce((a, b) => a * b, 1), 0) * width;
  if (bytes.byteLength !== expected) throw new UserError(`${WEIGHTS_FILE} has ${bytes.byteLength} bytes, the manifest needs ${expected} (truncated or mixed checkpoint)`, binPath, CHECKPOINT_FIX);
  if (createHash('sha256').update(bytes).digest('hex') !== meta.weightsSha256) {
    throw new UserError('weights do not match the sha256 in the manifest (corrupt or mixed checkpoint)', binPath, CHECKPOINT_FIX);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tensor = new Map<string, Float32Array>();
  for (const t of meta.tensors) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = width === 2 ? fp16ToNumber(view.getUint16((t.offset + i) * 2, true)) : view.getFloat32((t.offset + i) * 4, true);
    tensor.set(t.name, data);
  }
  const get = (name: string) => {
    const d = tensor.get(name);
    if (!d) throw new UserError(`tensor ${name} is missing`, metaPath, CHECKPOINT_FIX);
    return d;
  };
  const tokenEmbedding = get('tok_embeddings');
  const weights: LlamaWeights = {
    config,
    tokenEmbedding,
    classifier: config.tiedClassifier ? tokenEmbedding : get('output'),
    rmsFinal: get('norm'),
    layers: Array.from({ length: config.layers }, (_, i) => ({
      rmsAttention: get(`layers.${i}.attention_norm`), wq: get(`layers.${i}.wq`), wk: get(`layers.${i}.wk`), wv: get(`layers.${i}.wv`),
      wo: get(`layers.${i}.wo`), rmsFfn: get(`layers.${i}.ffn_norm`), w1: get(`layers.${i}.w1`), w2: get(`layers.${i}.w2`), w3: get(`layers.${i}.w3`),
    })),
  };
  const tokFile = tokenizerFile ?? join(path, TOKENIZER_FILE);
  const tokenizer = readTokenizer(tokFile, config.vocab);
  checkTokenizer(tokenizer, config, meta.tokenizerId, tokFile);
  const moe = readMoe(path, meta, config);
  return { weights, tokenizer, meta, source: path, ...(moe && { moe }) };
}

/**
 * A checkpoint for a command that works on dense FFNs only (carving, block fusion, the profile of the
 * dense shapes, task fine-tuning, merging, certification, training from it, design-space
 * exploration): a carved (CMoE) checkpoint is refused naming `flag`.
 */
export function denseCheckpoint<M extends LoadedModel>(m: M, command: string, flag = '--checkpoint'): M {
  if (m.moe) {
    throw new UserError(`${m.source} is a carved (CMoE ${m.moe.config}) model; ${command} takes a dense checkpoint`, flag,
      "give the dense checkpoint it was carved from (its weights' sha256 is provenance.base in model.json); llm eval, llm generate and the kv commands run the carved model");
  }
  return m;
}

/** The routing file a carved checkpoint names, checked against its recorded sha256 and the model's shape. */
function readMoe(dir: string, meta: CheckpointMeta, config: LlamaConfig): MoeRouting | undefined {
  if (!meta.moe) {
    const stray = join(dir, MOE_FILE);
    if (existsSync(stray)) throw new UserError(`${MOE_FILE} is not named in ${MODEL_FILE}: the routing belongs to another model`, stray, 'remove it, or write the carved model again with `tessera moe carve --out DIR`');
    return undefined;
  }
  const file = join(dir, meta.moe.file);
  if (!existsSync(file)) throw new UserError(`missing ${meta.moe.file}, the carved model's routing that ${MODEL_FILE} names`, file, 'copy the whole folder `tessera moe carve --out DIR` wrote');
  const bytes = readFileSync(file);
  if (createHash('sha256').update(bytes).digest('hex') !== meta.moe.sha256) {
    throw new UserError(`${meta.moe.file} does not match the sha256 in ${MODEL_FILE} (truncated, or from another carving)`, file, 'copy the whole folder `tessera moe carve --out DIR` wrote');
  }
  return parseMoeFile(bytes.toString('utf8'), file, config);
}

function checkTokenizer(t: Tokenizer, config: LlamaConfig, expectedId: string | undefined, file: string): void {
  if (t.vocabSize !== config.vocab) {
    throw new UserError(`tokenizer has ${t.vocabSize} tokens but the model's vocabulary is ${config.vocab}`, file, 'use the tokenizer the model was trained with');
  }
  if (expectedId !== undefined && t.id !== expectedId) {
    throw new UserError(`tokenizer ${t.id} is not the one the checkpoint was trained with (${expectedId})`, file, 'use the tokenizer.json written with the model');
  }
}

/** Writes a llama2.c "version 0" checkpoint (float32; RoPE tables as llama2.c's export writes them). */
export function writeLlama2cCheckpoint(file: string, w: LlamaWeights): void {
  const c = w.config;
  const hs = c.dim / c.heads;
  const layerTensors = (f: (l: LlamaLayerWeights) => Float32Array) => w.layers.map(f);
  // llama2.c order: embedding, then each kind across layers, then final norm, freq tables, classifier.
  const ordered: Float32Array[] = [
    w.tokenEmbedding,
    ...layerTensors((l) => l.rmsAttention), ...layerTensors((l) => l.wq), ...layerTensors((l) => l.wk), ...layerTensors((l) => l.wv), ...layerTensors((l) => l.wo),
    ...layerTensors((l) => l.rmsFfn), ...layerTensors((l) => l.w1), ...layerTensors((l) => l.w2), ...layerTensors((l) => l.w3),
    w.rmsFinal,
  ];
  const cos = new Float32Array(c.seqLen * (hs / 2)), sin = new Float32Array(c.seqLen * (hs / 2));
  for (let p = 0; p < c.seqLen; p++) {
    for (let j = 0; j < hs / 2; j++) {
      const angle = p * ROPE_BASE ** (-(2 * j) / hs);
      cos[p * (hs / 2) + j] = Math.cos(angle);
      sin[p * (hs / 2) + j] = Math.sin(angle);
    }
  }
  ordered.push(cos, sin);
  if (!c.tiedClassifier) ordered.push(w.classifier);
  const floats = ordered.reduce((s, t) => s + t.length, 0);
  const bytes = new Uint8Array(28 + 4 * floats);
  const view = new DataView(bytes.buffer);
  [c.dim, c.hiddenDim, c.layers, c.heads, c.kvHeads, c.tiedClassifier ? c.vocab : -c.vocab, c.seqLen].forEach((v, i) => view.setInt32(i * 4, v, true));
  let at = 28;
  for (const t of ordered) for (let i = 0; i < t.length; i++, at += 4) view.setFloat32(at, t[i], true);
  writeFileAtomic(file, bytes);
}
