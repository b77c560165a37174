import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingTool, skipReason, toolPath } from '../../helpers/requirements.ts';
import { Aig, FALSE, TRUE, checkEquivalence, readAiger, readGateVerilog, writeVerilog, type Literal } from '../../../eda/aig/index.ts';

function randomAig(n: number, gates: number, seed: number): Aig {
  let s = seed;
  const rnd = (k: number) => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) % k;
  const aig = new Aig('r');
  const lits: Literal[] = [];
  for (let i = 0; i < n; i++) lits.push(aig.addInput());
  for (let g = 0; g < gates; g++) lits.push(aig.andRaw(lits[rnd(lits.length)] ^ rnd(2), lits[rnd(lits.length)] ^ rnd(2), true));
  for (let o = 0; o < 3; o++) aig.addOutput(lits[lits.length - 1 - rnd(lits.length)] ^ rnd(2));
  aig.addOutput(FALSE);
  aig.addOutput(TRUE);
  aig.addOutput(lits[0] ^ 1);
  return aig;
}

const noYosys = skipReason(missingTool('yosys'));

describe('structural Verilog writer', () => {
  it.each([1, 2, 3])('a random AIG (seed %i) read back by the gate-level reader is equivalent, outputs and inputs in order', (seed) => {
    const aig = randomAig(6, 30, seed);
    const back = readGateVerilog(writeVerilog(aig, 'r'), 'r.v');
    expect(back.inputs.length).toBe(6);
    expect(back.outputs.length).toBe(6);
    expect(checkEquivalence(aig, back).equivalent).toBe(true);
  });

  it.skipIf(noYosys)('Yosys reads it and its AIG is equivalent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-vw-'));
    try {
      const aig = randomAig(5, 25, 9);
      writeFileSync(join(dir, 'r.v'), writeVerilog(aig, 'r'));
      const r = spawnSync(toolPath('yosys')!, ['-q', '-p', 'read_verilog r.v; hierarchy -top r; proc; flatten; aigmap; write_aiger -zinit out.aig'], { cwd: dir, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const theirs = readAiger(readFileSync(join(dir, 'out.aig')), 'out.aig');
      expect(checkEquivalence(aig, theirs).equivalent).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
