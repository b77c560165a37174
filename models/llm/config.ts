/**
 * The model's shape. The same fields as a llama2.c header, so every model moves to and from
 * llama2.c's format; RMSNorm epsilon (1e-5) and the RoPE base (10000) are llama2.c's fixed values.
 */
import { existsSync, readFileSync } from 'node:fs';
import { UserError } from '../../util/index.ts';
import type { Llama2cConfig } from './llama2c-checkpoint.ts';

export type LlamaConfig = Llama2cConfig;

export const NORM_EPS = 1e-5;
export const ROPE_BASE = 10000;

type Shape = Omit<LlamaConfig, 'vocab' | 'tiedClassifier'>;

/**
 * Named shapes (the vocabulary comes from the tokenizer). Widths are multiples of 128 so weight
 * groups of 32, 64 and 128 all divide every K.
 */
export const NAMED_CONFIGS: Readonly<Record<string, Shape>> = {
  /** For tests: seconds to train. */
  tiny: { dim: 32, hiddenDim: 64, layers: 2, heads: 2, kvHeads: 1, seqLen: 32 },
  /** The shipped model. */
  small: { dim: 128, hiddenDim: 256, layers: 8, heads: 4, kvHeads: 2, seqLen: 256 },
};

const FIELDS: readonly (keyof Shape)[] = ['dim', 'hiddenDim', 'layers', 'heads', 'kvHeads', 'seqLen'];

/** Checks a config's fields; `where` names the flag or file it came from. */
export function validateConfig(c: LlamaConfig, where: string): LlamaConfig {
  const fix = `give positive whole numbers for ${FIELDS.join(', ')}`;
  for (const f of [...FIELDS, 'vocab'] as const) {
    const v = c[f];
    if (!Number.isInteger(v) || v < 1 || v > 1 << 20) throw new UserError(`config field ${f} = ${String(v)} is invalid`, where, fix);
  }
  if (c.dim % c.heads !== 0) throw new UserError(`dim ${c.dim} is not a multiple of heads ${c.heads}`, where, 'choose heads dividing dim');
  if (c.heads % c.kvHeads !== 0) throw new UserError(`heads ${c.heads} is not a multiple of kvHeads ${c.kvHeads}`, where, 'choose kvHeads dividing heads');
  if ((c.dim / c.heads) % 2 !== 0) throw new UserError(`head size ${c.dim / c.heads} is odd (RoPE rotates pairs)`, where, 'choose an even head size');
  return c;
}

/** A config by name or from a JSON file of its fields, for a vocabulary of `vocab`. */
export function resolveConfig(nameOrFile: string, vocab: number, where = '--config'): LlamaConfig {
  let shape: Shape;
  if (NAMED_CONFIGS[nameOrFile]) shape = NAMED_CONFIGS[nameOrFile];
  else if (existsSync(nameOrFile)) {
    try {
      shape = JSON.parse(readFileSync(nameOrFile, 'utf8')) as Shape;
    } catch (e) {
      throw new UserError(`unreadable config JSON: ${(e as Error).message}`, nameOrFile, `give a JSON object with ${FIELDS.join(', ')}`);
    }
    where = nameOrFile;
  } else {
    throw new UserError(`unknown config '${nameOrFile}'`, where, `use one of ${Object.keys(NAMED_CONFIGS).join(', ')} or a JSON file`);
  }
  return validateConfig({ ...pick(shape), vocab, tiedClassifier: true }, where);
}

function pick(s: Shape): Shape {
  return { dim: s.dim, hiddenDim: s.hiddenDim, layers: s.layers, heads: s.heads, kvHeads: s.kvHeads, seqLen: s.seqLen };
}

/** Parameters of a model with this config (tied classifier counted once). */
export function parameterCount(c: LlamaConfig): number {
  const kvDim = (c.dim / c.heads) * c.kvHeads;
  const perLayer = 2 * c.dim + 2 * c.dim * c.dim + 2 * kvDim * c.dim + 3 * c.hiddenDim * c.dim;
  return c.vocab * c.dim * (c.tiedClassifier ? 1 : 2) + c.layers * perLayer + c.dim;
}
