/** Runs numpy_llama.py (a python3 with NumPy, e.g. Debian's python3-numpy) on a llama2.c file and token ids; returns its logits. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingPython, pythonWith } from '../../helpers/requirements.ts';

const script = join(dirname(fileURLToPath(import.meta.url)), 'numpy_llama.py');

/** Why the NumPy reference cannot run here, or undefined when it can. */
export function missingNumpy(): string | undefined {
  return missingPython('numpy');
}

export function numpyLogits(modelBin: string, tokens: readonly number[]): Float32Array {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-numpy-'));
  try {
    const tokFile = join(dir, 'tokens.i32'), outFile = join(dir, 'logits.f32');
    writeFileSync(tokFile, new Uint8Array(Int32Array.from(tokens).buffer));
    const r = spawnSync(pythonWith('numpy')!, [script, modelBin, tokFile, outFile], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`numpy_llama.py failed: ${r.stderr}`);
    const b = readFileSync(outFile);
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** max |a - b| / max |b|. */
export function relativeMaxError(a: Float32Array, b: Float32Array): number {
  let d = 0, s = 0;
  for (let i = 0; i < b.length; i++) { d = Math.max(d, Math.abs(a[i] - b[i])); s = Math.max(s, Math.abs(b[i])); }
  return d / s;
}
