// `tessera seadag train/eval` and `tessera generate circuit` through the CLI entry point: bad input,
// resumable training of tiny models on a small fixture, and every circuit the command calls exact
// checked by simulation of the written file and, where a native ABC is installed, by ABC's cec.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { checkEquivalence, parseTruthHex, readAiger, readGateVerilog, truthTables } from '../../eda/aig/index.ts';
import { abcProvesEquivalent, readDataset, shippedModelDir, tableAig, type MethodMetrics } from '../../models/gen/seadag/index.ts';
import { captureConsole } from '../helpers/console-capture.ts';
import { missingTool, skipReason } from '../helpers/requirements.ts';

const { out, err } = captureConsole();
const dir = mkdtempSync(join(tmpdir(), 'tessera-seadag-'));
const fixture = join(import.meta.dirname, '../models/gen/seadag/fixtures/4x1-small.jsonl');
const noAbc = skipReason(missingTool('yosys-abc'));
const tiny = ['--setting', '4x1', '--data', fixture, '--hidden', '16', '--layers', '1', '--batch', '8', '--checkpoint-every', '3'];

interface CircuitJson {
  inputs: number;
  outputs: number;
  valid: boolean;
  exact: boolean;
  ands: number | null;
  levels: number | null;
  samples: number;
  abcAnds: number | null;
  abcCec: string | null;
  out: string | null;
}

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;

describe('tessera generate circuit: bad input', () => {
  it('a hex of the wrong length names the flag, the expected length and an example', async () => {
    expect(await main(['generate', 'circuit', '--truth-table', '6a5', '--inputs', '3'])).toBe(1);
    expect(err.join('\n')).toMatch(/--truth-table.*expected 2 hex digits for 3 inputs, got 3.*e\.g\. 80/);
  });

  it('malformed hex, more than 16 inputs, and a wrong output file name are refused in one line each', async () => {
    expect(await main(['generate', 'circuit', '--truth-table', '6g', '--inputs', '3'])).toBe(1);
    expect(err.at(-1)).toMatch(/--truth-table.*'g' at character 2.*not a hex digit.*expected 2 hex digits/);
    expect(await main(['generate', 'circuit', '--truth-table', '8', '--inputs', '17'])).toBe(1);
    expect(err.at(-1)).toMatch(/--inputs.*1 to 16 inputs, got 17/);
    expect(await main(['generate', 'circuit', '--truth-table', '8', '--inputs', '2', '--out', 'f.blif'])).toBe(1);
    expect(err.at(-1)).toMatch(/--out.*\.aag.*\.v/);
    expect(err.every((l) => !l.includes('\n'))).toBe(true);
  });

  it('--canvas-neighbours for a model without the signature index (the shipped 6x1 one) names the flag and the fix', async () => {
    expect(await main(['generate', 'circuit', '--truth-table', '96696996', '--inputs', '5', '--canvas-neighbours', '200', '--samples', '1'])).toBe(1);
    expect(err.at(-1)).toMatch(/--canvas-neighbours.*6x1 model.*no signature index.*--canvas-neighbours 0/);
  });

  it('outputs that are constants or inputs need no model and are exact with 0 ANDs', async () => {
    const json = join(dir, 'trivial.json');
    const aag = join(dir, 'trivial.aag');
    expect(await main(['generate', 'circuit', '--truth-table', 'aa,55,00', '--inputs', '3', '--model', join(dir, 'none'), '--out', aag, '--json', json])).toBe(0);
    const r = readJson<CircuitJson>(json);
    expect([r.exact, r.ands, r.outputs, r.samples]).toEqual([true, 0, 3, 0]);
    const { tables } = truthTables(readAiger(readFileSync(aag), aag));
    expect(tables.map((t) => t[0] & 0xff)).toEqual([0xaa, 0x55, 0x00]);
  });
});

