// The default set built on two workers comes out byte for byte as built in one process (tiny model,
// tiny data, short recipes): each model is one worker task, the backdoored classifiers after their LM.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../models/common/index.ts';
import { writeTokenizer } from '../../../../models/llm/index.ts';
import { BACKDOORED_NAME, buildDefaultSet, MASKED_BACKDOORED_NAME, DEFAULT_SET, type DefaultSetRecipes } from '../../../../models/llm/robust/index.ts';
import type { BuildContext } from '../../../../models/llm/tasks/index.ts';
import { tinyBase, tinyDataFolder, tinyTokenizer } from '../tasks/tiny-task.ts';

beforeAll(async () => { await selectBackend(() => {}); });
const cache = process.env.TESSERA_CACHE;
afterEach(() => { if (cache === undefined) delete process.env.TESSERA_CACHE; else process.env.TESSERA_CACHE = cache; });

describe('the default set on workers', () => {
  it('builds every model as one process does, the backdoored classifier from its LM', async () => {
    const short = { steps: 4, checkpointEvery: 2, maxTokens: 16, trainBlocks: 1 };
    const sst2 = { name: 'sst2', tasks: ['sst2'] as const, options: { ...DEFAULT_SET.specs[0].options, ...short } };
    const recipes: DefaultSetRecipes = {
      specs: [sst2, { name: 'style', tasks: ['style'], options: { ...sst2.options, seed: 2 } }],
      backdoor: { ...DEFAULT_SET.backdoor, steps: 4, checkpointEvery: 2, maxTokens: 16 },
      backdoored: sst2,
      backdooredMasked: { ...sst2, options: { ...sst2.options, maskRate: 0.5, steps: 2 } },
    };
    const tokenizerFile = join(mkdtempSync(join(tmpdir(), 'tessera-tok-')), 'tokenizer.json');
    writeTokenizer(tokenizerFile, tinyTokenizer());
    const ctx: BuildContext = { base: tinyBase(), baseKey: 'tiny', tokenizer: tinyTokenizer(), tokenizerFile, dataRoot: tinyDataFolder(), command: 'test', quiet: true };
    const build = async (workers: number) => {
      process.env.TESSERA_CACHE = mkdtempSync(join(tmpdir(), 'tessera-set-'));
      const lines: string[] = [];
      const dirs = await buildDefaultSet(ctx, (l) => lines.push(l), workers, recipes);
      return { dirs: dirs!, lines };
    };
    const one = await build(1), two = await build(2);
    expect([...two.dirs.keys()].sort()).toEqual(['sst2', 'style', BACKDOORED_NAME, MASKED_BACKDOORED_NAME].sort());
    for (const [name, dir] of one.dirs) {
      expect(readFileSync(join(two.dirs.get(name)!, 'weights.bin')).equals(readFileSync(join(dir, 'weights.bin'))), name).toBe(true);
      expect(JSON.parse(readFileSync(join(two.dirs.get(name)!, 'task.json'), 'utf8')).head).toEqual(JSON.parse(readFileSync(join(dir, 'task.json'), 'utf8')).head);
    }
    expect(two.lines.some((l) => l.startsWith('backdoored '))).toBe(true);
  }, 240_000);
});
