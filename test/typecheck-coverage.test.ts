// `npm test` (and so CI) starts with `tsc --noEmit`: it must type-check every TypeScript and
// JavaScript source of the repository, tests included, not only the files some included file imports.
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../util/index.ts';
import { missingTool, skipReason } from './helpers/requirements.ts';

/** The repository's TypeScript and JavaScript sources (tracked files only: scratch files stay out). */
function sources(root: string): string[] {
  const listed = spawnSync('git', ['ls-files', '-z', '*.ts', '*.mts', '*.cts', '*.js', '*.mjs'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  return listed.stdout.split('\0').filter(Boolean);
}

describe.skipIf(skipReason(missingTool('git')))('the type check', () => {
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