describe('tessera seadag train / eval on a small fixture (tiny models, a few steps)', () => {
  const root = join(dir, 'models');

  it('an interrupted and extended run gives the same weights as one straight run', async () => {
    expect(await main(['seadag', 'train', ...tiny, '--steps', '6', '--out', join(dir, 'resumed')])).toBe(0);
    expect(await main(['seadag', 'train', ...tiny, '--steps', '9', '--out', join(dir, 'resumed')])).toBe(0);
    expect(await main(['seadag', 'train', ...tiny, '--steps', '9', '--out', join(root, '4x1', 'seadag')])).toBe(0);
    const a = readFileSync(join(dir, 'resumed', 'weights.bin'));
    const b = readFileSync(join(root, '4x1', 'seadag', 'weights.bin'));
    expect(a.equals(b)).toBe(true);
    const info = readJson<{ dataHash: string; command: string }>(join(root, '4x1', 'seadag', 'train.json'));
    expect(info.command).toContain('seadag train');
    expect(info.dataHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a run started from another run\'s state continues its step count and decays the learning rate to the target', async () => {
    const out2 = join(dir, 'from-state');
    expect(await main(['seadag', 'train', ...tiny, '--steps', '6', '--out', join(dir, 'start')])).toBe(0);
    expect(await main(['seadag', 'train', ...tiny, '--steps', '12', '--init-from', join(dir, 'start'), '--final-learning-rate', '0.0001', '--out', out2])).toBe(0);
    const log = readFileSync(join(out2, 'train-log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { step: number; learningRate?: number });
    expect(log.map((p) => p.step)).toEqual([12]);
    // Step 12 is the last of the schedule's 6 steps (steps 6..11): 1e-4 + 9e-4 * (1 + cos(pi * 5 / 6)) / 2.
    expect(log[0].learningRate).toBeCloseTo(1e-4 + 9e-4 * 0.5 * (1 + Math.cos((Math.PI * 5) / 6)), 9);
    expect(readJson<{ initFrom: { command: string } }>(join(out2, 'train.json')).initFrom.command).toContain('--steps 6');
    const a = readFileSync(join(dir, 'start', 'weights.bin'));
    expect(a.equals(readFileSync(join(out2, 'weights.bin')))).toBe(false);
    expect(await main(['seadag', 'train', ...tiny, '--steps', '12', '--init-from', join(dir, 'nowhere'), '--out', join(dir, 'x')])).not.toBe(0);
    expect(err.join('\n')).toContain('--init-from');
  });

  it('a run started from a checkpoint\'s weights with NPN variants records where it started; bad --npn-variants is refused naming the flag', async () => {
    const out3 = join(dir, 'from-weights');
    expect(await main(['seadag', 'train', ...tiny, '--steps', '3', '--init-weights', join(root, '4x1', 'seadag'), '--npn-variants', '1', '--out', out3])).toBe(0);
    const info = readJson<{ command: string; initWeights: { command: string } }>(join(out3, 'train.json'));
    expect(info.command).toContain('--npn-variants 1');
    expect(info.initWeights.command).toContain('--steps 9');
    expect(readFileSync(join(out3, 'weights.bin')).equals(readFileSync(join(root, '4x1', 'seadag', 'weights.bin')))).toBe(false);
    expect(await main(['seadag', 'train', ...tiny, '--steps', '3', '--npn-variants', '1.5', '--out', join(dir, 'y')])).toBe(1);
    expect(err.at(-1)).toMatch(/--npn-variants.*between 0 and 1/);
    expect(await main(['seadag', 'train', ...tiny, '--method', 'autoregressive', '--steps', '3', '--npn-variants', '1', '--out', join(dir, 'y')])).toBe(1);
    expect(err.at(-1)).toMatch(/--npn-variants.*autoregressive/);
  });

  it('trains the autoregressive baseline and scores every method on the held-out functions', async () => {
    expect(await main(['seadag', 'train', ...tiny, '--method', 'autoregressive', '--steps', '4', '--out', join(root, '4x1', 'autoregressive')])).toBe(0);
    const json = join(dir, 'eval.json');
    expect(await main(['seadag', 'eval', '--setting', '4x1', '--data', fixture, '--models', root, '--samples', '2', '--limit', '4', '--plain', '--json', json])).toBe(0);
    const r = readJson<{ results: Record<string, { functions: number; metrics: MethodMetrics[] }> }>(json).results['4x1'];
    expect(r.functions).toBe(4);
    expect(r.metrics.map((m) => m.method)).toEqual(['seadag (guided)', 'seadag (plain)', 'autoregressive (checked)', 'autoregressive (plain)']);
    for (const m of r.metrics) {
      expect(m.validity).toBe(1);
      for (const x of [m.exactSingle, m.exactBestOf, m.bitAccuracy, m.rawValidity]) expect(x).toBeGreaterThanOrEqual(0);
      expect(m.exactBestOf).toBeGreaterThanOrEqual(m.exactSingle);
    }
    expect(out.join('\n')).toContain('| seadag (guided) |');
    // The canvas diagnostic: each function's own ABC level widths instead of prior draws; still valid by construction.
    const own = join(dir, 'eval-own.json');
    expect(await main(['seadag', 'eval', '--setting', '4x1', '--data', fixture, '--models', root, '--methods', 'seadag', '--samples', '2', '--limit', '4', '--own-canvas', '--json', own])).toBe(0);
    expect(readJson<{ results: Record<string, { metrics: MethodMetrics[] }> }>(own).results['4x1'].metrics.map((m) => m.validity)).toEqual([1]);
    // The canvas prior conditioned on the function: canvases of the 20 nearest training functions.
    const near = join(dir, 'eval-near.json');
    expect(await main(['seadag', 'eval', '--setting', '4x1', '--data', fixture, '--models', root, '--methods', 'seadag', '--samples', '2', '--limit', '4', '--canvas-neighbours', '20', '--json', near])).toBe(0);
    const nearResult = readJson<{ results: Record<string, { canvases: Record<string, string>; metrics: MethodMetrics[] }> }>(near).results['4x1'];
    expect(nearResult.metrics.map((m) => m.validity)).toEqual([1]);
    expect(nearResult.canvases).toEqual({ seadag: '20 nearest training functions' });
  });

  it('a checkpoint written before the signature index still loads, and canvas-index adds exactly the index training writes', async () => {
    const old = join(dir, 'old-checkpoint');
    cpSync(join(root, '4x1', 'seadag'), old, { recursive: true });
    type Manifest = { config: { prior: { bySignature?: unknown } } };
    const trained = readJson<Manifest>(join(old, 'checkpoint.json'));
    expect(trained.config.prior.bySignature).toBeDefined();
    const { bySignature: _index, ...prior } = trained.config.prior;
    writeFileSync(join(old, 'checkpoint.json'), JSON.stringify({ ...trained, config: { ...trained.config, prior } }));
    const oldRoot = join(dir, 'old-root');
    cpSync(old, join(oldRoot, '4x1', 'seadag'), { recursive: true });
    const scored = join(dir, 'eval-old.json');
    const evalOld = ['seadag', 'eval', '--setting', '4x1', '--data', fixture, '--models', oldRoot, '--methods', 'seadag', '--samples', '1', '--limit', '2'];
    expect(await main([...evalOld, '--json', scored])).toBe(0);
    expect(readJson<{ results: Record<string, { canvases: Record<string, string> }> }>(scored).results['4x1'].canvases).toEqual({ seadag: 'training prior' });
    expect(await main([...evalOld, '--canvas-neighbours', '20'])).toBe(1);
    expect(err.at(-1)).toMatch(/--canvas-neighbours.*no signature index.*seadag canvas-index/);
    // Training pairs that are not the checkpoint's (one left out) are refused.
    const fewer = join(dir, 'fewer.jsonl');
    const lines = readFileSync(fixture, 'utf8').trim().split('\n');
    writeFileSync(fewer, lines.filter((_, i) => i !== lines.findIndex((l) => l.includes('"split":"train"'))).join('\n') + '\n');
    expect(await main(['seadag', 'canvas-index', '--data', fewer, '--model', old])).toBe(1);
    expect(err.at(-1)).toMatch(/--data.*level widths are not the .* profiles/);
    expect(await main(['seadag', 'canvas-index', '--data', fixture, '--model', old])).toBe(0);
    expect(readJson<Manifest>(join(old, 'checkpoint.json')).config).toEqual(trained.config);
    expect(readFileSync(join(old, 'weights.bin')).equals(readFileSync(join(root, '4x1', 'seadag', 'weights.bin')))).toBe(true);
  });

  it('a function with no exact sample: says so, exits 1, writes no circuit', async () => {
    const aag = join(dir, 'xor4.aag');
    const json = join(dir, 'xor4.json');
    const code = await main(['generate', 'circuit', '--truth-table', '6996', '--inputs', '4', '--samples', '1', '--model', root, '--out', aag, '--json', json]);
    const r = readJson<CircuitJson>(json);
    if (code === 1) {
      expect([r.exact, r.out, existsSync(aag)]).toEqual([false, null, false]);
      expect(out.at(-1)).toMatch(/no exact circuit among 1 samples.*nothing written/);
    } else {
      const { tables } = truthTables(readAiger(readFileSync(aag), aag));
      expect(tables[0][0] & 0xffff).toBe(0x6996);
    }
  });
});

describe('tessera generate circuit with the shipped model', { timeout: 300_000 }, () => {
  const functions: [string, number][] = [['e8', 3], ['8000', 4], ['6996', 4], ['7f80', 4]];
  let exact = 0;

  it.each(functions)('%s (%i inputs): a circuit called exact simulates to the table and ABC cec agrees; otherwise exit 1 and nothing written', async (hex, n) => {
    const aag = join(dir, `${hex}.aag`);
    const json = join(dir, `${hex}.json`);
    const code = await main(['generate', 'circuit', '--truth-table', hex, '--inputs', String(n), '--samples', '8', '--out', aag, '--json', json]);
    const r = readJson<CircuitJson>(json);
    expect(r.valid).toBe(true);
    if (code !== 0) {
      expect([code, r.exact, existsSync(aag)]).toEqual([1, false, false]);
      return;
    }
    exact++;
    const fn = { inputs: n, tables: [parseTruthHex(hex, n)] };
    const aig = readAiger(readFileSync(aag), aag);
    expect(truthTables(aig).tables[0][0] & (2 ** 2 ** n - 1)).toBe(fn.tables[0][0]);
    expect(aig.andCount).toBe(r.ands);
    expect(checkEquivalence(aig, tableAig(fn)).equivalent).toBe(true);
    if (!noAbc) {
      expect(r.abcCec).toBe('equivalent');
      expect(await abcProvesEquivalent(fn, aig, 'yosys-abc')).toBe(true);
    }
  });

  it('--out FILE.v writes structural Verilog of the same exact circuit', async () => {
    const v = join(dir, 'and4.v');
    const json = join(dir, 'and4.json');
    expect(await main(['generate', 'circuit', '--truth-table', '8000', '--inputs', '4', '--samples', '8', '--out', v, '--json', json])).toBe(0);
    const fn = { inputs: 4, tables: [parseTruthHex('8000', 4)] };
    const aig = readGateVerilog(readFileSync(v, 'utf8'), v);
    expect(checkEquivalence(aig, tableAig(fn)).equivalent).toBe(true);
    expect(aig.andCount).toBe(readJson<CircuitJson>(json).ands);
    if (!noAbc) expect(await abcProvesEquivalent(fn, aig, 'yosys-abc')).toBe(true);
  });

  // The shipped 4x1 model's figures on the fixture are recorded beside it (checkpoints/4x1/seadag/
  // fixture-eval-{test,train}.json, written by these same commands when the model was shipped): the
  // sampler and the model are deterministic for a seed, so the figures must come back exactly. A
  // better model ships by rerunning the commands (checkpoints/README.md), never by passing a floor.
  const limits: Record<string, number> = { test: 12, train: 24 };
  const fixtureEval = (split: string) => ['seadag', 'eval', '--setting', '4x1', '--data', fixture, '--methods', 'seadag', '--split', split, '--samples', '4', '--limit', String(limits[split]), '--plain'];
  const recorded = (split: string) => readJson<{ command: string; results: Record<string, { functions: number; metrics: MethodMetrics[] }> }>(join(shippedModelDir(), '4x1', 'seadag', `fixture-eval-${split}.json`));
  const withoutTime = (ms: readonly MethodMetrics[]) => ms.map(({ seconds: _s, ...m }) => m);

  it.each(['test', 'train'])('4x1: the shipped model reproduces its recorded metrics on the fixture\'s %s functions exactly', async (split) => {
    const json = join(dir, `eval-shipped-${split}.json`);
    expect(await main([...fixtureEval(split), '--json', json])).toBe(0);
    const m = readJson<{ results: Record<string, { functions: number; metrics: MethodMetrics[] }> }>(json).results['4x1'];
    const want = recorded(split).results['4x1'];
    expect(m.functions).toBe(limits[split]);
    expect(withoutTime(m.metrics)).toEqual(withoutTime(want.metrics));
    for (const x of m.metrics) {
      expect(x.validity).toBe(1);
      expect(x.exactBestOf).toBeGreaterThanOrEqual(x.exactSingle);
    }
  });

  it('4x1: on training functions the model alone (plain sampler) gets well over half of the output bits right', () => {
    // The recorded figure, which the test above reproduces (64.3 % for the shipped model: 384 bits, a
    // standard error of about 2.4 points); an untrained model's plain samples get 50.4 % (docs/seadag.md).
    const plain = recorded('train').results['4x1'].metrics.find((x) => x.method === 'seadag (plain)')!;
    expect(plain.bitAccuracy).toBeGreaterThan(0.55);
  });
});
