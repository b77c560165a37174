// One way to run Yosys, two backends: the embedded WebAssembly build (@yowasp/yosys, no install)
// and the native `yosys` binary. Both take a script and an in-memory file tree and hand back the
// log and the files the script wrote. Yosys is always started with an argument array, never a
// shell string.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { UserError, WorkerPool, WorkerTimeoutError, killChild, startTimeLimit, trackChild } from '../../util/index.ts';
import { loadWasm, runWasmHere, scriptName, type WasmInput, type WasmOutput } from './yosys-wasm-task.ts';

export type YosysBackend = 'wasm' | 'native';
export const yosysBackends: readonly YosysBackend[] = ['wasm', 'native'];

export interface YosysRun {
  /** The Yosys script (what `-s script.ys` reads). */
  readonly script: string;
  /** Input files by relative path (design sources, Liberty, ABC scripts). */
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  /** Relative paths of files the script writes and the caller wants back. */
  readonly outputs?: readonly string[];
  readonly backend?: YosysBackend;
  /**
   * Stop Yosys after this many seconds (a UserError saying so). The wasm build honours it on the
   * main thread (where it runs in a worker thread); inside a pool worker it runs in place and cannot
   * be stopped from it: give the pool task the timeout.
   */
  readonly timeoutSeconds?: number;
}

export interface YosysResult {
  readonly log: string;
  readonly outputs: Record<string, string>;
  readonly backend: YosysBackend;
  readonly version: string;
}

/**
 * Runs a Yosys script. A Yosys `ERROR:` becomes a UserError carrying Yosys's message and, when
 * Yosys names one, the file and line. Asking for the native backend without `yosys` on the PATH
 * is a UserError with the install hint.
 */
export async function runYosys(run: YosysRun): Promise<YosysResult> {
  const backend = run.backend ?? 'wasm';
  const files = { ...run.files, [scriptName]: run.script };
  const { log, outputs, failed } = backend === 'wasm' ? await runWasm(files, run.outputs ?? [], run.timeoutSeconds) : await runNative(files, run.outputs ?? [], run.timeoutSeconds);
  if (failed || /^ERROR:|: ERROR:/m.test(log)) throw yosysError(log, backend);
  return { log, outputs, backend, version: await yosysVersion(backend) };
}

/** The version string of a backend, e.g. `wasm 0.55.944` or `native 0.23`. */
export async function yosysVersion(backend: YosysBackend): Promise<string> {
  if (backend === 'wasm') return `wasm ${(await loadWasm()).version}`;
  nativeVersion ??= new Promise((resolve, reject) => {
    const child = spawn('yosys', ['-V'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? nativeMissing() : e));
    child.on('close', () => resolve(`native ${/Yosys (\S+)/.exec(out)?.[1] ?? out.trim()}`));
  });
  return nativeVersion;
}
let nativeVersion: Promise<string> | undefined;

/** True when a native `yosys` is on the PATH (for tests and fallbacks). */
export async function hasNativeYosys(): Promise<boolean> {
  try {
    await yosysVersion('native');
    return true;
  } catch {
    return false;
  }
}

function nativeMissing(): UserError {
  return new UserError('native yosys was not found on the PATH', '--yosys', 'install it with `sudo apt-get install yosys`, or use --yosys wasm (the embedded default)');
}

/**
 * The embedded build runs synchronously inside WebAssembly. On the main thread it runs in a worker
 * thread instead, so that the main thread stays free to act on Ctrl-C (the entry point exits at
 * once, stopping the worker) during a synthesis that takes minutes. Pool workers run it in place.
 */
async function runWasm(files: Record<string, string | Uint8Array>, wanted: readonly string[], timeoutSeconds?: number) {
  let r: WasmOutput;
  try {
    r = isMainThread ? await wasmThread().run({ files, wanted }, { timeoutSeconds }) : await runWasmHere({ files, wanted });
  } catch (e) {
    if (e instanceof WorkerTimeoutError) throw new UserError(`yosys (wasm) did not finish within ${timeoutSeconds} s and was stopped`, 'yosys', 'allow more time, or leave the design out');
    throw e;
  }
  if (r.crash !== undefined) throw new UserError(`yosys (wasm) crashed: ${r.crash}; log tail: ${r.log.trim().split('\n').slice(-2).join(' | ')}`, 'yosys', 'a trap inside Yosys or its ABC: try --yosys native, or leave the design out');
  return r;
}
let thread: WorkerPool<WasmInput, WasmOutput> | undefined;
function wasmThread(): WorkerPool<WasmInput, WasmOutput> {
  thread ??= new WorkerPool<WasmInput, WasmOutput>(new URL('./yosys-wasm-task.ts', import.meta.url), 1, { idleUnref: true });
  return thread;
}

async function runNative(files: Record<string, string | Uint8Array>, wanted: readonly string[], timeoutSeconds?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-yosys-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const { log, code } = await new Promise<{ log: string; code: number }>((resolve, reject) => {
      // Its own process group, so a timeout or an interrupt also stops the ABC process Yosys starts.
      const child = spawn('yosys', ['-s', scriptName], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const tracking = { dir, group: true };
      trackChild(child, tracking);
      const chunks: Buffer[] = [];
      let timedOut = false;
      const stop = () => {
        timedOut = true;
        if (child.pid !== undefined) killChild(child.pid, tracking);
      };
      const limit = timeoutSeconds !== undefined && timeoutSeconds > 0 ? startTimeLimit(timeoutSeconds, stop) : undefined;
      child.stdout.on('data', (b: Buffer) => chunks.push(b));
      child.stderr.on('data', (b: Buffer) => chunks.push(b));
      child.on('error', (e: NodeJS.ErrnoException) => (limit?.cancel(), reject(e.code === 'ENOENT' ? nativeMissing() : e)));
      child.on('close', (c) => {
        limit?.cancel();
        if (timedOut) reject(new UserError(`yosys (native) did not finish within ${timeoutSeconds} s and was stopped`, 'yosys', 'allow more time, or leave the design out'));
        else resolve({ log: Buffer.concat(chunks).toString(), code: c ?? 1 });
      });
    });
    const outputs: Record<string, string> = {};
    for (const path of wanted) if (existsSync(join(dir, path))) outputs[path] = readFileSync(join(dir, path), 'utf8');
    return { log, outputs, failed: code !== 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Turns Yosys's first `ERROR:` line into a UserError at the file and line Yosys names. */
function yosysError(log: string, backend: YosysBackend): UserError {
  // Usually at the start of a line; ABC's messages can run into it ("ABC: ...ERROR: ABC: execution ... failed").
  const m = /^(?:(.+?):(\d+): )?ERROR: (.*)$/m.exec(log) ?? /()()ERROR: (.*)$/m.exec(log);
  if (!m) {
    const tail = log.trim().split('\n').slice(-3).join(' | ');
    return new UserError(`yosys (${backend}) failed: ${tail}`, 'yosys');
  }
  const [, file, line, message] = m;
  const where = file && file !== scriptName ? { file, line: Number(line), col: 1 } : 'yosys';
  // ABC's scratch folder name is random: leave it out, so the same failure reads the same every run.
  return new UserError(`yosys: ${message.trim().replace(/\S*yosys-abc-\w+/g, '<abc-temp-dir>')}`, where);
}
