// Which designs a data set is built from: named presets over the shared benchmark data, or every
// design file in a folder. A design is a set of files read together plus an optional top module.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError, dataPath, isUserError } from '../../util/index.ts';
import { parseCircuit, writeAag } from '../aig/index.ts';

export interface DesignSource {
  /** Unique, stable name, e.g. `epfl/adder` (records are keyed and ordered by it). */
  readonly id: string;
  /** The corpus it came from (`epfl`, `iscas85`, `generated`, ...). */
  readonly corpus: string;
  /** Files by relative path: Verilog, BLIF or ASCII AIGER. */
  readonly files: Readonly<Record<string, string>>;
  /** Top module; omitted, Yosys picks the design's top. */
  readonly top?: string;
  /** Our reader's message when the design file could not be converted (the design is recorded as failed). */
  readonly unreadable?: string;
}

const DESIGN_FILE = /\.(v|sv|blif|bench|aag|aig)$/i;
const INCLUDE_ONLY = /\.(vh|svh|vhd|h)$/i;
/**
 * Formats that go through our readers to ASCII AIGER: Yosys reads AIGER only as text, has no BENCH
 * reader, and 0.23's read_blif rejects `.names` with 13 or more inputs and several LGSynth91 forms.
 */
const CONVERTED = /\.(aig|blif|bench)$/i;

