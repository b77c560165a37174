// The Pareto front of a sweep: points no other point beats on every objective at once (all minimised).

/** Indices of the points that no other point dominates (<= on every objective, < on one). */
export function paretoFront(objectives: readonly (readonly number[])[]): number[] {
  const dominates = (a: readonly number[], b: readonly number[]) => a.every((v, i) => v <= b[i]) && a.some((v, i) => v < b[i]);
  return objectives.flatMap((o, i) => (objectives.some((other, j) => j !== i && dominates(other, o)) ? [] : [i]));
}
