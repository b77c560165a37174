import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, dataPath } from '../../util/index.ts';

/**
 * Compressed sparse rows of a graph: the neighbours of node v are `col[rowPtr[v] .. rowPtr[v+1])`.
 * The graphs here are undirected, so rows double as in- and out-neighbours.
 */
export interface Csr {
  readonly numNodes: number;
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
}

/** A node anomaly-detection graph: features, 0/1 labels (1 = anomaly) and an undirected adjacency. */
export interface AnomalyGraph {
  readonly name: string;
  readonly numNodes: number;
  readonly numFeatures: number;
  /** Row-major [numNodes, numFeatures]. */
  readonly features: Float32Array;
  readonly labels: Uint8Array;
  /** Undirected, each edge in both rows, no self-loops, no duplicates. */
  readonly adjacency: Csr;
  /** sha256 of the three binary files as read (prefix), for caches and checkpoint notes. */
  readonly dataHash: string;
}

export const graphDatasets = ['reddit', 'tolokers', 'amazon_upu', 'books', 'disney'] as const;

/**
 * Builds the undirected simple graph of an edge list: both directions of every pair, self-loops
 * and repeated edges dropped, rows sorted.
 */
export function undirectedCsr(numNodes: number, src: ArrayLike<number>, dst: ArrayLike<number>): Csr {
  const degree = new Int32Array(numNodes + 1);
  for (let e = 0; e < src.length; e++) {
    if (src[e] === dst[e]) continue;
    degree[src[e] + 1]++;
    degree[dst[e] + 1]++;
  }
  for (let v = 0; v < numNodes; v++) degree[v + 1] += degree[v];
  const fill = degree.slice(0, numNodes);
  const raw = new Int32Array(degree[numNodes]);
  for (let e = 0; e < src.length; e++) {
    if (src[e] === dst[e]) continue;
    raw[fill[src[e]]++] = dst[e];
    raw[fill[dst[e]]++] = src[e];
  }
  const rowPtr = new Int32Array(numNodes + 1);
  const col: number[] = [];
  for (let v = 0; v < numNodes; v++) {
    const row = raw.subarray(degree[v], degree[v + 1]).sort();
    for (let k = 0; k < row.length; k++) if (k === 0 || row[k] !== row[k - 1]) col.push(row[k]);
    rowPtr[v + 1] = col.length;
  }
  return { numNodes, rowPtr, col: Int32Array.from(col) };
}

/** The same graph with one self-loop per node added to every row (kept sorted). */
export function withSelfLoops(g: Csr): Csr {
  const rowPtr = new Int32Array(g.numNodes + 1);
  const col = new Int32Array(g.col.length + g.numNodes);
  let k = 0;
  for (let v = 0; v < g.numNodes; v++) {
    let placed = false;
    for (let e = g.rowPtr[v]; e < g.rowPtr[v + 1]; e++) {
      if (!placed && g.col[e] > v) {
        col[k++] = v;
        placed = true;
      }
      col[k++] = g.col[e];
    }
    if (!placed) col[k++] = v;
    rowPtr[v + 1] = k;
  }
  return { numNodes: g.numNodes, rowPtr, col };
}

export function degrees(g: Csr): Int32Array {
  const d = new Int32Array(g.numNodes);
  for (let v = 0; v < g.numNodes; v++) d[v] = g.rowPtr[v + 1] - g.rowPtr[v];
  return d;
}

/**
 * Scales every feature column to mean 0 and standard deviation 1 over all nodes (constant
 * columns become 0). Uses no labels. The raw columns differ by up to seven orders of magnitude
 * between and within data sets (reddit's lie in [0, 0.03], amazon_upu's reach 5500).
 */
export function standardizeColumns(x: Float32Array, numRows: number, numCols: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let c = 0; c < numCols; c++) {
    let mean = 0;
    for (let r = 0; r < numRows; r++) mean += x[r * numCols + c];
    mean /= numRows;
    let variance = 0;
    for (let r = 0; r < numRows; r++) variance += (x[r * numCols + c] - mean) ** 2;
    const std = Math.sqrt(variance / numRows);
    for (let r = 0; r < numRows; r++) out[r * numCols + c] = std > 0 ? (x[r * numCols + c] - mean) / std : 0;
  }
  return out;
}

function readBinary(dir: string, file: string, bytesPerValue: number, expected: number): ArrayBuffer {
  const path = join(dir, file);
  if (!existsSync(path)) throw new UserError(`missing ${file}`, path, 'the graph folder needs x.f32, edges.i32, y.u8 and meta.json (see its README)');
  const b = readFileSync(path);
  if (b.byteLength !== expected * bytesPerValue) {
    throw new UserError(`${file} has ${b.byteLength} bytes, meta.json implies ${expected * bytesPerValue}`, path, 'the folder is incomplete or its meta.json belongs to another copy');
  }
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

interface GraphMeta { num_nodes: number; num_features: number; num_edge_entries: number }

/**
 * Reads a graph folder in the shared binary layout (x.f32, edges.i32, y.u8, meta.json). Features
 * are returned as stored; models standardise them (see `standardizeColumns`).
 */
export function readAnomalyGraph(dir: string, name = dir.split('/').filter(Boolean).pop()!): AnomalyGraph {
  const metaPath = join(dir, 'meta.json');
  if (!existsSync(metaPath)) throw new UserError(`no meta.json in ${dir}`, metaPath, 'point at a folder of ../shared/data/graphs');
  let meta: GraphMeta;
  try {
    meta = JSON.parse(readFileSync(metaPath, 'utf8')) as GraphMeta;
  } catch (e) {
    throw new UserError(`unreadable meta.json: ${(e as Error).message}`, metaPath, 'restore the file from the data set');
  }
  for (const key of ['num_nodes', 'num_features', 'num_edge_entries'] as const) {
    if (!Number.isInteger(meta[key]) || meta[key] < 0) throw new UserError(`meta.json lacks a count '${key}'`, metaPath, 'restore the file from the data set');
  }
  const { num_nodes: n, num_features: f, num_edge_entries: e } = meta;
  const xBuf = readBinary(dir, 'x.f32', 4, n * f);
  const eBuf = readBinary(dir, 'edges.i32', 4, 2 * e);
  const yBuf = readBinary(dir, 'y.u8', 1, n);
  const edges = new Int32Array(eBuf);
  for (let i = 0; i < edges.length; i++) {
    if (edges[i] < 0 || edges[i] >= n) throw new UserError(`edge entry ${i} names node ${edges[i]}, outside 0..${n - 1}`, join(dir, 'edges.i32'), 'the file is corrupt');
  }
  const labels = new Uint8Array(yBuf);
  if (labels.some((v) => v > 1)) throw new UserError('labels must be 0 or 1', join(dir, 'y.u8'), 'the file is corrupt');
  const dataHash = createHash('sha256').update(new Uint8Array(xBuf)).update(new Uint8Array(eBuf)).update(labels).digest('hex').slice(0, 16);
  return {
    name, numNodes: n, numFeatures: f, features: new Float32Array(xBuf), labels,
    adjacency: undirectedCsr(n, edges.subarray(0, e), edges.subarray(e)), dataHash,
  };
}

/** A data set of ../shared/data/graphs by name (reddit, tolokers, amazon_upu, books, disney). */
export function loadGraphDataset(name: string, flag = '--dataset'): AnomalyGraph {
  if (!(graphDatasets as readonly string[]).includes(name)) {
    throw new UserError(`unknown graph data set '${name}'`, flag, `choose one of ${graphDatasets.join(', ')}`);
  }
  return readAnomalyGraph(dataPath('graphs', name), name);
}
