// `npm test` (and so CI) starts with `tsc --noEmit`: it must type-check every TypeScript and
// JavaScript source of the repository, tests included, not only the files some included file imports.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../util/index.ts';

/** Source files under `dir`, skipping installed packages, git's folder and generated output. */
function sources(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return ['node_modules', '.git', 'out', '.scratch', '.tessera-cache'].includes(e.name) ? [] : sources(root, join(dir, e.name));
    return /\.(ts|mts|cts|js|mjs)$/.test(e.name) ? [relative(root, join(dir, e.name))] : [];
  });
}

describe('the type check', () => {
  it('covers every source file of the repository, tests and the JavaScript entry points included', () => {
    const root = projectRoot();
    const file = join(root, 'tsconfig.json');
    const config = ts.readConfigFile(file, ts.sys.readFile);
    expect(config.error).toBeUndefined();
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    expect(parsed.options.strict).toBe(true);
    const checked = new Set(parsed.fileNames.map((f) => relative(root, f)));
    const all = sources(root);
    expect(all.length).toBeGreaterThan(700);
    expect(all.filter((f) => !checked.has(f))).toEqual([]);
  });
});
