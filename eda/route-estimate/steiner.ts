/**
 * Rectilinear Steiner trees for net topology estimates.
 *
 * A rectilinear minimum spanning tree (Prim, O(n^2), no allocation per step) is improved by
 * edge-pair Steiner insertion: for a node w with tree neighbours u and v, the median point s of
 * (w, u, v) joins the three with d(w,s) + d(s,u) + d(s,v) <= d(w,u) + d(w,v); the best such
 * insertions are applied greedily until none saves length. On 2- and 3-pin nets this gives the
 * optimum (the half-perimeter); it is never longer than the spanning tree.
 */

export interface SteinerTree {
  /** Node coordinates (microns): the n pins first (in the caller's order), then Steiner points. */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /** Parent of each node towards node 0 (the root, normally the driver); -1 at the root. */
  readonly parent: Int32Array;
  /** Number of pins (the first nodes). */
  readonly pins: number;
  /** Total rectilinear length (microns). */
  readonly length: number;
}

const dist = (x1: number, y1: number, x2: number, y2: number) => Math.abs(x1 - x2) + Math.abs(y1 - y2);

/**
 * Prim's rectilinear minimum spanning tree over the points: parent per point (root 0); with
 * `path`, each point's distance from the root along the tree is written there too.
 */
export function spanningTree(xs: ArrayLike<number>, ys: ArrayLike<number>, path?: Float64Array): { parent: Int32Array; length: number } {
  const n = xs.length;
  const parent = new Int32Array(n).fill(-1);
  if (n === 0) return { parent, length: 0 };
  if (path) path[0] = 0;
  const best = new Float64Array(n).fill(Infinity);
  const inTree = new Uint8Array(n);
  let length = 0;
  let u = 0;
  inTree[0] = 1;
  for (let added = 1; added < n; added++) {
    let next = -1;
    let nextD = Infinity;
    for (let v = 0; v < n; v++) {
      if (inTree[v]) continue;
      const d = dist(xs[u]!, ys[u]!, xs[v]!, ys[v]!);
      if (d < best[v]!) {
        best[v] = d;
        parent[v] = u;
      }
      if (best[v]! < nextD) {
        nextD = best[v]!;
        next = v;
      }
    }
    inTree[next] = 1;
    if (path) path[next] = path[parent[next]!]! + nextD;
    length += nextD;
    u = next;
  }
  return { parent, length };
}

