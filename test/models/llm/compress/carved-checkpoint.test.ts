// A fine-tuned carved (CMoE) model saved as a checkpoint reads back as the same model: the engine
// model every llm command builds from the folder gives the in-memory model's logits bit for bit
// (prefill and decode, on the reference and on the array), and a routing file that is missing,
// truncated, from another carving, stray or not fitting the model is refused by name.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../hw/index.ts';
import { selectBackend } from '../../../../models/common/index.ts';
import { backendFromFlags, ReferenceBackend, type GemmBackend } from '../../../../models/common/gemm/index.ts';
import { engineModel, LlamaModel, loadModel, weightsKey } from '../../../../models/llm/index.ts';
import {
  calibrate, carvedModel, carveModel, finetuneCmoe, MOE_FILE, moeFileText, parseCmoeConfig, parseMoeFile, routerRows, writeCompressedCheckpoint, type MoeRouting,
} from '../../../../models/llm/compress/index.ts';
import { UserError } from '../../../../util/index.ts';
import { denseCheckpoint } from '../../../../models/llm/index.ts';
import { readTaskModel } from '../../../../models/llm/tasks/index.ts';
import { readInitialModel } from '../../../../models/llm/train/init-from.ts';
import { killCliChildren, runCli } from '../../../helpers/signal-child.ts';
import { writeTinyCheckpoint } from '../tiny-checkpoint.ts';

const dir = mkdtempSync(join(tmpdir(), 'tessera-carved-ckpt-'));
const base = loadModel(writeTinyCheckpoint(dir, Array.from({ length: 40 }, (_, i) => `The cat number ${i} sat on a mat. It saw ${i % 7} fish.`)), undefined);
const { config } = base.weights;
const rng = createRng(11);
const windows = Array.from({ length: 3 }, () => Uint16Array.from({ length: 32 }, () => rng.int(3, config.vocab - 1)));
const out = join(dir, 'carved');
let routing!: MoeRouting;
let tuned!: typeof base.weights;

/** Logits of the prompt's prefill, then of each decoded token (one at a time, the KV cache). */
function prefillAndDecode(model: LlamaModel, tokens: readonly number[], prompt: number): Float32Array[] {
  const cache = model.newCache();
  const out = [model.forward(tokens.slice(0, prompt), cache)];
  for (const t of tokens.slice(prompt)) out.push(model.forward([t], cache, { logits: 'last' }));
  return out;
}

beforeAll(async () => {
  await selectBackend(() => {});
  const c = parseCmoeConfig('S2A2E8', config.hiddenDim);
  const cal = await calibrate(base.weights, windows, 6);
  const layers = await carveModel(base.weights, cal, c, 'kmeans', { steps: 20, batch: 8, rate: 0.01 }, 1);
  const stream = Uint16Array.from({ length: 400 }, () => rng.int(3, config.vocab - 1));
  const r = await finetuneCmoe(base.weights, layers, c.active, stream, { steps: 3, batch: 2, context: 12, lr: 1e-2, rank: 4, alpha: 8, seed: 1, balanceRate: 0.01 });
  tuned = r.weights;
  routing = {
    config: 'S2A2E8', active: c.active,
    layers: layers.map((l, i) => ({ ...l, bias: r.biases[i], scales: r.scales[i], router: routerRows(base.weights.layers[i], l.carved.representatives, config.dim) })),
  };
  writeCompressedCheckpoint(out, tuned, base, { command: 'test' }, routing);
});

afterAll(() => {
  killCliChildren();
  rmSync(dir, { recursive: true, force: true });
});

/** The UserError `f` throws (fails when it throws none, or something else). */
function userError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('no UserError thrown');
}

/** A copy of the carved checkpoint marked as a task model (task.json), as `llm finetune` marks its output. */
function carvedTaskModel(): string {
  const task = join(dir, 'carved-task');
  cpSync(out, task, { recursive: true });
  writeFileSync(join(task, 'task.json'), JSON.stringify({ format: 'tessera-task-1', task: 'sst2', labels: ['negative', 'positive'], maxTokens: 16, metrics: {}, provenance: {}, head: { classes: 2, weight: [], bias: [] } }));
  return task;
}

