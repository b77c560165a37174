/**
 * Standard errors of average accuracies over tasks, from per-example results (1 right, 0 wrong):
 * tasks are independent samples, so the variance of the average is the sum of the tasks' variances
 * over the number of tasks squared. Two models evaluated on the same examples are compared per
 * example (paired): their disagreements alone carry the variance of the difference.
 */
import { meanEstimate, type Estimate } from '../../common/index.ts';

export type { Estimate };

/** The average over tasks of one model's accuracy (one array of per-example results per task). */
export function averageAccuracy(byTask: readonly ArrayLike<number>[]): Estimate {
  const t = byTask.length;
  const perTask = byTask.map(meanEstimate);
  return { value: perTask.reduce((s, e) => s + e.value, 0) / t, standardError: Math.sqrt(perTask.reduce((s, e) => s + e.standardError ** 2, 0)) / t };
}

/** Average accuracy of `a` minus that of `b`, evaluated on the same examples of each task (paired). */
export function pairedDifference(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): Estimate {
  if (a.length !== b.length || a.some((c, i) => c.length !== b[i].length)) throw new Error('paired results need the same tasks and examples');
  return averageAccuracy(a.map((c, i) => Float64Array.from({ length: c.length }, (_, j) => c[j] - b[i][j])));
}
