import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAiger } from '../../../eda/aig/index.ts';
import { readDatasetRecords, summarizeDataset } from '../../../eda/dataset/index.ts';
import { hasNativeYosys } from '../../../eda/synth/index.ts';
import { projectRoot } from '../../../util/index.ts';
import { abcPrintStats, findAbc } from '../aig/abc-tools.ts';
import { missingChromium, renderReportInChromium } from '../../helpers/render-in-chromium.ts';

const native = await hasNativeYosys();
if (!native) console.warn('skipping data set build tests: native yosys not found (apt-get install yosys); the wasm build is too slow for this suite');
const bin = join(projectRoot(), 'bin', 'tessera.js');
const work = mkdtempSync(join(tmpdir(), 'tessera-dataset-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A tiny corpus: ripple adders and counters of a few widths, plus one design Yosys rejects. */
function writeCorpus(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const w of [2, 3, 4, 5, 6]) {
    writeFileSync(join(dir, `add${w}.v`), `module add${w}(input [${w - 1}:0] a, b, output [${w}:0] s);\n  assign s = a + b;\nendmodule\n`);
    writeFileSync(join(dir, `count${w}.v`), `module count${w}(input clk, input en, output reg [${w - 1}:0] q);\n  always @(posedge clk) if (en) q <= q + 1'b1;\nendmodule\n`);
  }
  writeFileSync(join(dir, 'broken.v'), 'module broken(input a, output y);\n  assign y = a &;\nendmodule\n');
}

const args = (out: string) => ['dataset', 'build', '--corpus', join(work, 'corpus'), '--recipes', '2', '--recipe-length', '4', '--seed', '5', '--out', out, '--yosys', 'native', '--liberty', 'none'];

function build(out: string, cache: string): string {
  const r = spawnSync(process.execPath, [bin, ...args(out)], { encoding: 'utf8', env: { ...process.env, TESSERA_CACHE: cache } });
  if (r.status !== 0) throw new Error(`dataset build failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

writeCorpus(join(work, 'corpus'));

const abc = findAbc();

describe.skipIf(!native)('tessera dataset build', () => {
  const reference = join(work, 'ref', 'set.jsonl');

  it('builds records with trajectories, tool versions and AIG files; the rejected design is recorded with Yosys\'s message', () => {
    const stdout = build(reference, join(work, 'cache-ref'));
    expect(stdout).toMatch(/11 records \(10 ok, 1 failed; 0 from cache\)/);
    const records = readDatasetRecords(reference);
    expect(records.map((r) => r.id)).toEqual(['add2', 'add3', 'add4', 'add5', 'add6', 'broken', 'count2', 'count3', 'count4', 'count5', 'count6']);
    const broken = records.find((r) => r.id === 'broken')!;
    expect(broken).toMatchObject({ status: 'failed' });
    expect(broken.error).toMatch(/broken\.v:2:1: yosys: syntax error/);
    for (const r of records.filter((x) => x.status === 'ok')) {
      expect(r.tools.yosys).toMatch(/^native /);
      expect(r.trajectories).toHaveLength(2);
      for (const t of r.trajectories!) expect(t.steps).toHaveLength(5);
      // The stored AIG file is the one the record's counts describe.
      const aig = readAiger(readFileSync(join(work, 'ref', r.aig!.file!)), r.aig!.file!);
      expect(aig.latches.length).toBe(r.aig!.latches);
    }
    expect(records.find((r) => r.id === 'count4')!.aig!.latches).toBe(4);
    // Per-design z-score statistics of the final labels, as OpenABC-D normalises them.
    const add6 = records.find((r) => r.id === 'add6')!;
    const finals = add6.trajectories!.map((t) => t.steps[t.steps.length - 1].nodes);
    const mean = (finals[0] + finals[1]) / 2;
    expect(add6.qorStats!.nodes).toEqual({ mean, std: Math.abs(finals[0] - mean) });
    expect(summarizeDataset(records)).toMatchObject({ designs: 11, ok: 10, failed: 1, trajectories: 20 });
  }, 180_000);

  it.skipIf(!abc)("every trajectory equals standalone ABC's print_stats on the stored AIG", () => {
    for (const r of readDatasetRecords(reference).filter((x) => x.status === 'ok')) {
      const file = join(work, 'ref', r.aig!.file!);
      for (const t of r.trajectories!) {
        const stats = abcPrintStats(abc!, [`read ${file}`, 'strash', 'print_stats', ...t.recipe.flatMap((op) => [op, 'print_stats'])]);
        expect({ id: r.id, steps: stats.map((p) => ({ nodes: p.ands, levels: p.levels })) }).toEqual({ id: r.id, steps: t.steps });
        expect(r.aig!.ands).toBe(t.steps[0].nodes);
      }
    }
  }, 60_000);

  it('resumes after being killed mid-run: nothing lost, nothing duplicated, identical records', async () => {
    const cache = join(work, 'cache-kill');
    const out = join(work, 'killed', 'set.jsonl');
    // kill -9 leaves Yosys's scratch folders behind (nothing can clean up after it): keep them in `work`.
    const scratch = join(work, 'scratch');
    mkdirSync(scratch, { recursive: true });
    // The build holds still right after caching its first design (a pause point), and is killed there.
    const paused = join(work, 'paused');
    const child = spawn(process.execPath, [bin, ...args(out)], {
      env: { ...process.env, TESSERA_CACHE: cache, TMPDIR: scratch, TESSERA_PAUSE_AT: 'dataset-design-cached', TESSERA_PAUSE_FILE: paused },
      stdio: 'ignore',
    });
    const entries = () => (existsSync(join(cache, 'dataset')) ? readdirSync(join(cache, 'dataset'), { recursive: true }).filter((f) => String(f).endsWith('.json')).length : 0);
    let exited = false;
    child.once('exit', () => (exited = true));
    while (!existsSync(paused) && !exited) await new Promise((r) => setTimeout(r, 50));
    expect(exited, 'the build exited before its pause point').toBe(false);
    child.kill('SIGKILL');
    await new Promise((r) => (exited ? r(undefined) : child.once('exit', r)));
    const finishedBeforeKill = entries();
    expect(finishedBeforeKill).toBe(1);
    expect(existsSync(out)).toBe(false); // never half a file
    const stdout = build(out, cache);
    expect(stdout).toMatch(new RegExp(`from cache`));
    const cached = Number(/; (\d+) from cache/.exec(stdout)![1]);
    expect(cached).toBeGreaterThanOrEqual(finishedBeforeKill);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(reference, 'utf8'));
  }, 180_000);

  it.skipIf(missingChromium() !== undefined)('dataset stats writes a histogram report that renders in Chromium', async () => {
    const dir = join(work, 'report');
    const r = spawnSync(process.execPath, [bin, 'dataset', 'stats', reference, '--report', dir], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/11 designs \(10 ok, 1 failed\), 20 trajectories/);
    const { charts, errors } = await renderReportInChromium(join(dir, 'dataset-stats.html'));
    expect(errors).toEqual([]);
    expect(charts.length).toBeGreaterThanOrEqual(6);
    for (const c of charts) expect(c.svgCount).toBeGreaterThan(0);
  }, 120_000);
});

describe('dataset commands refuse bad input', () => {
  it('an unknown corpus names the presets', () => {
    const r = spawnSync(process.execPath, [bin, 'dataset', 'build', '--corpus', 'nope', '--out', join(work, 'x.jsonl')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--corpus: 'nope' is neither a corpus preset nor a folder .*tiny, epfl/);
  });

  it('a missing Liberty file is refused before any work starts', () => {
    const r = spawnSync(process.execPath, [bin, 'dataset', 'build', '--corpus', join(work, 'corpus'), '--out', join(work, 'y.jsonl'), '--liberty', join(work, 'none.lib')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--liberty: Liberty file not found/);
  });

  it('a malformed data set line is reported with its line number', () => {
    const f = join(work, 'bad.jsonl');
    writeFileSync(f, '{"id":"a","status":"ok","corpus":"c","tools":{}}\nnot json\n');
    const r = spawnSync(process.execPath, [bin, 'dataset', 'stats', f], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.jsonl:2:1: expected one JSON record per line/);
  });
});
