// A data-set build that is stopped from outside: a per-design time limit (on a test clock the test
// advances), and a plain SIGTERM to tessera alone (not its process group). Neither may leave native
// Yosys or ABC running.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDatasetRecords } from '../../../eda/dataset/index.ts';
import { hasNativeYosys } from '../../../eda/synth/index.ts';
import { projectRoot } from '../../../util/index.ts';

const native = await hasNativeYosys();
if (!native) console.warn('skipping data set interruption tests: native yosys not found (apt-get install yosys)');
const bin = join(projectRoot(), 'bin', 'tessera.js');
const work = mkdtempSync(join(tmpdir(), 'tessera-dataset-stop-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A 64-bit multiplier through 8 recipes of 20 steps takes a minute or more; a 2-bit adder, a second.
const corpus = join(work, 'corpus');
mkdirSync(corpus);
writeFileSync(join(corpus, 'add.v'), 'module add(input [1:0] a, b, output [2:0] s);\n  assign s = a + b;\nendmodule\n');
writeFileSync(join(corpus, 'mul.v'), 'module mul(input [63:0] a, b, output [127:0] p);\n  assign p = a * b;\nendmodule\n');
const args = (out: string, ...extra: string[]) => ['dataset', 'build', '--corpus', corpus, '--recipes', '8', '--seed', '3', '--out', out, '--yosys', 'native', '--liberty', 'none', ...extra];

/** Every running process with its parent and process group, from ps (zombies waiting for init to reap them are dead). */
function processes(): { pid: number; ppid: number; pgid: number; comm: string }[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,ppid=,pgid=,stat=,comm='], { encoding: 'utf8' });
  return ps.stdout.trim().split('\n').flatMap((line) => {
    const [pid, ppid, pgid, stat, comm] = line.trim().split(/\s+/);
    return stat.startsWith('Z') ? [] : [{ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), comm }];
  });
}

/**
 * The detached synthesis Yosys that tessera (pid `parent`) started, once it runs ABC: a group
 * leader whose group holds another process. (The short `yosys -V` version check runs in the
 * test's own group, and a loaded machine can catch it.)
 */
function synthesisInAbc(parent: number): { pid: number; pgid: number } | undefined {
  const all = processes();
  return all.find((p) => p.ppid === parent && p.comm === 'yosys' && p.pgid === p.pid && all.some((q) => q.pgid === p.pgid && q.comm !== 'yosys'));
}

/** Polls until `ready` gives a value. No clock: the test's own time limit is the hang detector. */
async function waitFor<T>(ready: () => T | undefined | false): Promise<T> {
  for (;;) {
    const v = ready();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * tessera ARGV on its own cache, stopped by `signal` once its Yosys runs ABC on the multiplier (which
 * runs for minutes: then there are grandchildren to leak); resolves when Yosys and ABC are gone too.
 */
async function stopInAbc(argv: readonly string[], cache: string, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...argv], { env: { ...process.env, TESSERA_CACHE: cache }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const yosys = await waitFor(() => synthesisInAbc(child.pid!));
  child.kill(signal);
  const code = await exited;
  // SIGKILL to the group was sent before tessera exited; the kernel may take a moment to end them.
  // An orphaned ABC on the multiplier would run for minutes: the test's time limit catches it.
  await waitFor(() => !processes().some((p) => p.pgid === yosys.pgid));
  return { code, stderr };
}

const cachedDesigns = (cache: string) => (existsSync(join(cache, 'dataset')) ? readdirSync(join(cache, 'dataset'), { recursive: true }).filter((f) => String(f).endsWith('.json')).length : 0);

describe.skipIf(!native)('stopping a data-set build', () => {
  it('--timeout records the slow design as failed, keeps the rest, and does not cache the timeout', async () => {
    const cache = join(work, 'cache-timeout');
    const out = join(work, 'timeout', 'set.jsonl');
    // The build's time limits run on a test clock (a file of seconds): nothing expires until the
    // test advances it, which it does once the adder is cached and the multiplier's synthesis is
    // running in ABC. So the outcome never depends on how loaded the machine is.
    const clock = join(work, 'clock-timeout');
    writeFileSync(clock, '0');
    const child = spawn(process.execPath, [bin, ...args(out, '--timeout', '10')], { env: { ...process.env, TESSERA_CACHE: cache, TESSERA_TEST_CLOCK: clock }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await waitFor(() => cachedDesigns(cache) === 1 && synthesisInAbc(child.pid!) !== undefined);
    // 10 s on the clock: the multiplier's limit expires (the worker pool's own, 30 s later, does not).
    writeFileSync(clock, '10');
    expect(await exited, stderr).toBe(0);
    expect(stdout).toMatch(/2 records \(1 ok, 1 failed; 0 from cache\)/);
    const [add, mul] = readDatasetRecords(out);
    expect(add).toMatchObject({ id: 'add', status: 'ok' });
    expect(mul).toMatchObject({ id: 'mul', status: 'failed' });
    expect(mul.error).toMatch(/did not finish within 10 s and was stopped/);
    expect(cachedDesigns(cache)).toBe(1);
  }, 300_000);

  it('a plain SIGTERM to tessera stops its Yosys and ABC processes too, exits with 143 and names the cache', async () => {
    const cache = join(work, 'cache-term');
    const r = await stopInAbc(args(join(work, 'term', 'set.jsonl')), cache, 'SIGTERM');
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toContain(`interrupted: designs finished so far are cached in ${join(cache, 'dataset')}; rerun the same command to resume`);
  }, 300_000);

  it('Ctrl-C during a single synthesis, which keeps nothing, does not claim a cache', async () => {
    const cache = join(work, 'cache-synth');
    const r = await stopInAbc(['synth', join(corpus, 'mul.v'), '--top', 'mul', '--yosys', 'native', '--liberty', 'none'], cache, 'SIGINT');
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toContain('interrupted: nothing was kept; rerun the command to start again');
    expect(r.stderr).not.toMatch(/cached/);
    expect(existsSync(join(cache, 'synth'))).toBe(false);
  }, 300_000);
});
