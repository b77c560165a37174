// Runs native Yosys on Verilog text and returns its `stat` cell counts per module (the independent
// reference for the netlist reader and the elaborator).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingTool } from '../../helpers/requirements.ts';

export const yosysMissing = missingTool('yosys');

/** Cell counts by type, per module, after running `commands` (e.g. `hierarchy -top top; flatten`). */
export function yosysCellCounts(verilog: string, commands: string): Map<string, Map<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-ystat-'));
  try {
    writeFileSync(join(dir, 'in.v'), verilog);
    const r = spawnSync('yosys', ['-q', '-p', `read_verilog ${join(dir, 'in.v')}; ${commands}; tee -o ${join(dir, 'stat.txt')} stat`], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`yosys failed: ${r.stderr}${r.stdout}`);
    const text = spawnSync('cat', [join(dir, 'stat.txt')], { encoding: 'utf8' }).stdout;
    const out = new Map<string, Map<string, number>>();
    let current: Map<string, number> | undefined;
    for (const line of text.split('\n')) {
      const mod = /^=== (\S+) ===/.exec(line);
      if (mod) { current = new Map(); out.set(mod[1].replace(/^\\/, ''), current); continue; }
      const total = /^\s+Number of cells:\s+(\d+)/.exec(line);
      if (total && current) { current.set('*', Number(total[1])); continue; }
      const cell = /^\s{5}(\S+)\s+(\d+)$/.exec(line);
      if (cell && current) current.set(cell[1].replace(/^\\/, ''), Number(cell[2]));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
