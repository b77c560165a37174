import { exhaustivePatterns, literalWords, simulateWords, truthHex, truthTableMask, truthWords, type Aig } from '../../../../eda/aig/index.ts';

/** A Boolean function given by its truth tables: one table per output over `inputs` inputs. */
export interface TruthFunction {
  readonly inputs: number;
  readonly tables: readonly Uint32Array[];
}

/** The three settings of the generator: inputs x outputs. */
export const SETTINGS = {
  '4x1': { inputs: 4, outputs: 1 },
  '6x1': { inputs: 6, outputs: 1 },
  '8x2': { inputs: 8, outputs: 2 },
} as const;
export type SettingName = keyof typeof SETTINGS;
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function popcount(table: Uint32Array): number {
  let n = 0;
  for (const w of table) n += popcount32(w);
  return n;
}

/** The exhaustive pattern of input i over n inputs (a table that is 1 where input i is 1). */
export function inputTable(i: number, inputs: number): Uint32Array {
  const { words, patterns } = exhaustivePatterns(inputs);
  const t = patterns.slice(i * words, (i + 1) * words);
  t[words - 1] &= truthTableMask(inputs);
  return t;
}

export function complementTable(table: Uint32Array, inputs: number): Uint32Array {
  const out = table.map((w) => ~w >>> 0);
  out[out.length - 1] &= truthTableMask(inputs);
  return out;
}

export function isConstant(table: Uint32Array, inputs: number): boolean {
  const ones = popcount(table);
  return ones === 0 || ones === 2 ** inputs;
}

export function tablesEqual(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when the table changes with input i (its two cofactors differ). */
export function dependsOn(table: Uint32Array, i: number, inputs: number): boolean {
  if (i < 5) {
    const shift = 1 << i;
    const mask = [0x55555555, 0x33333333, 0x0f0f0f0f, 0x00ff00ff, 0x0000ffff][i];
    for (const w of table) if (((w >>> shift) & mask) !== (w & mask)) return true;
    return false;
  }
  const stride = 1 << (i - 5);
  for (let w = 0; w < truthWords(inputs); w++) if (!(w & stride) && table[w] !== table[w | stride]) return true;
  return false;
}

/** Indices of the inputs some output depends on. */
export function support(fn: TruthFunction): number[] {
  const out: number[] = [];
  for (let i = 0; i < fn.inputs; i++) if (fn.tables.some((t) => dependsOn(t, i, fn.inputs))) out.push(i);
  return out;
}

/** A stable text key of a function (its hex tables joined by commas). */
export function functionKey(fn: TruthFunction): string {
  return fn.tables.map((t) => truthHex(t, fn.inputs)).join(',');
}

/** Truth tables of the primary outputs of an AIG whose inputs are the function's inputs. */
export function aigFunction(aig: Aig): TruthFunction {
  const inputs = aig.inputs.length;
  const { words, patterns } = exhaustivePatterns(inputs);
  const outs = literalWords(simulateWords(aig, patterns, words), words, aig.outputs.map((o) => o.lit));
  const mask = truthTableMask(inputs);
  const tables = aig.outputs.map((_, o) => {
    const t = outs.slice(o * words, (o + 1) * words);
    t[words - 1] &= mask;
    return t;
  });
  return { inputs, tables };
}
