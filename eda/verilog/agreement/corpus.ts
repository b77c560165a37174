/**
 * The labelled Verilog corpus: one construct or one error per file, each file opening with
 *   // construct: what it shows
 *   // section: IEEE 1364-2005 <section>   (or IEEE 1800-2017 <section> for SystemVerilog-isms)
 *   // expect: valid            or    // expect: error on line N
 * Files live under `valid/` and `invalid/`; `include/` holds files the corpus `include`s.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface CorpusEntry {
  /** Path as given to the tools. */
  path: string;
  /** Path relative to the corpus root, e.g. `valid/udp/ansi_header.v`. */
  name: string;
  construct: string;
  /** `1364-2005 12.3.4` or `1800-2017 6.8`. */
  section: string;
  /** undefined: valid; a number: the line the error is on. */
  errorLine?: number;
}

/** Every labelled file under `root` (sorted); throws on a file whose header is incomplete. */
export function readCorpus(root: string): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.v')) out.push(readEntry(root, p));
    }
  };
  for (const top of ['valid', 'invalid']) walk(join(root, top));
  return out;
}

function readEntry(root: string, path: string): CorpusEntry {
  const head = readFileSync(path, 'utf8').split('\n', 3);
  const field = (i: number, key: string) => {
    const m = new RegExp(`^// ${key}: (.*)$`).exec(head[i] ?? '');
    if (!m) throw new Error(`${path}:${i + 1}: expected '// ${key}: ...'`);
    return m[1].trim();
  };
  const construct = field(0, 'construct');
  const section = field(1, 'section').replace(/^IEEE /, '');
  const expect = field(2, 'expect');
  const name = relative(root, path);
  const m = /^error on line (\d+)$/.exec(expect);
  if (expect !== 'valid' && !m) throw new Error(`${path}:3: expect must be 'valid' or 'error on line N'`);
  if (name.startsWith('valid/') !== (expect === 'valid')) throw new Error(`${path}: the label does not match the folder`);
  return m ? { path, name, construct, section, errorLine: Number(m[1]) } : { path, name, construct, section };
}
