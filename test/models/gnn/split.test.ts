import { describe, expect, it } from 'vitest';
import { anomaliesIn, stratifiedSplit } from '../../../models/gnn/index.ts';

/** Labels with `anomalies` ones spread over n nodes. */
function labels(n: number, anomalies: number): Uint8Array {
  const y = new Uint8Array(n);
  for (let i = 0; i < anomalies; i++) y[Math.floor((i * n) / anomalies)] = 1;
  return y;
}

describe('stratified 50 + 50 label split', () => {
  for (const [name, n, anomalies, perSet] of [
    ['reddit-like 3.3%', 10984, 366, 2], ['tolokers-like 21.8%', 11758, 2566, 11], ['amazon_upu-like 6.8%', 10224, 693, 3], ['disney-like 4.8%', 124, 6, 2], ['rare 0.1%', 5000, 5, 1],
  ] as const) {
    it(`${name}: 50 + 50 labels with ${perSet} anomalies each, the rest test, no overlap`, () => {
      const y = labels(n, anomalies);
      const s = stratifiedSplit(y, 7);
      expect(s.train.length).toBe(50);
      expect(s.validation.length).toBe(50);
      expect(s.test.length).toBe(n - 100);
      const count = (v: Int32Array) => v.reduce((acc, i) => acc + y[i], 0);
      expect(count(s.train)).toBe(perSet);
      expect(count(s.validation)).toBe(perSet);
      expect(count(s.test)).toBe(anomalies - 2 * perSet);
      expect(new Set([...s.train, ...s.validation, ...s.test]).size).toBe(n);
    });
  }

  it('at least one anomaly per set, whatever the share', () => {
    expect(anomaliesIn(50, 0.0001)).toBe(1);
    expect(anomaliesIn(50, 0.033)).toBe(2);
    expect(anomaliesIn(50, 0.999)).toBe(49);
  });

  it('the seed alone decides the draw', () => {
    const y = labels(3000, 100);
    expect(stratifiedSplit(y, 3)).toEqual(stratifiedSplit(y, 3));
    expect(stratifiedSplit(y, 3).train).not.toEqual(stratifiedSplit(y, 4).train);
  });

  it('refuses a graph with too few anomalies for both sets and a test set', () => {
    expect(() => stratifiedSplit(labels(500, 2), 1)).toThrow(/too few/);
  });
});
