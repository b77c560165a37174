// Our elaboration against Yosys's `write_json` after `hierarchy`, on every Verilog file of the
// shared data (each file on its own, modules it does not define are leaves on both sides): every
// module variant Yosys builds has the same ports (name, direction, width), parameter values and
// instances in ours. CI takes every eighth file under 64 KB (the big gate-level netlists are
// compared with Yosys's cell counts in netlist.test.ts); VERILOG_STRUCTURE_ALL=1 takes every file.
import { statSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir } from '../../../util/index.ts';
import { listVerilogFiles, readVerilogSource } from '../../../eda/verilog/index.ts';
import { missingData, missingTool, skipReason } from '../../helpers/requirements.ts';
import { compareVariants, ourVariants, yosysModules, yosysVariants } from './yosys-structure.ts';

const skip = skipReason(missingData(), missingTool('yosys'));
/** Files written for a larger build: the defines they expect from it (as in corpus.test.ts). */
const externalDefines: Record<string, Record<string, string>> = { 'user_proj_example.rtl.v': { MPRJ_IO_PADS: '38' } };

describe.skipIf(skip !== undefined)('elaboration against Yosys write_json on the shared corpus', () => {
  it('gives every module variant Yosys builds the same ports, parameters and instances', async () => {
    const root = dataDir()!;
    const all = process.env.VERILOG_STRUCTURE_ALL === '1';
    const files = listVerilogFiles(root).filter((f, k) => all || (k % 8 === 0 && statSync(f).size < 64 * 1024));
    const problems: string[] = [];
    const rejected: string[] = [];
    let compared = 0;
    let matched = 0;
    let next = 0;
    // Two Yosys processes at a time; our side runs in this process meanwhile.
    const lane = async () => {
      while (next < files.length) {
        const file = files[next++];
        const text = readVerilogSource(file);
        const defines = externalDefines[file.split('/').pop()!] ?? {};
        const yosys = await yosysModules(file, text, [dirname(file)], defines);
        if (typeof yosys === 'string') { rejected.push(`${relative(root, file)}: ${yosys}`); continue; }
        const ours = ourVariants(file, text, [dirname(file)], defines);
        if (typeof ours === 'string') { problems.push(`${relative(root, file)}: ${ours}`); continue; }
        const c = compareVariants(relative(root, file), ours, yosysVariants(yosys));
        compared += c.compared;
        matched += c.matched;
        problems.push(...c.problems.map((p) => `${c.file}: ${p}`));
      }
    };
    await Promise.all([lane(), lane()]);
    console.log(`structure vs Yosys: ${files.length} files, Yosys rejected ${rejected.length}; ${compared} module variants compared, ${matched} equal`);
    expect(problems).toEqual([]);
    expect(matched).toBe(compared);
    expect(compared).toBeGreaterThan(all ? 500 : 50);
  }, 3_600_000);
});

