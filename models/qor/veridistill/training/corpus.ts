import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { kiss2Verilog, parseKiss2 } from '../../../../eda/dataset/index.ts';
import { readBlif, readPla, writeVerilog, type Aig } from '../../../../eda/aig/index.ts';
import { declaredModules, verilogExt, verilogFilesIn } from './verilog-files.ts';
import { perFolder } from './corpus-folders.ts';

export { declaredModules, verilogFilesIn };

/** One design of the RTL corpus: what the student reads and what synthesis labels. */
export interface CorpusDesign {
  /** Stable id, e.g. `itc99/b12` or `iwls05/fpu`. */
  readonly id: string;
  /** Benchmark family, the unit of the out-of-distribution split. */
  readonly family: string;
  /** The files the student reads (the design's own RTL). */
  readonly files: readonly string[];
  /** The files synthesis reads (the design's files plus the sibling files it may instantiate). */
  readonly synthFiles: readonly string[];
  /** Top module; undefined lets Yosys pick it (`hierarchy -auto-top`). */
  readonly top?: string;
  /** Files whose text is given here instead of read (generated designs, parameter variants, cut-out modules). */
  readonly texts?: Readonly<Record<string, string>>;
  /** The design this one was derived from (splits keep a group on one side); default: the id. */
  readonly group?: string;
}

/** The first `module NAME` declared in a file, which is the top of a one-design-per-file corpus. */
export function firstModuleName(text: string): string | undefined {
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, ' ');
  return /\bmodule\s+([A-Za-z_][A-Za-z0-9_$]*)/.exec(noComments)?.[1];
}

/**
 * The module of a text that no other module of it instantiates (the last such), e.g. `s27` in an
 * ISCAS89 file that declares its `dff` cell first; the first module when every one is instantiated.
 */
