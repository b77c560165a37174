// AIG size and depth of a design after Yosys `abc -g AND`: the netlist (Yosys `write_json`) holds
// only $_AND_ and $_NOT_ gates between flip-flops and ports. Nodes are the AND gates; levels are
// the longest chain of AND gates between any source (input port, flip-flop output, constant) and
// any sink. Inverters are free, as in an AIG.

export interface AigSize {
  readonly nodes: number;
  readonly levels: number;
}

interface JsonCell {
  readonly type: string;
  readonly connections: Readonly<Record<string, readonly (number | string)[]>>;
}
interface JsonModule {
  readonly cells?: Readonly<Record<string, JsonCell>>;
}
interface JsonNetlist {
  readonly modules: Readonly<Record<string, JsonModule>>;
}

/**
 * AIG size of `top`. In a hierarchical netlist the nodes of every instantiated module count once
 * per instance, and levels are those of the deepest single module (paths through module ports are
 * not followed, so this is a lower bound; flatten for the exact depth).
 */
export function aigSize(netlistJson: string, top: string): AigSize {
  const netlist = JSON.parse(netlistJson) as JsonNetlist;
  const memo = new Map<string, AigSize>();
  const visit = (name: string): AigSize => {
    const known = memo.get(name);
    if (known) return known;
    const module = netlist.modules[name];
    if (!module) throw new Error(`yosys netlist has no module '${name}'`);
    const own = moduleAig(module);
    let { nodes, levels } = own;
    for (const cell of Object.values(module.cells ?? {})) {
      if (netlist.modules[cell.type]) {
        const sub = visit(cell.type);
        nodes += sub.nodes;
        levels = Math.max(levels, sub.levels);
      }
    }
    const size = { nodes, levels };
    memo.set(name, size);
    return size;
  };
  return visit(top);
}

function moduleAig(module: JsonModule): AigSize {
  // For every driven bit: the gate driving it (only AND/NOT/BUF matter for depth).
  const driver = new Map<number, JsonCell>();
  let nodes = 0;
  for (const cell of Object.values(module.cells ?? {})) {
    if (cell.type === '$_AND_') nodes++;
    if (cell.type === '$_AND_' || cell.type === '$_NOT_' || cell.type === '$_BUF_') {
      const y = cell.connections.Y?.[0];
      if (typeof y === 'number') driver.set(y, cell);
    } else if (!isStorage(cell.type) && cell.type.startsWith('$_')) {
      throw new Error(`unexpected gate ${cell.type} after abc -g AND`);
    }
  }
  const level = new Map<number, number>();
  const expanding = new Set<number>();
  // Iterative post-order walk, so deep netlists cannot overflow the stack.
  const levelOf = (root: number): number => {
    const stack = [root];
    while (stack.length > 0) {
      const bit = stack[stack.length - 1];
      if (level.has(bit)) {
        stack.pop();
        continue;
      }
      const cell = driver.get(bit);
      if (!cell) {
        level.set(bit, 0);
        stack.pop();
        continue;
      }
      const inputs = (cell.type === '$_AND_' ? [cell.connections.A[0], cell.connections.B[0]] : [cell.connections.A[0]]).filter(
        (b): b is number => typeof b === 'number',
      );
      const pending = inputs.filter((b) => !level.has(b));
      if (pending.length > 0) {
        if (pending.some((b) => expanding.has(b))) throw new Error('combinational loop in the AIG netlist');
        expanding.add(bit);
        stack.push(...pending);
        continue;
      }
      expanding.delete(bit);
      const below = Math.max(0, ...inputs.map((b) => level.get(b) ?? 0));
      level.set(bit, below + (cell.type === '$_AND_' ? 1 : 0));
      stack.pop();
    }
    return level.get(root) ?? 0;
  };
  let levels = 0;
  for (const bit of driver.keys()) levels = Math.max(levels, levelOf(bit));
  return { nodes, levels };
}

function isStorage(type: string): boolean {
  return /^\$_(S?DFF|DFFE|SDFFE|SDFFCE|ALDFF|DFFSR|DFFSRE|DLATCH|SR)/.test(type);
}
