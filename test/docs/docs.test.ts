// The docs stay true to the code: docs/architecture.md has a row for every top-level folder of the
// repository, and no page speaks of how the work was organised (issue numbers, sessions, helpers).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../util/index.ts';
import { missingTool, skipReason } from '../helpers/requirements.ts';

const root = projectRoot();
const read = (f: string) => readFileSync(join(root, f), 'utf8');

describe('docs', () => {
  it.skipIf(skipReason(missingTool('git')))('docs/architecture.md has a row for every top-level folder', () => {
    const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n');
    const folders = [...new Set(tracked.filter((f) => f.includes('/') && !f.startsWith('.')).map((f) => f.split('/')[0]!))];
    expect(folders.length).toBeGreaterThan(5);
    const arch = read('docs/architecture.md');
    expect(folders.filter((f) => !arch.includes(`| \`${f}/\` |`))).toEqual([]);
  });

  it('no page speaks of issues, sessions, helpers or engineers', () => {
    const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    const jargon = /\bissues?\s+#?\d+|\bthe issue('s)?\b|\bsessions?\b|\bhelpers? [A-Z]\b|other helpers|\bengineers?\b/i;
    const found = pages.flatMap((p) => read(p).split('\n').flatMap((line, i) => (jargon.test(line) ? [`${p}:${i + 1}: ${line.trim()}`] : [])));
    expect(found).toEqual([]);
  });
});
