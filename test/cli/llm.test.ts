// The llm commands through the CLI entry point, on a small checkpoint built here: figures, JSON,
// the report, and every bad input of the issue (one line naming the flag or file, exit 1, no output).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { createRng } from '../../hw/index.ts';
import { backendFromFlags, ReferenceBackend } from '../../models/common/gemm/index.ts';
import { checkpointSplit, dataHashOf, evaluate, loadModel, readDocuments, trainBpe, writeCheckpoint, writeLlama2cCheckpoint, writeTokenizer, type LlamaConfig, type LlamaWeights } from '../../models/llm/index.ts';
import { captureConsole } from '../helpers/console-capture.ts';
import { missingChromium, renderReportInChromium } from '../helpers/render-in-chromium.ts';

const { out, err } = captureConsole();
const dir = mkdtempSync(join(tmpdir(), 'tessera-llm-cli-'));
const ckpt = join(dir, 'model');
const text = join(dir, 'text');
const savedCache = process.env.TESSERA_CACHE;

function randomWeights(config: LlamaConfig): LlamaWeights {
  const rng = createRng(3);
  const m = (n: number, s: number) => Float32Array.from({ length: n }, () => rng.normal() * s);
  const kvDim = (config.dim / config.heads) * config.kvHeads;
  const emb = m(config.vocab * config.dim, 0.3);
  const ones = () => new Float32Array(config.dim).fill(1);
  return {
    config, tokenEmbedding: emb, classifier: emb, rmsFinal: ones(),
    layers: Array.from({ length: config.layers }, () => ({
      rmsAttention: ones(), wq: m(config.dim * config.dim, 0.1), wk: m(kvDim * config.dim, 0.1), wv: m(kvDim * config.dim, 0.1), wo: m(config.dim * config.dim, 0.1),
      rmsFfn: ones(), w1: m(config.hiddenDim * config.dim, 0.1), w2: m(config.dim * config.hiddenDim, 0.1), w3: m(config.hiddenDim * config.dim, 0.1),
    })),
  };
}

beforeAll(() => {
  process.env.TESSERA_CACHE = join(dir, 'cache');
  mkdirSync(text, { recursive: true });
  writeFileSync(join(text, 'stories.txt'), Array.from({ length: 80 }, (_, i) => `Once upon a time a cat number ${i} found a ball. It was red.`).join('\n\n'));
  const docs = readDocuments(text);
  const tok = trainBpe(docs.map((d) => d.text), 300);
  mkdirSync(ckpt, { recursive: true });
  writeTokenizer(join(ckpt, 'tokenizer.json'), tok);
  const config: LlamaConfig = { dim: 64, hiddenDim: 128, layers: 2, heads: 4, kvHeads: 2, vocab: tok.vocabSize, seqLen: 64, tiedClassifier: true };
  writeCheckpoint(ckpt, randomWeights(config), tok.id, 'f16', { data: text, seed: 1, heldOutShare: 0.2, dataHash: dataHashOf(docs) });
});
afterAll(() => {
  if (savedCache === undefined) delete process.env.TESSERA_CACHE;
  else process.env.TESSERA_CACHE = savedCache;
  rmSync(dir, { recursive: true, force: true });
});

