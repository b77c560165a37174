// The labelled corpus (test/verilog-corpus, one construct or one error per file): every file gets
// the verdict its label gives, errors on the labelled line; and where iverilog -g2005, Yosys and
// Verilator all agree on a file, our verdict is theirs (three documented tool limitations aside).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../util/index.ts';
import {
  matchesLabel, ourVerdict, recordedToolVerdicts, runAgreement, summarize, toolConsensus, verdictCell, type CorpusRow,
} from '../../../eda/verilog/agreement/agreement.ts';
import { readCorpus } from '../../../eda/verilog/agreement/corpus.ts';
import { referenceTools, reportedErrors, runReferenceTool, type ToolVerdict } from '../../../eda/verilog/agreement/reference-tools.ts';
import { missingTool } from '../../helpers/requirements.ts';

const root = join(projectRoot(), 'test', 'verilog-corpus');
const missingTools = missingTool('iverilog') ?? missingTool('yosys') ?? missingTool('verilator');

/**
 * Valid Verilog-2005 that all three tools reject for want of support (not a language error):
 * the file, and what each tool says.
 */
const toolLimitations: Record<string, string> = {
  'valid/types/trireg_charge.v': "iverilog: 'sorry: trireg nets not supported'; Yosys has no charge strengths; Verilator: 'Unsupported: trireg'",
  'valid/udp/ansi_header.v': 'iverilog 11 has no ANSI-style UDP headers (later releases do); Yosys reads no UDPs; Verilator: UDP tables unsupported',
  'valid/udp/ansi_sequential.v': 'as ansi_header.v',
};

/** The tools' verdicts as `tessera verilog agreement --write-docs` recorded them in the docs table. */
const docsFile = join(projectRoot(), 'docs', 'verilog-frontend.md');
const regenerate = 'run `tessera verilog agreement --write-docs docs/verilog-frontend.md`';

describe('the labelled Verilog corpus', () => {
  const entries = readCorpus(root);
  let rows: CorpusRow[] = [];
  beforeAll(() => {
    rows = entries.map((entry) => ({ entry, ours: ourVerdict(entry, root), tools: [] }));
  }, 300_000);

  it('has at least 300 valid and 150 invalid files', () => {
    expect(entries.filter((e) => e.errorLine === undefined).length).toBeGreaterThanOrEqual(300);
    expect(entries.filter((e) => e.errorLine !== undefined).length).toBeGreaterThanOrEqual(150);
  });

  it('every file gets the verdict of its label: accepted, or an error on the labelled line', () => {
    const off = rows.filter((r) => !matchesLabel(r)).map((r) => `${r.entry.name}: expected ${r.entry.errorLine ?? 'accept'}, got ${verdictCell(r.ours)} ${r.ours.message}`);
    expect(off).toEqual([]);
  });

  it('agrees wherever iverilog -g2005, Yosys and Verilator all agree, on every file (their verdicts as the docs table records them)', () => {
    const recorded = recordedToolVerdicts(readFileSync(docsFile, 'utf8'));
    expect(entries.filter((e) => !recorded.has(e.name)).map((e) => e.name), `files missing from the docs table: ${regenerate}`).toEqual([]);
    const withTools = rows.map((r) => ({ ...r, tools: recorded.get(r.entry.name)!.map(recordedVerdict) }));
    const s = summarize(withTools);
    console.log(`corpus: ${s.valid} valid, ${s.invalid} invalid; ours ${s.ourAccepted} accepted, ${s.ourRejected} rejected; all three tools accept ${s.allAccept}, reject ${s.allReject}`);
    expect(s.allAccept + s.allReject).toBeGreaterThan(300);
    expect(s.againstTools.map((r) => r.entry.name).sort()).toEqual(Object.keys(toolLimitations).sort());
    // Where all three reject, ours is a located error (on the labelled line for invalid files, checked above).
    for (const r of withTools) if (toolConsensus(r) === 'reject' && r.entry.errorLine !== undefined) expect(r.ours.errorLines.length, r.entry.name).toBeGreaterThan(0);
  });
});

/**
 * The recorded verdicts are still what the tools say: every tenth corpus file (both folders, every
 * area) run through the three tools, seconds in CI; `tessera verilog agreement` runs them on all.
 */
describe.skipIf(missingTools !== undefined)('the recorded tool verdicts against the tools themselves', () => {
  it('iverilog, Yosys and Verilator give the verdicts the docs table records (a tenth of the corpus)', async () => {
    const recorded = recordedToolVerdicts(readFileSync(docsFile, 'utf8'));
    const rows = await runAgreement(root, { tools: true, select: (_e, k) => k % 10 === 0 });
    expect(rows.length).toBeGreaterThan(60);
    const stale = rows
      .filter((r) => recorded.get(r.entry.name)?.join(' ') !== r.tools.map(verdictCell).join(' '))
      .map((r) => `${r.entry.name}: recorded ${recorded.get(r.entry.name)?.join(' ')}, now ${r.tools.map(verdictCell).join(' ')}`);
    expect(stale, `the table in docs/verilog-frontend.md is stale: ${regenerate}`).toEqual([]);
  }, 300_000);
});

/** A docs-table cell ('accept', 'error 12', 'error') as a verdict. */
function recordedVerdict(cell: string, k: number): ToolVerdict {
  const m = /^error(?: (\d+))?$/.exec(cell);
  if (cell !== 'accept' && !m) throw new Error(`docs table: '${cell}' is not a verdict (${regenerate})`);
  return { tool: referenceTools[k], accepted: cell === 'accept', errorLines: m?.[1] ? [Number(m[1])] : [], message: '' };
}

if (missingTools) console.log(`skipping the live three-tool run: ${missingTools}`);

describe('reading a reference tool verdict', () => {
  it('takes iverilog at its word when its summary says elaboration failed but it exits 0', () => {
    expect(reportedErrors('iverilog', 'a.v:3: error: w is not a valid l-value in m.\n768 error(s) during elaboration.\n')).toBe(true);
    expect(reportedErrors('iverilog', 'a.v:3: error: w is not a valid l-value in m.\nElaboration failed\n')).toBe(true);
    expect(reportedErrors('iverilog', 'a.v:2: warning: Some design elements have no explicit time unit and/or\n')).toBe(false);
    expect(reportedErrors('verilator', '%Error: a.v:1:1: x\n')).toBe(false); // Verilator's exit status says it
  });

  it.skipIf(missingTool('iverilog') !== undefined)('so a design with 256 elaboration errors (iverilog exits 0) is rejected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-iv256-'));
    try {
      const file = join(dir, 'many.v');
      writeFileSync(file, 'module leaf(output wire o);\n  initial o = 0;\nendmodule\nmodule top;\n  genvar k;\n  for (k = 0; k < 256; k = k + 1) begin : g\n    wire w;\n    leaf u (w);\n  end\nendmodule\n');
      const verdict = await runReferenceTool('iverilog', file);
      expect(verdict.accepted).toBe(false);
      expect(verdict.errorLines).toContain(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
