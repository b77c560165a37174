import { UserError } from '../../util/index.ts';
import { MAX_TRUTH_TABLE_INPUTS } from './truth-table.ts';

/**
 * Truth tables as hexadecimal text, the way ABC's `read_truth` reads them: most significant digit
 * first, bit m of the table is the output for the input assignment whose bit i is input i. In
 * memory a table is the word array `truthTables` uses (bit m of word m >> 5 is minterm m).
 */

/** Hex digits of an n-input table: 2^n / 4, at least one (1- and 2-input tables use one digit). */
export function truthHexLength(inputs: number): number {
  return Math.max(1, 2 ** inputs / 4);
}

/** Words of an n-input table in memory: 2^n / 32, at least one. */
export function truthWords(inputs: number): number {
  return Math.max(1, 2 ** inputs / 32);
}

/** A small example of the expected text for an input count, for error messages. */
function example(inputs: number): string {
  if (inputs <= 2) return inputs === 2 ? '8 (a AND b)' : '2 (the input itself)';
  return `${'8'.padEnd(truthHexLength(inputs), '0')} (AND of all ${inputs} inputs)`;
}

/**
 * Parses one truth table of `inputs` inputs (0..16). `where` names the flag or field in the
 * UserError raised for a wrong length, a character that is not a hex digit, or bits set beyond
 * the 2^n minterms of a 0- or 1-input table; `inputsWhere` the one for an input count out of range.
 */
export function parseTruthHex(text: string, inputs: number, where = '--truth-table', inputsWhere = '--inputs'): Uint32Array {
  if (!Number.isInteger(inputs) || inputs < 0 || inputs > MAX_TRUTH_TABLE_INPUTS) {
    throw new UserError(`a truth table has 0 to ${MAX_TRUTH_TABLE_INPUTS} inputs, not ${inputs}`, inputsWhere, `give at most ${MAX_TRUTH_TABLE_INPUTS} inputs (larger functions do not fit a truth table)`);
  }
  const hex = text.trim().replace(/^0x/i, '');
  const length = truthHexLength(inputs);
  const bad = /[^0-9a-fA-F]/.exec(hex);
  if (bad) {
    throw new UserError(`'${bad[0]}' at character ${bad.index + 1} of '${text.length > 40 ? `${text.slice(0, 40)}...` : text}' is not a hex digit`, where, `expected ${length} hex digits for ${inputs} inputs, e.g. ${example(inputs)}`);
  }
  if (hex.length !== length) {
    throw new UserError(`expected ${length} hex digit${length === 1 ? '' : 's'} for ${inputs} input${inputs === 1 ? '' : 's'}, got ${hex.length}`, where, `e.g. ${example(inputs)}`);
  }
  const minterms = 2 ** inputs;
  const table = new Uint32Array(truthWords(inputs));
  for (let d = 0; d < hex.length; d++) {
    const value = parseInt(hex[hex.length - 1 - d], 16);
    for (let b = 0; b < 4; b++) {
      if (((value >>> b) & 1) === 0) continue;
      const m = 4 * d + b;
      if (m >= minterms) throw new UserError(`the table sets minterm ${m}, but ${inputs} input${inputs === 1 ? ' has' : 's have'} only ${minterms}`, where, `e.g. ${example(inputs)}`);
      table[m >>> 5] |= 1 << (m & 31);
    }
  }
  return table;
}

/** The hex text of an n-input table (what `parseTruthHex` reads back). */
export function truthHex(table: Uint32Array, inputs: number): string {
  const length = truthHexLength(inputs);
  let out = '';
  for (let d = length - 1; d >= 0; d--) {
    let value = 0;
    for (let b = 0; b < 4; b++) {
      const m = 4 * d + b;
      if (m < 2 ** inputs && (table[m >>> 5] >>> (m & 31)) & 1) value |= 1 << b;
    }
    out += value.toString(16);
  }
  return out;
}
