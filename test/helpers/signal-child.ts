// Runs the CLI in a child process and, when asked, interrupts it at a pause point (util's
// `pausePoint`/`pausePointAsync`): the test waits until the job holds at that known point, then sends
// Ctrl-C or a plain kill there, instead of racing a clock.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { projectRoot } from '../../util/index.ts';

export interface ChildRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Children started by `runCli`: kill the ones still running in `afterAll` (a regression that ignores a signal), never leave them paused. */
export const cliChildren: ChildProcess[] = [];

export function killCliChildren(): void {
  for (const c of cliChildren) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** `tessera ARGS` with `env` added; with `pauseAt`, waits for that pause point and sends `signal` there. */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, pauseAt?: string, signal?: NodeJS.Signals): Promise<ChildRun> {
  const pauseDir = mkdtempSync(join(tmpdir(), 'tessera-pause-'));
  const paused = join(pauseDir, 'paused');
  const childEnv = { ...process.env, ...env, ...(pauseAt && { TESSERA_PAUSE_AT: pauseAt, TESSERA_PAUSE_FILE: paused }) };
  const child = spawn(process.execPath, [join(projectRoot(), 'bin', 'tessera.js'), ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  cliChildren.push(child);
  let stdout = '', stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (pauseAt) {
    let done = false;
    void exited.then(() => (done = true));
    while (!existsSync(paused) && !done) await new Promise((r) => setTimeout(r, 50));
    expect(done, `tessera ${args.slice(0, 2).join(' ')} exited before its pause point ${pauseAt}: ${stderr}`).toBe(false);
    child.kill(signal);
  }
  const code = await exited;
  rmSync(pauseDir, { recursive: true, force: true });
  return { code, stdout, stderr };
}
