// Runs the ABC binary Debian installs with Yosys (`yosys-abc`) on a script and in-memory files, in a
// scratch folder, in its own process group (a timeout or an interrupt stops it), and hands back its
// log with ABC's colour codes removed. Started with an argument array, never a shell string.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UserError, killChild, startTimeLimit, trackChild } from '../../util/index.ts';

export const NATIVE_ABC = 'yosys-abc';

export interface AbcRun {
  /** ABC commands, one per line (what `-f script` reads). */
  readonly script: string;
  /** Input files by relative path (AIGER, Liberty). */
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  /** Kill ABC after this many seconds (a UserError saying so). */
  readonly timeoutSeconds?: number;
}

/** ABC's log without ANSI colour codes; a failed run is a UserError with the log's tail. */
export async function runAbcNative(run: AbcRun): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-abc-'));
  try {
    for (const [path, content] of Object.entries({ ...run.files, 'tessera.abc': run.script })) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const { log, code } = await new Promise<{ log: string; code: number }>((resolve, reject) => {
      const child = spawn(NATIVE_ABC, ['-f', 'tessera.abc'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const tracking = { dir, group: true };
      trackChild(child, tracking);
      const chunks: Buffer[] = [];
      let timedOut = false;
      const limit = run.timeoutSeconds !== undefined && run.timeoutSeconds > 0
        ? startTimeLimit(run.timeoutSeconds, () => {
          timedOut = true;
          if (child.pid !== undefined) killChild(child.pid, tracking);
        })
        : undefined;
      child.stdout.on('data', (b: Buffer) => chunks.push(b));
      child.stderr.on('data', (b: Buffer) => chunks.push(b));
      child.on('error', (e: NodeJS.ErrnoException) => {
        limit?.cancel();
        reject(e.code === 'ENOENT' ? new UserError(`${NATIVE_ABC} was not found on the PATH`, '--yosys', 'install Yosys with `sudo apt-get install yosys` (it brings yosys-abc), or use --yosys wasm') : e);
      });
      child.on('close', (c) => {
        limit?.cancel();
        if (timedOut) reject(new UserError(`${NATIVE_ABC} did not finish within ${run.timeoutSeconds} s and was stopped`, 'abc', 'allow more time, or leave the design out'));
        else resolve({ log: stripAnsi(Buffer.concat(chunks).toString()), code: c ?? 1 });
      });
    });
    if (code !== 0 || /^\*\* cmd error|^Error:/m.test(log)) {
      throw new UserError(`${NATIVE_ABC} failed (exit code ${code}): ${log.trim().split('\n').slice(-3).join(' | ')}`, 'abc');
    }
    return log;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Removes ANSI colour escapes (ABC colours its statistics even when writing to a pipe). */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
