// The labelled corpus (test/verilog-corpus, one construct or one error per file): every file gets
// the verdict its label gives, errors on the labelled line; and where iverilog -g2005, Yosys and
// Verilator all agree on a file, our verdict is theirs (three documented tool limitations aside).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../util/index.ts';
import {
  matchesLabel, ourVerdict, recordedToolVerdicts, runAgreement, summarize, toolConsensus, verdictCell, type CorpusRow,
} from '../../../eda/verilog/agreement/agreement.ts';
import { readCorpus } from '../../../eda/verilog/agreement/corpus.ts';
import { referenceToolsMissing } from '../../../eda/verilog/agreement/reference-tools.ts';

const root = join(projectRoot(), 'test', 'verilog-corpus');
const missingTools = referenceToolsMissing();

/**
 * Valid Verilog-2005 that all three tools reject for want of support (not a language error):
 * the file, and what each tool says.
 */
const toolLimitations: Record<string, string> = {
  'valid/types/trireg_charge.v': "iverilog: 'sorry: trireg nets not supported'; Yosys has no charge strengths; Verilator: 'Unsupported: trireg'",
  'valid/udp/ansi_header.v': 'iverilog 11 has no ANSI-style UDP headers (later releases do); Yosys reads no UDPs; Verilator: UDP tables unsupported',
  'valid/udp/ansi_sequential.v': 'as ansi_header.v',
};

describe('the labelled Verilog corpus', () => {
  const entries = readCorpus(root);

  it('has at least 300 valid and 150 invalid files', () => {
    expect(entries.filter((e) => e.errorLine === undefined).length).toBeGreaterThanOrEqual(300);
    expect(entries.filter((e) => e.errorLine !== undefined).length).toBeGreaterThanOrEqual(150);
  });

  it('every file gets the verdict of its label: accepted, or an error on the labelled line', () => {
    const off = entries
      .map((entry) => ({ entry, ours: ourVerdict(entry, root), tools: [] }) as CorpusRow)
      .filter((r) => !matchesLabel(r))
      .map((r) => `${r.entry.name}: expected ${r.entry.errorLine ?? 'accept'}, got ${verdictCell(r.ours)} ${r.ours.message}`);
    expect(off).toEqual([]);
  }, 300_000);
});

describe.skipIf(missingTools !== undefined)('agreement with iverilog -g2005, Yosys and Verilator', () => {
  it('agrees wherever all three tools agree, and the docs table records these verdicts', async () => {
    const rows = await runAgreement(root, { tools: true });
    const s = summarize(rows);
    console.log(`corpus: ${s.valid} valid, ${s.invalid} invalid; ours ${s.ourAccepted} accepted, ${s.ourRejected} rejected; all three tools accept ${s.allAccept}, reject ${s.allReject}`);
    expect(s.againstTools.map((r) => r.entry.name).sort()).toEqual(Object.keys(toolLimitations).sort());
    // Where all three reject an invalid file, ours is a located error (on the labelled line, checked above).
    for (const r of rows) if (toolConsensus(r) === 'reject' && r.entry.errorLine !== undefined) expect(r.ours.errorLines.length, r.entry.name).toBeGreaterThan(0);
    const recorded = recordedToolVerdicts(readFileSync(join(projectRoot(), 'docs', 'verilog-frontend.md'), 'utf8'));
    const stale = rows.filter((r) => recorded.get(r.entry.name)?.join(' ') !== r.tools.map(verdictCell).join(' ')).map((r) => r.entry.name);
    expect(stale, 'the table in docs/verilog-frontend.md is stale: run `tessera verilog agreement --write-docs docs/verilog-frontend.md`').toEqual([]);
  }, 600_000);
});

if (missingTools) console.log(`skipping the three-tool agreement test: ${missingTools}`);
