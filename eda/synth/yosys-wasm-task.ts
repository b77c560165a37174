// The embedded Yosys (@yowasp/yosys) on an in-memory file tree: run in place by pool workers, and
// as a worker-thread task by the main thread (yosys-runner.ts), which stays free for Ctrl-C.
type WasmModule = typeof import('@yowasp/yosys');
let wasmModule: Promise<WasmModule> | undefined;
export function loadWasm(): Promise<WasmModule> {
  wasmModule ??= import('@yowasp/yosys');
  return wasmModule;
}

/** The script is one of the files; `wanted` are the paths the caller wants back. */
export interface WasmInput {
  readonly files: Record<string, string | Uint8Array>;
  readonly wanted: readonly string[];
}

export interface WasmOutput {
  readonly log: string;
  readonly outputs: Record<string, string>;
  /** Yosys exited non-zero (an ERROR). */
  readonly failed: boolean;
  /** A trap inside Yosys or ABC (WebAssembly's "unreachable"): its message. */
  readonly crash?: string;
}

/** The file Yosys is started with (`-s`). */
export const scriptName = 'tessera-script.ys';

export async function runWasmHere({ files, wanted }: WasmInput): Promise<WasmOutput> {
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
    if (e instanceof Error && e.name === 'RuntimeError') return { log, outputs: {}, failed: true, crash: e.message };
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

export default runWasmHere;

function setTreeFile(tree: Record<string, unknown>, path: string, content: string | Uint8Array): void {
  const parts = path.split('/');
  let node = tree;
  for (const dir of parts.slice(0, -1)) node = (node[dir] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]!] = content;
}

function getTreeFile(tree: unknown, path: string): string | Uint8Array | undefined {
  let node = tree;
  for (const part of path.split('/')) {
    if (!node || typeof node !== 'object' || node instanceof Uint8Array) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' || node instanceof Uint8Array ? node : undefined;
}
