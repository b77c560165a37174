/**
 * Any folder of Verilog files (no labels needed) through our front-end and the three reference
 * tools: the figures that say whether we read what simulators read. Of the files iverilog -g2005
 * accepts, how many we accept; of the files all three tools reject, how many get an error from us
 * at a position; how many files made our front-end throw (a crash, never acceptable).
 */
import { checkVerilog } from '../check.ts';
import { readVerilogSource } from '../source-files.ts';
import { runReferenceToolsOn, type ToolVerdict } from './reference-tools.ts';

export interface OurResult {
  accepted: boolean;
  /** An error with a line number (in the file or a file it includes). */
  located: boolean;
  message: string;
  /** The exception our front-end threw, if it did. */
  crash?: string;
}

export interface CompareRow {
  file: string;
  ours: OurResult;
  /** iverilog, yosys, verilator. */
  tools: ToolVerdict[];
}

/** Our verdict on one file, each file a design of its own; an exception is recorded, not thrown. */
export function ourResult(file: string, includeDirs: readonly string[]): OurResult {
  try {
    const r = checkVerilog([{ file, text: readVerilogSource(file) }], { includeDirs: [...includeDirs] });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    return { accepted: errors.length === 0, located: errors.some((d) => d.line > 0), message: errors[0] ? `${errors[0].line}:${errors[0].col}: ${errors[0].message}` : '' };
  } catch (e) {
    return { accepted: false, located: false, message: '', crash: (e as Error).stack?.split('\n').slice(0, 3).join(' | ') ?? String(e) };
  }
}

export interface CompareOptions {
  includeDirs?: readonly string[];
  /** Tool processes at once (default: one per core). */
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function compareWithTools(files: readonly string[], options: CompareOptions = {}): Promise<CompareRow[]> {
  const inc = options.includeDirs ?? [];
  const verdicts = await runReferenceToolsOn(files, inc, options);
  return files.map((file, f) => ({ file, ours: ourResult(file, inc), tools: verdicts[f] }));
}

export interface CompareSummary {
  files: number;
  iverilogAccepts: number;
  /** Of the files iverilog accepts, those we accept. */
  weAcceptOfIverilog: number;
  allAccept: number;
  weAcceptOfAll: number;
  allReject: number;
  /** Of the files all three reject, those we reject with a located error. */
  weLocateOfAllReject: number;
  crashes: CompareRow[];
  /** iverilog accepts, we reject. */
  falseRejects: CompareRow[];
  /** all three reject, we accept (or give no position). */
  missedErrors: CompareRow[];
}

export function summarizeComparison(rows: readonly CompareRow[]): CompareSummary {
  const iv = rows.filter((r) => r.tools[0]?.accepted);
  const all = rows.filter((r) => r.tools.length === 3 && r.tools.every((t) => t.accepted));
  const none = rows.filter((r) => r.tools.length === 3 && r.tools.every((t) => !t.accepted));
  return {
    files: rows.length,
    iverilogAccepts: iv.length,
    weAcceptOfIverilog: iv.filter((r) => r.ours.accepted).length,
    allAccept: all.length,
    weAcceptOfAll: all.filter((r) => r.ours.accepted).length,
    allReject: none.length,
    weLocateOfAllReject: none.filter((r) => !r.ours.accepted && r.ours.located).length,
    crashes: rows.filter((r) => r.ours.crash !== undefined),
    falseRejects: iv.filter((r) => !r.ours.accepted),
    missedErrors: none.filter((r) => r.ours.accepted || !r.ours.located),
  };
}
