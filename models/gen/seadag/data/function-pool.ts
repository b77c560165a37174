import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readCircuit, type Aig } from '../../../../eda/aig/index.ts';
import { isUserError } from '../../../../util/index.ts';
import { cutFunctions, outputFunctions } from './cut-functions.ts';
import { npnCanonical4 } from './npn.ts';
import { randomAigFunction } from './random-functions.ts';
import { complementTable, functionKey, isConstant, support, tablesEqual, type TruthFunction } from './truth-function.ts';

/** Where a function came from: a random AIG, a cut of a benchmark circuit, a circuit's output, or the list of every NPN class. */
export interface SourcedFunction {
  readonly fn: TruthFunction;
  readonly source: string;
}

/** The benchmark circuits that give cut and output functions (relative to the data folder). */
export const CIRCUIT_FOLDERS = [
  'epfl/arithmetic', 'epfl/random_control', 'iscas_ispras/iscas85/bench', 'iscas_ispras/iscas89/bench',
  'lgsynth91_mcnc/blif', 'lgsynth91_mcnc/pla',
] as const;
const CIRCUIT_FILE = /\.(aig|bench|blif|pla)$/;

/** Circuits larger than this are left out of cut enumeration (the biggest EPFL ones), to keep the build short. */
export const MAX_CIRCUIT_ANDS = 40_000;

/** Benchmark circuits in the data folder, read once (unreadable files and very large ones are skipped with a note). */
export function benchmarkCircuits(dataRoot: string, log: (line: string) => void): { name: string; aig: Aig }[] {
  const out: { name: string; aig: Aig }[] = [];
  for (const folder of CIRCUIT_FOLDERS) {
    const dir = join(dataRoot, folder);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => CIRCUIT_FILE.test(f)).sort()) {
      try {
        const aig = readCircuit(join(dir, file));
        if (aig.andCount > MAX_CIRCUIT_ANDS) log(`  ${folder}/${file}: ${aig.andCount} ANDs, over ${MAX_CIRCUIT_ANDS}, left out`);
        else out.push({ name: `${folder}/${file}`, aig });
      } catch (e) {
        if (!isUserError(e)) throw e;
        log(`  ${folder}/${file}: not read (${e.message})`);
      }
    }
  }
  return out;
}

/**
 * Keeps functions that are usable as a setting's pairs: every output non-constant, the outputs
 * distinct (also up to complement), and the outputs together depending on every input.
 */
export function usable(fn: TruthFunction): boolean {
  if (fn.tables.some((t) => isConstant(t, fn.inputs))) return false;
  for (let a = 0; a < fn.tables.length; a++) {
    for (let b = a + 1; b < fn.tables.length; b++) {
      if (tablesEqual(fn.tables[a], fn.tables[b]) || tablesEqual(fn.tables[a], complementTable(fn.tables[b], fn.inputs))) return false;
    }
  }
  return support(fn).length === fn.inputs;
}

export interface PoolOptions {
  readonly inputs: number;
  readonly outputs: 1 | 2;
  readonly randomCount: number;
  readonly randomMaxGates: number;
  readonly cutsPerCircuit: number;
  readonly seed: number;
}

/** The distinct usable functions of all sources, first occurrence kept, in a deterministic order. */
export function functionPool(circuits: readonly { name: string; aig: Aig }[], o: PoolOptions): SourcedFunction[] {
  const seen = new Set<string>();
  const pool: SourcedFunction[] = [];
  const add = (fn: TruthFunction, source: string) => {
    if (!usable(fn)) return;
    const key = functionKey(fn);
    if (seen.has(key)) return;
    seen.add(key);
    pool.push({ fn, source });
  };
  circuits.forEach((c, ci) => {
    for (const fn of outputFunctions(c.aig, o.inputs, o.outputs, o.cutsPerCircuit)) add(fn, `output:${c.name}`);
    const cuts = cutFunctions(c.aig, { k: o.inputs, cutsPerNode: 8, limit: o.cutsPerCircuit, seed: o.seed * 7919 + ci, outputs: o.outputs });
    for (const fn of cuts) add(fn, `cut:${c.name}`);
  });
  for (let r = 0; r < o.randomCount; r++) add(randomAigFunction(o.inputs, o.outputs, o.randomMaxGates, o.seed * 1_000_003 + r), 'random');
  if (o.inputs === 4 && o.outputs === 1) for (const fn of everyNpnClass4()) add(fn, 'npn-class');
  return pool;
}

/**
 * One function (the canonical form) of every NPN class of 4-input functions that uses all 4
 * inputs (208 classes). Random small AIGs
 * reach the classes with few ANDs far more often than the larger ones (at 4 inputs a fifth of the
 * classes, all of 6-10 ANDs in ABC's answer, never came up in 30,000 draws), so all of them join the
 * pool.
 */
export function everyNpnClass4(): TruthFunction[] {
  const out: TruthFunction[] = [];
  for (let t = 0; t < 0x10000; t++) {
    const fn = { inputs: 4, tables: [Uint32Array.of(t)] };
    if (npnCanonical4(t, 4) === t && usable(fn)) out.push(fn);
  }
  return out;
}
