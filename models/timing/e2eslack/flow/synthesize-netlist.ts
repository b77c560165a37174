import { ContentCache, UserError, contentHash } from '../../../../util/index.ts';
import { readLiberty, runYosys, yosysVersion, type YosysBackend } from '../../../../eda/synth/index.ts';
import { trimLiberty, type CellLibrary } from './technology.ts';

export interface NetlistSynthesis {
  /** Verilog sources by file name. */
  readonly sources: Readonly<Record<string, string>>;
  readonly top: string;
  readonly library: CellLibrary;
  /** Clock period (ns): ABC's delay target for mapping, buffering and sizing. */
  readonly clockPeriodNs: number;
  readonly backend?: YosysBackend;
  readonly timeoutSeconds?: number;
}

export interface MappedNetlist {
  readonly verilog: string;
  readonly tool: string;
  readonly cells: number;
  readonly seconds: number;
}

const flowVersion = 1;

/**
 * RTL to a flat gate-level netlist of the library: `synth -flatten`, flip-flops by dfflibmap,
 * combinational logic by ABC with the clock period as delay target and a constraints file (so
 * ABC buffers high fanout and sizes gates: its `buffer; upsize; dnsize` script), constants on tie
 * cells, bus ports split into bits. Cached by content hash of sources, script and tool.
 */
export async function synthesizeNetlist(o: NetlistSynthesis): Promise<MappedNetlist> {
  const backend = o.backend ?? 'wasm';
  if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(o.top)) throw new UserError(`'${o.top}' is not a Verilog module name`, '--top');
  const lib = o.library;
  // Files without a module are include-only (headers, tables): present for `include, never read on their own.
  // A file whose modules another file defines as well (a concatenation of the others) is left out.
  const reads = designFiles(o.sources).map((f) => `read_verilog -defer ${f.endsWith('.sv') ? '-sv ' : ''}${f}`);
  const delayPs = Math.round(o.clockPeriodNs * 1000);
  const script = [
    ...reads,
    `hierarchy -check -top ${o.top}`,
    `synth -flatten -top ${o.top}`,
    'dfflibmap -liberty cells.lib',
    `abc -D ${delayPs} -constr abc.constr -liberty cells.lib`,
    'opt_clean',
    'setundef -zero',
    `hilomap -hicell ${lib.tieHigh.join(' ')} -locell ${lib.tieLow.join(' ')}`,
    'splitnets -ports',
    'opt_clean -purge',
    `tee -q -o mapped.stat stat -top ${o.top}`,
    'write_verilog -noattr -noexpr -nohex -nodec netlist.v',
    '',
  ].join('\n');
  const tool = await yosysVersion(backend);
  const libertyText = trimLiberty(readLiberty(lib.liberty), lib.dontUse);
  const constr = `set_driving_cell ${lib.drivingCell[0]}\nset_load ${lib.outputLoad}\n`;
  const key = contentHash(flowVersion, tool, script, o.sources, constr, libertyText);
  return new ContentCache<MappedNetlist>('e2eslack-synth').getOrCompute(key, async () => {
    const t0 = performance.now();
    const run = await runYosys({ script, backend, timeoutSeconds: o.timeoutSeconds, files: { ...o.sources, 'cells.lib': libertyText, 'abc.constr': constr }, outputs: ['netlist.v', 'mapped.stat'] });
    const verilog = run.outputs['netlist.v'];
    if (!verilog) throw new Error(`yosys wrote no netlist; log tail:\n${run.log.slice(-2000)}`);
    const cells = Number(/Number of cells:\s+(\d+)/.exec(run.outputs['mapped.stat'] ?? '')?.[1] ?? NaN);
    return { verilog, tool, cells, seconds: (performance.now() - t0) / 1000 };
  });
}

/** The source files to read: those defining modules, without files whose every module another, larger file also defines. */
export function designFiles(sources: Readonly<Record<string, string>>): string[] {
  const modules = new Map<string, Set<string>>();
  for (const [f, text] of Object.entries(sources)) {
    const names = [...text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').matchAll(/^\s*module\s+([A-Za-z_][A-Za-z0-9_$]*)/gm)].map((m) => m[1]!);
    if (names.length > 0) modules.set(f, new Set(names));
  }
  const covered = (f: string) => [...modules].some(([g, set]) => g !== f && set.size > modules.get(f)!.size && [...modules.get(f)!].every((m) => set.has(m)));
  const read = [...modules.keys()].filter((f) => !covered(f));
  // Of files defining the same modules, the largest stays: drop the other files that define any of them.
  return read.filter((f) => !read.some((g) => g !== f && modules.get(g)!.size > modules.get(f)!.size && [...modules.get(f)!].some((m) => modules.get(g)!.has(m))));
}
