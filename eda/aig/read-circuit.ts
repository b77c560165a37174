import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { UserError } from '../../util/index.ts';
import type { Aig } from './aig.ts';
import { readAiger } from './aiger-read.ts';
import { readBench } from './bench-read.ts';
import { readBlif } from './blif-read.ts';
import { readGateVerilog } from './verilog-read.ts';
import { readPla } from './pla-read.ts';

export const CIRCUIT_EXTENSIONS = ['.aig', '.aag', '.blif', '.bench', '.pla', '.v'] as const;

/** The format of a circuit file from its name (a trailing `.gz` is allowed). */
export function circuitFormat(path: string): (typeof CIRCUIT_EXTENSIONS)[number] | undefined {
  const base = path.replace(/\.gz$/, '').toLowerCase();
  return CIRCUIT_EXTENSIONS.find((ext) => base.endsWith(ext));
}

/** Reads a circuit in memory, choosing the reader from the file name's extension. */
export function parseCircuit(data: Uint8Array, file: string): Aig {
  const format = circuitFormat(file);
  const bytes = file.endsWith('.gz') ? gunzipSync(data) : data;
  const text = () => {
    // No text format has NUL bytes; a file with one is binary (as git and grep decide).
    if (bytes.subarray(0, 1 << 16).includes(0)) throw new UserError(`${file} is a binary file, not text`, file, `give a text ${format} file (gzip is read when the name ends in .gz)`);
    return new TextDecoder().decode(bytes);
  };
  switch (format) {
    case '.aig':
    case '.aag':
      return readAiger(bytes, file);
    case '.blif':
      return readBlif(text(), file);
    case '.bench':
      return readBench(text(), file);
    case '.pla':
      return readPla(text(), file);
    case '.v':
      return readGateVerilog(text(), file);
    default:
      throw new UserError(`unknown circuit format: expected a file ending in ${CIRCUIT_EXTENSIONS.join(', ')} (.v: gate-level netlists)`, file);
  }
}

/** Reads a circuit file from disk (.aig, .aag, .blif, .bench, .pla, gate-level .v; optionally gzipped). */
export function readCircuit(path: string): Aig {
  if (!circuitFormat(path)) parseCircuit(new Uint8Array(), path); // throws the unknown-format error
  let data: Uint8Array;
  try {
    data = readFileSync(path);
  } catch (e) {
    throw new UserError(`cannot read: ${(e as Error).message}`, path, 'check the path');
  }
  return parseCircuit(data, path);
}