export function rootModuleName(text: string): string | undefined {
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, ' ');
  const declared = declaredModules(noComments);
  const instantiated = new Set([...noComments.matchAll(/\b([A-Za-z_][A-Za-z0-9_$]*)\s+(?:#\s*\(|[A-Za-z_][A-Za-z0-9_$]*\s*\()/g)].map((m) => m[1]));
  return declared.filter((m) => !instantiated.has(m)).at(-1) ?? declared[0];
}

/**
 * One design per file. Synthesis reads the file plus the sibling files that define modules it
 * instantiates (transitively), and no others: sibling files may define clashing modules.
 */
function perFile(family: string, dir: string, recursive: boolean, root: string, topOf: (text: string) => string | undefined): CorpusDesign[] {
  const files = verilogFilesIn(dir, recursive);
  const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  return files.flatMap((f) => {
    const top = topOf(texts.get(f)!);
    if (!top) return [];
    const definedIn = new Map<string, string>();
    for (const g of files) if (dirname(g) === dirname(f)) for (const m of declaredModules(texts.get(g)!)) if (!definedIn.has(m)) definedIn.set(m, g);
    for (const m of declaredModules(texts.get(f)!)) definedIn.set(m, f);
    const needed = [f];
    for (let k = 0; k < needed.length; k++) {
      for (const m of texts.get(needed[k])!.matchAll(/\b([A-Za-z_][A-Za-z0-9_$]*)\s*(?:#\s*\(|[A-Za-z_][A-Za-z0-9_$]*\s*\()/g)) {
        const g = definedIn.get(m[1]);
        if (g && !needed.includes(g)) needed.push(g);
      }
    }
    return [{ id: `${family}/${relative(root, f).replace(verilogExt, '')}`, family, files: [f], synthFiles: needed, top }];
  });
}

function openlaneTops(csvPath: string): Map<string, string> {
  const tops = new Map<string, string>();
  if (!existsSync(csvPath)) return tops;
  const [header, ...rows] = readFileSync(csvPath, 'utf8').trim().split('\n');
  const cols = header.split(',');
  const d = cols.indexOf('design');
  const t = cols.indexOf('top_module');
  for (const row of rows) {
    const cells = row.split(',');
    if (cells[d] && cells[t]) tops.set(cells[d], cells[t]);
  }
  return tops;
}

/**
 * Every design of the shared RTL corpora under `dataRoot` (the TESSERA_DATA folder), in a fixed
 * order. Families: itc99, iwls05, openlane, axis, uart, arith (small arithmetic), ispras24 (one
 * operator per module), iscas (ISCAS85/89 gate netlists), epfl (EPFL arithmetic and control netlists),
 * lgsynth91 (the KISS2 FSM tables as Verilog FSMs, the PLA and combinational BLIF circuits as netlists).
 */
export function listCorpus(dataRoot: string): CorpusDesign[] {
  const rtl = join(dataRoot, 'rtl');
  const designs: CorpusDesign[] = [];
  const add = (family: string, dir: string, recursive = false, topOf = firstModuleName) => {
    if (existsSync(dir)) designs.push(...perFile(family, dir, recursive, dir, topOf));
  };
  // b17-b22 declare the designs they reuse (b14, b15) first: the top is the module none instantiates.
  add('itc99', join(dataRoot, 'itc99', 'rtl_verilog'), false, rootModuleName);
  designs.push(...perFolder('iwls05', ['permissive', 'copyleft'].map((g) => join(rtl, 'iwls05_opencores', g)), new Map()));
  const ol = join(rtl, 'openlane_designs');
  designs.push(...perFolder('openlane', ['permissive', 'copyleft'].map((g) => join(ol, g)), openlaneTops(join(ol, 'designs.csv'))));
  add('axis', join(rtl, 'alexforencich_verilog_axis'));
  add('uart', join(rtl, 'alexforencich_verilog_uart'));
  add('arith', join(rtl, 'trustworthycomputing_small'));
  add('ispras24', join(rtl, 'ispras24_verilog_tests'), true);
  // Gate-level netlists: ISCAS85 / ISCAS89 (primitives and a `dff` module) and EPFL's flattened suites.
  if (existsSync(join(dataRoot, 'iscas_ispras'))) designs.push(...perFile('iscas', join(dataRoot, 'iscas_ispras'), true, join(dataRoot, 'iscas_ispras'), rootModuleName).map(withBehaviouralFlops));
  add('epfl', join(dataRoot, 'epfl'), true);
  designs.push(...kiss2Designs(join(dataRoot, 'lgsynth91_mcnc', 'kiss2')), ...lgsynthNetlists(join(dataRoot, 'lgsynth91_mcnc')));
  return designs;
}

/** The D flip-flop that most ISCAS89 files of the suite declare: Q takes D at the rising edge of CK. */
export const ISCAS89_DFF = 'module dff (CK,Q,D);\ninput CK,D;\noutput Q;\nreg Q;\nalways @ (posedge CK)\n  Q <= D;\nendmodule\n';

/**
 * An ISCAS89 netlist whose flip-flop Yosys cannot take, with the suite's own behavioural `dff`
 * (`ISCAS89_DFF`) instead, in the text both the student and synthesis read: nine files (s298,
 * s344, s349, s386, s400, s444, s510, s526, s838) declare a switch-level `dff` (nmos, trireg) that
 * Yosys rejects, and s1196 connects two-port flip-flops `dff(Q, D)` on an implicit clock (its
 * twin s1196b has the port CK and three-port ones), so it gets the input CK, three-port instances
 * and the module. Every other design is returned as it was (its labels stay valid).
 */
export function withBehaviouralFlops(d: CorpusDesign): CorpusDesign {
  if (d.files.length !== 1) return d;
  const file = d.files[0];
  const text = d.texts?.[file] ?? readFileSync(file, 'utf8');
  const dffModule = /\bmodule\s+dff\b[\s\S]*?\bendmodule\b\r?\n?/;
  const declared = dffModule.exec(text)?.[0];
  let fixed = text;
  if (declared !== undefined && /\b(trireg|nmos|pmos|cmos|tran)\b/.test(declared)) fixed = text.replace(dffModule, ISCAS89_DFF);
  else if (declared === undefined && d.top && /\bdff\s+\w+\s*\(\s*[\w$]+\s*,\s*[\w$]+\s*\)/.test(text) && !/\bCK\b/.test(text)) {
    fixed = `${text
      .replace(new RegExp(`\\bmodule\\s+${d.top}\\s*\\(`), (m) => `${m}CK,`)
      .replace(/^(\s*)input\b/m, (m, indent: string) => `${indent}input CK;\n${m}`)
      .replace(/\bdff\s+(\w+)\s*\(/g, 'dff $1(CK,')}\n${ISCAS89_DFF}`;
  }
  return fixed === text ? d : { ...d, synthFiles: [file], texts: { ...d.texts, [file]: fixed } };
}

/** The LGSynth'91 KISS2 state tables as Verilog FSMs (`eda/dataset/kiss2-rtl.ts`), family lgsynth91. */
function kiss2Designs(dir: string): CorpusDesign[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => n.endsWith('.kiss2')).sort().map((n) => {
    const top = basename(n, '.kiss2');
    const file = `${top}.v`;
    const verilog = kiss2Verilog(parseKiss2(readFileSync(join(dir, n), 'utf8'), n), top);
    return { id: `lgsynth91/${top}`, family: 'lgsynth91', files: [file], synthFiles: [file], top, texts: { [file]: verilog } };
  });
}

/**
 * The combinational LGSynth'91 circuits as structural Verilog (an AND / NOT `assign` per AIG node,
 * `eda/aig`'s writer): the PLA covers and the combinational BLIF netlists, less the ISCAS85 copies
 * (`C17`...; family iscas has them). Sequential BLIF files are left out (the writer has no clock).
 */
function lgsynthNetlists(dir: string): CorpusDesign[] {
  const out: CorpusDesign[] = [];
  for (const [sub, ext, read] of [['pla', '.pla', readPla], ['blif', '.blif', readBlif]] as const) {
    const folder = join(dir, sub);
    if (!existsSync(folder)) continue;
    for (const n of readdirSync(folder).filter((f) => f.endsWith(ext) && !/^C\d+\./.test(f)).sort()) {
      let aig: Aig;
      try {
        aig = read(readFileSync(join(folder, n), 'utf8'), n);
      } catch {
        continue; // a format feature the readers refuse (e.g. multi-valued PLA)
      }
      if (aig.latches.length > 0) continue;
      const top = `${sub}_${basename(n, ext).replace(/[^A-Za-z0-9_]/g, '_')}`;
      const file = `${top}.v`;
      out.push({ id: `lgsynth91/${sub}/${basename(n, ext)}`, family: 'lgsynth91', files: [file], synthFiles: [file], top, texts: { [file]: writeVerilog(aig, top) } });
    }
  }
  return out;
}

const fileText = (d: Pick<CorpusDesign, 'texts'>, f: string) => d.texts?.[f] ?? readFileSync(f, 'utf8');

/** The text the student reads: the design's files, concatenated in order. */
export function designText(d: Pick<CorpusDesign, 'files' | 'texts'>): string {
  return d.files.map((f) => `// file ${basename(f)}\n${fileText(d, f)}`).join('\n');
}

/**
 * What synthesis reads, by path relative to the files' common folder (so `include` folders keep
 * their layout), for a Yosys run on an in-memory file tree.
 */
export function designSources(d: Pick<CorpusDesign, 'synthFiles' | 'texts'>): Record<string, string> {
  const dirs = d.synthFiles.map((f) => dirname(f).split(sep));
  let common = dirs[0] ?? [];
  for (const parts of dirs) {
    const differ = common.findIndex((p, i) => parts[i] !== p);
    if (differ >= 0) common = common.slice(0, differ);
  }
  const root = common.join(sep);
  return Object.fromEntries(d.synthFiles.map((f) => [root ? relative(root, f) : f, fileText(d, f)]));
}
