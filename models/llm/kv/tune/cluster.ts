/**
 * Inter-layer clustering: layers whose sensitivity profiles (one number per precision pair) are
 * close share one precision pair in the search. Agglomerative clustering with average linkage on
 * Euclidean distance, merging the two closest clusters until `groups` remain; deterministic.
 */
export function clusterLayers(profiles: readonly (readonly number[])[], groups: number): number[][] {
  let clusters = profiles.map((_, i) => [i]);
  const dist = (a: number, b: number) => Math.sqrt(profiles[a].reduce((s, x, i) => s + (x - profiles[b][i]) ** 2, 0));
  const linkage = (a: number[], b: number[]) => a.reduce((s, i) => s + b.reduce((t, j) => t + dist(i, j), 0), 0) / (a.length * b.length);
  while (clusters.length > Math.max(1, groups)) {
    let best = [0, 1], bestD = Infinity;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const d = linkage(clusters[i], clusters[j]);
        if (d < bestD) { bestD = d; best = [i, j]; }
      }
    }
    const merged = [...clusters[best[0]], ...clusters[best[1]]].sort((a, b) => a - b);
    clusters = clusters.filter((_, i) => i !== best[0] && i !== best[1]).concat([merged]);
  }
  return clusters.sort((a, b) => a[0] - b[0]);
}

/** Intra-layer pruning: the indices of the (bits, error) points no other point dominates (ties keep the first). */
export function paretoIndices(points: readonly { bits: number; error: number }[]): number[] {
  return points.map((_, i) => i).filter((i) => !points.some((q, j) => j !== i && q.bits <= points[i].bits && q.error <= points[i].error && (q.bits < points[i].bits || q.error < points[i].error || j < i)));
}
