/**
 * Reading Verilog sources from disk: plain text, or gzip (`.gz`) decompressed in memory.
 */
import { readFileSync } from 'node:fs';
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
