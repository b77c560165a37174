import { describe, expect, it } from 'vitest';
import { kendallTau, mae, mape, r2, regressionMetrics, rse, spearman } from '../../../models/common/index.ts';

describe('regression metrics against hand-computed values', () => {
  const pred = [1, 3, 5];
  const target = [1, 2, 3];
  // |0| + |1| + |2| = 3 over 3; target mean 2, SS_tot = 1 + 0 + 1 = 2, SS_res = 0 + 1 + 4 = 5.
  it('MAE', () => expect(mae(pred, target)).toBeCloseTo(1, 12));
  it('RSE and R^2', () => {
    expect(rse(pred, target)).toBeCloseTo(2.5, 12);
    expect(r2(pred, target)).toBeCloseTo(-1.5, 12);
  });
  it('R^2 of a perfect prediction is 1, of the mean is 0', () => {
    expect(r2(target, target)).toBe(1);
    expect(r2([2, 2, 2], target)).toBe(0);
  });
  // (0/1 + 1/2 + 2/3) / 3 * 100
  it('MAPE in percent, skipping zero targets', () => {
    expect(mape(pred, target)).toBeCloseTo(((0 + 0.5 + 2 / 3) / 3) * 100, 10);
    expect(mape([1, 5], [0, 4])).toBeCloseTo(25, 12);
  });
  it('Kendall tau-b matches the SciPy documentation example with ties', () => {
    // scipy.stats.kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) -> -0.47140452079103173
    expect(kendallTau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])).toBeCloseTo(-0.47140452079103173, 12);
  });
  it('Kendall tau is 1 for the same order and -1 for the reversed order', () => {
    expect(kendallTau([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(kendallTau([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
  });
  it('Spearman correlation matches SciPy with ties (average ranks)', () => {
    // scipy.stats.spearmanr(a, b).correlation for each pair
    expect(spearman([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])).toBeCloseTo(-0.5407380704358752, 12);
    expect(spearman([3, 1, 4, 1, 5, 9, 2, 6], [2, 7, 1, 8, 2, 8, 1, 8])).toBeCloseTo(0.19885368120992467, 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
  it('refuses lists of different lengths', () => {
    expect(() => mae([1], [1, 2])).toThrow(/differ in length/);
    expect(regressionMetrics([1, 2], [1, 2]).r2).toBe(1);
  });
});
