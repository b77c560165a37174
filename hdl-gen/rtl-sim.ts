// Runs a Verilog testbench under Icarus Verilog or Verilator and returns what it printed. Tools
// are started with argument arrays; a missing tool is a UserError with the install hint.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError, trackChild } from '../util/index.ts';

export type RtlSimulator = 'iverilog' | 'verilator';
export const rtlSimulators: readonly RtlSimulator[] = ['iverilog', 'verilator'];

const installHint: Record<RtlSimulator, string> = {
  iverilog: 'install it with `sudo apt-get install iverilog`',
  verilator: 'install it with `sudo apt-get install verilator`',
};

/** True when the simulator's compiler is on the PATH. */
export function hasRtlSimulator(sim: RtlSimulator): boolean {
  const r = spawnSync(sim === 'iverilog' ? 'iverilog' : 'verilator', ['-V'], { stdio: 'ignore' });
  return !r.error;
}

export interface RtlRun {
  readonly simulator: RtlSimulator;
  /** Files by name: `.v` files are compiled (the testbench among them), the rest are data it reads. */
  readonly files: Readonly<Record<string, string>>;
  readonly top: string;
  /** Keep the build here (default: a temporary folder removed afterwards). */
  readonly workDir?: string;
}

export interface RtlResult {
  readonly stdout: string;
  /** Seconds spent compiling and running. */
  readonly compileSeconds: number;
  readonly runSeconds: number;
}

export async function runRtl(run: RtlRun): Promise<RtlResult> {
  if (!hasRtlSimulator(run.simulator)) {
    throw new UserError(`${run.simulator} was not found on the PATH`, '--sim', installHint[run.simulator]);
  }
  const dir = run.workDir ?? mkdtempSync(join(tmpdir(), `tessera-${run.simulator}-`));
  mkdirSync(dir, { recursive: true });
  try {
    for (const [name, text] of Object.entries(run.files)) writeFileSync(join(dir, name), text);
    const sources = Object.keys(run.files).filter((name) => name.endsWith('.v')).map((name) => join(dir, name));
    const t0 = performance.now();
    let binary: string;
    let args: string[];
    if (run.simulator === 'iverilog') {
      binary = 'vvp';
      const image = join(dir, 'sim.vvp');
      await exec('iverilog', ['-g2005', '-s', run.top, '-o', image, ...sources], dir);
      args = ['-n', image];
    } else {
      const obj = join(dir, 'obj');
      await exec('verilator', ['--binary', '--timing', '-O3', '-Wno-fatal', '-Wno-lint', '-Wno-style', '--top-module', run.top, '--Mdir', obj, '-j', '2', ...sources], dir);
      binary = join(obj, `V${run.top}`);
      args = [];
    }
    const t1 = performance.now();
    const stdout = await exec(binary, args, dir);
    return { stdout, compileSeconds: (t1 - t0) / 1000, runSeconds: (performance.now() - t1) / 1000 };
  } finally {
    if (!run.workDir) rmSync(dir, { recursive: true, force: true });
  }
}

function exec(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    trackChild(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString();
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} exited with ${code}:\n${Buffer.concat(err).toString().slice(-4000)}\n${stdout.slice(-2000)}`));
    });
  });
}
