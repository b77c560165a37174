import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { libertyCellAreas, parseAbcStimes } from '../../../eda/synth/index.ts';
import { trackChild } from '../../../util/index.ts';
import type { CorpusDesign } from './corpus.ts';
import { netlistGraphFromYosysJson, type NetlistGraph, type YosysJson } from './netlist-graph.ts';

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
 * cells (ABC `map`), then ABC's `stime` for the longest combinational delay; the netlist JSON gives
 * the top module and its cells (area: `qorOf`).
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
    `write_json ${jsonOut}`,
  ].join('\n');
}

/**
 * The labels of a synthesized design: the top module (the one Yosys marks `top` in its netlist
 * JSON), its cell area as `stat -liberty` sums it (Liberty area per cell; cells the library lacks
 * add nothing) and the largest delay ABC's `stime` printed (one ABC run per clock domain; 0 for a
 * design without combinational logic). Undefined when the netlist has no top module.
 */
export function qorOf(netlist: YosysJson, log: string, liberty: string): { areaUm2: number; delayPs: number; top: string } | undefined {
  const top = Object.entries(netlist.modules).find(([, m]) => /^0*1$/.test(m.attributes?.top ?? ''))?.[0];
  if (top === undefined) return undefined;
  const areas = libertyCellAreas(liberty);
  const areaUm2 = Object.values(netlist.modules[top].cells ?? {}).reduce((s, c) => s + (areas.get(c.type) ?? 0), 0);
  const delays = parseAbcStimes(log).map((t) => t.delayPs);
  return { top, areaUm2, delayPs: delays.length ? Math.max(...delays) : 0 };
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
    const netlist = JSON.parse(readFileSync(json, 'utf8')) as YosysJson;
    const qor = qorOf(netlist, log, readFileSync(input.liberty, 'utf8'));
    if (!qor) return { ok: false, error: 'the Yosys netlist has no top module' };
    const graph = netlistGraphFromYosysJson(netlist, qor.top);
    return { ok: true, ...qor, cells: graph.nodeType.filter((t) => !graph.types[t].startsWith('$port')).length, graph };
  } catch (e) {
    const err = e as { killed?: boolean; stderr?: string; message?: string };
    const why = err.killed ? `timed out after ${input.timeoutSeconds} s` : (err.stderr || err.message || String(e)).trim().split('\n').slice(-2).join(' ');
    return { ok: false, error: why };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
