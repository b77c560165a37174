import { UserError } from '../../util/index.ts';
import { makeLit, type Aig, type LatchInit, type Literal } from './aig.ts';

/** One named gate of a text netlist (BENCH, BLIF): its fanin names and how to build it. */
export interface GateDefinition {
  line: number;
  fanins: readonly string[];
  build(aig: Aig, fanins: readonly Literal[]): Literal;
}

/**
 * Resolves signal names to literals, building each gate after its fanins (iteratively, so deep
 * netlists cannot overflow the stack). `known` holds inputs and latch outputs. Undefined names and
 * combinational cycles are reported at the line that uses them.
 */
export class NamedNetlist {
  private readonly state = new Map<string, 1 | 2>(); // 1: being built, 2: built

  constructor(
    private readonly aig: Aig,
    private readonly file: string,
    private readonly gates: ReadonlyMap<string, GateDefinition>,
    private readonly known: Map<string, Literal>,
  ) {}

  resolve(name: string, line: number, col = 1): Literal {
    const hit = this.known.get(name);
    if (hit !== undefined) return hit;
    const stack: { name: string; usedAt: number }[] = [{ name, usedAt: line }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (this.known.has(top.name)) {
        stack.pop();
        continue;
      }
      const gate = this.gates.get(top.name);
      if (!gate) throw new UserError(`signal '${top.name}' is used but never defined`, { file: this.file, line: top.usedAt, col }, 'define it as an input, a latch output or a gate');
      if (this.state.get(top.name) === 1 && !gate.fanins.some((f) => !this.known.has(f))) {
        this.known.set(top.name, gate.build(this.aig, gate.fanins.map((f) => this.known.get(f)!)));
        this.state.set(top.name, 2);
        stack.pop();
        continue;
      }
      this.state.set(top.name, 1);
      for (const f of gate.fanins) {
        if (this.known.has(f)) continue;
        if (this.state.get(f) === 1) throw new UserError(`combinational cycle through '${f}'`, { file: this.file, line: gate.line, col: 1 }, 'break the loop with a latch/DFF');
        stack.push({ name: f, usedAt: gate.line });
      }
    }
    return this.known.get(name)!;
  }
}

export interface NamedSignal { name: string; line: number }

/**
 * Builds a flat sequential netlist: inputs and latch outputs first, then every output and latch
 * input resolved through the gates. Shared by the BENCH and BLIF readers.
 */
export function buildNamedNetlist(
  aig: Aig,
  file: string,
  parts: {
    inputs: readonly NamedSignal[];
    outputs: readonly NamedSignal[];
    latches: readonly { d: string; q: string; init: LatchInit; line: number }[];
    gates: ReadonlyMap<string, GateDefinition>;
  },
): Aig {
  const known = new Map<string, Literal>();
  for (const { name, line } of parts.inputs) {
    if (known.has(name)) throw new UserError(`input '${name}' is declared twice`, { file, line, col: 1 });
    known.set(name, aig.addInput(name));
  }
  const made = parts.latches.map(({ q, init, line }) => {
    if (known.has(q) || parts.gates.has(q)) throw new UserError(`latch output '${q}' is defined twice`, { file, line, col: 1 });
    const latch = aig.addLatch(init, q);
    known.set(q, makeLit(latch.variable));
    return latch;
  });
  const netlist = new NamedNetlist(aig, file, parts.gates, known);
  for (const { name, line } of parts.outputs) aig.addOutput(netlist.resolve(name, line), name);
  parts.latches.forEach(({ d, line }, i) => (made[i].next = netlist.resolve(d, line)));
  return aig;
}
