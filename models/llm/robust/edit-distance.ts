/**
 * Damerau-Levenshtein distance (insertions, deletions, substitutions and transpositions of
 * adjacent items, with no restriction on editing a substring twice), by the Lowrance-Wagner
 * dynamic programme; over any sequences (characters, words or token ids).
 */
export function damerauLevenshtein<T>(a: readonly T[], b: readonly T[]): number {
  const n = a.length, m = b.length, inf = n + m;
  // d has a border row and column of `inf` (index 0) around the usual table (offset by 1).
  const d = Array.from({ length: n + 2 }, () => new Array<number>(m + 2).fill(0));
  d[0][0] = inf;
  for (let i = 0; i <= n; i++) { d[i + 1][0] = inf; d[i + 1][1] = i; }
  for (let j = 0; j <= m; j++) { d[0][j + 1] = inf; d[1][j + 1] = j; }
  const lastRow = new Map<T, number>();
  for (let i = 1; i <= n; i++) {
    let lastMatchCol = 0;
    for (let j = 1; j <= m; j++) {
      const i1 = lastRow.get(b[j - 1]) ?? 0, j1 = lastMatchCol;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      if (cost === 0) lastMatchCol = j;
      d[i + 1][j + 1] = Math.min(
        d[i][j] + cost, d[i + 1][j] + 1, d[i][j + 1] + 1,
        d[i1][j1] + (i - i1 - 1) + 1 + (j - j1 - 1),
      );
    }
    lastRow.set(a[i - 1], i);
  }
  return d[n + 1][m + 1];
}
