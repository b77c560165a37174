// Worker task for the fuzz tests: parse one mutated file (and, when its syntax is clean, elaborate
// it with every semantic check) and summarise what came back. Each case runs under a small step
// budget (fuzzMaxSteps): work that would run away on a mutated file of a few KB is reported as an
// error at a place, which the tests count as a hang, the same on any machine under any load.
import { elaborate, parseNetlist, parseVerilog, printVerilog } from '../../../eda/verilog/index.ts';
import { isDeepStrictEqual } from 'node:util';
import { withoutLocations } from './strip-locations.ts';

/** Far above what a file of a few KB needs (a few thousand tokens, a handful of instances). */
export const fuzzMaxSteps = 1_000_000;

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
  const r = parseVerilog(text, file, { includeDirs, maxSteps: fuzzMaxSteps });
  const out: FuzzOutput = { diagnostics: r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`), netlistDiagnostics: parseNetlist(text, file).diagnostics.length };
  if (r.diagnostics.every((d) => d.severity !== 'error')) {
    const again = parseVerilog(printVerilog(r.ast), 'printed.v');
    out.roundTrips = again.diagnostics.every((d) => d.severity !== 'error') && isDeepStrictEqual(withoutLocations(r.ast), withoutLocations(again.ast));
    try {
      out.elaboration = elaborate([r.ast], { unknownModules: 'blackbox', maxSteps: fuzzMaxSteps }).diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`);
    } catch (e) {
      out.crash = (e as Error).stack ?? String(e);
    }
  }
  return out;
}
