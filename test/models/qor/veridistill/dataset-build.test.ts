// The VeriDistill data set through `tessera dataset build --corpus veridistill`: the pinned flow's
// labels, in the one label cache that `tessera train veridistill` reads too.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main.ts';
import { QOR_FLOW_HASH, readDataset } from '../../../../models/qor/veridistill/training/index.ts';
import { captureConsole } from '../../../helpers/console-capture.ts';
import { missingData, skipReason } from '../../../helpers/requirements.ts';

const { out } = captureConsole();
const skip = skipReason(missingData('rtl'), missingData('itc99', 'rtl_verilog', 'b01.v'));

describe.skipIf(skip)('tessera dataset build --corpus veridistill', () => {
  const saved = process.env.TESSERA_CACHE;
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'veridistill-data-'));
    process.env.TESSERA_CACHE = join(dir, 'cache'); // a fresh cache: the label is synthesized here
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TESSERA_CACHE;
    else process.env.TESSERA_CACHE = saved;
  });

  it('labels with the pinned flow, and train veridistill resumes from the same cache', async () => {
    const built = join(dir, 'built.jsonl');
    expect(await main(['dataset', 'build', '--corpus', 'veridistill', '--limit', '1', '--out', built])).toBe(0);
    const [record, ...rest] = readDataset(built);
    expect(rest).toEqual([]);
    expect(record.id).toBe('itc99/b01');
    expect(record.flow).toMatchObject({ liberty: 'sky130', script: QOR_FLOW_HASH });
    expect(record.flow!.tool).toMatch(/^wasm /);
    expect(record.areaUm2).toBeGreaterThan(0);
    expect(record.graph.nodeType.length).toBeGreaterThan(record.cells);
    expect(out.join('\n')).toMatch(/1 designs labelled in 1 families/);
    // Nothing new is synthesized: the training command takes the label from the cache.
    const trained = join(dir, 'train.jsonl');
    expect(await main(['train', 'veridistill', '--label-only', '--cached-only', '--save-data', trained])).toBe(0);
    expect(readFileSync(trained, 'utf8')).toBe(readFileSync(built, 'utf8'));
  }, 300_000);

  it('refuses what the labels cannot use', async () => {
    expect(await main(['dataset', 'build', '--corpus', 'veridistill', '--liberty', 'none', '--out', join(dir, 'x.jsonl')])).toBe(1);
    expect(await main(['dataset', 'build', '--corpus', 'veridistill', '--queue', 'redis://127.0.0.1:1', '--out', join(dir, 'x.jsonl')])).toBe(1);
  });
});
