// A data-set build on the queue survives what happens on a cluster: a worker killed mid-job, the
// coordinator killed and restarted, Redis killed and restarted. Every time the output is the local
// build's, byte for byte, with every record once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset, corpusDesigns } from '../../eda/dataset/index.ts';
import { QueueClient, queueStatus, redisTarget } from '../../queue/index.ts';
import { DATASET_DESIGN, queuedDesignExecutor } from '../../cli/queue-jobs.ts';
import { missingTool, skipReason } from '../helpers/requirements.ts';
import { TestRedis } from './redis-server.ts';

const skip = skipReason(missingTool('redis-server'), missingTool('yosys'), missingTool('yosys-abc'));
const root = fileURLToPath(new URL('../../', import.meta.url));
const DESIGNS = 6;
const build = { recipes: 2, recipeLength: 6, seed: 3, backend: 'native' as const, aigDir: undefined, quiet: true };

/** Small multipliers: a second or two each through Yosys and the recipes. */
function writeCorpus(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < DESIGNS; i++) {
    const w = 5 + i;
    writeFileSync(join(dir, `mul${w}.v`), `module mul${w}(input [${w - 1}:0] a, b, input [3:0] c, output [${2 * w}:0] y);\n  assign y = a * b + c;\nendmodule\n`);
  }
}

interface Proc {
  child: ChildProcess;
  log: () => string;
}

function tessera(args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, [join(root, 'bin/tessera.js'), ...args], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  return { child, log: () => out };
}

/** SIGKILL to the whole process group: the process and any Yosys it started, as when a machine dies. */
function killHard(p: Proc): Promise<void> {
  return new Promise((resolve) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
    p.child.once('exit', () => resolve());
    process.kill(-p.child.pid!, 'SIGKILL');
  });
}

async function until(what: string, test: () => boolean | Promise<boolean>, seconds = 90): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const doneLines = (log: string) => log.split('\n').filter((l) => / done$/.test(l));

describe.skipIf(skip)('data-set build on the queue under failures', () => {
  let dir: string;
  let corpus: string;
  let reference: string;
  const procs: Proc[] = [];
  const redises: TestRedis[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-queue-faults-'));
    corpus = join(dir, 'corpus');
    writeCorpus(corpus);
    // The reference: the same designs built locally.
    process.env.TESSERA_CACHE = join(dir, 'cache-local');
    mkdirSync(join(dir, 'local'));
    await buildDataset({ ...build, designs: corpusDesigns(corpus), out: join(dir, 'local', 'data.jsonl'), workers: 2 });
    reference = readFileSync(join(dir, 'local', 'data.jsonl'), 'utf8');
  }, 120_000);

  afterAll(async () => {
    for (const p of procs) await killHard(p);
    for (const r of redises) await r.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  async function redis(name: string): Promise<TestRedis> {
    const d = join(dir, `redis-${name}`);
    mkdirSync(d);
    const r = await TestRedis.start(d);
    redises.push(r);
    return r;
  }

  function worker(r: TestRedis): Proc {
    const p = tessera(['worker', '--redis', r.url, '--concurrency', '1', '--lock-seconds', '2'], { ...process.env, TESSERA_CACHE: join(dir, 'cache-worker') });
    procs.push(p);
    return p;
  }

  /** The build's output and AIGs equal the local build's. */
  function expectLikeLocal(name: string): void {
    const text = readFileSync(join(dir, name, 'data.jsonl'), 'utf8');
    const ids = text.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids.length).toBe(DESIGNS);
    expect(new Set(ids).size).toBe(DESIGNS);
    expect(text).toBe(reference);
    for (const f of readdirSync(join(dir, 'local', 'data.aigs'))) {
      expect(readFileSync(join(dir, name, 'data.aigs', f)).equals(readFileSync(join(dir, 'local', 'data.aigs', f)))).toBe(true);
    }
  }

  async function queuedBuild(r: TestRedis, name: string): Promise<void> {
    process.env.TESSERA_CACHE = join(dir, `cache-${name}`);
    mkdirSync(join(dir, name));
    const client = await QueueClient.connect(redisTarget(r.url));
    try {
      await buildDataset({ ...build, designs: corpusDesigns(corpus), out: join(dir, name, 'data.jsonl'), executor: async (yosys) => queuedDesignExecutor(client, yosys) });
    } finally {
      await client.close();
    }
  }

  it('a worker killed mid-job: its job runs on the other worker; every record once, output as a local build', async () => {
    const r = await redis('worker-kill');
    const a = worker(r);
    const running = queuedBuild(r, 'worker-kill');
    // Kill A while it holds a job (after it finished one, so it is surely mid-build).
    await until('worker A to finish a job', () => doneLines(a.log()).length >= 1);
    await until('worker A to hold a job', async () => (await queueStatus(redisTarget(r.url), [DATASET_DESIGN]))[0]!.active >= 1);
    await killHard(a);
    const b = worker(r);
    await running;
    expectLikeLocal('worker-kill');
    const [status] = await queueStatus(redisTarget(r.url), [DATASET_DESIGN]);
    expect(status).toMatchObject({ done: DESIGNS, failed: 0, waiting: 0, active: 0 });
    // Together the two ran every design; only the killed job may have run on both.
    expect(doneLines(a.log()).length + doneLines(b.log()).length).toBe(DESIGNS);
  }, 240_000);

  it('the coordinator killed and restarted: it resumes, and no finished job runs again', async () => {
    const r = await redis('coordinator');
    const w = worker(r);
    mkdirSync(join(dir, 'coordinator'));
    const env = { ...process.env, TESSERA_CACHE: join(dir, 'cache-coordinator') };
    const args = ['dataset', 'build', '--corpus', corpus, '--recipes', '2', '--recipe-length', '6', '--seed', '3', '--liberty', 'none', '--yosys', 'native', '--out', join(dir, 'coordinator', 'data.jsonl'), '--queue', r.url];
    const first = tessera(args, env);
    procs.push(first);
    await until('two designs done', () => doneLines(w.log()).length >= 2);
    await killHard(first);
    const second = tessera(args, env);
    procs.push(second);
    const code = await new Promise<number | null>((resolve) => second.child.once('exit', resolve));
    expect(code, second.log()).toBe(0);
    expectLikeLocal('coordinator');
    const ids = doneLines(w.log()).map((l) => l.split(' ')[2]);
    expect(ids.length).toBe(DESIGNS);
    expect(new Set(ids).size).toBe(DESIGNS);
  }, 240_000);

  it('Redis killed and restarted during the build (append-only file): nothing lost', async () => {
    const r = await redis('restart');
    const w = worker(r);
    const running = queuedBuild(r, 'restart');
    await until('a design done', () => doneLines(w.log()).length >= 1);
    await r.kill();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await r.restart();
    await running;
    expectLikeLocal('restart');
  }, 240_000);
});
