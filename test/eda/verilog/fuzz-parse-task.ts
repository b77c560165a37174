// Worker task for the fuzz test: parse one mutated file and summarise what came back, so the test
// can bound each parse with a timeout (a hang would otherwise stall the test process).
import { parseNetlist, parseVerilog, printVerilog } from '../../../eda/verilog/index.ts';
import { isDeepStrictEqual } from 'node:util';
import { withoutLocations } from './strip-locations.ts';

export interface FuzzInput { text: string; file: string }
export interface FuzzOutput {
  diagnostics: string[];
  /** For inputs that parsed cleanly: does the printed tree parse back to the same tree? */
  roundTrips?: boolean;
  netlistDiagnostics: number;
}

export default function fuzzParse({ text, file }: FuzzInput): FuzzOutput {
  const r = parseVerilog(text, file);
  const out: FuzzOutput = { diagnostics: r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`), netlistDiagnostics: parseNetlist(text, file).diagnostics.length };
  if (r.diagnostics.length === 0) {
    const again = parseVerilog(printVerilog(r.ast), 'printed.v');
    out.roundTrips = again.diagnostics.length === 0 && isDeepStrictEqual(withoutLocations(r.ast), withoutLocations(again.ast));
  }
  return out;
}
