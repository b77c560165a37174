// Verilog files of the corpus folders and the modules a text declares.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const verilogExt = /\.(v|sv)$/;

/** The .v/.sv files in `dir` (and below it when `recursive`), sorted by name. */
export function verilogFilesIn(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (recursive) out.push(...verilogFilesIn(p, true));
    } else if (verilogExt.test(name)) out.push(p);
  }
  return out;
}

/** Every `module NAME` declared in a text (comments removed). */
export function declaredModules(text: string): string[] {
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, ' ');
  return [...noComments.matchAll(/\bmodule\s+([A-Za-z_][A-Za-z0-9_$]*)/g)].map((m) => m[1]);
}

