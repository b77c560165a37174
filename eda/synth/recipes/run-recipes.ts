// Synthesizes a design once with Yosys into an AIG, then applies any number of ABC recipes to that
// AIG in one ABC run: each recipe records AIG nodes and levels after every operation (the
// trajectory), then the LUT-6 mapping and, with a Liberty file, the cell-mapped area and delay.
import { ContentCache, UserError, contentHash } from '../../../util/index.ts';
import { readAiger, writeAag, writeAig } from '../../aig/index.ts';
import { runAbcNative } from '../abc-runner.ts';
import { runYosys, yosysVersion, type YosysBackend } from '../index.ts';
import { parseAbcStimes, parseLutMappings, parsePrintStats, type AigPoint } from './abc-log.ts';
import type { AbcSequence } from './operations.ts';

export interface RecipeRunOptions {
  /**
   * Design files by relative path: Verilog (.v, .sv; other files such as .vh are only there to be
   * included), BLIF (.blif) or ASCII AIGER (.aag).
   */
  readonly sources: Readonly<Record<string, string>>;
  /** The top module; omitted, Yosys picks it (`-auto-top`). */
  readonly top?: string;
  /** Recipes: the OpenABC-D operations, or any ABC command sequence (e.g. resyn2 spelled out). */
  readonly recipes: readonly AbcSequence[];
  /** Liberty text (e.g. Nangate45) for the mapped area and delay; omitted: no cell mapping. */
  readonly liberty?: string;
  readonly backend?: YosysBackend;
  /** Also return the AIG after synthesis as ASCII AIGER with port names (flip-flops as latches). */
  readonly writeAig?: boolean;
  /** Read and write the content-hash cache (default true). */
  readonly cache?: boolean;
  /** Native backend: stop Yosys or ABC after this many seconds (a UserError saying so). */
  readonly timeoutSeconds?: number;
}

export interface Trajectory {
  readonly recipe: readonly string[];
  /** steps[0] is the AIG before the recipe (after `strash`), steps[k] after operation k. */
  readonly steps: readonly AigPoint[];
  readonly lut6: { luts: number; depth: number };
  readonly mapped?: { area: number; delayPs: number };
}

export interface RecipeRunResult {
  /** The top module Yosys synthesized. */
  readonly top: string;
  /** Yosys version and backend, e.g. `wasm 0.55.944`. */
  readonly tool: string;
  readonly trajectories: readonly Trajectory[];
  readonly aag?: string;
}

/**
 * Bumped when the flow below changes meaning (3: Verilog read with -overwrite; no-logic designs
 * refused; 4: the recipes run on the written AIG itself, by standalone ABC when native).
 */
export const RECIPE_FLOW_VERSION = 4;

/**
 * One ABC script for all recipes, so the Liberty file is read once: the AIG is kept with `backup`,
 * and each recipe starts from it again with `restore`. Per recipe: stats after `strash` and after
 * each operation, LUT-6 mapping on a copy (`&if`), and with a library the cell mapping and `stime`.
 */
export function recipesAbcScript(recipes: readonly AbcSequence[], withLiberty: boolean): string {
  const lines = ['strash', 'backup'];
  for (const recipe of recipes) {
    lines.push('restore', 'strash', 'print_stats');
    for (const op of recipe) lines.push(op, 'print_stats');
    lines.push('&get -n', '&if -K 6', '&ps');
    if (withLiberty) lines.push('map', 'topo', 'stime -p');
  }
  return `${lines.join('\n')}\n`;
}

export interface AigRecipeOptions {
  /** The AIG the recipes start from (binary AIGER, latches allowed). */
  readonly aig: Uint8Array;
  readonly recipes: readonly AbcSequence[];
  readonly liberty?: string;
  readonly backend?: YosysBackend;
  readonly timeoutSeconds?: number;
}

/**
 * Applies recipes to an AIG. Native: the standalone ABC Debian ships with Yosys reads the file
 * itself, so `abc -c "read FILE; strash; <recipe>; print_stats"` replays any trajectory exactly.
 * Wasm (no standalone ABC): Yosys reads the AIG and hands it to its ABC; the start network is the
 * same, but Yosys orders nodes and outputs its own way, so later steps can differ by a few nodes.
 */
export async function runAigRecipes(options: AigRecipeOptions): Promise<Trajectory[]> {
  const withLiberty = options.liberty !== undefined;
  const script = recipesAbcScript(options.recipes, withLiberty);
  let log: string;
  if ((options.backend ?? 'wasm') === 'native') {
    const files: Record<string, string | Uint8Array> = { 'design.aig': options.aig };
    if (withLiberty) files['cells.lib'] = options.liberty!;
    const read = [...(withLiberty ? ['read_lib -w cells.lib'] : []), 'read design.aig'];
    log = await runAbcNative({ script: `${read.join('\n')}\n${script}`, files, timeoutSeconds: options.timeoutSeconds });
  } else {
    const files: Record<string, string> = { 'design.aag': writeAagText(options.aig), 'recipes.abc': `${script}map\n` };
    if (withLiberty) files['cells.lib'] = options.liberty!;
    const abc = withLiberty ? 'abc -liberty cells.lib -script recipes.abc' : 'abc -g AND -script recipes.abc';
    log = (await runYosys({ script: `read_aiger -module_name design design.aag\n${abc}\n`, files, backend: 'wasm' })).log;
  }
  return trajectoriesFromLog(log, options.recipes, withLiberty);
}

