import { UserError } from '../../util/index.ts';
import { Aig, litNot, type Literal } from './aig.ts';
import { buildNamedNetlist, type GateDefinition } from './named-netlist.ts';

const GATE_TYPES = ['AND', 'NAND', 'OR', 'NOR', 'NOT', 'BUFF', 'BUF', 'XOR', 'XNOR', 'DFF'] as const;

/**
 * Multi-input gates become left-deep AND chains in fanin order and XOR/XNOR three ANDs each, as
 * ABC's `read_bench; strash` builds them, so node and level counts agree with ABC.
 */
function buildGate(type: string, aig: Aig, ins: readonly Literal[]): Literal {
  switch (type) {
    case 'AND': return aig.andChain(ins);
    case 'NAND': return litNot(aig.andChain(ins));
    case 'OR': return litNot(aig.andChain(ins.map(litNot)));
    case 'NOR': return aig.andChain(ins.map(litNot));
    case 'NOT': return litNot(ins[0]);
    case 'XOR': return ins.slice(1).reduce((acc, x) => aig.xor(acc, x), ins[0]);
    case 'XNOR': return ins.slice(1).reduce((acc, x) => aig.or(aig.and(litNot(acc), litNot(x)), aig.and(acc, x)), ins[0]);
    default: return ins[0]; // BUFF, BUF
  }
}

/** Reads an ISCAS BENCH netlist (INPUT/OUTPUT lines, `name = GATE(a, b, ...)`, DFF as latches with init 0). */
export function readBench(text: string, file = '<bench>'): Aig {
  const aig = new Aig(file.replace(/^.*[\\/]/, '').replace(/\.bench$/, ''));
  const inputs: { name: string; line: number }[] = [];
  const outputs: { name: string; line: number }[] = [];
  const gates = new Map<string, GateDefinition>();
  const dffs: { name: string; d: string; line: number }[] = [];
  const where = (line: number, col = 1) => ({ file, line, col });
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const s = raw.replace(/#.*/, '').trim();
    if (s === '') return;
    const io = /^(INPUT|OUTPUT)\s*\(\s*([^()\s,]+)\s*\)$/i.exec(s);
    if (io) {
      (io[1].toUpperCase() === 'INPUT' ? inputs : outputs).push({ name: io[2], line });
      return;
    }
    const g = /^([^=\s]+)\s*=\s*([A-Za-z]+)\s*\((.*)\)$/.exec(s);
    if (!g) throw new UserError(`expected 'INPUT(name)', 'OUTPUT(name)' or 'name = GATE(a, b, ...)', found '${s.slice(0, 50)}'`, where(line));
    const [, name, typeRaw, args] = g;
    const type = typeRaw.toUpperCase();
    if (!(GATE_TYPES as readonly string[]).includes(type)) {
      throw new UserError(`unknown gate type '${typeRaw}'`, where(line, raw.indexOf(typeRaw) + 1), `expected one of ${GATE_TYPES.join(', ')}`);
    }
    const fanins = args.split(',').map((a) => a.trim());
    if (fanins.some((f) => f === '' || /\s/.test(f))) throw new UserError(`expected a comma-separated list of signal names in ${type}(...)`, where(line, raw.indexOf('(') + 2));
    const single = type === 'NOT' || type === 'BUFF' || type === 'BUF' || type === 'DFF';
    if (single && fanins.length !== 1) throw new UserError(`${type} takes exactly one input, found ${fanins.length}`, where(line));
    if (gates.has(name) || dffs.some((d) => d.name === name) || inputs.some((x) => x.name === name)) {
      throw new UserError(`signal '${name}' is defined twice`, where(line));
    }
    if (type === 'DFF') dffs.push({ name, d: fanins[0], line });
    else gates.set(name, { line, fanins, build: (a, ins) => buildGate(type, a, ins) });
  });
  const latches = dffs.map(({ name, d, line }) => ({ d, q: name, init: 0 as const, line }));
  return buildNamedNetlist(aig, file, { inputs, outputs, latches, gates });
}
