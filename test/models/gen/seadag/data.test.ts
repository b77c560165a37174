import { describe, expect, it } from 'vitest';
import { Aig, readAiger, type Literal } from '../../../../eda/aig/index.ts';
import { aigFunction, functionKey, support } from '../../../../models/gen/seadag/data/truth-function.ts';
import { npnCanonical4, npnClassKey, transformFunction } from '../../../../models/gen/seadag/data/npn.ts';
import { cutFunctions, enumerateCuts } from '../../../../models/gen/seadag/data/cut-functions.ts';
import { randomAigFunction } from '../../../../models/gen/seadag/data/random-functions.ts';
import { everyNpnClass4, usable } from '../../../../models/gen/seadag/data/function-pool.ts';
import { join } from 'node:path';
import { datasetHash, readDataset, recordFunction, splitOf } from '../../../../models/gen/seadag/data/dataset.ts';
import { seededRandom, seededUint32 } from '../../../../util/index.ts';

describe('NPN classes', () => {
  it('finds the 222 NPN classes of 4-input functions (208 with all 4 inputs in the support)', () => {
    const all = new Set<number>();
    const full = new Set<number>();
    for (let t = 0; t < 65536; t++) {
      const c = npnCanonical4(t, 4);
      all.add(c);
      if (support({ inputs: 4, tables: [new Uint32Array([t])] }).length === 4) full.add(c);
    }
    expect(all.size).toBe(222);
    expect(full.size).toBe(208);
  });

  it('lists one usable function of each of the 208 classes with all 4 inputs, each its own canonical form', () => {
    const listed = everyNpnClass4();
    expect(listed.length).toBe(208);
    const keys = new Set(listed.map((fn) => npnClassKey(fn)));
    expect(keys.size).toBe(208);
    for (const fn of listed) {
      expect(usable(fn)).toBe(true);
      expect(npnCanonical4(fn.tables[0][0], 4)).toBe(fn.tables[0][0]);
    }
  });

  it.each([4, 6, 8])('gives NPN-equivalent %i-input functions the same key (random permutations, negations, output negations)', (n) => {
    const next = seededUint32(n);
    for (let k = 0; k < 20; k++) {
      const outputs = n === 8 ? 2 : 1;
      const fn = randomAigFunction(n, outputs, 10, 100 + k);
      const perm = Array.from({ length: n }, (_, i) => i).sort(() => (next() & 1 ? 1 : -1));
      const variant = transformFunction(fn, perm, next() % 2 ** n, Array.from({ length: outputs }, () => (next() & 1) === 1));
      expect(npnClassKey(variant)).toBe(npnClassKey(fn));
    }
  });

  it('splits by class: every member of a class lands in the same split', () => {
    const fn = randomAigFunction(6, 1, 8, 3);
    const split = splitOf('6x1', npnClassKey(fn));
    for (let k = 0; k < 10; k++) expect(splitOf('6x1', npnClassKey(transformFunction(fn, [5, 4, 3, 2, 1, 0], k * 7, [k % 2 === 1])))).toBe(split);
  });
});

describe('function sources', () => {
  it('cut functions equal the simulated function of the root over its cut leaves', () => {
    // x0..x5; n1 = x0 & x1, n2 = !x2 & x3, n3 = n1 & !n2, n4 = n3 & (x4 & x5): the 6-leaf cut {x0..x5} of n4.
    const aig = new Aig('t');
    const x = Array.from({ length: 6 }, () => aig.addInput());
    const n1 = aig.and(x[0], x[1]);
    const n2 = aig.and(x[2] ^ 1, x[3]);
    const n3 = aig.and(n1, n2 ^ 1);
    const n4 = aig.and(n3, aig.and(x[4], x[5]));
    aig.addOutput(n4);
    const cuts = enumerateCuts(aig, 6, 20);
    expect(cuts[n4 >> 1].some((c) => c.join(',') === '1,2,3,4,5,6')).toBe(true);
    const fns = cutFunctions(aig, { k: 6, cutsPerNode: 20, limit: 5, seed: 1, outputs: 1 });
    expect(fns.length).toBeGreaterThan(0);
    for (const f of fns) expect(functionKey(f)).toBe(functionKey(aigFunction(aig)));
  });

  it('random AIG functions reach most 4-input NPN classes and are usable often', () => {
    const classes = new Set<string>();
    let ok = 0;
    for (let r = 0; r < 3000; r++) {
      const f = randomAigFunction(4, 1, 10, r);
      if (!usable(f)) continue;
      ok++;
      classes.add(npnClassKey(f));
    }
    expect(ok).toBeGreaterThan(600);
    expect(classes.size).toBeGreaterThan(80);
  });

  it('ABC-shaped AIGER round-trips to the same function', () => {
    const aag = 'aag 7 3 0 1 4\n2\n4\n6\n14\n8 5 2\n10 4 3\n12 11 9\n14 13 6\n';
    const f = aigFunction(readAiger(new TextEncoder().encode(aag), 'x.aag'));
    expect(f.tables.length).toBe(1);
    expect(support(f)).toEqual([0, 1, 2]);
  });
});

void ({} as Literal);

describe('held-out functions are never in training, not even up to NPN', () => {
  it("every fixture pair's split is its recomputed NPN class's split, and no test class is a training class", () => {
    const records = readDataset(join(import.meta.dirname, 'fixtures', '4x1-small.jsonl'));
    for (const r of records) {
      const key = npnClassKey(recordFunction(r));
      expect(key).toBe(r.classKey);
      expect(splitOf(r.setting, key)).toBe(r.split);
    }
    const train = new Set(records.filter((r) => r.split === 'train').map((r) => r.classKey));
    expect(records.filter((r) => r.split === 'test' && train.has(r.classKey))).toEqual([]);
    expect(records.filter((r) => r.split === 'test').length).toBeGreaterThan(0);
  });
});

describe('the data hash', () => {
  it("ignores the time ABC writes in the AIGER comment and sees any change of the circuit", () => {
    const records = readDataset(join(import.meta.dirname, 'fixtures/4x1-small.jsonl')).slice(0, 5);
    const stamped = (r: (typeof records)[number], when: string) => ({ ...r, aag: `${r.aag.split('\nc\n')[0]}\nc\nThis file was written by ABC on ${when}\n` });
    const a = records.map((r) => stamped(r, 'Sun Dec  6 02:29:07 2026'));
    const b = records.map((r) => stamped(r, 'Mon Dec  7 11:00:00 2026'));
    expect(datasetHash(a)).toBe(datasetHash(b));
    const c = a.map((r, i) => (i === 2 ? { ...r, aag: r.aag.replace(/^aag (\d+)/, (_, m: string) => `aag ${Number(m) + 1}`) } : r));
    expect(datasetHash(c)).not.toBe(datasetHash(a));
    expect(datasetHash(a.map((r, i) => (i === 0 ? { ...r, split: r.split === 'test' ? 'train' as const : 'test' as const } : r)))).not.toBe(datasetHash(a));
  });
});
