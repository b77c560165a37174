/**
 * Text corpora as documents, and the held-out split by document.
 *
 * A file or a folder (read recursively, files in sorted order). `.txt`/`.md` files: documents are
 * the blocks between blank lines (a TinyStories story paragraph, a Shakespeare speech). `.tsv`
 * files: the first column of each line (a header line whose second column is `label` is skipped);
 * a line contained word for word in another line of the same file is dropped (SST-2's training
 * file lists every phrase of the parse tree of each sentence; the sentences are kept). Task splits
 * stay out of language-model text: a folder with a `train.*` file contributes only that file, and
 * files named `test.*` are never read; nor are README, NOTICE and LICENSE files.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { contentHash, readTextFile, UserError } from '../../../util/index.ts';

export interface Document {
  /** The file it came from, relative to the corpus root. */
  readonly source: string;
  readonly text: string;
}

const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.tsv']);
/** Files about the data rather than data. */
const NOT_TEXT = /readme|notice|licen[cs]e/i;

function corpusFiles(root: string, where: string): string[] {
  let st;
  try {
    st = statSync(root);
  } catch {
    throw new UserError(`no such file or folder: ${root}`, where, 'give a text file or a folder of .txt/.md/.tsv files');
  }
  if (st.isFile()) return [root];
  const out: string[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const files = entries.filter((e) => e.isFile() && TEXT_EXTENSIONS.has(extname(e.name)) && !/^test\./.test(e.name) && !NOT_TEXT.test(e.name));
    const train = files.filter((e) => /^train\./.test(e.name));
    for (const e of train.length > 0 ? train : files) out.push(join(dir, e.name));
    for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name));
  };
  walk(root);
  return out;
}

/** Blocks between blank lines, trimmed, empty ones dropped. */
function paragraphs(text: string): string[] {
  return text.split(/\r?\n[ \t]*\r?\n/).map((p) => p.trim()).filter((p) => p.length > 0);
}

/** One step of a 52-bit hash of a word sequence (two 26-bit polynomial hashes); start from HASH_START. */
const HASH_START = [7, 11] as const;
function extend(h: readonly [number, number] | number[], word: number): [number, number] {
  return [(Math.imul(h[0], 1000003) + word) & 0x3ffffff, (Math.imul(h[1], 998244353) ^ word) & 0x3ffffff];
}
const packed = (h: readonly number[]) => h[0] * 0x4000000 + h[1];

function wordHashes(words: string[]): Int32Array {
  return Int32Array.from(words, (w) => {
    let h = 0;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619);
    return h;
  });
}

/** Lines not contained word for word in another line (exact duplicates keep their first copy). */
export function dropContainedLines(lines: readonly string[]): string[] {
  const hashes = lines.map((l) => wordHashes(l.split(/\s+/).filter((w) => w.length > 0)));
  const whole = hashes.map((w) => packed(w.reduce<[number, number]>((h, x) => extend(h, x), [...HASH_START])));
  const byHash = new Map<number, number[]>();
  whole.forEach((h, d) => byHash.set(h, [...(byHash.get(h) ?? []), d]));
  const contained = new Uint8Array(lines.length);
  hashes.forEach((w) => {
    const n = w.length;
    for (let i = 0; i < n; i++) {
      let h: [number, number] = [...HASH_START];
      for (let j = i; j < n && j - i + 1 < n; j++) {
        h = extend(h, w[j]);
        const hit = byHash.get(packed(h));
        if (hit) for (const d of hit) contained[d] = 1;
      }
    }
  });
  const seen = new Set<number>();
  return lines.filter((_, d) => {
    const h = whole[d];
    if (contained[d] || seen.has(h) || hashes[d].length === 0) return false;
    seen.add(h);
    return true;
  });
}

function tsvTexts(text: string): string[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  if (lines.length > 0 && lines[0].split('\t')[1]?.trim() === 'label') lines.shift();
  return dropContainedLines(lines.map((l) => l.split('\t')[0].trim()).filter((t) => t.length > 0));
}

/** Every document of a file or folder, in a fixed order. */
export function readDocuments(path: string, where = '--data'): Document[] {
  const docs: Document[] = [];
  for (const file of corpusFiles(path, where)) {
    const text = readTextFile(file, where);
    const source = relative(path, file) || basename(file);
    const texts = extname(file) === '.tsv' ? tsvTexts(text) : paragraphs(text);
    for (const t of texts) docs.push({ source, text: t });
  }
  if (docs.length === 0) throw new UserError(`no text found in ${path}`, where, 'give a folder holding .txt, .md or .tsv files with some text');
  return docs;
}

/**
 * The held-out split by document: a document is held out when the hash of its source, text and the
 * split seed falls in the held-out share; identical documents are kept once. Chosen before any
 * training, independent of the model.
 */
export function splitDocuments(docs: readonly Document[], heldOutShare: number, seed: number): { train: Document[]; heldOut: Document[] } {
  const train: Document[] = [], heldOut: Document[] = [];
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.text)) continue;
    seen.add(d.text);
    const h = parseInt(contentHash({ seed, source: d.source, text: d.text }, 'split-1').slice(0, 8), 16) / 2 ** 32;
    (h < heldOutShare ? heldOut : train).push(d);
  }
  return { train, heldOut };
}

/** A short hash of a corpus (sources and texts, in order), recorded with a model. */
export function dataHashOf(docs: readonly Document[]): string {
  return contentHash(docs.map((d) => [d.source, d.text]), 'corpus-1').slice(0, 16);
}
