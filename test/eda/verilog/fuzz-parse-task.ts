// Worker task for the fuzz tests: parse one mutated file (and, when its syntax is clean, elaborate
// it with every semantic check) and summarise what came back, so the tests can bound each case
// with a timeout (a hang would otherwise stall the test process).
import { elaborate, parseNetlist, parseVerilog, printVerilog } from '../../../eda/verilog/index.ts';
import { isDeepStrictEqual } from 'node:util';
import { withoutLocations } from './strip-locations.ts';

export interface FuzzInput { text: string; file: string; includeDirs?: string[] }
export interface FuzzOutput {
  diagnostics: string[];
  /** For inputs that parsed cleanly: does the printed tree parse back to the same tree? */
  roundTrips?: boolean;
  netlistDiagnostics: number;
  /** For inputs that parsed cleanly: the diagnostics of elaboration, or the exception it threw. */
  elaboration?: string[];
  crash?: string;
}

export default function fuzzParse({ text, file, includeDirs }: FuzzInput): FuzzOutput {
  const r = parseVerilog(text, file, { includeDirs });
  const out: FuzzOutput = { diagnostics: r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`), netlistDiagnostics: parseNetlist(text, file).diagnostics.length };
  if (r.diagnostics.every((d) => d.severity !== 'error')) {
    const again = parseVerilog(printVerilog(r.ast), 'printed.v');
    out.roundTrips = again.diagnostics.every((d) => d.severity !== 'error') && isDeepStrictEqual(withoutLocations(r.ast), withoutLocations(again.ast));
    try {
      out.elaboration = elaborate([r.ast], { unknownModules: 'blackbox' }).diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`);
    } catch (e) {
      out.crash = (e as Error).stack ?? String(e);
    }
  }
  return out;
}
