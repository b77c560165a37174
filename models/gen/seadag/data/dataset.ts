import { readFileSync } from 'node:fs';
import { aigStats, parseTruthHex, readAiger, writeAag, type Aig } from '../../../../eda/aig/index.ts';
import { ContentCache, ProgressBar, UserError, contentHash, seededUint32, writeFileAtomic } from '../../../../util/index.ts';
import { ABC_SCRIPT, abcImplementations } from './abc-reference.ts';
import { functionPool, type PoolOptions, type SourcedFunction } from './function-pool.ts';
import { npnClassKey, transformFunction } from './npn.ts';
import { SETTINGS, functionKey, type SettingName, type TruthFunction } from './truth-function.ts';

export type Split = 'train' | 'val' | 'test';

/** One training or evaluation pair: a function and ABC's implementation of it. */
export interface PairRecord {
  readonly setting: SettingName;
  /** Hex truth tables, one per output (as ABC's read_truth reads them). */
  readonly tables: readonly string[];
  readonly source: string;
  readonly classKey: string;
  readonly split: Split;
  /** ABC's implementation as ASCII AIGER. */
  readonly aag: string;
  readonly ands: number;
  readonly levels: number;
}

/** How much of each kind a setting's data set holds. */
export interface DataPlan {
  readonly trainCount: number;
  readonly valCount: number;
  readonly testCount: number;
  /** Held-out functions per NPN class (several members of a class are distinct functions; NPN variants fill up a class). */
  readonly perClass: number;
  /** Pairs whose ABC implementation has more ANDs are left out of every split (the protocol's size range). */
  readonly maxAnds: number;
  readonly randomCount: number;
  readonly randomMaxGates: number;
  readonly cutsPerCircuit: number;
}

export const DATA_PLANS: Record<SettingName, DataPlan> = {
  '4x1': { trainCount: 12_000, valCount: 200, testCount: 400, perClass: 10, maxAnds: 16, randomCount: 30_000, randomMaxGates: 10, cutsPerCircuit: 300 },
  '6x1': { trainCount: 20_000, valCount: 200, testCount: 300, perClass: 2, maxAnds: 24, randomCount: 40_000, randomMaxGates: 12, cutsPerCircuit: 300 },
  '8x2': { trainCount: 20_000, valCount: 200, testCount: 300, perClass: 2, maxAnds: 32, randomCount: 40_000, randomMaxGates: 14, cutsPerCircuit: 300 },
};

/** Fractions of NPN classes held out for testing and for validation (chosen by a hash, before any result is seen). */
export const TEST_FRACTION = 0.15;
export const VAL_FRACTION = 0.1;

/** The split of a class: a hash of the setting and the class key, so it never depends on what else is in the pool. */
export function splitOf(setting: SettingName, classKey: string): Split {
  const u = parseInt(contentHash('seadag-split-v1', setting, classKey).slice(0, 8), 16) / 2 ** 32;
  return u < TEST_FRACTION ? 'test' : u < TEST_FRACTION + VAL_FRACTION ? 'val' : 'train';
}

export function recordFunction(r: Pick<PairRecord, 'setting' | 'tables'>): TruthFunction {
  const inputs = SETTINGS[r.setting].inputs;
  return { inputs, tables: r.tables.map((h) => parseTruthHex(h, inputs, 'tables')) };
}

export function recordAig(r: PairRecord): Aig {
  return readAiger(new TextEncoder().encode(r.aag), `${r.setting}:${r.tables.join(',')}`);
}

interface Candidate extends SourcedFunction {
  readonly classKey: string;
  readonly split: Split;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = seededUint32(seed);
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** A random NPN variant of a function (inputs permuted and negated, outputs negated). */
function randomVariant(fn: TruthFunction, outputs: number, next: () => number): TruthFunction {
  const perm = shuffled(Array.from({ length: fn.inputs }, (_, i) => i), next());
  return transformFunction(fn, perm, next() % 2 ** fn.inputs, Array.from({ length: outputs }, () => next() % 2 === 1));
}

/**
 * Held-out picks: `perClass` functions of each class (pool members first, then random NPN variants
 * of them, which are held out as much: their class is), classes in a seeded order, up to `count`.
 */
function heldOut(cands: readonly Candidate[], perClass: number, count: number, seed: number): Candidate[] {
  const byClass = new Map<string, Candidate[]>();
  for (const c of shuffled(cands, seed)) {
    const list = byClass.get(c.classKey) ?? [];
    if (list.length < perClass) list.push(c);
    byClass.set(c.classKey, list);
  }
  const next = seededUint32(seed + 1);
  for (const list of byClass.values()) {
    const seen = new Set(list.map((c) => functionKey(c.fn)));
    const members = [...list];
    for (let tries = 0; list.length < perClass && tries < 20 * perClass; tries++) {
      const base = members[next() % members.length];
      const fn = randomVariant(base.fn, base.fn.tables.length, next);
      const key = functionKey(fn);
      if (seen.has(key)) continue;
      seen.add(key);
      list.push({ ...base, fn, source: `npn-variant:${base.source}` });
    }
  }
  return [...byClass.values()].flat().slice(0, count);
}

/**
 * Training picks: the pool functions of training classes, then NPN variants of a function of a
 * class drawn uniformly (not in proportion to how often the sources repeat a class, which would
 * fill training with ANDs of literals), up to `count`.
 */
function training(cands: readonly Candidate[], count: number, setting: SettingName, seed: number): Candidate[] {
  const out = shuffled(cands, seed).slice(0, count);
  const seen = new Set(out.map((c) => functionKey(c.fn)));
  const next = seededUint32(seed + 1);
  const { outputs } = SETTINGS[setting];
  const byClass = new Map<string, Candidate[]>();
  for (const c of cands) byClass.set(c.classKey, [...(byClass.get(c.classKey) ?? []), c]);
  const classes = [...byClass.values()];
  for (let tries = 0; out.length < count && classes.length > 0 && tries < 20 * count; tries++) {
    const members = classes[next() % classes.length];
    const base = members[next() % members.length];
    const fn = randomVariant(base.fn, outputs, next);
    const key = functionKey(fn);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ fn, source: `npn-variant:${base.source}`, classKey: base.classKey, split: 'train' });
  }
  return out;
}

