import { defineCommand } from '../command.ts';
import { UserError, writeJsonAtomic } from '../../util/index.ts';
import { aigStats, fanoutStats, readCircuit } from '../../eda/aig/index.ts';

export default defineCommand({
  path: ['aig', 'stats'],
  summary: 'AIG statistics of a circuit file: inputs, outputs, latches, AND nodes, levels',
  positionals: 'FILE',
  details: `FILE is .aig/.aag (AIGER), .blif, .bench (ISCAS) or a gate-level .v netlist (a .gz suffix is allowed).
Counts are taken after structural hashing with logic that reaches no output removed, as ABC's
'strash; print_stats' counts them (levels: the deepest output or latch input).
example: tessera aig stats ../shared/data/epfl/arithmetic/adder.aig --json adder.json`,
  flags: [
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'also write {inputs, outputs, latches, ands, levels} as JSON to OUT' },
  ],
  async run(flags, positionals) {
    if (positionals.length !== 1) throw new UserError(`expected one circuit file, got ${positionals.length}`, 'FILE', 'usage: tessera aig stats FILE [--json OUT]');
    const aig = readCircuit(positionals[0]);
    const stats = aigStats(aig);
    const fanout = fanoutStats(aig.cleanup());
    console.log(`${positionals[0]}: inputs ${stats.inputs}  outputs ${stats.outputs}  latches ${stats.latches}  ands ${stats.ands}  levels ${stats.levels}  (fanout max ${fanout.max}, mean ${fanout.mean.toFixed(2)})`);
    if (flags.json) writeJsonAtomic(flags.json, stats);
  },
});
