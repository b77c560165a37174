import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aigStats, readAiger, truthHex, writeAig, type Aig } from '../../../../eda/aig/index.ts';
import { runYosys } from '../../../../eda/synth/index.ts';
import { UserError, killChild, trackChild } from '../../../../util/index.ts';
import { isConstant, type TruthFunction } from './truth-function.ts';
import { tableAig } from '../generate.ts';

/**
 * ABC's optimized implementation of a truth table, the target of every training pair and the
 * reference for AND counts: `read_truth` (hex, `-f` with one line per output), then this script
 * (resyn2 spelled out, since a bare ABC has no abc.rc aliases).
 */
export const ABC_SCRIPT = 'strash; dc2; balance; rewrite; refactor; balance; rewrite; rewrite -z; balance; refactor -z; rewrite -z; balance';
export const ABC_FLOW = `read_truth; ${ABC_SCRIPT}`;

/** A native ABC binary (yosys-abc ships with Debian's yosys; berkeley-abc is Debian's ABC), or undefined. */
export function findNativeAbc(): string | undefined {
  for (const bin of ['yosys-abc', 'berkeley-abc']) {
    const r = spawnSync(bin, ['-c', 'quit'], { encoding: 'utf8' });
    if (r.status === 0) return bin;
  }
  return undefined;
}

/** The version line of a native ABC binary (part of cache keys). */
export function nativeAbcVersion(abc: string): string {
  const r = spawnSync(abc, ['-c', 'version'], { encoding: 'utf8' });
  return `${abc} ${/UC Berkeley, ABC[^\n]*/.exec(r.stdout)?.[0]?.trim() ?? 'unknown'}`;
}

function readTruthCommand(fn: TruthFunction, k: number, dir: string): string {
  if (fn.tables.length === 1) return `read_truth ${truthHex(fn.tables[0], fn.inputs)}`;
  const file = join(dir, `t${k}.txt`);
  writeFileSync(file, fn.tables.map((t) => truthHex(t, fn.inputs)).join('\n') + '\n');
  return `read_truth -f ${file}`;
}

function runAbc(abc: string, script: string, cwd: string, timeoutSeconds: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(abc, ['-f', script], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    trackChild(child, { dir: cwd });
    let out = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) killChild(child.pid, { dir: cwd });
    }, timeoutSeconds * 1000);
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else if (timedOut) reject(new UserError(`${abc} did not finish within ${timeoutSeconds} s and was stopped`, abc));
      else reject(new UserError(`${abc} failed (exit ${code}): ${out.trim().split('\n').slice(-3).join(' | ')}`, abc));
    });
  });
}

/**
 * ABC's implementation of each function, in one native ABC process. Functions must be
 * non-constant (ABC's read_truth refuses constant tables). Inputs of each returned AIG are the
 * function's inputs in order.
 */
export async function abcImplementations(functions: readonly TruthFunction[], abc: string, timeoutSeconds = 600): Promise<Aig[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-seadag-abc-'));
  try {
    const lines = functions.map((fn, k) => `${readTruthCommand(fn, k, dir)}; ${ABC_SCRIPT}; write_aiger ${join(dir, `f${k}.aig`)}`);
    const script = join(dir, 'script.abc');
    writeFileSync(script, lines.join('\n') + '\n');
    await runAbc(abc, script, dir, timeoutSeconds);
    return functions.map((_, k) => {
      const file = join(dir, `f${k}.aig`);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new UserError(`ABC wrote no implementation for function ${k + 1} of ${functions.length}`, abc, 'check that no table is constant');
      }
      return readAiger(bytes, file);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface AbcCount { readonly ands: number; readonly levels: number; readonly backend: 'native' | 'wasm' }

/**
 * ABC's AND count and levels for one function: native ABC when installed, else the embedded
 * Yosys's ABC (wasm), whose file reading traps, so there only single-output tables are counted
 * (undefined for several outputs).
 */
export async function abcCount(fn: TruthFunction): Promise<AbcCount | undefined> {
  const abc = findNativeAbc();
  if (abc) {
    const [aig] = await abcImplementations([fn], abc, 120);
    const s = aigStats(aig);
    return { ands: s.ands, levels: s.levels, backend: 'native' };
  }
  if (fn.tables.length !== 1) return undefined;
  // ABC's &get keeps Yosys's design aside while the truth table is optimized, and &put restores it.
  const script = `&get -n; read_truth ${truthHex(fn.tables[0], fn.inputs)}; ${ABC_SCRIPT}; print_stats; &put\n`;
  const r = await runYosys({
    backend: 'wasm',
    script: 'read_verilog stub.v; synth -top stub; abc -script seadag.abc',
    files: { 'stub.v': 'module stub(input a, output y); assign y = ~a; endmodule\n', 'seadag.abc': script },
  });
  const m = /and =\s*(\d+)\s+lev =\s*(\d+)/.exec(r.log.replace(/\x1b\[[0-9;]*m/g, ''));
  return m ? { ands: Number(m[1]), levels: Number(m[2]), backend: 'wasm' } : undefined;
}

/**
 * ABC's own verdict on a circuit: `cec` of the circuit against ABC's network of the truth table
 * (`read_truth`; inputs and outputs matched by position). True when ABC reports the networks equivalent.
 */
export async function abcProvesEquivalent(fn: TruthFunction, aig: Aig, abc: string): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-seadag-cec-'));
  try {
    const file = join(dir, 'circuit.aig');
    writeFileSync(file, writeAig(aig));
    const script = join(dir, 'cec.abc');
    // read_truth trips an assertion in ABC on a constant table: then the reference is a mux tree of the table.
    let reference = `${readTruthCommand(fn, 0, dir)}; strash`;
    if (fn.tables.some((t) => isConstant(t, fn.inputs))) {
      writeFileSync(join(dir, 'table.aig'), writeAig(tableAig(fn)));
      reference = `read ${join(dir, 'table.aig')}`;
    }
    writeFileSync(script, `${reference}; cec -n ${file}\n`);
    const log = await runAbc(abc, script, dir, 120);
    if (/Networks are equivalent/.test(log)) return true;
    if (/NOT EQUIVALENT|are not equivalent|Verification failed/i.test(log)) return false;
    throw new UserError(`could not read ABC's cec verdict: ${log.trim().split('\n').slice(-2).join(' | ')}`, abc);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
