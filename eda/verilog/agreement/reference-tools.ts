/**
 * The three reference front-ends a Verilog file is checked against: Icarus Verilog
 * (`iverilog -g2005`), Yosys (`read_verilog` then `hierarchy -check`) and Verilator
 * (`--lint-only --timing`, warnings not fatal). Each run gives a verdict and the lines of the
 * errors it reported in the file itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { basename, dirname, resolve } from 'node:path';

export type ReferenceTool = 'iverilog' | 'yosys' | 'verilator';
export const referenceTools: readonly ReferenceTool[] = ['iverilog', 'yosys', 'verilator'];

export interface ToolVerdict {
  tool: ReferenceTool;
  accepted: boolean;
  /** Lines of errors reported in the checked file (not in included files), in order. */
  errorLines: number[];
  /** The first error message, trimmed to one line ('' when accepted). */
  message: string;
}

/**
 * Verilator's `verilator` command is a Perl script that runs `verilator_bin` with the same
 * arguments; calling the binary directly saves ~0.3 s of Perl start-up per file.
 */
function verilatorCommand(): string {
  return spawnSync('verilator_bin', ['--version']).status === 0 ? 'verilator_bin' : 'verilator';
}

let verilatorExe: string | undefined;

/** One line naming the reference tools that are not installed, or undefined when all three are. */
export function referenceToolsMissing(): string | undefined {
  const missing: string[] = [];
  if (spawnSync('iverilog', ['-V']).error) missing.push('iverilog');
  if (spawnSync('yosys', ['-V']).error) missing.push('yosys');
  if (spawnSync('verilator', ['--version']).error) missing.push('verilator');
  return missing.length ? `${missing.join(', ')} not found on PATH (apt-get install ${missing.join(' ')})` : undefined;
}

function commandFor(tool: ReferenceTool, files: readonly string[], includeDirs: readonly string[]): [string, string[]] {
  const inc = includeDirs.map((d) => `-I${d}`);
  switch (tool) {
    case 'iverilog':
      return ['iverilog', ['-g2005', '-o', '/dev/null', ...inc, ...files]];
    case 'yosys': {
      const yinc = includeDirs.map((d) => `-I"${d}"`).join(' ');
      return ['yosys', ['-q', '-p', `read_verilog ${yinc} ${files.map((f) => `"${f}"`).join(' ')}; hierarchy -check`]];
    }
    case 'verilator':
      verilatorExe ??= verilatorCommand();
      return [verilatorExe, ['--lint-only', '--timing', '-Wno-fatal', ...inc, ...files]];
  }
}

/**
 * Runs one tool on one file, or on several read together as one design (from the first one's
 * folder); a tool that runs past `timeoutMs` counts as rejecting it.
 */
export function runReferenceTool(tool: ReferenceTool, file: string | readonly string[], includeDirs: readonly string[] = [], timeoutMs = 20_000): Promise<ToolVerdict> {
  const files = typeof file === 'string' ? [file] : file;
  const [cmd, args] = commandFor(tool, files, includeDirs);
  return new Promise((done) => {
    // Its own process group, so a timeout also stops the programs a driver started (iverilog runs ivlpp and ivl).
    const child = spawn(cmd, args, { cwd: dirname(resolve(files[0])), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (b: Buffer) => { if (out.length < 1 << 20) out += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { if (out.length < 1 << 20) out += b.toString(); });
    const timer = setTimeout(() => killGroup(child.pid), timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); done({ tool, accepted: false, errorLines: [], message: `could not run ${cmd}: ${e.message}` }); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) { done({ tool, accepted: false, errorLines: [], message: `${cmd} stopped by ${signal}` }); return; }
      const { lines, message } = errorsOf(tool, out, files);
      const accepted = code === 0 && !reportedErrors(tool, out);
      done({ tool, accepted, errorLines: accepted ? [] : lines, message: accepted ? '' : message });
    });
  });
}

/**
 * Every reference tool on every file (or unit: files read together), `jobs` tool processes at once
 * (default: one per core); returns, per file, the three verdicts in `referenceTools` order.
 */
export async function runReferenceToolsOn(
  files: readonly (string | readonly string[])[],
  includeDirs: readonly string[] | ((f: number) => readonly string[]),
  options: { jobs?: number; timeoutMs?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<ToolVerdict[][]> {
  const verdicts: ToolVerdict[][] = files.map(() => []);
  const work = files.flatMap((file, f) => referenceTools.map((tool, k) => ({ file, f, tool, k })));
  const includesOf = typeof includeDirs === 'function' ? includeDirs : () => includeDirs;
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < work.length) {
      const { file, f, tool, k } = work[next++];
      verdicts[f][k] = await runReferenceTool(tool, file, includesOf(f), options.timeoutMs);
      options.onProgress?.(++done, work.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs ?? availableParallelism()) }, lane));
  return verdicts;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * A failed elaboration that a tool's exit status does not show: iverilog exits with its count of
 * elaboration errors, which wraps at 256 (a design with 256 or 768 of them exits 0), so its own
 * summary line decides. (A few error lines iverilog prints with no summary do not stop it producing
 * its output; those runs count as accepting, as their exit status says.)
 */
export function reportedErrors(tool: ReferenceTool, output: string): boolean {
  return tool === 'iverilog' && /^\d+ error\(s\) during elaboration\.?$|^Elaboration failed$/m.test(output);
}

/** The error lines (in `file`, or in any of several files) and first error message of a tool's output. */
export function errorsOf(tool: ReferenceTool, output: string, file: string | readonly string[]): { lines: number[]; message: string } {
  const names = new Set((typeof file === 'string' ? [file] : file).map((f) => basename(f)));
  const lines: number[] = [];
  let message = '';
  const inFile = (path: string) => names.has(basename(path));
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    let m: RegExpExecArray | null = null;
    if (tool === 'iverilog') m = /^(.+?):(\d+):\s*(?:error|syntax error|sorry|Include file)/i.exec(line);
    else if (tool === 'yosys') m = /^(.+?):(\d+)(?:\.\d+(?:-\d+\.\d+)?)?: ERROR/.exec(line);
    else m = /^%Error(?:-[A-Z0-9_]+)?: (.+?):(\d+):\d+:/.exec(line);
    if (m && inFile(m[1])) lines.push(Number(m[2]));
    const isError = tool === 'iverilog' ? /error|sorry|I give up/i.test(line) : tool === 'yosys' ? /ERROR/.test(line) : /^%Error/.test(line);
    if (!message && isError) message = line.slice(0, 200);
  }
  return { lines, message };
}
