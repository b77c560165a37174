// More designs from the same corpora: every module of a multi-module design as a design of its
// own (with the modules it instantiates), and parameter sweeps of parameterised RTL (one
// parameter's default changed at a time, so the student reads the value synthesis uses).
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DiagnosticSink, preprocess } from '../../../../eda/verilog/index.ts';
import { declaredModules, designText, type CorpusDesign } from './corpus.ts';
import { moduleClosureText } from '../module-text.ts';

/** A `// synopsys translate_off` ... `translate_on` region (also `synthesis`, and in block comments): Yosys skips it. */
const TRANSLATE_OFF = /(?:\/\/|\/\*)\s*(?:synopsys|synthesis)\s+translate_off\b[\s\S]*?(?:\/\/|\/\*)\s*(?:synopsys|synthesis)\s+translate_on\b/g;

/**
 * The modules of a design's text that synthesis reads: those outside `translate_off` regions and
 * inside the active branches of `ifdef`s (the in-repo preprocessor over the files in order, macros
 * carried from file to file as Yosys carries them). Undefined when the preprocessor reports an error
 * (e.g. an include it cannot find), since the active branches are then unknown.
 */
export function synthesizedModules(d: Pick<CorpusDesign, 'id' | 'files' | 'synthFiles' | 'texts'>): Set<string> | undefined {
  const sink = new DiagnosticSink();
  const kept = designText(d).replace(TRANSLATE_OFF, (region) => region.replace(/[^\n]/g, ' '));
  const { tokens } = preprocess(kept, d.id, { includeDirs: [...new Set(d.synthFiles.map((f) => dirname(f)))] }, sink);
  if (sink.list.some((x) => x.severity === 'error')) return undefined;
  const names = new Set<string>();
  tokens.forEach((t, i) => {
    if ((t.image === 'module' || t.image === 'macromodule') && tokens[i + 1]?.kind === 'identifier') names.add(tokens[i + 1].image);
  });
  return names;
}

/**
 * True when a text loads a memory file (`$readmemh`, `$readmemb`; comments aside). The labelling
 * flow hands Yosys the sources and no memory file, and Yosys runs the load of every module it
 * elaborates while reading, used or not (openlane sound: its three ROMs' `.hex` files, which the
 * shared data does not have, stop every one of its modules).
 */
export function loadsMemoryFile(text: string): boolean {
  return /\$readmem[hb]\b/.test(text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, ' '));
}

/**
 * Each module of `d` other than its top, as its own design `ID/MODULE` in the same family and
 * group (a design and its sub-modules always land on the same side of a split). Synthesis reads
 * the design's files with `-top MODULE`; the student reads the module and what it instantiates
 * (`files` names only that cut-out text, `synthFiles` the design's files on disk).
 * Modules the front-end cannot cut out (a lexer error) are skipped, and so are those synthesis
 * never reads (`synthesizedModules`: in a `translate_off` region or an inactive `ifdef` branch).
 * Where the design's files load a memory file, a module whose cut-out text loads none is
 * synthesized from that text alone (`loadsMemoryFile`).
 */
export function moduleDesigns(d: CorpusDesign): CorpusDesign[] {
  let text: string;
  try {
    text = designText(d);
  } catch {
    return [];
  }
  const loads = loadsMemoryFile(text);
  const synthesized = synthesizedModules(d);
  const names = [...new Set(declaredModules(text))].filter((m) => m !== d.top && (synthesized?.has(m) ?? true));
  if (names.length === 0) return [];
  return names.flatMap((m) => {
    let closure: string;
    try {
      closure = moduleClosureText(text, m, d.id);
    } catch {
      return [];
    }
    const file = `${m}.v`;
    const alone = loads && !loadsMemoryFile(closure);
    return [{ id: `${d.id}/${m}`, family: d.family, group: d.group ?? d.id, files: [file], synthFiles: alone ? [file] : d.synthFiles, top: m, texts: { [file]: closure } }];
  });
}

/**
 * A filter that passes a module design the first time its group and text come up: the
 * implementations of one core (iwls05 des: area_opt, perf_opt) cut the modules they share out
 * of their `common` folder each, and the data set needs them once.
 */
export function distinctModules(): (d: CorpusDesign) => boolean {
  const seen = new Set<string>();
  return (d) => {
    const key = `${d.group ?? d.id}\n${designText(d)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}

const SWEPT = /(WIDTH|DEPTH|LEN|LENGTH|SIZE|COUNT|STAGES|BITS|_N|^N)$/i;

/**
 * Variants of a one-file parameterised design: for each integer parameter whose name says it is
 * a width, depth, length or count (at most `maxParams` of them), its default halved, doubled and
 * quadrupled (kept between 1 and `maxValue`), one parameter at a time.
 */
export function parameterSweeps(d: CorpusDesign, maxParams = 3, maxValue = 256): CorpusDesign[] {
  if (d.texts || d.files.length !== 1) return [];
  const file = d.files[0];
  const text = readFileSync(file, 'utf8');
  const params = [...text.matchAll(/\bparameter\s+(?:integer\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\d+)\s*([,;)])/g)]
    .filter((m) => SWEPT.test(m[1]) && Number(m[2]) >= 1)
    .slice(0, maxParams);
  const out: CorpusDesign[] = [];
  for (const m of params) {
    const base = Number(m[2]);
    for (const v of new Set([Math.floor(base / 2), base * 2, base * 4])) {
      if (v < 1 || v > maxValue || v === base) continue;
      const changed = text.slice(0, m.index) + m[0].replace(/=\s*\d+/, `= ${v}`) + text.slice(m.index! + m[0].length);
      out.push({ ...d, id: `${d.id}@${m[1]}=${v}`, group: d.group ?? d.id, texts: { [file]: changed } });
    }
  }
  return out;
}