export interface BuildOptions {
  readonly setting: SettingName;
  readonly plan: DataPlan;
  readonly circuits: readonly { name: string; aig: Aig }[];
  readonly abc: string;
  readonly abcVersion: string;
  readonly seed: number;
  readonly log: (line: string) => void;
  /** Functions per ABC process (every answer is cached, so an interrupted build resumes). */
  readonly chunk?: number;
}

/** Picks the functions of every split and asks ABC for their implementations (cached by chunk). */
export async function buildDataset(o: BuildOptions): Promise<PairRecord[]> {
  const { inputs, outputs } = SETTINGS[o.setting];
  const poolOptions: PoolOptions = { inputs, outputs, randomCount: o.plan.randomCount, randomMaxGates: o.plan.randomMaxGates, cutsPerCircuit: o.plan.cutsPerCircuit, seed: o.seed };
  const pool = functionPool(o.circuits, poolOptions);
  const cands: Candidate[] = pool.map((p) => {
    const classKey = npnClassKey(p.fn);
    return { ...p, classKey, split: splitOf(o.setting, classKey) };
  });
  const classes = (s: Split) => new Set(cands.filter((c) => c.split === s).map((c) => c.classKey)).size;
  o.log(`${o.setting}: ${pool.length} distinct usable functions in ${classes('train') + classes('val') + classes('test')} classes (train ${classes('train')}, val ${classes('val')}, test ${classes('test')})`);
  // Some picks exceed the size range once ABC has answered; ask for a margin so the counts hold.
  const margin = 1.25;
  const picked = [
    ...heldOut(cands.filter((c) => c.split === 'test'), o.plan.perClass, Math.ceil(o.plan.testCount * margin), o.seed + 11),
    ...heldOut(cands.filter((c) => c.split === 'val'), o.plan.perClass, Math.ceil(o.plan.valCount * margin), o.seed + 13),
    ...training(cands.filter((c) => c.split === 'train'), Math.ceil(o.plan.trainCount * margin), o.setting, o.seed + 17),
  ];
  // ABC's answer for each function is cached on its own, so a rebuild with other picks reuses every known one.
  const chunk = o.chunk ?? 400;
  const cache = new ContentCache<string>('seadag-abc-function');
  const keyOf = (c: Candidate) => contentHash('seadag-abc-v2', ABC_SCRIPT, o.abcVersion, functionKey(c.fn));
  const aags: (string | undefined)[] = picked.map((c) => cache.get(keyOf(c)));
  const missing = picked.map((_, k) => k).filter((k) => aags[k] === undefined);
  const bar = new ProgressBar(`ABC ${o.setting}`, picked.length);
  bar.skip(picked.length - missing.length);
  for (let start = 0; start < missing.length; start += chunk) {
    const part = missing.slice(start, start + chunk);
    const aigs = await abcImplementations(part.map((k) => picked[k].fn), o.abc);
    part.forEach((k, i) => {
      aags[k] = writeAag(aigs[i]);
      cache.put(keyOf(picked[k]), aags[k]!);
    });
    bar.tick(part.length);
  }
  bar.finish();
  const records: PairRecord[] = picked.map((c, k) => {
    const stats = aigStats(readAiger(new TextEncoder().encode(aags[k]!), 'abc'));
    return { setting: o.setting, tables: functionKey(c.fn).split(','), source: c.source, classKey: c.classKey, split: c.split, aag: aags[k]!, ands: stats.ands, levels: stats.levels };
  });
  const inRange = records.filter((r) => r.ands <= o.plan.maxAnds);
  const limit: Record<Split, number> = { train: o.plan.trainCount, val: o.plan.valCount, test: o.plan.testCount };
  const taken: Record<Split, number> = { train: 0, val: 0, test: 0 };
  return inRange.filter((r) => taken[r.split]++ < limit[r.split]);
}

export function writeDataset(path: string, records: readonly PairRecord[]): void {
  writeFileAtomic(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

export function readDataset(path: string): PairRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read the data set: ${(e as Error).message}`, path, 'build it with `tessera seadag data --setting S --out FILE`');
  }
  return text.split('\n').filter((l) => l.trim() !== '').map((line, i) => {
    try {
      const r = JSON.parse(line) as PairRecord;
      if (!(r.setting in SETTINGS) || !Array.isArray(r.tables) || typeof r.aag !== 'string') throw new Error('missing fields');
      return r;
    } catch (e) {
      throw new UserError(`not a SeaDAG pair record (${(e as Error).message})`, { file: path, line: i + 1, col: 1 }, 'build the file with `tessera seadag data`');
    }
  });
}

/**
 * A short hash of the pairs' content (functions, targets, splits), for checkpoints. The AIGER comment
 * section is left out: ABC writes the time of its run there, so the same build would hash differently.
 */
export function datasetHash(records: readonly PairRecord[]): string {
  return contentHash(records.map((r) => [r.setting, r.tables, r.split, withoutComment(r.aag)])).slice(0, 16);
}

/** An ASCII AIGER text up to its comment section (a line `c` after the symbols). */
function withoutComment(aag: string): string {
  const at = aag.indexOf('\nc\n');
  return at < 0 ? aag : aag.slice(0, at + 1);
}
