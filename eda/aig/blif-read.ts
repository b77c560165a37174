import { UserError } from '../../util/index.ts';
import { Aig, FALSE, litNot, type LatchInit, type Literal } from './aig.ts';
import { buildNamedNetlist, type GateDefinition } from './named-netlist.ts';

/** Timing and library annotations that do not change the logic. */
const IGNORED = new Set(['.default_input_arrival', '.default_output_required', '.default_input_drive', '.default_output_load',
  '.input_arrival', '.output_required', '.input_drive', '.output_load', '.wire_load_slope', '.wire', '.area', '.delay', '.clock', '.exdc']);

interface LogicalLine { text: string; line: number }

/** Joins `\` continuations and drops comments, keeping the line where each logical line starts. */
function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let pending: LogicalLine | undefined;
  text.split('\n').forEach((raw, i) => {
    let s = raw.replace(/#.*/, '').replace(/\r$/, '');
    const continues = /\\\s*$/.test(s);
    if (continues) s = s.replace(/\\\s*$/, ' ');
    if (pending) pending.text += ` ${s}`;
    else pending = { text: s, line: i + 1 };
    if (!continues) {
      if (pending.text.trim() !== '') out.push({ text: pending.text.trim(), line: pending.line });
      pending = undefined;
    }
  });
  if (pending && pending.text.trim() !== '') out.push({ text: pending.text.trim(), line: pending.line });
  return out;
}

/** An SOP cover to AIG: each cube a left-deep AND chain of its literals, cubes ORed in order. */
export function buildCover(aig: Aig, ins: readonly Literal[], cubes: readonly string[], onSet: boolean): Literal {
  let sum = FALSE;
  for (const cube of cubes) {
    const lits: Literal[] = [];
    for (let k = 0; k < cube.length; k++) {
      if (cube[k] === '1') lits.push(ins[k]);
      else if (cube[k] === '0') lits.push(litNot(ins[k]));
    }
    sum = aig.or(sum, aig.andChain(lits));
  }
  return onSet ? sum : litNot(sum);
}

/**
 * Reads the first model of a flat BLIF file: .inputs, .outputs, .names covers, .latch (init 0, 1;
 * 2 and 3 read as uninitialized). Hierarchy (.subckt) and library gates (.gate) are refused.
 */
export function readBlif(text: string, file = '<blif>'): Aig {
  const where = (line: number) => ({ file, line, col: 1 });
  const lines = logicalLines(text);
  const inputs: { name: string; line: number }[] = [];
  const outputs: { name: string; line: number }[] = [];
  const latches: { d: string; q: string; init: LatchInit; line: number }[] = [];
  const gates = new Map<string, GateDefinition>();
  let modelName = '';
  let seenModel = false;
  let k = 0;
  for (; k < lines.length; k++) {
    const { text: s, line } = lines[k];
    const words = s.split(/\s+/);
    const cmd = words[0];
    if (!cmd.startsWith('.')) throw new UserError(`expected a BLIF command such as .names or .latch, found '${s.slice(0, 40)}'`, where(line));
    if (cmd === '.model') {
      if (seenModel) break; // only the first model is read
      seenModel = true;
      modelName = words[1] ?? '';
    } else if (cmd === '.inputs') words.slice(1).forEach((name) => inputs.push({ name, line }));
    else if (cmd === '.outputs') words.slice(1).forEach((name) => outputs.push({ name, line }));
    else if (cmd === '.end') break;
    else if (cmd === '.latch') {
      // .latch input output [type control] [init]
      const args = words.slice(1);
      if (args.length < 2 || args.length > 5) throw new UserError(`expected '.latch input output [type control] [init]', found ${args.length} arguments`, where(line));
      const last = args.length === 3 || args.length === 5 ? args[args.length - 1] : undefined;
      if (last !== undefined && !/^[0-3]$/.test(last)) throw new UserError(`expected latch init 0, 1, 2 or 3, found '${last}'`, where(line));
      const init: LatchInit = last === undefined || last === '0' ? 0 : last === '1' ? 1 : undefined;
      latches.push({ d: args[0], q: args[1], init, line });
    } else if (cmd === '.names') {
      const signals = words.slice(1);
      if (signals.length === 0) throw new UserError(`expected '.names inputs... output'`, where(line));
      const out = signals[signals.length - 1];
      const ins = signals.slice(0, -1);
      const cubes: string[] = [];
      let onSet: boolean | undefined;
      while (k + 1 < lines.length && !lines[k + 1].text.startsWith('.')) {
        const row = lines[++k];
        const parts = row.text.split(/\s+/);
        const [cube, value] = ins.length === 0 ? ['', parts[0]] : parts;
        if ((ins.length === 0 ? parts.length !== 1 : parts.length !== 2) || value === undefined || !/^[01]$/.test(value)) {
          throw new UserError(`expected a cover row of ${ins.length} input characters (0, 1, -) and an output 0 or 1`, where(row.line));
        }
        if (cube.length !== ins.length || !/^[01-]*$/.test(cube)) throw new UserError(`expected ${ins.length} characters of 0, 1 or - in the cube, found '${cube}'`, where(row.line));
        if (onSet !== undefined && onSet !== (value === '1')) throw new UserError('a cover mixes on-set (1) and off-set (0) rows', where(row.line));
        onSet = value === '1';
        cubes.push(cube);
      }
      if (gates.has(out)) throw new UserError(`signal '${out}' is defined twice`, where(line));
      gates.set(out, { line, fanins: ins, build: (aig, lits) => buildCover(aig, lits, cubes, onSet ?? true) });
    } else if (cmd === '.subckt' || cmd === '.gate' || cmd === '.mlatch' || cmd === '.search') {
      throw new UserError(`${cmd} is not supported (hierarchical or library-mapped BLIF)`, where(line), 'flatten the design to .names and .latch first (e.g. yosys flatten; write_blif)');
    } else if (!IGNORED.has(cmd)) {
      throw new UserError(`unknown BLIF command '${cmd}'`, where(line), 'expected .model, .inputs, .outputs, .names, .latch or .end');
    }
  }
  const aig = new Aig(modelName || file.replace(/^.*[\\/]/, '').replace(/\.blif$/, ''));
  return buildNamedNetlist(aig, file, { inputs, outputs, latches, gates });
}
