import { runYosys, type YosysBackend } from '../../../../eda/synth/index.ts';
import { contentHash, ContentCache } from '../../../../util/index.ts';
import type { YosysJson } from './netlist-graph.ts';
import { QOR_FLOW_HASH, flowLiberty, qorOf, qorScript } from './qor-flow.ts';
import { explainFlowError } from './flow-errors.ts';

export interface SynthesizedQor {
  readonly top: string;
  readonly areaUm2: number;
  readonly delayPs: number;
  /** Wall time of the Yosys run (0 when it came from the cache). */
  readonly seconds: number;
  readonly tool: string;
  /** Hash of the labelling script (`QOR_FLOW_HASH`). */
  readonly flow: string;
}

/**
 * Synthesizes sources with the script that labelled the training data (so predicted and
 * synthesized numbers mean the same thing), through the eda/synth runner (embedded wasm Yosys or
 * the native binary). Cached by content hash. A design Yosys refuses in a way the corpus meets
 * (`flow-errors.ts`) gives a UserError at the file position with the fix.
 */
export async function synthesizeQor(sources: Readonly<Record<string, string>>, top: string | undefined, liberty: string, backend: YosysBackend, useCache = true): Promise<SynthesizedQor> {
  const script = qorScript(Object.keys(sources), top);
  const key = contentHash('veridistill-compare-v3', backend, script, sources, liberty);
  const cache = new ContentCache<SynthesizedQor>('veridistill-compare');
  const hit = useCache ? cache.get(key) : undefined;
  if (hit) return { ...hit, seconds: 0 };
  const t0 = performance.now();
  const lib = flowLiberty(liberty);
  const run = await runYosys({ script, files: { ...sources, 'cells.lib': lib }, backend, outputs: ['netlist.json'] }).catch((e: unknown) => {
    throw explainFlowError(e, sources);
  });
  const seconds = (performance.now() - t0) / 1000;
  const netlist = run.outputs['netlist.json'];
  const qor = netlist === undefined ? undefined : qorOf(JSON.parse(netlist) as YosysJson, run.log, lib);
  if (!qor) throw new Error(`Yosys wrote no netlist with a top module; log tail:\n${run.log.slice(-1500)}`);
  const result = { ...qor, seconds, tool: run.version, flow: QOR_FLOW_HASH };
  if (useCache) cache.put(key, result);
  return result;
}
