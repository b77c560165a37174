// More designs from the same corpora: every module of a multi-module design as a design of its
// own (with the modules it instantiates), and parameter sweeps of parameterised RTL (one
// parameter's default changed at a time, so the student reads the value synthesis uses).
import { readFileSync } from 'node:fs';
import { declaredModules, designText, type CorpusDesign } from './corpus.ts';
import { moduleClosureText } from '../module-text.ts';

/**
 * Each module of `d` other than its top, as its own design `ID/MODULE` in the same family and
 * group (a design and its sub-modules always land on the same side of a split). Synthesis reads
 * the design's files with `-top MODULE`; the student reads the module and what it instantiates
 * (`files` names only that cut-out text, `synthFiles` the design's files on disk).
 * Modules the front-end cannot cut out (a lexer error) are skipped.
 */
export function moduleDesigns(d: CorpusDesign): CorpusDesign[] {
  let text: string;
  try {
    text = designText(d);
  } catch {
    return [];
  }
  const names = [...new Set(declaredModules(text))].filter((m) => m !== d.top);
  if (names.length === 0) return [];
  return names.flatMap((m) => {
    let closure: string;
    try {
      closure = moduleClosureText(text, m, d.id);
    } catch {
      return [];
    }
    const file = `${m}.v`;
    return [{ id: `${d.id}/${m}`, family: d.family, group: d.group ?? d.id, files: [file], synthFiles: d.synthFiles, top: m, texts: { [file]: closure } }];
  });
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
