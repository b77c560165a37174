// One way to run Yosys, two backends: the embedded WebAssembly build (@yowasp/yosys, no install)
// and the native `yosys` binary. Both take a script and an in-memory file tree and hand back the
// log and the files the script wrote. Yosys is always started with an argument array, never a
// shell string.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UserError, killChild, startTimeLimit, trackChild } from '../../util/index.ts';

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
   * Native backend: kill Yosys after this many seconds (a UserError saying so). The wasm build runs
   * in the calling thread and cannot be stopped from it: run it in a WorkerPool task with a timeout.
   */
  readonly timeoutSeconds?: number;
}

export interface YosysResult {
  readonly log: string;
  readonly outputs: Record<string, string>;
  readonly backend: YosysBackend;
  readonly version: string;
}

const scriptName = 'tessera-script.ys';

/**
 * Runs a Yosys script. A Yosys `ERROR:` becomes a UserError carrying Yosys's message and, when
 * Yosys names one, the file and line. Asking for the native backend without `yosys` on the PATH
 * is a UserError with the install hint.
 */
export async function runYosys(run: YosysRun): Promise<YosysResult> {
  const backend = run.backend ?? 'wasm';
  const files = { ...run.files, [scriptName]: run.script };
  const { log, outputs, failed } = backend === 'wasm' ? await runWasm(files, run.outputs ?? []) : await runNative(files, run.outputs ?? [], run.timeoutSeconds);
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

type WasmModule = typeof import('@yowasp/yosys');
let wasmModule: Promise<WasmModule> | undefined;
function loadWasm(): Promise<WasmModule> {
  wasmModule ??= import('@yowasp/yosys');
  return wasmModule;
}

async function runWasm(files: Record<string, string | Uint8Array>, wanted: readonly string[]) {
  const yosys = await loadWasm();
  const tree: Record<string, unknown> = {};
  for (const [path, content] of Object.entries(files)) setTreeFile(tree, path, content);
  let log = '';
  const decoder = new TextDecoder();
  const collect = (bytes: Uint8Array | null) => {
    if (bytes) log += decoder.decode(bytes, { stream: true });
  };
  let out: unknown;
  let failed = false;
  try {
    out = await yosys.runYosys(['-s', scriptName], tree as Parameters<WasmModule['runYosys']>[1], { stdout: collect, stderr: collect, decodeASCII: false });
  } catch (e) {
    // A trap (ABC aborting) surfaces as a bare "unreachable": say what crashed.
    if (e instanceof Error && e.name === 'RuntimeError') throw new UserError(`yosys (wasm) crashed: ${e.message}; log tail: ${log.trim().split('\n').slice(-2).join(' | ')}`, 'yosys', 'a trap inside Yosys or its ABC: try --yosys native, or leave the design out');
    // Yosys exits non-zero on ERROR; the package throws Exit with the files it had written.
    if (!(e instanceof yosys.Exit)) throw e;
    failed = true;
    out = e.files;
  }
  const outputs: Record<string, string> = {};
  for (const path of wanted) {
    const content = getTreeFile(out, path);
    if (content !== undefined) outputs[path] = typeof content === 'string' ? content : decoder.decode(content);
  }
  return { log, outputs, failed };
}

function setTreeFile(tree: Record<string, unknown>, path: string, content: string | Uint8Array): void {
  const parts = path.split('/');
  let node = tree;
  for (const dir of parts.slice(0, -1)) node = (node[dir] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = content;
}

function getTreeFile(tree: unknown, path: string): string | Uint8Array | undefined {
  let node = tree;
  for (const part of path.split('/')) {
    if (!node || typeof node !== 'object' || node instanceof Uint8Array) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' || node instanceof Uint8Array ? node : undefined;
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
