import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { trackChild } from '../../../util/index.ts';
import type { CorpusDesign } from './corpus.ts';
import { netlistGraphFromYosysJson, type NetlistGraph } from './netlist-graph.ts';

const run = promisify(execFile);

export interface LabelTaskInput {
  readonly design: CorpusDesign;
  /** Uncompressed Liberty file (Nangate45 typical). */
  readonly liberty: string;
  readonly yosys: string;
  readonly timeoutSeconds: number;
}

/** The synthesized QoR of one design, or why it could not be synthesized. */
export type LabelResult =
  | { ok: true; top: string; areaUm2: number; delayPs: number; cells: number; graph: NetlistGraph }
  | { ok: false; error: string };

/**
 * The Yosys script for a QoR label: generic synthesis, flip-flops and logic mapped to the Liberty
 * cells (ABC `map`), then ABC's `stime` for the longest combinational delay and `stat -liberty`
 * for the cell area.
 */
export function labelScript(d: Pick<CorpusDesign, 'synthFiles' | 'top'>, liberty: string, jsonOut: string): string {
  const includes = [...new Set(d.synthFiles.map((f) => dirname(f)))].filter((dir) => dir !== '.').map((dir) => `-I${dir}`).join(' ');
  // SystemVerilog mode only for .sv files: it makes words like `packed` keywords, which plain
  // Verilog-2005 (e.g. the generated MixPE array) may use as names.
  const reads = [false, true].flatMap((sv) => {
    const files = d.synthFiles.filter((f) => f.endsWith('.sv') === sv);
    return files.length ? [`read_verilog ${sv ? '-sv ' : ''}${includes} ${files.map((f) => `"${f}"`).join(' ')}`] : [];
  });
  return [
    ...reads,
    `synth -flatten ${d.top ? `-top ${d.top}` : ''}`,
    `dfflibmap -liberty ${liberty}`,
    `abc -liberty ${liberty} -script +strash;dch,-f;map;topo;stime,-p`,
    'opt_clean',
    `stat -liberty ${liberty}`,
    `write_json ${jsonOut}`,
  ].join('\n');
}

/** The largest `Delay = X ps` ABC printed (one ABC run per clock domain) and the chip area. */
export function parseQor(log: string): { areaUm2: number; delayPs: number; top: string } | undefined {
  const delays = [...log.matchAll(/Delay =\s*([\d.]+) ps/g)].map((m) => Number(m[1]));
  const area = /Chip area for (?:top )?module '\\?([^']+)':\s*([\d.]+)/.exec(log);
  if (!area) return undefined;
  return { top: area[1], areaUm2: Number(area[2]), delayPs: delays.length ? Math.max(...delays) : 0 };
}

/** Worker-pool task: synthesizes one design with native Yosys and returns its labels and graph. */
export default async function labelDesign(input: LabelTaskInput): Promise<LabelResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-label-'));
  try {
    const script = join(dir, 'label.ys');
    const json = join(dir, 'netlist.json');
    writeFileSync(script, labelScript(input.design, input.liberty, json));
    const running = run(input.yosys, ['-q', '-s', script, '-l', join(dir, 'log.txt')], {
      timeout: input.timeoutSeconds * 1000,
      maxBuffer: 64 << 20,
      killSignal: 'SIGKILL',
    });
    trackChild(running.child, { dir });
    const { stdout } = await running;
    const log = readFileSync(join(dir, 'log.txt'), 'utf8') + stdout;
    const qor = parseQor(log);
    if (!qor) return { ok: false, error: 'no area in the Yosys log' };
    const graph = netlistGraphFromYosysJson(JSON.parse(readFileSync(json, 'utf8')), qor.top);
    return { ok: true, ...qor, cells: graph.nodeType.filter((t) => !graph.types[t].startsWith('$port')).length, graph };
  } catch (e) {
    const err = e as { killed?: boolean; stderr?: string; message?: string };
    const why = err.killed ? `timed out after ${input.timeoutSeconds} s` : (err.stderr || err.message || String(e)).trim().split('\n').slice(-2).join(' ');
    return { ok: false, error: why };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
