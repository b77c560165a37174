/**
 * The labelled corpus against our front-end and the three reference tools: per file, our verdict
 * (accepted, or the lines of our errors) and each tool's, the files where the tools agree and
 * whether we agree with them, and the markdown table docs/verilog-frontend.md keeps.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { readVerilogSource } from '../source-files.ts';
import { checkVerilog } from '../check.ts';
import { readCorpus, type CorpusEntry } from './corpus.ts';
import { referenceTools, runReferenceTool, type ToolVerdict } from './reference-tools.ts';

export interface Verdict {
  accepted: boolean;
  errorLines: number[];
  message: string;
}

export interface CorpusRow {
  entry: CorpusEntry;
  ours: Verdict;
  /** iverilog, yosys, verilator (empty when the tools were not run). */
  tools: ToolVerdict[];
}

/** The include folder of a corpus (files the corpus `include`s). */
export const corpusIncludeDir = (root: string) => join(root, 'include');

/** Our verdict on one corpus file (each file is a design of its own). */
export function ourVerdict(entry: CorpusEntry, root: string): Verdict {
  const r = checkVerilog([{ file: entry.path, text: readVerilogSource(entry.path) }], { includeDirs: [corpusIncludeDir(root)] });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  return { accepted: errors.length === 0, errorLines: errors.filter((d) => d.file === entry.path).map((d) => d.line), message: errors[0]?.message ?? '' };
}

/** Does our verdict match the file's label (accepted, or an error on the labelled line)? */
export function matchesLabel(row: CorpusRow): boolean {
  const { entry, ours } = row;
  return entry.errorLine === undefined ? ours.accepted : !ours.accepted && ours.errorLines.includes(entry.errorLine);
}

/** 'accept' or 'reject' when all three tools say the same, else undefined. */
export function toolConsensus(row: CorpusRow): 'accept' | 'reject' | undefined {
  if (row.tools.length !== referenceTools.length) return undefined;
  if (row.tools.every((t) => t.accepted)) return 'accept';
  if (row.tools.every((t) => !t.accepted)) return 'reject';
  return undefined;
}

export interface AgreementOptions {
  /** Run the reference tools too (they must be installed). */
  tools?: boolean;
  /** Tool processes run at once (default: one per core). */
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
  /** Only the corpus files this keeps (`k`: the file's index in corpus order). */
  select?: (entry: CorpusEntry, k: number) => boolean;
}

export async function runAgreement(root: string, options: AgreementOptions = {}): Promise<CorpusRow[]> {
  const entries = readCorpus(root).filter((e, k) => options.select?.(e, k) ?? true);
  const rows: CorpusRow[] = entries.map((entry) => ({ entry, ours: ourVerdict(entry, root), tools: [] }));
  if (!options.tools) return rows;
  const jobs = rows.flatMap((row) => referenceTools.map((tool, k) => ({ row, tool, k })));
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const { row, tool, k } = jobs[next++];
      row.tools[k] = await runReferenceTool(tool, row.entry.path, [corpusIncludeDir(root)]);
      options.onProgress?.(++done, jobs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs ?? availableParallelism()) }, lane));
  return rows;
}

export interface AgreementSummary {
  valid: number;
  invalid: number;
  ourAccepted: number;
  ourRejected: number;
  /** Files whose verdict differs from their label. */
  offLabel: CorpusRow[];
  allAccept: number;
  allReject: number;
  /** Files the three tools agree on where our verdict differs (accepted vs rejected). */
  againstTools: CorpusRow[];
  /** Files the three tools all reject though the corpus labels them valid (tool limitations). */
  validRejectedByAllTools: CorpusRow[];
}

export function summarize(rows: CorpusRow[]): AgreementSummary {
  const consensus = rows.map((r) => [r, toolConsensus(r)] as const);
  return {
    valid: rows.filter((r) => r.entry.errorLine === undefined).length,
    invalid: rows.filter((r) => r.entry.errorLine !== undefined).length,
    ourAccepted: rows.filter((r) => r.ours.accepted).length,
    ourRejected: rows.filter((r) => !r.ours.accepted).length,
    offLabel: rows.filter((r) => !matchesLabel(r)),
    allAccept: consensus.filter(([, c]) => c === 'accept').length,
    allReject: consensus.filter(([, c]) => c === 'reject').length,
    againstTools: consensus.filter(([r, c]) => c !== undefined && (c === 'accept') !== r.ours.accepted).map(([r]) => r),
    validRejectedByAllTools: consensus.filter(([r, c]) => c === 'reject' && r.entry.errorLine === undefined).map(([r]) => r),
  };
}

function cell(v: Verdict | ToolVerdict | undefined): string {
  if (!v) return '-';
  if (v.accepted) return 'accept';
  return v.errorLines.length > 0 ? `error ${v.errorLines[0]}` : 'error';
}

export const tableStart = '<!-- corpus-table:start (generated by `tessera verilog agreement --write-docs`) -->';
export const tableEnd = '<!-- corpus-table:end -->';

/** The markdown table of every corpus file, between the markers the docs keep it in. */
export function agreementTable(rows: CorpusRow[]): string {
  const head = '| file | construct | section | expected | ours | iverilog -g2005 | yosys | verilator |\n| --- | --- | --- | --- | --- | --- | --- | --- |';
  const lines = rows.map((r) => {
    const e = r.entry;
    const expected = e.errorLine === undefined ? 'accept' : `error ${e.errorLine}`;
    const construct = e.construct.replace(/\|/g, '\\|');
    return `| ${e.name} | ${construct} | ${e.section} | ${expected} | ${cell(r.ours)} | ${cell(r.tools[0])} | ${cell(r.tools[1])} | ${cell(r.tools[2])} |`;
  });
  return `${tableStart}\n${head}\n${lines.join('\n')}\n${tableEnd}`;
}

/** The tools' verdicts recorded in a docs table, by corpus file name. */
export function recordedToolVerdicts(docs: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const start = docs.indexOf(tableStart);
  const end = docs.indexOf(tableEnd);
  if (start < 0 || end < 0) return out;
  for (const line of docs.slice(start, end).split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    if (cells.length < 9 || !/^(valid|invalid)\//.test(cells[1])) continue;
    out.set(cells[1], cells.slice(6, 9));
  }
  return out;
}

export { cell as verdictCell };