/** One design per file; .aig, .blif and .bench are converted to ASCII AIGER. */
function fileDesign(corpus: string, path: string, id: string): DesignSource {
  const name = path.replace(/^.*\//, '');
  if (!CONVERTED.test(name)) return { id, corpus, files: { [name]: readFileSync(path, 'utf8') } };
  const data = readFileSync(path);
  try {
    return { id, corpus, files: { [name.replace(CONVERTED, '.aag')]: writeAag(parseCircuit(data, path)) } };
  } catch (e) {
    if (!isUserError(e)) throw e;
    return { id, corpus, files: { [name]: data.toString('latin1') }, unreadable: e.format() };
  }
}

/**
 * Every Verilog file of a library folder is one design, its module (named as the file) the top, with
 * all the folder's files beside it: library modules instantiate each other.
 */
function perLibraryFile(corpus: string, dir: string): DesignSource[] {
  const paths = listFiles(dir, false).filter((p) => /\.v$/i.test(p));
  const files = Object.fromEntries(paths.map((p) => [p.replace(/^.*\//, ''), readFileSync(p, 'utf8')]));
  return Object.keys(files).map((name) => {
    const top = name.replace(/\.v$/i, '');
    return { id: `${corpus}/${top}`, corpus, files, top };
  });
}

function listFiles(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) {
      if (recursive) out.push(...listFiles(p, true));
    } else out.push(p);
  }
  return out;
}

/** Every design file directly in `dir`, one design each. */
function perFile(corpus: string, dir: string, pattern: RegExp): DesignSource[] {
  return listFiles(dir, false)
    .filter((p) => pattern.test(p))
    .map((p) => fileDesign(corpus, p, `${corpus}/${p.replace(/^.*\//, '').replace(/\.[^.]+$/, '')}`));
}

/** The Verilog and include files under `dir`, by path relative to `root`, in path order. */
function sourceFiles(root: string, dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const p of listFiles(dir, true)) {
    if (/\.(v|sv)$/i.test(p) || INCLUDE_ONLY.test(p)) files[relative(root, p)] = readFileSync(p, 'utf8');
  }
  return files;
}

/**
 * Every sub-folder of `dir` is one multi-file design (all its Verilog, includes alongside). A design
 * folder with `*_opt` sub-folders (IWLS'05 des: area_opt, perf_opt) holds variants of one design: each
 * is a design of its own, the shared files first and the variant's last, so its modules win.
 */
function perFolder(corpus: string, dir: string, tops: ReadonlyMap<string, string> = new Map()): DesignSource[] {
  const designs: DesignSource[] = [];
  for (const group of readdirSync(dir).sort()) {
    const groupDir = join(dir, group);
    if (!statSync(groupDir).isDirectory()) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const designDir = join(groupDir, name);
      if (!statSync(designDir).isDirectory()) continue;
      const all = sourceFiles(designDir, designDir);
      const variants = readdirSync(designDir).filter((v) => /_opt$/.test(v) && statSync(join(designDir, v)).isDirectory()).sort();
      if (variants.length === 0) {
        if (Object.keys(all).length > 0) designs.push({ id: `${corpus}/${name}`, corpus, files: all, top: tops.get(name) });
        continue;
      }
      const shared = Object.fromEntries(Object.entries(all).filter(([p]) => !variants.some((v) => p.startsWith(`${v}/`))));
      for (const v of variants) {
        designs.push({ id: `${corpus}/${name}_${v.replace(/_opt$/, '')}`, corpus, files: { ...shared, ...sourceFiles(designDir, join(designDir, v)) }, top: tops.get(name) });
      }
    }
  }
  return designs;
}

function openlaneTops(): Map<string, string> {
  const csv = readFileSync(dataPath('rtl/openlane_designs/designs.csv'), 'utf8').trim().split('\n').slice(1);
  return new Map(csv.map((row) => row.split(',')).map((cols) => [cols[0], cols[3]]));
}

/** Named corpora over the shared data folder, smallest first. */
export const CORPUS_PRESETS: Readonly<Record<string, () => DesignSource[]>> = {
  tiny: () => ['c17', 'c432', 'c499'].map((c) => fileDesign('iscas85', dataPath(`iscas_ispras/iscas85/verilog/${c}.v`), `iscas85/${c}`)),
  epfl: () => [...perFile('epfl', dataPath('epfl/arithmetic'), /\.aig$/), ...perFile('epfl', dataPath('epfl/random_control'), /\.aig$/)],
  iscas85: () => perFile('iscas85', dataPath('iscas_ispras/iscas85/verilog'), /\.v$/),
  // The .bench originals: the Verilog versions model flip-flops at switch level or leave `dff` undefined.
  iscas89: () => perFile('iscas89', dataPath('iscas_ispras/iscas89/bench'), /\.bench$/),
  itc99: () => perFile('itc99', dataPath('itc99/rtl_verilog'), /\.v$/),
  mcnc: () => perFile('mcnc', dataPath('lgsynth91_mcnc/blif'), /\.blif$/),
  openlane: () => perFolder('openlane', dataPath('rtl/openlane_designs'), openlaneTops()),
  iwls05: () => perFolder('iwls05', dataPath('rtl/iwls05_opencores')),
  small_rtl: () => [
    ...perLibraryFile('uart', dataPath('rtl/alexforencich_verilog_uart')),
    ...perLibraryFile('axis', dataPath('rtl/alexforencich_verilog_axis')),
    ...perFile('arith', dataPath('rtl/trustworthycomputing_small'), /\.v$/),
  ],
};

/**
 * The recipe-trajectory set (OpenABC-D style, many recipes per design): per corpus the designs of a
 * few hundred to ~15k AND nodes (sizes from the files and published counts, chosen before any
 * trajectory was computed), so 200 recipes x 20 steps each fit a two-core machine in hours.
 * Left out after a first build, before any training: the sequential designs it did not finish
 * (limit 2400 s per design; ITC'99 b04, b11, b13; IWLS'05 ss_pcm, usb_phy, sasc, simple_spi, i2c;
 * OpenLane cic_decimator, zipdiv, wbqspiflash, usb; the generated PE arrays). On IWLS'05 sasc,
 * ABC 0.23's `map` (the cell mapping) runs for minutes and grows to gigabytes after some recipes. Seven combinational MCNC designs of 600-4.5k AND nodes took their place
 * (MCNC too_large and i8 were started too and stopped for time).
 */
const RECIPE_SET: Readonly<Record<string, readonly string[]>> = {
  epfl: ['adder', 'bar', 'max', 'sin', 'cavlc', 'ctrl', 'dec', 'i2c', 'int2float', 'priority', 'router'],
  iscas85: ['c432', 'c499', 'c880', 'c1355', 'c1908', 'c2670', 'c3540', 'c5315', 'c6288', 'c7552'],
  itc99: ['b05', 'b07', 'b12', 'b14'],
  iwls05: ['spi', 'des_area'],
  openlane: ['spm', 'xtea'],
  mcnc: ['dalu', 'frg2', 'i10', 'pair', 'rot', 'x3', 'alu4', 'apex6', 'des', 'i9', 'k2', 't481', 'vda'],
};

function recipeSet(): DesignSource[] {
  return Object.entries(RECIPE_SET).flatMap(([preset, names]) => CORPUS_PRESETS[preset]().filter((d) => names.includes(d.id.slice(preset.length + 1))));
}

/** The presets `full` combines (everything except the `tiny` test set). */
export const FULL_CORPUS = ['epfl', 'iscas85', 'iscas89', 'itc99', 'mcnc', 'openlane', 'iwls05', 'small_rtl'] as const;

/** Designs of a preset name, `full`, or a folder (each design file in it, recursively, is one design). */
export function corpusDesigns(corpus: string, flag = '--corpus'): DesignSource[] {
  if (corpus === 'full') return FULL_CORPUS.flatMap((p) => CORPUS_PRESETS[p]());
  if (corpus === 'recipes') return recipeSet();
  const preset = CORPUS_PRESETS[corpus];
  if (preset) return preset();
  if (!existsSync(corpus) || !statSync(corpus).isDirectory()) {
    throw new UserError(`'${corpus}' is neither a corpus preset nor a folder`, flag, `choose one of: ${[...Object.keys(CORPUS_PRESETS), 'full', 'recipes'].join(', ')}, or give a folder of .v/.sv/.blif/.bench/.aig/.aag files`);
  }
  const designs = listFiles(corpus, true)
    .filter((p) => DESIGN_FILE.test(p))
    .map((p) => fileDesign('dir', p, relative(corpus, p).replace(/\.[^.]+$/, '')));
  if (designs.length === 0) throw new UserError(`no design files (.v, .sv, .blif, .bench, .aig, .aag) in ${corpus}`, flag);
  return designs;
}
