/**
 * Any folder of Verilog files (no labels needed) through our front-end and the three reference
 * tools: the figures that say whether we read what simulators read. Of the files iverilog -g2005
 * accepts, how many we accept; of the files all three tools reject, how many get an error from us
 * at a position; how many files made our front-end throw (a crash, never acceptable).
 */
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../../util/index.ts';
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
  /** The file, or for a unit of several files its name. */
  file: string;
  /** The unit's group, when units were given with one. */
  group?: string;
  ours: OurResult;
  /** iverilog, yosys, verilator. */
  tools: ToolVerdict[];
}

/** Files checked together as one design (each tool reads them in one run), with their include folders. */
export interface CompareUnit {
  name: string;
  group?: string;
  files: string[];
  includeDirs: string[];
}

/** Our verdict on one file or unit (files read as one design); an exception is recorded, not thrown. */
export function ourResult(file: string | readonly string[], includeDirs: readonly string[]): OurResult {
  try {
    const files = typeof file === 'string' ? [file] : file;
    const r = checkVerilog(files.map((f) => ({ file: f, text: readVerilogSource(f) })), { includeDirs: [...includeDirs] });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    return { accepted: errors.length === 0, located: errors.some((d) => d.line > 0), message: errors[0] ? `${errors[0].file === files[0] ? '' : `${basename(errors[0].file)}:`}${errors[0].line}:${errors[0].col}: ${errors[0].message}` : '' };
  } catch (e) {
    return { accepted: false, located: false, message: '', crash: (e as Error).stack?.split('\n').slice(0, 3).join(' | ') ?? String(e) };
  }
}

export interface CompareOptions {
  includeDirs?: readonly string[];
  /** Tool processes at once (default: one per core). */
  jobs?: number;
  /** A tool that runs longer on one file or unit counts as rejecting it (default 20 s). */
  timeoutMs?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function compareWithTools(files: readonly string[], options: CompareOptions = {}): Promise<CompareRow[]> {
  const inc = [...(options.includeDirs ?? [])];
  return compareUnits(files.map((file) => ({ name: file, files: [file], includeDirs: inc })), options);
}

/** Every unit through the three tools and through our front-end, each unit one design. */
export async function compareUnits(units: readonly CompareUnit[], options: CompareOptions = {}): Promise<CompareRow[]> {
  const verdicts = await runReferenceToolsOn(units.map((u) => u.files), (k) => units[k].includeDirs, options);
  return units.map((u, k) => ({ file: u.name, ...(u.group !== undefined ? { group: u.group } : {}), ours: ourResult(u.files, u.includeDirs), tools: verdicts[k] }));
}

/**
 * A unit list: one unit a line, `GROUP FILE... -IDIR...` (`#` starts a comment line); `DATA/` at the
 * start of a path stands for `dataRoot`. A unit's name is its file, or its files' common folder.
 */
export function parseUnitList(text: string, dataRoot: string | undefined, listFile: string): CompareUnit[] {
  const units: CompareUnit[] = [];
  text.split('\n').forEach((raw, k) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [group, ...rest] = line.split(/\s+/);
    const path = (p: string) => {
      if (!p.startsWith('DATA/')) return p;
      if (!dataRoot) throw new UserError(`${listFile}:${k + 1}: a DATA/ path but no shared data folder`, '--data', 'give the data folder with --data DIR (or set TESSERA_DATA)');
      return join(dataRoot, p.slice(5));
    };
    const files = rest.filter((t) => !t.startsWith('-I')).map(path);
    const includeDirs = rest.filter((t) => t.startsWith('-I')).map((t) => path(t.slice(2)));
    if (files.length === 0) throw new UserError(`${listFile}:${k + 1}: a unit without files`, '--units', 'write GROUP FILE... -IDIR... on each line');
    units.push({ name: files.length === 1 ? files[0] : commonFolder(files), group, files, includeDirs });
  });
  return units;
}

function commonFolder(files: readonly string[]): string {
  const parts = files.map((f) => dirname(f).split('/'));
  const common: string[] = [];
  for (let k = 0; parts.every((p) => k < p.length && p[k] === parts[0][k]); k++) common.push(parts[0][k]);
  return `${common.join('/')}/ (${files.length} files)`;
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