describe('tessera llm eval', () => {
  it('scores the held-out text, the 4-gram on the same tokens, and on the array with cycle checks', async () => {
    const json = join(dir, 'eval.json');
    expect(await main(['llm', 'eval', '--checkpoint', ckpt, '--on', 'mixpe-w4a8', '--array', '8x8', '--group', '32', '--check', '0.05', '--json', json])).toBe(0);
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.perplexity).toBeGreaterThan(1);
    expect(r.baseline.ngram).toBeGreaterThan(1);
    expect(r.onArray).toMatchObject({ pe: 'mixpe-w4a8' });
    expect(Math.abs(r.onArray.perplexity / r.perplexity - 1)).toBeLessThan(0.2);
    expect(r.onArray.cyclesPerToken).toBeGreaterThan(0);
    expect(r.onArray.energyPerTokenJ).toBeGreaterThan(0);
    expect(out.join('\n')).toContain('Kneser-Ney 4-gram');
  });

  it('a table of PE kinds x group sizes; the worker threads give what evaluate gives in one thread', async () => {
    const json = join(dir, 'table.json');
    expect(await main(['llm', 'eval', '--checkpoint', ckpt, '--on', 'mixpe-w4a8,int8', '--array', '8x8', '--group', '32,64', '--workers', '2', '--json', json])).toBe(0);
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.table.map((t: { pe: string; group: string }) => `${t.pe}/${t.group}`)).toEqual(['mixpe-w4a8/32', 'mixpe-w4a8/64', 'int8/32', 'int8/64']);
    expect(r.onArray).toEqual(r.table[0]);
    // Computed again in this thread with a fresh cache: the same figures.
    process.env.TESSERA_CACHE = join(dir, 'cache-in-thread');
    const m = loadModel(ckpt, undefined);
    const e = evaluate(m, checkpointSplit(m.meta, undefined, ckpt), [backendFromFlags({ on: 'int8', array: '8x8', group: 64 })], 16384, new ReferenceBackend(), true);
    process.env.TESSERA_CACHE = join(dir, 'cache');
    expect(e.reference.perplexity).toBe(r.perplexity);
    expect(e.ngram.perplexity).toBe(r.baseline.ngram);
    expect(e.backends[0].perplexity).toBe(r.table[3].perplexity);
    expect(e.backends[0].perToken.cycles).toBeCloseTo(r.table[3].cyclesPerToken, 6);
  });
});

describe('tessera llm eval --tokens beyond the held-out text', () => {
  it('scores all of it and says so in one note naming --tokens and the targets there are', async () => {
    const json = join(dir, 'all.json');
    expect(await main(['llm', 'eval', '--checkpoint', ckpt, '--tokens', '1000000', '--json', json])).toBe(0);
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.tokens).toBe(r.heldOutTokens - 1);
    expect(err.filter((l) => l.startsWith('note:'))).toEqual([`note: --tokens 1000000 is more than the ${r.tokens} held-out target tokens there are; scored all ${r.tokens} (--tokens 0 asks for all)`]);
  });

  it('no note for a count within the held-out text, nor for 0 (all)', async () => {
    expect(await main(['llm', 'eval', '--checkpoint', ckpt, '--tokens', '64'])).toBe(0);
    expect(await main(['llm', 'eval', '--checkpoint', ckpt, '--tokens', '0'])).toBe(0);
    expect(err.filter((l) => l.startsWith('note:'))).toEqual([]);
  });
});

describe('tessera llm generate and profile', () => {
  it('generates from a prompt with the same text for the same seed', async () => {
    expect(await main(['llm', 'generate', '--checkpoint', ckpt, '--prompt', 'Once upon', '--tokens', '10', '--seed', '4'])).toBe(0);
    const first = out.join('\n');
    out.length = 0;
    expect(await main(['llm', 'generate', '--checkpoint', ckpt, '--prompt', 'Once upon', '--tokens', '10', '--seed', '4'])).toBe(0);
    expect(out.join('\n')).toBe(first);
    expect(first.startsWith('Once upon')).toBe(true);
  });

  it('profiles prefill and decode per token and writes a report that renders', async () => {
    const json = join(dir, 'profile.json');
    expect(await main(['llm', 'profile', '--checkpoint', ckpt, '--context', '48', '--group', '64', '--json', json, '--report', join(dir, 'report')])).toBe(0);
    const p = JSON.parse(readFileSync(json, 'utf8'));
    const decode = p.phases.find((x: { phase: string }) => x.phase === 'decode');
    expect(decode.byKind.map((k: { kind: string }) => k.kind).sort()).toEqual(['av', 'down', 'gate', 'k', 'lm-head', 'o', 'q', 'qk', 'up', 'v']);
    expect(decode.perToken.dramBytes.kv).toBeGreaterThan(0);
    expect(p.kvSweep.length).toBeGreaterThan(5);
    // The KV share grows with the context.
    expect(p.kvSweep.at(-1).kvShareOfDram).toBeGreaterThan(p.kvSweep[0].kvShareOfDram);
    expect(existsSync(join(dir, 'report', 'report.html'))).toBe(true);
  });

  it.skipIf(missingChromium())('the profile report renders in Chromium', async () => {
    const r = await renderReportInChromium(join(dir, 'report', 'report.html'));
    expect(r.errors).toEqual([]);
    expect(r.charts.length).toBeGreaterThanOrEqual(7);
  });
});

