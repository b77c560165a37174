import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../models/common/index.ts';
import { baselineFeatureNames, baselineFeatures, fitBoostedTrees, fitRidge } from '../../../../models/qor/veridistill/baselines.ts';

describe('count baselines', () => {
  it('counts operators, registers and declared bits (hand-counted)', () => {
    const f = baselineFeatures('module m(input [7:0] a, b, output [7:0] y);\nreg [3:0] r, s;\nalways @(posedge clk) r <= a + b + 1;\nassign y = a * b;\nendmodule');
    const get = (name: string) => Math.round(Math.expm1(f[baselineFeatureNames.indexOf(name)]));
    expect(get('op +')).toBe(2);
    expect(get('op *')).toBe(1);
    expect(get('kw always')).toBe(1);
    expect(get('kw posedge')).toBe(1);
    expect(get('register bits')).toBe(8); // r and s, 4 bits each
    expect(get('declared bits')).toBe(8 + 8 + 8 + 8); // a, b (8 each), y (8), r+s (8)
  });

  it('ridge regression recovers an exact linear function', () => {
    const r = new SeededRandom(4);
    const x = Array.from({ length: 50 }, () => [r.normal(), r.normal(), r.normal()]);
    const y = x.map((v) => 3 * v[0] - 2 * v[1] + 0.5 * v[2] + 7);
    const model = fitRidge(x, y, 1e-9);
    for (const v of x.slice(0, 5)) expect(model(v)).toBeCloseTo(3 * v[0] - 2 * v[1] + 0.5 * v[2] + 7, 5);
  });

  it('boosted trees fit a step function a line cannot', () => {
    const x = Array.from({ length: 60 }, (_, i) => [i / 60]);
    const y = x.map(([v]) => (v < 0.5 ? 0 : 10));
    const trees = fitBoostedTrees(x, y, 100, 2, 0.3, 2);
    expect(trees([0.1])).toBeCloseTo(0, 1);
    expect(trees([0.9])).toBeCloseTo(10, 1);
  });
});