describe('a carved checkpoint', () => {
  it('is refused, naming the flag, by every reader that needs dense FFNs; a dense one passes unchanged', () => {
    const carved = loadModel(out, undefined);
    expect(denseCheckpoint(base, 'moe carve')).toBe(base);
    const task = carvedTaskModel();
    const refusals: [UserError, string, string, string][] = [
      ...['moe carve', 'prune fuse', 'llm profile'].map((c): [UserError, string, string, string] => [userError(() => denseCheckpoint(carved, c)), out, c, '--checkpoint']),
      [userError(() => denseCheckpoint(carved, 'explore', '--model')), out, 'explore', '--model'],
      [userError(() => readTaskModel(task, '--victim')), task, 'a task model (llm finetune, merge, certify)', '--victim'],
      [userError(() => readInitialModel(out, { dataHash: 'x', seed: 1, heldOutShare: 0.05 })), out, 'llm train', '--init-from'],
    ];
    for (const [e, source, command, flag] of refusals) {
      expect(e.message).toBe(`${source} is a carved (CMoE S2A2E8) model; ${command} takes a dense checkpoint`);
      expect(e.where).toBe(flag);
      expect(e.fix).toMatch(/dense checkpoint it was carved from/);
    }
  });

  it('given to merge through bin/tessera.js: one line naming the flag and the fix, exit 1, no output file', async () => {
    const json = join(dir, 'merge.json');
    const r = await runCli(['merge', '--method', 'ties', '--models', carvedTaskModel(), '--data', dir, '--json', json]);
    expect(r.code, r.stderr).toBe(1);
    // One error line (beside the line saying which tfjs backend runs).
    expect(r.stderr.split('\n').filter((l) => l.startsWith('tessera ')), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/^tessera merge: --models: .*is a carved \(CMoE S2A2E8\) model; a task model \(llm finetune, merge, certify\) takes a dense checkpoint.*dense checkpoint it was carved from/m);
    expect(existsSync(json)).toBe(false);
  });

  it('reads back as the in-memory fine-tuned model: the same logits bit for bit, prefill and decode, reference and array', () => {
    const m = loadModel(out, undefined);
    expect(m.moe?.config).toBe('S2A2E8');
    expect(m.moe?.layers[0].scales.some((s) => s !== 0)).toBe(true);
    const tokens = Array.from(windows[1]);
    const backends: (() => GemmBackend)[] = [() => new ReferenceBackend(), () => backendFromFlags({ on: 'int8', array: '8x8', group: '8' })];
    for (const make of backends) {
      const expected = prefillAndDecode(carvedModel(tuned, routing.layers, routing.active, make()).model, tokens, 20);
      const got = prefillAndDecode(engineModel(m, make()), tokens, 20);
      expect(got).toEqual(expected);
      // The routing is really used: the fine-tuned weights as a dense model compute something else.
      expect(prefillAndDecode(new LlamaModel(m.weights, make()), tokens, 20)).not.toEqual(expected);
    }
  });

  it('keeps the base model\'s training split, and caches under a key of its own', () => {
    const m = loadModel(out, undefined);
    for (const k of ['data', 'dataHash', 'seed', 'heldOutShare']) expect(m.meta?.provenance?.[k]).toEqual(base.meta?.provenance?.[k]);
    expect(weightsKey(m)).not.toBe(m.meta?.weightsSha256);
    expect(weightsKey(m)).toContain(m.meta!.weightsSha256);
  });

  it('refuses a routing file that is truncated, from another carving, missing or stray, naming the file', () => {
    const file = join(out, MOE_FILE);
    const good = readFileSync(file, 'utf8');
    const refused = (pattern: RegExp) => {
      let error: unknown;
      try { loadModel(out, undefined); } catch (e) { error = e; }
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).format()).toMatch(pattern);
      expect((error as UserError).format()).toContain(file);
    };
    try {
      writeFileSync(file, good.slice(0, good.length / 2));
      refused(/does not match the sha256 in model\.json \(truncated, or from another carving\)/);
      writeFileSync(file, moeFileText({ ...routing, layers: routing.layers.map((l) => ({ ...l, bias: l.bias.map((b) => b + 0.5) })) }));
      refused(/does not match the sha256/);
      rmSync(file);
      refused(/missing moe\.json/);
    } finally {
      writeFileSync(file, good);
    }
    expect(loadModel(out, undefined).moe).toBeDefined();
    // A dense checkpoint with a routing file it does not name.
    const denseDir = join(dir, 'dense');
    writeCompressedCheckpoint(denseDir, tuned, base, { command: 'test' });
    expect(loadModel(denseDir, undefined).moe).toBeUndefined();
    writeFileSync(join(denseDir, MOE_FILE), good);
    expect(() => loadModel(denseDir, undefined)).toThrow(/moe\.json is not named in model\.json/);
    // Writing a dense model into the folder removes a carved model's routing.
    writeCompressedCheckpoint(denseDir, tuned, base, { command: 'test' });
    expect(loadModel(denseDir, undefined).moe).toBeUndefined();
  });

  it('checks the routing against the model, naming the field', () => {
    const good = JSON.parse(moeFileText(routing));
    const fails = (edit: (j: typeof good) => void, pattern: RegExp) => {
      const j = structuredClone(good);
      edit(j);
      expect(() => parseMoeFile(JSON.stringify(j), 'f/moe.json', config)).toThrow(pattern);
    };
    expect(parseMoeFile(JSON.stringify(good), 'f/moe.json', config).layers.length).toBe(config.layers);
    fails((j) => { j.layers.pop(); }, /layers: must list the model's 2 layers/);
    fails((j) => { j.layers[1].experts[2][0] = config.hiddenDim; }, /layers\[1\]\.experts\[2\]\[0\]: 64 is not a neuron of the FFN's 64/);
    fails((j) => { j.layers[0].experts[1][0] = j.layers[0].shared[0]; }, /layers\[0\]: neuron \d+ is in more than one expert/);
    fails((j) => { j.layers[0].representatives[0] = j.layers[0].experts[1][0]; }, /layers\[0\]\.representatives\[0\]: neuron \d+ is not in expert 0/);
    fails((j) => { j.layers[1].router.up.pop(); }, /layers\[1\]\.router\.up: has 191 values, the model needs 192/);
    fails((j) => { j.active = 7; }, /active: 7 active experts, but layer 0 has 6/);
    fails((j) => { j.format = 'x'; }, /format: is 'x'/);
    expect(() => parseMoeFile('{"format":', 'f/moe.json', config)).toThrow(/unreadable moe\.json/);
  });
});
