// The mapped area and delay labels of the recipe data set equal ABC's own `stime -p` report: the data
// set's flow (one ABC script for many recipes, `backup`/`restore`, the Liberty file read once) is
// replayed per recipe in a separate standalone ABC process and its printed report is read here with
// a parse of our own. The shipped sky130 Liberty's time unit is 1 ns, so this also pins that ABC's
// report, and hence the label, is in ps (a unit slip would show as a factor of 1000).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasNativeYosys, loadLibrary } from '../../../../eda/synth/index.ts';
import { aigBytes, randomRecipes, runAigRecipes, runRecipes } from '../../../../eda/synth/recipes/index.ts';
import { missingTool, skipReason } from '../../../helpers/requirements.ts';

const skip = skipReason(missingTool('yosys'), missingTool('yosys-abc'));
const work = mkdtempSync(join(tmpdir(), 'tessera-stime-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A decoder (high fanout) beside a multiplier (depth): both kinds of delay the data set's designs show.
const design = `module m(input [5:0] a, b, input [3:0] s, output [11:0] p, output [15:0] d);
  assign p = a * b;
  assign d = 16'b1 << s;
endmodule
`;

/** Area and delay (ps) from a standalone ABC's own printout of `stime -p`. */
function abcReport(commands: string): { area: number; delayPs: number; inPs: boolean } {
  const r = spawnSync('yosys-abc', ['-c', commands], { cwd: work, encoding: 'utf8' });
  expect(r.status).toBe(0);
  const line = r.stdout.replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.includes('Delay =') && l.includes('Area ='));
  expect(line).toBeDefined();
  const field = (name: string) => Number(line!.slice(line!.indexOf(`${name} =`) + name.length + 2).trim().split(/\s+/)[0]);
  return { area: field('Area'), delayPs: field('Delay'), inPs: / ps\b/.test(line!) };
}

describe.skipIf(skip || !(await hasNativeYosys()))('mapped area and delay labels against ABC stime', () => {
  it('every recipe\'s label equals standalone ABC\'s stime -p on the same AIG, in ps', async () => {
    const lib = loadLibrary('sky130');
    const synth = await runRecipes({ sources: { 'm.v': design }, top: 'm', recipes: [['balance']], backend: 'native', writeAig: true, cache: false });
    const aig = aigBytes(synth.aag!);
    writeFileSync(join(work, 'design.aig'), aig);
    writeFileSync(join(work, 'cells.lib'), lib.text);
    const recipes = randomRecipes(4, 6, 3);
    const labels = await runAigRecipes({ aig, recipes, liberty: lib.text, backend: 'native' });
    expect(labels).toHaveLength(recipes.length);
    for (const [i, t] of labels.entries()) {
      const own = abcReport(`read_lib -w cells.lib; read design.aig; strash; ${recipes[i].join('; ')}; map; topo; stime -p`);
      expect({ recipe: i, area: t.mapped!.area, delayPs: t.mapped!.delayPs }).toEqual({ recipe: i, area: own.area, delayPs: own.delayPs });
      expect(own.inPs).toBe(true);
      // ps, not ns: a few gate levels of sky130 cells are tens to hundreds of ps each.
      expect(t.mapped!.delayPs).toBeGreaterThan(50);
      expect(t.mapped!.delayPs).toBeLessThan(20_000);
    }
  }, 120_000);
});
