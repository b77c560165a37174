import { readFileSync, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { defineCommand } from '../command.ts';
import { UserError, writeJsonAtomic } from '../../util/index.ts';
import { DEFAULT_LIBRARY, LIBRARY_HELP, loadLibrary, synthesize, yosysBackends, type YosysBackend } from '../../eda/synth/index.ts';

export default defineCommand({
  path: ['synth'],
  summary: 'synthesize Verilog with Yosys: cell counts, AIG nodes/levels, mapped area and delay',
  positionals: 'FILE.v...',
  details: `The embedded Yosys (WebAssembly) needs no install; --yosys native uses the Debian 'yosys'.
Results are cached by content hash of the sources, the flow and the Yosys version.
Mapping uses sky130_fd_sc_hd typical (shipped) unless --liberty names another library, or 'none' for generic synthesis only.
example: tessera synth design.v --top array --liberty nangate45`,
  flags: [
    { name: 'top', kind: 'string', required: true, valueName: 'MODULE', help: 'top module to synthesize' },
    { name: 'liberty', kind: 'string', default: DEFAULT_LIBRARY, valueName: 'LIB', help: `${LIBRARY_HELP}, or 'none' (no mapping); mapping adds area (um^2) and ABC delay (ps)` },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'also write the result as JSON to OUT' },
    { name: 'yosys', kind: 'string', choices: yosysBackends, default: 'wasm', help: 'Yosys backend' },
    { name: 'check', kind: 'boolean', help: 'run check -assert and refuse latches before synthesis' },
    { name: 'no-cache', kind: 'boolean', help: 'ignore and do not write the result cache' },
  ],
  async run(flags, files) {
    if (files.length === 0) throw new UserError('no Verilog file given', 'FILE.v', 'usage: tessera synth FILE.v --top MODULE');
    const sources: Record<string, string> = {};
    for (const f of files) {
      if (!existsSync(f)) throw new UserError(`file not found: ${f}`, 'FILE.v');
      if (sources[basename(f)] !== undefined) throw new UserError(`two sources share the name ${basename(f)}`, 'FILE.v');
      sources[basename(f)] = readFileSync(f, 'utf8');
    }
    const result = await synthesize({
      sources,
      top: flags.top,
      backend: flags.yosys as YosysBackend,
      check: flags.check,
      cache: !flags['no-cache'],
      ...(flags.liberty !== 'none' ? { liberty: loadLibrary(flags.liberty).text } : {}),
    });
    console.log(`${result.top} (${result.tool})`);
    console.log(`  generic cells: ${result.generic.cells}  ${formatTypes(result.generic.cellsByType)}`);
    console.log(`  AIG: ${result.aig.nodes} nodes, ${result.aig.levels} levels`);
    if (result.mapped) {
      console.log(`  mapped cells: ${result.mapped.cells}  area ${result.mapped.area.toFixed(3)} um^2${result.mapped.delayPs === undefined ? '' : `  ABC delay ${result.mapped.delayPs} ps`}`);
    }
    if (flags.json) writeJsonAtomic(flags.json, result);
  },
});

function formatTypes(byType: Readonly<Record<string, number>>): string {
  return Object.entries(byType).map(([t, n]) => `${t}:${n}`).join(' ');
}