describe('bad input: one line naming the flag or file, exit 1, no output', () => {
  const fails = async (args: string[], where: string) => {
    err.length = 0;
    expect(await main(args)).toBe(1);
    expect(err.join('\n')).toContain(where);
    expect(err.length).toBe(1);
  };

  it('an unknown PE kind', async () => {
    await fails(['llm', 'eval', '--checkpoint', ckpt, '--on', 'tpu', '--json', join(dir, 'no.json')], '--on');
    expect(existsSync(join(dir, 'no.json'))).toBe(false);
  });

  it('a context longer than the model allows', async () => {
    await fails(['llm', 'generate', '--checkpoint', ckpt, '--prompt', 'cat '.repeat(80)], '--prompt');
    await fails(['llm', 'generate', '--checkpoint', ckpt, '--prompt', 'cat', '--tokens', '500'], '--tokens');
  });

  it('a missing or truncated checkpoint, a tokenizer that does not match it', async () => {
    await fails(['llm', 'eval', '--checkpoint', join(dir, 'nothing')], join(dir, 'nothing'));
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    for (const f of ['model.json', 'tokenizer.json']) writeFileSync(join(broken, f), readFileSync(join(ckpt, f)));
    writeFileSync(join(broken, 'weights.bin'), readFileSync(join(ckpt, 'weights.bin')).subarray(0, 1000));
    await fails(['llm', 'generate', '--checkpoint', broken, '--prompt', 'x'], 'weights.bin');
    const otherTok = join(dir, 'other-tokenizer.json');
    writeTokenizer(otherTok, trainBpe(['a different text entirely'], 300));
    await fails(['llm', 'generate', '--checkpoint', ckpt, '--tokenizer', otherTok, '--prompt', 'x'], otherTok);
    // As many tokens as the model's vocabulary, other merges: refused by the id the checkpoint records.
    const json = JSON.parse(readFileSync(join(ckpt, 'tokenizer.json'), 'utf8')) as { merges: unknown[] };
    [json.merges[0], json.merges[1]] = [json.merges[1], json.merges[0]];
    const sameSize = join(dir, 'same-size-tokenizer.json');
    writeFileSync(sameSize, JSON.stringify(json));
    await fails(['llm', 'generate', '--checkpoint', ckpt, '--tokenizer', sameSize, '--prompt', 'x'], `${sameSize}: tokenizer `);
    expect(err[0]).toContain('not the one the checkpoint was trained with');
  });

  it('a truncated llama2.c checkpoint names the file and byte, with the fix', async () => {
    const bin = join(dir, 'model.bin');
    writeLlama2cCheckpoint(bin, loadModel(ckpt, undefined).weights);
    const cut = join(dir, 'cut.bin');
    writeFileSync(cut, readFileSync(bin).subarray(0, 5000));
    await fails(['llm', 'generate', '--checkpoint', cut, '--tokenizer', join(ckpt, 'tokenizer.json'), '--prompt', 'x'], `${cut} (byte 5000)`);
    expect(err[0]).toContain('give a whole llama2.c checkpoint');
  });

  it('a profile context beyond what the simulator takes names --context, not the GEMM dimension', async () => {
    await fails(['llm', 'profile', '--checkpoint', ckpt, '--context', '2000000', '--json', join(dir, 'no-profile.json')], '--context');
    await fails(['llm', 'profile', '--checkpoint', ckpt, '--context', '64', '--generate', String(1 << 20), '--json', join(dir, 'no-profile.json')], '--generate');
    expect(existsSync(join(dir, 'no-profile.json'))).toBe(false);
  });

  it('a model shape or vocabulary beside --init-from, which gives both', async () => {
    await fails(['llm', 'train', '--init-from', ckpt, '--config', 'tiny', '--out', join(dir, 'never-init')], '--config');
    await fails(['llm', 'train', '--init-from', ckpt, '--vocab', '300', '--out', join(dir, 'never-init')], '--vocab');
    expect(existsSync(join(dir, 'never-init'))).toBe(false);
  });

  it('an empty data folder', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    await fails(['llm', 'train', '--data', empty, '--out', join(dir, 'never'), '--config', 'tiny'], '--data');
    expect(existsSync(join(dir, 'never', 'model.json'))).toBe(false);
  });
});
