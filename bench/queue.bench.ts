// The job queue against local execution, same run: (1) the queue's overhead per job (a job that
// does nothing, enqueue to result, over Redis on loopback) next to a worker-thread round trip;
// (2) a data-set build of small designs on 1 and on 2 worker processes; (3) 8 worker processes,
// 3 of them SIGKILLed at random moments, and every record still there once, as a local build.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDataset, corpusDesigns } from '../eda/dataset/index.ts';
import { QueueClient, queueStatus, redisTarget, startQueueWorker, type JobHandler } from '../queue/index.ts';
import { WorkerPool, seededRandom } from '../util/index.ts';
import { DATASET_DESIGN, queuedDesignExecutor } from '../cli/queue-jobs.ts';
import { TestRedis } from '../test/queue/redis-server.ts';
import { printComparison } from './compare.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const which = (tool: string) =>
  (process.env.PATH ?? '').split(':').some((d) => {
    try {
      accessSync(join(d, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
if (!which('redis-server') || !which('yosys')) {
  console.log('queue bench skipped: needs redis-server and yosys on PATH (apt-get install redis-server yosys)');
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'tessera-queue-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const procs: ChildProcess[] = [];

function worker(url: string, name: string): ChildProcess {
  const child = spawn(process.execPath, [join(root, 'bin/tessera.js'), 'worker', '--redis', url, '--concurrency', '1', '--lock-seconds', '3'], { cwd: root, detached: true, stdio: 'ignore', env: { ...process.env, TESSERA_CACHE: join(dir, `cache-${name}`) } });
  procs.push(child);
  return child;
}
const killGroup = (c: ChildProcess) => {
  try {
    process.kill(-c.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
};

/** Small designs of a few hundred AIG nodes: adders, multipliers and comparators of several widths. */
function corpus(name: string, n: number): string {
  const d = join(dir, name);
  mkdirSync(d);
  for (let i = 0; i < n; i++) {
    const w = 4 + (i % 8);
    const op = ['a * b', 'a + b + c', '(a > b) ? a - b : b - a'][i % 3];
    writeFileSync(join(d, `d${i}.v`), `module d${i}(input [${w - 1}:0] a, b, c, output [${2 * w}:0] y);\n  assign y = ${op} ^ ${i};\nendmodule\n`);
  }
  return d;
}

async function queuedBuild(url: string, designs: string, out: string): Promise<number> {
  process.env.TESSERA_CACHE = join(dir, `cache-${out}`);
  const client = await QueueClient.connect(redisTarget(url));
  const t0 = performance.now();
  try {
    await buildDataset({ designs: corpusDesigns(designs), recipes: 2, recipeLength: 8, seed: 1, backend: 'native', out: join(dir, `${out}.jsonl`), aigDir: false, quiet: true, executor: async (y) => queuedDesignExecutor(client, y) });
  } finally {
    await client.close();
  }
  return (performance.now() - t0) / 1000;
}

/** Waits until `n` worker processes are connected (each takes seconds to start), before the clock starts. */
async function waitWorkers(url: string, n: number): Promise<void> {
  for (;;) {
    const [status] = await queueStatus(redisTarget(url), [DATASET_DESIGN]);
    if (status!.workers.length >= n) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

try {
  console.log(`load average at start: ${load()}`);
  // (1) Overhead per job.
  const r1 = await TestRedis.start(mkdirP(join(dir, 'r1')));
  const target = redisTarget(r1.url);
  const noop: JobHandler = { refuse: async () => undefined, run: async (p) => p };
  const w = startQueueWorker({ target, handlers: { noop }, concurrency: 1 });
  const client = await QueueClient.connect(target);
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await client.run('noop', `job-${i}`, { i }, { requires: {} });
    if (i >= 20) times.push(performance.now() - t0);
  }
  await client.close();
  await w.close();
  const pool = new WorkerPool<unknown, unknown>(new URL('./identity-task.ts', import.meta.url), 1);
  const local: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await pool.run({ i });
    if (i >= 20) local.push(performance.now() - t0);
  }
  await pool.close();
  printComparison('queue overhead per job (median, no-op job, loopback; target <= 5 ms)', 'ms', median(times), 'worker-thread round trip', median(local), false);
  await r1.kill();

  // (2) 1 vs 2 worker processes on a build of small designs.
  const designs = corpus('small', 24);
  const r2 = await TestRedis.start(mkdirP(join(dir, 'r2')));
  const w1 = worker(r2.url, 'a');
  await waitWorkers(r2.url, 1);
  const one = await queuedBuild(r2.url, designs, 'one');
  await r2.kill();
  const r3 = await TestRedis.start(mkdirP(join(dir, 'r3')));
  killGroup(w1);
  worker(r3.url, 'b');
  worker(r3.url, 'c');
  await waitWorkers(r3.url, 2);
  const two = await queuedBuild(r3.url, designs, 'two');
  console.log(`24 small designs, 2 recipes of 8 steps, native Yosys: 1 worker ${one.toFixed(1)} s, 2 workers ${two.toFixed(1)} s; load ${load()}`);
  printComparison('2 workers vs 1 (throughput; target >= 1.8x)', 'designs/s', 24 / two, '1 worker', 24 / one);
  await r3.kill();
  for (const c of procs.splice(0)) killGroup(c);

  // (3) 8 worker processes, 3 killed at random.
  const faults = corpus('faults', 32);
  process.env.TESSERA_CACHE = join(dir, 'cache-local');
  await buildDataset({ designs: corpusDesigns(faults), recipes: 2, recipeLength: 8, seed: 1, backend: 'native', out: join(dir, 'local.jsonl'), aigDir: false, quiet: true, workers: 2 });
  const r4 = await TestRedis.start(mkdirP(join(dir, 'r4')));
  const eight = Array.from({ length: 8 }, (_, i) => worker(r4.url, `w${i}`));
  await waitWorkers(r4.url, 8);
  const random = seededRandom(7);
  const victims = [...eight].sort(() => random() - 0.5).slice(0, 3);
  const kills = victims.map((v, i) => setTimeout(() => killGroup(v), 2000 + i * 2500 + random() * 2000));
  const t8 = await queuedBuild(r4.url, faults, 'eight');
  kills.forEach(clearTimeout);
  const ids = readFileSync(join(dir, 'eight.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
  const same = readFileSync(join(dir, 'eight.jsonl'), 'utf8') === readFileSync(join(dir, 'local.jsonl'), 'utf8');
  console.log(`8 workers, 3 SIGKILLed at random: ${ids.length} records of 32, ${new Set(ids).size} distinct, ${same ? 'byte-identical to' : 'DIFFERENT from'} the local build, ${t8.toFixed(1)} s; load ${load()}`);
  await r4.kill();
  if (ids.length !== 32 || new Set(ids).size !== 32 || !same) process.exitCode = 1;
} finally {
  for (const c of procs) killGroup(c);
  rmSync(dir, { recursive: true, force: true });
}

function mkdirP(d: string): string {
  mkdirSync(d, { recursive: true });
  return d;
}
