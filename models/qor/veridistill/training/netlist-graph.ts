/**
 * A mapped netlist as a graph for the teacher GNN: one node per cell, per input-port bit and per
 * output-port bit; an edge from each net's driver to each of its readers.
 */
export interface NetlistGraph {
  /** Node kinds used in this graph: Liberty cell names, `$port_in`, `$port_out`, or Yosys internal cells. */
  readonly types: string[];
  readonly nodeType: number[];
  readonly src: number[];
  readonly dst: number[];
}

interface YosysPort { direction: string; bits: (number | string)[] }
interface YosysCell { type: string; port_directions?: Record<string, string>; connections: Record<string, (number | string)[]> }
interface YosysModule { attributes?: Record<string, string>; ports?: Record<string, YosysPort>; cells?: Record<string, YosysCell> }
export interface YosysJson { modules: Record<string, YosysModule> }

export function netlistGraphFromYosysJson(json: YosysJson, top: string): NetlistGraph {
  const mod = json.modules[top] ?? Object.values(json.modules)[0];
  if (!mod) return { types: [], nodeType: [], src: [], dst: [] };
  const types: string[] = [];
  const typeIndex = new Map<string, number>();
  const nodeType: number[] = [];
  const addNode = (kind: string) => {
    let t = typeIndex.get(kind);
    if (t === undefined) typeIndex.set(kind, (t = types.push(kind) - 1));
    return nodeType.push(t) - 1;
  };
  const driver = new Map<number, number>();
  const readers: [number, number][] = [];
  for (const port of Object.values(mod.ports ?? {})) {
    for (const bit of port.bits) {
      if (typeof bit !== 'number') continue;
      if (port.direction === 'input') driver.set(bit, addNode('$port_in'));
      else readers.push([bit, addNode('$port_out')]);
    }
  }
  for (const cell of Object.values(mod.cells ?? {})) {
    const node = addNode(cell.type);
    for (const [pin, bits] of Object.entries(cell.connections)) {
      const dir = cell.port_directions?.[pin] ?? 'input';
      for (const bit of bits) {
        if (typeof bit !== 'number') continue;
        if (dir === 'output') driver.set(bit, node);
        else readers.push([bit, node]);
      }
    }
  }
  const src: number[] = [];
  const dst: number[] = [];
  for (const [bit, reader] of readers) {
    const from = driver.get(bit);
    if (from !== undefined && from !== reader) {
      src.push(from);
      dst.push(reader);
    }
  }
  return { types, nodeType, src, dst };
}
