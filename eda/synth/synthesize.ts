// The synthesis flow: generic Yosys synthesis, an AIG view (`abc -g AND`) for node and level
// counts, and with a Liberty file a technology mapping for area and ABC's delay estimate. Results
// are cached by content hash of the design, the flow script and the tool version.
import { ContentCache, UserError, contentHash } from '../../util/index.ts';
import { aigSize, type AigSize } from './aig-levels.ts';
import { parseAbcStime } from './recipes/abc-log.ts';
import { HIERARCHY, parseStatJson, withLibertyArea, type CellStats } from './stat-json.ts';
import { runYosys, yosysVersion, type YosysBackend } from './yosys-runner.ts';

export interface SynthOptions {
  /** Verilog sources by file name (the names appear in Yosys's error messages). */
  readonly sources: Readonly<Record<string, string>>;
  readonly top: string;
  /** Liberty text for technology mapping (area, delay); omit for a generic synthesis only. */
  readonly liberty?: string;
  readonly backend?: YosysBackend;
  /** Run `check -assert` after elaboration and refuse latches (for generated designs). */
  readonly check?: boolean;
  /** ABC commands applied to the AIG before counting (default: Yosys's own `abc -g AND` script). */
  readonly aigRecipe?: readonly string[];
  /**
   * Flatten before synthesis (default true). Without flattening every distinct module is
   * synthesized once, which is much faster for arrays of identical cells; counts and area are then
   * the hierarchy's totals and AIG levels the deepest single module (a lower bound).
   */
  readonly flatten?: boolean;
  /** With flatten: modules kept as separate (each synthesized once), all others flattened into them. */
  readonly keepHierarchy?: readonly string[];
  /** Read and write the content-hash cache (default true). */
  readonly cache?: boolean;
}

export interface MappedStats extends CellStats {
  /** Total cell area as `stat -liberty` computes it (Liberty area units: um^2 for the usual libraries). */
  readonly area: number;
  /** ABC's `stime` delay estimate of the mapped combinational logic, ps. */
  readonly delayPs?: number;
}

export interface SynthResult {
  readonly top: string;
  readonly tool: string;
  /** Yosys internal gates after `synth -flatten`. */
  readonly generic: CellStats;
  readonly aig: AigSize;
  readonly mapped?: MappedStats;
}

const flowVersion = 3; // bump when the script below changes meaning (3: stat -json)

/** The flow's script, files, tool and cache key for these options. */
async function prepare(options: SynthOptions) {
  const backend = options.backend ?? 'wasm';
  if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(options.top)) throw new UserError(`'${options.top}' is not a Verilog module name`, '--top');
  const files: Record<string, string> = { ...options.sources };
  const script = flowScript(options, files);
  const tool = await yosysVersion(backend);
  return { backend, files, script, tool, key: contentHash(flowVersion, tool, script, files) };
}

/** True when `synthesize(options)` would be answered from the cache (progress bars leave it out of the ETA). */
export async function synthesisCached(options: SynthOptions): Promise<boolean> {
  return options.cache !== false && new ContentCache<SynthResult>('synth').get((await prepare(options)).key) !== undefined;
}

export async function synthesize(options: SynthOptions): Promise<SynthResult> {
  const { backend, files, script, tool, key } = await prepare(options);
  const compute = async (): Promise<SynthResult> => {
    const run = await runYosys({ script, files, backend, outputs: ['generic.json', 'aig.json', 'mapped.json'] });
    const need = (name: string) => {
      const text = run.outputs[name];
      if (text === undefined) throw new Error(`yosys did not write ${name}; log tail:\n${run.log.slice(-2000)}`);
      return text;
    };
    const flat = options.flatten !== false && !options.keepHierarchy?.length;
    const generic = parseStatJson(need('generic.json'), flat ? options.top : HIERARCHY);
    if (options.check) refuseLatches(generic, options.top);
    const result: SynthResult = { top: options.top, tool, generic, aig: aigSize(need('aig.json'), options.top) };
    if (options.liberty === undefined) return result;
    const mappedStat = withLibertyArea(parseStatJson(need('mapped.json'), flat ? options.top : HIERARCHY), options.liberty);
    const timing = parseAbcStime(run.log);
    return { ...result, mapped: { ...mappedStat, ...(timing ? { delayPs: timing.delayPs } : {}) } };
  };
  // The cache folder is read per call, so TESSERA_CACHE set after import still counts.
  return options.cache === false ? compute() : new ContentCache<SynthResult>('synth').getOrCompute(key, compute);
}

/** Builds the Yosys script; adds the ABC scripts and the Liberty file to `files`. */
function flowScript(options: SynthOptions, files: Record<string, string>): string {
  const reads = Object.keys(options.sources).map((f) => `read_verilog -defer ${quote(f)}`);
  const lines = [...reads, `hierarchy -check -top ${options.top}`];
  // The check looks at the flattened design; synthesis starts again from the elaborated hierarchy.
  if (options.check) lines.push('design -save elaborated', 'proc', 'flatten', 'check -assert', 'design -load elaborated');
  const flat = options.flatten !== false;
  for (const m of options.keepHierarchy ?? []) lines.push(`setattr -mod -set keep_hierarchy 1 ${quote(m)}`);
  lines.push(`synth${flat ? ' -flatten' : ''} -top ${options.top}`, `tee -q -o generic.json stat -json -top ${options.top}`, 'design -save generic');
  if (options.aigRecipe) {
    files['aig.abc'] = ['strash', ...options.aigRecipe, 'map'].join('\n');
    lines.push('abc -g AND -script aig.abc');
  } else lines.push('abc -g AND');
  lines.push('opt_clean', 'write_json aig.json');
  if (options.liberty !== undefined) {
    files['cells.lib'] = options.liberty;
    // Yosys's default Liberty script for ABC, followed by a timing report (stime) of the result.
    files['map.abc'] = ['strash', '&get -n', '&fraig -x', '&put', 'scorr', 'dc2', 'dretime', 'strash', '&get -n', '&dch -f', '&nf', '&put', 'topo', 'stime -p'].join('\n');
    lines.push('design -load generic', 'dfflibmap -liberty cells.lib', 'abc -liberty cells.lib -script map.abc', 'opt_clean', `tee -q -o mapped.json stat -json -liberty cells.lib -top ${options.top}`);
  }
  return `${lines.join('\n')}\n`;
}

function quote(file: string): string {
  if (/["\s]/.test(file)) throw new UserError(`source file names may not contain spaces or quotes: '${file}'`, 'FILE');
  return file;
}

function refuseLatches(stats: CellStats, top: string): void {
  const latches = Object.entries(stats.cellsByType).filter(([type]) => /LATCH|^\$_SR_/.test(type));
  if (latches.length > 0) {
    throw new UserError(`design '${top}' infers latches: ${latches.map(([t, n]) => `${n} x ${t}`).join(', ')}`, 'design', 'assign every signal on every path of a combinational always block');
  }
}
