// The one labelling flow of VeriDistill: the Yosys script that labels the training data is the
// script `--compare` and the demo run, on the same Yosys build (the embedded wasm one unless a
// test shows the native build gives identical numbers). Every record carries the tool version and
// the hash of the script's fixed part, so labels from different flows are never mixed.
import { dirname } from 'node:path';
import { libertyCellAreas, parseAbcStimes } from '../../../../eda/synth/index.ts';
import { contentHash } from '../../../../util/index.ts';
import type { YosysJson } from './netlist-graph.ts';

/** The synthesis and mapping commands after the reads; `TOP` is replaced by `-top NAME` or nothing. */
const FLOW_COMMANDS = ['synth -flatten TOP', 'dfflibmap -liberty cells.lib', 'abc -liberty cells.lib -script +strash;dch,-f;map;topo;stime,-p', 'opt_clean', 'write_json netlist.json'];

/** The Yosys build that labels by default: the embedded one, so anyone reproduces the labels. */
export const LABEL_BACKEND = 'wasm';

/** Hash of the flow's fixed part (what `record.flow` carries); changes whenever the script does. */
export const QOR_FLOW_HASH = contentHash('veridistill-qor-flow', FLOW_COMMANDS).slice(0, 16);

let lastLiberty: { text: string; flow: string } | undefined;

/**
 * The Liberty text the flow hands Yosys: the library without its `internal_power` groups (a third
 * of sky130's 12.8 MB). dfflibmap and ABC parse the whole file on every run, so this cuts their
 * parsing; the netlists are byte-identical (qor-flow.test.ts), so the labels and the cache key
 * (the full library's hash) stay as they were. Idempotent.
 */
export function flowLiberty(liberty: string): string {
  if (lastLiberty?.text === liberty) return lastLiberty.flow;
  const kept: string[] = [];
  let from = 0;
  // A group neither `dfflibmap` nor ABC's `read_lib` / `map` reads.
  const header = /\n[ \t]*internal_power\s*\([^)]*\)\s*\{/g;
  for (let m = header.exec(liberty); m; m = header.exec(liberty)) {
    let i = m.index + m[0].length;
    for (let depth = 1; depth > 0 && i < liberty.length; i++) depth += liberty[i] === '{' ? 1 : liberty[i] === '}' ? -1 : 0;
    kept.push(liberty.slice(from, m.index));
    from = i;
    header.lastIndex = i;
  }
  kept.push(liberty.slice(from));
  const flow = kept.join('');
  lastLiberty = { text: liberty, flow };
  return flow;
}

/**
 * The labelling script for sources given by relative path (the Liberty file is `cells.lib`, the
 * netlist is written to `netlist.json`). Include folders are the sources' own folders.
 */
export function qorScript(files: readonly string[], top: string | undefined): string {
  const includes = [...new Set(files.map((f) => dirname(f)))].filter((dir) => dir !== '.').map((dir) => ` -I${dir}`).join('');
  // SystemVerilog mode only for .sv files: it makes words like `packed` keywords, which plain
  // Verilog-2005 (e.g. the generated MixPE array) may use as names.
  const reads = [false, true].flatMap((sv) => {
    const some = files.filter((f) => f.endsWith('.sv') === sv);
    return some.length ? [`read_verilog ${sv ? '-sv' : ''}${includes} ${some.map((f) => `"${f}"`).join(' ')}`.replace(/ {2,}/g, ' ')] : [];
  });
  return [...reads, ...FLOW_COMMANDS.map((c) => c.replace(' TOP', top ? ` -top ${top}` : ''))].join('\n') + '\n';
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