function writeAagText(aig: Uint8Array): string {
  // Yosys reads AIGER only as text.
  return writeAag(readAiger(aig, 'design.aig'));
}

function trajectoriesFromLog(log: string, recipes: readonly AbcSequence[], withLiberty: boolean): Trajectory[] {
  const stats = parsePrintStats(log);
  const luts = parseLutMappings(log);
  const timings = withLiberty ? parseAbcStimes(log) : [];
  const expected = recipes.reduce((n, r) => n + r.length + 1, 0);
  if (stats.length !== expected || luts.length !== recipes.length || timings.length !== (withLiberty ? recipes.length : 0)) {
    throw new Error(`ABC printed ${stats.length}/${expected} statistics, ${luts.length} LUT and ${timings.length} timing reports for ${recipes.length} recipes; log tail:\n${log.slice(-2000)}`);
  }
  let at = 0;
  return recipes.map((recipe, i): Trajectory => {
    const steps = stats.slice(at, at + recipe.length + 1);
    at += recipe.length + 1;
    return { recipe: [...recipe], steps, lut6: luts[i], ...(withLiberty ? { mapped: timings[i] } : {}) };
  });
}

/** The synthesized AIG of a design as binary AIGER (the bytes the recipes start from and the data set stores). */
export function aigBytes(aag: string, name = 'synth.aag'): Uint8Array {
  return writeAig(readAiger(new TextEncoder().encode(aag), name));
}

export async function runRecipes(options: RecipeRunOptions): Promise<RecipeRunResult> {
  const backend = options.backend ?? 'wasm';
  const withLiberty = options.liberty !== undefined;
  const files: Record<string, string> = { ...options.sources };
  const top = options.top !== undefined ? `-top ${options.top}` : '-auto-top';
  const lines = [...readCommands(Object.keys(options.sources)), `hierarchy -check ${top}`, `synth -flatten ${top}`];
  lines.push('async2sync', 'dffunmap', 'aigmap', 'opt_clean', 'write_aiger -ascii -symbols synth.aag');
  const script = `${lines.join('\n')}\n`;
  const tool = await yosysVersion(backend);
  const compute = async (): Promise<RecipeRunResult> => {
    const run = await runYosys({ script, files, backend, outputs: ['synth.aag'], timeoutSeconds: options.timeoutSeconds });
    if (/Don't call ABC as there is nothing to map/.test(run.log)) {
      throw new UserError('no combinational logic is left after synthesis, so ABC has nothing to optimize: no trajectory', 'yosys', 'give a design with logic between its inputs, flip-flops and outputs');
    }
    const aag = run.outputs['synth.aag'];
    if (aag === undefined) throw new Error('yosys did not write synth.aag');
    const trajectories = options.recipes.length === 0 ? [] : await runAigRecipes({ aig: aigBytes(aag), recipes: options.recipes, liberty: options.liberty, backend, timeoutSeconds: options.timeoutSeconds });
    const synthesizedTop = options.top ?? /Top module:\s+\\(\S+)/.exec(run.log)?.[1] ?? '';
    return { top: synthesizedTop, tool, trajectories, ...(options.writeAig ? { aag } : {}) };
  };
  if (options.cache === false) return compute();
  const key = contentHash(RECIPE_FLOW_VERSION, tool, script, files, options.recipes, withLiberty ? contentHash(options.liberty!) : '', options.writeAig === true);
  return new ContentCache<RecipeRunResult>('recipes').getOrCompute(key, compute);
}

/**
 * Yosys read commands by file type, in the given order; include folders are searched for `include.
 * A module defined again replaces the earlier one (`-overwrite`): corpora ship bundles that repeat
 * their separate files (OpenCores jpeg.v), so the file read last wins.
 */
function readCommands(paths: readonly string[]): string[] {
  for (const p of paths) {
    if (/[\s"']/.test(p)) throw new UserError(`design file names may not contain spaces or quotes: '${p}'`, p);
  }
  const dirs = [...new Set(paths.map((p) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.')))];
  const lines = dirs.map((d) => `verilog_defaults -add -I${d}`);
  for (const p of paths) {
    if (/\.v$/i.test(p)) lines.push(`read_verilog -defer -overwrite ${p}`);
    else if (/\.sv$/i.test(p)) lines.push(`read_verilog -sv -defer -overwrite ${p}`);
    else if (/\.blif$/i.test(p)) lines.push(`read_blif ${p}`);
    else if (/\.aag$/i.test(p)) lines.push(`read_aiger -module_name ${p.replace(/^.*\//, '').replace(/\.aag$/i, '').replace(/\W/g, '_')} ${p}`);
  }
  return lines;
}
