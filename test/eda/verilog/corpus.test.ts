// Every Verilog file in the shared data parses with zero errors, and printing the tree and parsing
// it again gives the same tree (source positions aside).
import { isDeepStrictEqual } from 'node:util';
import { relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataDir, missingData } from '../../../util/index.ts';
import {
  formatDiagnostic, listVerilogFiles, parseVerilog, printVerilog, readVerilogSource, systemVerilogFeatures,
} from '../../../eda/verilog/index.ts';
import { withoutLocations } from './strip-locations.ts';

const missing = missingData();
const root = dataDir();
const files = root ? listVerilogFiles(root) : [];
/** Files written for a larger build: the defines they expect from it. */
const externalDefines: Record<string, Record<string, string>> = {
  // caravel's defines.v (not part of the data) sets the number of user I/O pads.
  'user_proj_example.rtl.v': { MPRJ_IO_PADS: '38' },
};

describe.skipIf(missing !== undefined)('Verilog corpus under the shared data', () => {
  const systemVerilog: string[] = [];
  afterAll(() => {
    console.log(`${files.length} corpus files; using SystemVerilog constructs: ${systemVerilog.length ? `\n  ${systemVerilog.join('\n  ')}` : 'none'}`);
  });

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(700);
  });

  it.each(files.map((f) => [relative(root ?? '', f), f]))('%s parses cleanly and round-trips', (_name, path) => {
    const text = readVerilogSource(path);
    const defines = externalDefines[path.split('/').pop()!] ?? {};
    const first = parseVerilog(text, path, { defines });
    expect(first.diagnostics.map((d) => formatDiagnostic(d, () => text))).toEqual([]);
    // Header files (timescale.v, *_defines.v) hold only directives; everything else has a design unit.
    expect(first.ast.descriptions.length > 0 || first.preprocessed.macros.size > 0 || first.preprocessed.timescale !== undefined).toBe(true);
    const sv = systemVerilogFeatures(first.ast);
    if (sv.length > 0) systemVerilog.push(`${relative(root ?? '', path)}: ${sv.join(', ')}`);
    const printed = printVerilog(first.ast);
    const second = parseVerilog(printed, 'printed.v');
    expect(second.diagnostics).toEqual([]);
    expect(isDeepStrictEqual(withoutLocations(first.ast), withoutLocations(second.ast))).toBe(true);
  });
});

if (missing) console.log(`skipping the Verilog corpus test: ${missing}`);
