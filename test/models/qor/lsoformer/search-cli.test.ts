// `tessera recipe search` through the CLI entry point with the checkpoint shipped in the repository:
// the JSON has the documented shape, the printed replay line reproduces the reported node count in
// the standalone ABC, and the checkpoint says where it came from.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shippedCheckpointDir } from '../../../../models/qor/lsoformer/index.ts';
import { dataPath, projectRoot } from '../../../../util/index.ts';
import { skipReason, missingData, missingTool } from '../../../helpers/requirements.ts';
import { abcPrintStats, findAbc } from '../../../eda/aig/abc-tools.ts';

const noCheckpoint = existsSync(join(shippedCheckpointDir(), 'checkpoint.json')) ? undefined : 'the shipped LSOformer checkpoint is missing (tessera lso train --ship models/qor/lsoformer/checkpoint)';
const skip = skipReason(noCheckpoint, missingTool('yosys'), missingTool('yosys-abc'), missingData('iscas_ispras', 'iscas85', 'verilog', 'c432.v'));
const work = mkdtempSync(join(tmpdir(), 'tessera-lso-search-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(skip)('tessera recipe search with the shipped checkpoint', () => {
  it('searches an ISCAS\'85 design, writes the documented JSON, and its recipe replays in ABC', () => {
    const meta = JSON.parse(readFileSync(join(shippedCheckpointDir(), 'metrics.json'), 'utf8'));
    expect(meta.command).toMatch(/^tessera lso train /);
    expect(meta.dataHash).toMatch(/^[0-9a-f]{16}$/);
    const src = dataPath('iscas_ispras', 'iscas85', 'verilog', 'c432.v');
    const json = join(work, 'search.json');
    const aig = join(work, 'c432.aig');
    const r = spawnSync(process.execPath, [join(projectRoot(), 'bin', 'tessera.js'), 'recipe', 'search', src, '--abc-runs', '4', '--candidates', '40', '--yosys', 'native', '--write-aig', aig, '--json', json], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['best', 'resyn2', 'compress2rs', 'randomSearch', 'abcRuns']));
    expect(out.abcRuns).toBe(4);
    expect(out.best.recipe).toHaveLength(20);
    const replayLine = r.stdout.match(/replay: yosys-abc -c "(.*)"/)?.[1];
    expect(replayLine).toBeDefined();
    const stats = abcPrintStats(findAbc()!, replayLine!.split('; '));
    expect({ nodes: stats.at(-1)!.ands, levels: stats.at(-1)!.levels }).toEqual({ nodes: out.best.nodes, levels: out.best.levels });
  }, 180_000);
});
