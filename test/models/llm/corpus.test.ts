import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../hw/index.ts';
import { dropContainedLines, readDocuments, sampleBatch, splitDocuments } from '../../../models/llm/index.ts';
import { isUserError } from '../../../util/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'tessera-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return root;
}

describe('corpus', () => {
  it('reads paragraphs of text files and first columns of tsv files, skipping task splits and notes', () => {
    const root = folder('a', {
      'stories.txt': 'One day.\nA cat.\n\n\nThe end.\n',
      'README.md': 'about the data',
      'task/train.tsv': 'sentence\tlabel\na good film\t1\na good film , really\t1\nbad\t0\n',
      'task/dev.tsv': 'never read\t1\n',
      'task/test.tsv': 'never read\t0\n',
      'other/test.txt': 'never read either',
    });
    expect(readDocuments(root).map((d) => [d.source, d.text])).toEqual([
      ['stories.txt', 'One day.\nA cat.'], ['stories.txt', 'The end.'],
      ['task/train.tsv', 'a good film , really'], ['task/train.tsv', 'bad'],
    ]);
  });

  it('drops exactly the lines contained word for word in another line (fuzzed against brute force)', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 30; trial++) {
      const words = ['a', 'b', 'c', 'dd'];
      const lines = Array.from({ length: rng.int(1, 12) }, () => Array.from({ length: rng.int(1, 5) }, () => words[rng.int(0, 3)]).join(' '));
      const contained = (x: string, y: string) => x !== y && ` ${y} `.includes(` ${x} `);
      const expected = lines.filter((l, i) => !lines.some((o) => contained(l, o)) && lines.indexOf(l) === i);
      expect(dropContainedLines(lines)).toEqual(expected);
    }
  });

  it('holds out documents by hash: deterministic, disjoint, about the share asked', () => {
    const docs = Array.from({ length: 2000 }, (_, i) => ({ source: 'x.txt', text: `document ${i}` }));
    const a = splitDocuments(docs, 0.1, 7), b = splitDocuments(docs, 0.1, 7);
    expect(a).toEqual(b);
    expect(a.train.length + a.heldOut.length).toBe(2000);
    expect(a.heldOut.length).toBeGreaterThan(150);
    expect(a.heldOut.length).toBeLessThan(250);
    expect(splitDocuments(docs, 0.1, 8).heldOut).not.toEqual(a.heldOut);
  });

  it('draws the same batch for the same seed and step', () => {
    const stream = Uint16Array.from({ length: 500 }, (_, i) => i % 97);
    expect(sampleBatch(stream, 3, 16, 1, 5)).toEqual(sampleBatch(stream, 3, 16, 1, 5));
    expect(sampleBatch(stream, 3, 16, 1, 6)).not.toEqual(sampleBatch(stream, 3, 16, 1, 5));
    const b = sampleBatch(stream, 2, 16, 1, 0);
    expect(b.targets.subarray(0, 15)).toEqual(b.inputs.subarray(1, 16));
  });

  it('an empty folder or a missing path is a UserError naming the flag', () => {
    const empty = folder('empty', { 'notes/README.txt': 'x' });
    for (const p of [empty, join(dir, 'nope')]) {
      try {
        readDocuments(p);
        expect.unreachable();
      } catch (e) {
        expect(isUserError(e) && e.where).toBe('--data');
      }
    }
  });
});