function median3(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

/** Rectilinear Steiner tree over the points (node 0 = root). */
export function steinerTree(pxs: ArrayLike<number>, pys: ArrayLike<number>): SteinerTree {
  const n = pxs.length;
  if (n <= 2) {
    // Most nets: nothing to improve on a single edge.
    const parent = n === 2 ? Int32Array.of(-1, 0) : new Int32Array(n).fill(-1);
    const length = n === 2 ? dist(pxs[0]!, pys[0]!, pxs[1]!, pys[1]!) : 0;
    return { xs: Float64Array.from(pxs), ys: Float64Array.from(pys), parent, pins: n, length };
  }
  if (n === 3) {
    // The optimum: the three pins joined at their median point.
    const sx = median3(pxs[0]!, pxs[1]!, pxs[2]!);
    const sy = median3(pys[0]!, pys[1]!, pys[2]!);
    const xs = Float64Array.of(pxs[0]!, pxs[1]!, pxs[2]!, sx);
    const ys = Float64Array.of(pys[0]!, pys[1]!, pys[2]!, sy);
    const length = dist(sx, sy, xs[0]!, ys[0]!) + dist(sx, sy, xs[1]!, ys[1]!) + dist(sx, sy, xs[2]!, ys[2]!);
    return { xs, ys, parent: Int32Array.of(-1, 3, 3, 0), pins: 3, length };
  }
  const mst = spanningTree(pxs, pys);
  const xs = Array.from(pxs);
  const ys = Array.from(pys);
  // Undirected adjacency as sets, rebuilt into parents at the end.
  const adj: Set<number>[] = xs.map(() => new Set<number>());
  for (let v = 1; v < n; v++) {
    const p = mst.parent[v]!;
    adj[v]!.add(p);
    adj[p]!.add(v);
  }
  // Passes of greedy edge-pair Steiner insertion; each pass touches a node at most once.
  for (let pass = 0; pass < 64; pass++) {
    const candidates: { gain: number; w: number; u: number; v: number; sx: number; sy: number }[] = [];
    for (let w = 0; w < xs.length; w++) {
      const nb = [...adj[w]!];
      if (nb.length < 2) continue;
      let best: (typeof candidates)[number] | undefined;
      for (let i = 0; i < nb.length; i++) {
        for (let j = i + 1; j < nb.length; j++) {
          const u = nb[i]!;
          const v = nb[j]!;
          const sx = median3(xs[w]!, xs[u]!, xs[v]!);
          const sy = median3(ys[w]!, ys[u]!, ys[v]!);
          const before = dist(xs[w]!, ys[w]!, xs[u]!, ys[u]!) + dist(xs[w]!, ys[w]!, xs[v]!, ys[v]!);
          const after = dist(xs[w]!, ys[w]!, sx, sy) + dist(sx, sy, xs[u]!, ys[u]!) + dist(sx, sy, xs[v]!, ys[v]!);
          const gain = before - after;
          if (gain > 1e-9 && (!best || gain > best.gain)) best = { gain, w, u, v, sx, sy };
        }
      }
      if (best) candidates.push(best);
    }
    if (candidates.length === 0) break;
    candidates.sort((a, b) => b.gain - a.gain);
    const touched = new Set<number>();
    for (const c of candidates) {
      if (touched.has(c.w) || touched.has(c.u) || touched.has(c.v)) continue;
      if (!adj[c.w]!.has(c.u) || !adj[c.w]!.has(c.v)) continue;
      touched.add(c.w).add(c.u).add(c.v);
      const s = xs.length;
      xs.push(c.sx);
      ys.push(c.sy);
      adj.push(new Set([c.w, c.u, c.v]));
      adj[c.w]!.delete(c.u);
      adj[c.w]!.delete(c.v);
      adj[c.u]!.delete(c.w);
      adj[c.v]!.delete(c.w);
      adj[c.w]!.add(s);
      adj[c.u]!.add(s);
      adj[c.v]!.add(s);
    }
  }
  return rootTree(xs, ys, adj, n);
}

/** Orients the tree from node 0, drops zero-length Steiner points of degree 2 or less, sums the length. */
function rootTree(xs: number[], ys: number[], adj: Set<number>[], pins: number): SteinerTree {
  // Splice out Steiner points with one or two neighbours: they add no branching.
  for (let s = pins; s < xs.length; s++) {
    const nb = [...adj[s]!];
    if (nb.length > 2) continue;
    for (const a of nb) adj[a]!.delete(s);
    if (nb.length === 2) {
      adj[nb[0]!]!.add(nb[1]!);
      adj[nb[1]!]!.add(nb[0]!);
    }
    adj[s]!.clear();
  }
  const keep: number[] = [];
  for (let i = 0; i < xs.length; i++) if (i < pins || adj[i]!.size > 0) keep.push(i);
  const newIndex = new Int32Array(xs.length).fill(-1);
  keep.forEach((old, i) => (newIndex[old] = i));
  const m = keep.length;
  const outX = new Float64Array(m);
  const outY = new Float64Array(m);
  const parent = new Int32Array(m).fill(-1);
  keep.forEach((old, i) => {
    outX[i] = xs[old]!;
    outY[i] = ys[old]!;
  });
  let length = 0;
  if (m > 0) {
    const seen = new Uint8Array(xs.length);
    const stack = [0];
    seen[0] = 1;
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (const v of adj[u]!) {
        if (seen[v]) continue;
        seen[v] = 1;
        parent[newIndex[v]!] = newIndex[u]!;
        length += dist(xs[u]!, ys[u]!, xs[v]!, ys[v]!);
        stack.push(v);
      }
    }
  }
  return { xs: outX, ys: outY, parent, pins, length };
}

/** Half-perimeter of the points' bounding box. */
export function halfPerimeter(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  if (xs.length === 0) return 0;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    x0 = Math.min(x0, xs[i]!);
    x1 = Math.max(x1, xs[i]!);
    y0 = Math.min(y0, ys[i]!);
    y1 = Math.max(y1, ys[i]!);
  }
  return x1 - x0 + (y1 - y0);
}
