import { runYosys, type YosysBackend } from '../../../../eda/synth/index.ts';
import { netlistGraphFromYosysJson, type NetlistGraph, type YosysJson } from './netlist-graph.ts';
import { flowLiberty, qorOf, qorScript } from './qor-flow.ts';

export interface LabelTaskInput {
  /** Design sources by relative path. */
  readonly sources: Readonly<Record<string, string>>;
  readonly top?: string;
  /** Uncompressed Liberty text. */
  readonly liberty: string;
  readonly backend: YosysBackend;
  /** Native Yosys only: stop it after this long (wasm runs are stopped by the pool's timeout). */
  readonly timeoutSeconds: number;
}

/** The synthesized QoR of one design, or why it could not be synthesized. */
export type LabelResult =
  | { ok: true; top: string; areaUm2: number; delayPs: number; cells: number; seconds: number; tool: string; graph: NetlistGraph }
  | { ok: false; error: string };

/** Synthesizes one design with the labelling flow and returns its labels and mapped-netlist graph. */
export async function labelSources(input: LabelTaskInput): Promise<LabelResult> {
  const t0 = performance.now();
  const liberty = flowLiberty(input.liberty);
  try {
    const run = await runYosys({
      script: qorScript(Object.keys(input.sources), input.top),
      files: { ...input.sources, 'cells.lib': liberty },
      backend: input.backend,
      outputs: ['netlist.json'],
      timeoutSeconds: input.timeoutSeconds,
    });
    const text = run.outputs['netlist.json'];
    if (text === undefined) return { ok: false, error: `Yosys wrote no netlist; log tail: ${run.log.trim().split('\n').slice(-2).join(' | ')}` };
    const netlist = JSON.parse(text) as YosysJson;
    const qor = qorOf(netlist, run.log, liberty);
    if (!qor) return { ok: false, error: 'the Yosys netlist has no top module' };
    const graph = netlistGraphFromYosysJson(netlist, qor.top);
    const cells = graph.nodeType.filter((t) => !graph.types[t].startsWith('$port')).length;
    return { ok: true, ...qor, cells, seconds: (performance.now() - t0) / 1000, tool: run.version, graph };
  } catch (e) {
    return { ok: false, error: ((e as Error).message ?? String(e)).trim().split('\n').slice(-2).join(' ') };
  }
}

// Worker-pool task: one design per call; the Liberty text is cloned per task (a few ms; callers pass
// flowLiberty's text, which the task keeps as it is).
export default labelSources;
