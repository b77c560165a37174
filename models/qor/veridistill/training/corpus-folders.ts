// The multi-file cores of the corpus (iwls05, openlane): which files make up a design. A core's
// folder is one design, except where the benchmark packaging put alternative implementations
// beside a `common` folder, and a file that only a test bench uses is not part of the design.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lexVerilog } from '../../../../eda/verilog/index.ts';
import type { CorpusDesign } from './corpus.ts';
import { declaredModules, verilogFilesIn } from './verilog-files.ts';

/** The folder beside alternative implementations that holds the modules they share. */
const SHARED_FOLDER = 'common';
/** How the benchmark packaging marks a file that declares a module's ports only (iwls05 des). */
const STUB_MARK = /no-implementation module stub/;
const PROCESS_KEYWORDS = new Set(['initial', 'always', 'always_ff', 'always_comb', 'always_latch', 'task', 'function']);
const INSTANCE = /\b([A-Za-z_][A-Za-z0-9_$]*)\s*(?:#\s*\(|[A-Za-z_][A-Za-z0-9_$]*\s*\()/g;

/**
 * True when a text stops the simulation (`$stop`, `$finish`) from an `always` block: simulation-only
 * code, which Yosys refuses ("System task `$stop' outside initial block is unsupported").
 */
export function stopsSimulationOutsideInitial(text: string, file: string): boolean {
  if (!/\$(stop|finish)\b/.test(text)) return false;
  let process: string | undefined;
  for (const t of lexVerilog(text, file).tokens) {
    if (PROCESS_KEYWORDS.has(t.image)) process = t.image;
    else if ((t.image === '$stop' || t.image === '$finish') && process?.startsWith('always')) return true;
  }
  return false;
}

/**
 * The files of a design folder less its bench files: a file that stops the simulation from an
 * `always` block (`stopsSimulationOutsideInitial`) and whose modules no other file of the folder
 * instantiates (iwls05 ethernet's `eth_cop.v`, the test bench's bus arbiter).
 */
export function withoutBenchFiles(files: readonly string[], textOf: (file: string) => string): string[] {
  const noComments = (f: string) => textOf(f).replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, ' ');
  return files.filter((f) => {
    if (!stopsSimulationOutsideInitial(textOf(f), f)) return true;
    const own = new Set(declaredModules(noComments(f)));
    return files.some((g) => g !== f && [...noComments(g).matchAll(INSTANCE)].some((m) => own.has(m[1])));
  });
}

/**
 * The files of a design folder with each byte-identical copy of an earlier file left out (openlane
 * aes_core holds `aes.v` and the same text again as `aes_core.v`; its flow reads `aes.v` only).
 */
export function withoutCopies(files: readonly string[], textOf: (file: string) => string): string[] {
  const seen = new Set<string>();
  return files.filter((f) => {
    const text = textOf(f);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/** Each module of a text by name, as its text without comments and with white space collapsed. */
function moduleTexts(text: string): Map<string, string> {
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, ' ');
  return new Map([...noComments.matchAll(/\bmodule\s+([A-Za-z_][A-Za-z0-9_$]*)[\s\S]*?\bendmodule\b/g)].map((m) => [m[1], m[0].replace(/\s+/g, ' ')]));
}

/**
 * The files of a design folder less each file whose modules a larger file of the folder holds with
 * the same text: openlane jpeg_encoder has `jpeg.v`, all its modules in one file (what its flow
 * reads), beside the thirteen files they came from.
 */
export function withoutRepeatedModules(files: readonly string[], textOf: (file: string) => string): string[] {
  const modules = new Map(files.map((f) => [f, moduleTexts(textOf(f))]));
  return files.filter((f) => {
    const own = modules.get(f)!;
    return own.size === 0 || !files.some((g) => {
      const other = modules.get(g)!;
      return other.size > own.size && [...own].every(([name, text]) => other.get(name) === text);
    });
  });
}

/**
 * The files of one implementation of a core with shared modules: its own and the shared folder's,
 * less each stub file whose modules another of these files defines.
 */
export function implementationFiles(own: readonly string[], shared: readonly string[], textOf: (file: string) => string): string[] {
  const files = [...own, ...shared];
  const stub = (f: string) => STUB_MARK.test(textOf(f));
  return files.filter((f) => {
    if (!stub(f)) return true;
    const defined = new Set(files.filter((g) => g !== f && !stub(g)).flatMap((g) => declaredModules(textOf(g))));
    return !declaredModules(textOf(f)).every((m) => defined.has(m));
  });
}

/**
 * One design per core folder under each parent (multi-file cores); `tops` names the top where it is
 * known. A folder with a `common` subfolder beside others holds alternative implementations: one
 * design `FAMILY/CORE/IMPL` per implementation (its files, the shared ones, no stub that a shared
 * file replaces), all in the group `FAMILY/CORE`. Bench files, copies of a file and files whose
 * modules a larger file repeats are left out (`withoutBenchFiles`, `withoutCopies`,
 * `withoutRepeatedModules`), and so is a folder whose files repeat an earlier one's
 * (openlane aes_core is openlane aes's `aes.v`: its top is already that design's module `aes_core`).
 */
export function perFolder(family: string, parents: readonly string[], tops: ReadonlyMap<string, string>): CorpusDesign[] {
  const textOf = (f: string) => readFileSync(f, 'utf8');
  const out: CorpusDesign[] = [];
  const listed = new Set<string>();
  const add = (id: string, files: string[], top: string | undefined, group?: string) => {
    const sources = files.map(textOf).join('\0');
    if (files.length === 0 || listed.has(sources)) return;
    listed.add(sources);
    out.push({ id, family, ...(group ? { group } : {}), files, synthFiles: files, top });
  };
  for (const parent of parents) {
    if (!existsSync(parent)) continue;
    for (const name of readdirSync(parent).sort()) {
      const dir = join(parent, name);
      if (!statSync(dir).isDirectory()) continue;
      const subfolders = readdirSync(dir).sort().filter((s) => statSync(join(dir, s)).isDirectory());
      if (subfolders.includes(SHARED_FOLDER) && subfolders.length > 1) {
        const shared = verilogFilesIn(join(dir, SHARED_FOLDER), true);
        for (const impl of subfolders.filter((s) => s !== SHARED_FOLDER)) {
          add(`${family}/${name}/${impl}`, withoutBenchFiles(withoutCopies(implementationFiles(verilogFilesIn(join(dir, impl), true), shared, textOf), textOf), textOf), tops.get(name), `${family}/${name}`);
        }
      } else add(`${family}/${name}`, withoutBenchFiles(withoutRepeatedModules(withoutCopies(verilogFilesIn(dir, true), textOf), textOf), textOf), tops.get(name));
    }
  }
  return out;
}
