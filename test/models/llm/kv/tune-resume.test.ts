// `tessera kv tune` as a long job: a plain kill and Ctrl-C stop it at once between window
// evaluations (held at a known point by a pause point, not raced against a clock), leave no output
// file, and the same command resumes from the cache: nothing computed twice, nothing lost, and the
// same results as an uninterrupted run.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main.ts';
import { captureConsole } from '../../../helpers/console-capture.ts';
import { killCliChildren, runCli } from '../../../helpers/signal-child.ts';
import { writeTinyCheckpoint } from '../tiny-checkpoint.ts';

const { out, err } = captureConsole();
const dir = mkdtempSync(join(tmpdir(), 'tessera-kv-tune-'));
const ckpt = join(dir, 'model');
const savedCache = process.env.TESSERA_CACHE;

const args = (json: string, report: string) => ['kv', 'tune', '--checkpoint', ckpt, '--trials', '12', '--groups', '2', '--tune-windows', '1', '--test-windows', '1', '--contexts', '64', '--group', '32', '--json', json, '--report', report];

beforeAll(() => {
  writeTinyCheckpoint(dir, Array.from({ length: 80 }, (_, i) => `Once upon a time a cat number ${i} found a ball. It was red and ${i % 7} feet wide.`));
});
afterAll(() => {
  killCliChildren();
  if (savedCache === undefined) delete process.env.TESSERA_CACHE;
  else process.env.TESSERA_CACHE = savedCache;
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in a child process on `cache`; when `pauseAt` is given, waits for that pause point and sends `signal` there. */
const runChild = (cache: string, json: string, report: string, pauseAt?: string, signal?: NodeJS.Signals) => runCli(args(json, report), { TESSERA_CACHE: cache }, pauseAt, signal);

const cacheEntries = (cache: string) => (existsSync(join(cache, 'kv-eval')) ? readdirSync(join(cache, 'kv-eval'), { recursive: true }).filter((f) => String(f).endsWith('.json')).length : 0);
const computedOf = (stdout: string) => Number(/window evaluations: (\d+) computed/.exec(stdout)?.[1]);

describe('kv tune is interruptible and resumable', () => {
  it('stops on SIGTERM and Ctrl-C with no output, and resumes to the uninterrupted results', async () => {
    // The reference: one uninterrupted run, in this process, on its own cache.
    process.env.TESSERA_CACHE = join(dir, 'cache-reference');
    const refJson = join(dir, 'reference.json');
    expect(await main(args(refJson, join(dir, 'reference-report'))), err.join('\n')).toBe(0);
    const total = computedOf(out.join('\n'));
    expect(total).toBeGreaterThan(8);
    const reference = JSON.parse(readFileSync(refJson, 'utf8'));

    const cache = join(dir, 'cache-interrupted');
    const json = join(dir, 'out', 'tune.json'), report = join(dir, 'out', 'report');
    // A plain kill after the third window evaluation: exit 143, no JSON, no report, three evaluations kept.
    const killed = await runChild(cache, json, report, 'kv-window-3', 'SIGTERM');
    expect(killed.code).toBe(143);
    // The note names what is kept and where.
    expect(killed.stderr).toContain(`interrupted: window perplexities finished so far are cached in ${join(cache, 'kv-eval')}; rerun the same command to resume`);
    expect(existsSync(json) || existsSync(join(report, 'report.html'))).toBe(false);
    expect(cacheEntries(cache)).toBe(3);
    // Ctrl-C after three more (the rerun computes only what the first run did not finish).
    const stopped = await runChild(cache, json, report, 'kv-window-3', 'SIGINT');
    expect(stopped.code).toBe(130);
    expect(existsSync(json)).toBe(false);
    expect(cacheEntries(cache)).toBe(6);
    // The same command to the end: it computes exactly the rest and writes what the uninterrupted run wrote.
    const resumed = await runChild(cache, json, report);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/NSGA-II trials \[#+-*\] \d+\/\d+ \d+% ETA/);
    expect(computedOf(resumed.stdout)).toBe(total - 6);
    expect(cacheEntries(cache)).toBe(total);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(reference);
    expect(existsSync(join(report, 'report.html'))).toBe(true);
  }, 120_000);
});
