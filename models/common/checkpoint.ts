import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, writeFileAtomic, writeJsonAtomic } from '../../util/index.ts';
import type { NamedArray } from './parameters.ts';

/** checkpoint.json: the model's config plus where each weight array sits in weights.bin. */
interface Manifest<C> {
  format: 'tessera-checkpoint-1';
  config: C;
  tensors: { name: string; shape: number[]; offset: number; length: number }[];
  weightsSha256: string;
}

export const manifestFile = 'checkpoint.json';
export const weightsFile = 'weights.bin';

/**
 * Writes a checkpoint folder: `weights.bin` (float32 little-endian arrays back to back) and
 * `checkpoint.json` (config, tensor table, sha256 of the weights). Both files are written
 * atomically, weights first, so a reader never sees a manifest for weights that are not there.
 */
export function saveCheckpoint<C>(dir: string, config: C, weights: ReadonlyMap<string, NamedArray>): void {
  const tensors: Manifest<C>['tensors'] = [];
  let offset = 0;
  for (const [name, w] of [...weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    tensors.push({ name, shape: [...w.shape], offset, length: w.data.length });
    offset += w.data.length;
  }
  const bytes = new Uint8Array(offset * 4);
  const view = new DataView(bytes.buffer);
  for (const t of tensors) {
    const data = weights.get(t.name)!.data;
    for (let i = 0; i < data.length; i++) view.setFloat32((t.offset + i) * 4, data[i], true);
  }
  writeFileAtomic(join(dir, weightsFile), bytes);
  const manifest: Manifest<C> = { format: 'tessera-checkpoint-1', config, tensors, weightsSha256: createHash('sha256').update(bytes).digest('hex') };
  writeJsonAtomic(join(dir, manifestFile), manifest);
}

/** Reads a checkpoint folder written by `saveCheckpoint`, checking the weights' hash. */
export function loadCheckpoint<C>(dir: string): { config: C; weights: Map<string, NamedArray> } {
  const manifestPath = join(dir, manifestFile);
  const fix = "point at a checkpoint folder written by the model's train command (--out DIR)";
  if (!existsSync(manifestPath)) throw new UserError(`no ${manifestFile} in ${dir}`, manifestPath, fix);
  let manifest: Manifest<C>;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest<C>;
  } catch (e) {
    throw new UserError(`unreadable checkpoint manifest: ${(e as Error).message}`, manifestPath, fix);
  }
  if (manifest.format !== 'tessera-checkpoint-1') throw new UserError(`unknown checkpoint format '${String(manifest.format)}'`, manifestPath, fix);
  const binPath = join(dir, weightsFile);
  if (!existsSync(binPath)) throw new UserError(`missing ${weightsFile}`, binPath, fix);
  const bytes = readFileSync(binPath);
  if (createHash('sha256').update(bytes).digest('hex') !== manifest.weightsSha256) {
    throw new UserError('weights do not match the hash in the manifest (corrupt or mixed checkpoint)', binPath, fix);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const weights = new Map<string, NamedArray>();
  for (const t of manifest.tensors) {
    const data = new Float32Array(t.length);
    for (let i = 0; i < t.length; i++) data[i] = view.getFloat32((t.offset + i) * 4, true);
    weights.set(t.name, { shape: t.shape, data });
  }
  return { config: manifest.config, weights };
}
