/**
 * Reading Verilog sources from disk: plain text, or gzip (`.gz`) decompressed in memory.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readTextFile } from '../../util/index.ts';

/** Verilog file names the front-end reads (compressed with gzip or not). */
export const verilogFilePattern = /\.(v|sv|vh|svh|vg|vlib)(\.gz)?$/i;

export function readVerilogSource(path: string): string {
  return readTextFile(path);
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
