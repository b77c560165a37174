/**
 * Reading Verilog sources from disk: plain text, or gzip (`.gz`) decompressed in memory.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { UserError } from '../../util/index.ts';

/** Verilog file names the front-end reads (compressed with gzip or not). */
export const verilogFilePattern = /\.(v|sv|vh|svh|vg|vlib)(\.gz)?$/i;

export function readVerilogSource(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UserError(`cannot read ${path}: ${(e as Error).message}`, path, 'check the file name');
  }
  if (path.endsWith('.gz')) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new UserError(`cannot decompress ${path}: ${(e as Error).message}`, path, 'give a valid gzip file');
    }
  }
  return bytes.toString('utf8');
}

/** Every Verilog file under `dir` (recursively), sorted; `.bz2` files are not readable here and skipped. */
export function listVerilogFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (verilogFilePattern.test(entry.name)) found.push(path);
    }
  };
  walk(dir);
  return found.sort();
}
