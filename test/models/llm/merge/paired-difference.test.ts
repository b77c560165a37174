import { describe, expect, it } from 'vitest';
import { averageAccuracy, pairedDifference } from '../../../../models/llm/merge/index.ts';

describe('standard errors of average accuracies', () => {
  // Two tasks: 4 and 5 examples.
  const a = [[1, 1, 0, 1], [1, 0, 1, 1, 0]];
  const b = [[1, 0, 0, 0], [1, 0, 1, 0, 1]];

  it('averages the tasks and adds their variances of the mean (n - 1), over the number of tasks squared', () => {
    // Task 1: mean 3/4, sample variance (3 * (1/4)^2 + (3/4)^2) / 3 = 1/4, of the mean 1/16.
    // Task 2: mean 3/5, sample variance (3 * (2/5)^2 + 2 * (3/5)^2) / 4 = 0.3, of the mean 0.06.
    const e = averageAccuracy(a);
    expect(e.value).toBeCloseTo((0.75 + 0.6) / 2, 12);
    expect(e.standardError).toBeCloseTo(Math.sqrt(1 / 16 + 0.06) / 2, 12);
  });

  it('pairs two models example by example: only the disagreements carry variance', () => {
    // Differences: [0, 1, 0, 1] (mean 1/2, sample variance 1/3, of the mean 1/12) and [0, 0, 0, 1, -1] (mean 0, variance 2/4, of the mean 1/10).
    const d = pairedDifference(a, b);
    expect(d.value).toBeCloseTo((0.5 + 0) / 2, 12);
    expect(d.standardError).toBeCloseTo(Math.sqrt(1 / 12 + 1 / 10) / 2, 12);
    expect(pairedDifference(a, a)).toEqual({ value: 0, standardError: 0 });
    expect(() => pairedDifference(a, [b[0]])).toThrow();
  });
});
