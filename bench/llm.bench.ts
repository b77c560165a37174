// The LLM engine: decode tokens per CPU-second of the reference path (typed-array float32 kernels,
// KV cache) against onnxruntime-node running the same model, exported to ONNX by the project
// (models/llm/onnx), same tokens, same run, both on one thread; training tokens per CPU-second
// (tfjs wasm, forward + backward of the shipped model's shape); and the CPU time of the fast-mode
// profile of a 4,096-token generation on a 64x64 array. CPU time rather than wall time: the machine
// is shared, and both sides run in this process.
//
// Process CPU time (getrusage) counts every thread: onnxruntime runs on the calling thread here (one
// intra-op and one inter-op thread: no pool), V8's GC and compiler helpers on their own. Each decode
// window starts on a collected, settled heap and ends by collecting what it left (a minor GC) and
// letting the helper threads finish, inside the window: each side pays for its own garbage. Without
// that, V8's scheduled scavenges of the engine's garbage ran as event-loop tasks, which only the
// onnxruntime side (one await per token) gives a turn to, and were charged to it.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../models/common/index.ts';
import { backendFromFlags, ReferenceBackend, type ArrayBackend } from '../models/common/gemm/index.ts';
import { LlamaModel, loadModel, profileGeneration, shardGradients, TfLlama, writeOnnxDecoder, type LlamaWeights } from '../models/llm/index.ts';
import { printComparison } from './compare.ts';

const DECODE = 128;
const ROUNDS = 7;

function cpuSeconds<T>(fn: () => T): { value: T; cpu: number; wall: number } {
  const c0 = process.cpuUsage(), t0 = performance.now();
  const value = fn();
  const c = process.cpuUsage(c0);
  return { value, cpu: (c.user + c.system) / 1e6, wall: (performance.now() - t0) / 1000 };
}

/** The tokens both sides decode: the prompt's, then the reference model's greedy choices. */
function decodeTokens(model: LlamaModel, prompt: number[]): number[] {
  const cache = model.newCache();
  const ids = [...prompt];
  let logits = model.forward(prompt, cache, { logits: 'last' });
  while (ids.length < DECODE) {
    const next = logits.indexOf(Math.max(...logits));
    ids.push(next);
    logits = model.forward([next], cache, { logits: 'last' });
  }
  return ids;
}

/** Decode one token at a time with a KV cache in the engine; returns the last logits. */
function engineDecode(model: LlamaModel, ids: readonly number[]): Float32Array {
  const cache = model.newCache();
  let logits: Float32Array = new Float32Array(0);
  for (const t of ids) logits = model.forward([t], cache, { logits: 'last' });
  return logits;
}

async function onnxDecoder(w: LlamaWeights) {
  let ort: typeof import('onnxruntime-node');
  try {
    ort = await import('onnxruntime-node');
  } catch (e) {
    console.log(`onnxruntime-node not available (npm ci installs it; ${(e as Error).message.split('\n')[0]})`);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tessera-onnx-'));
  const file = join(dir, 'decode.onnx');
  writeOnnxDecoder(file, w);
  const session = await ort.InferenceSession.create(file, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
  rmSync(dir, { recursive: true, force: true });
  const { kvHeads, heads, dim, layers } = w.config;
  const hs = dim / heads;
  /** Decodes ids one at a time, the present KV fed back as the past; returns the last logits. */
  return async (ids: readonly number[]): Promise<Float32Array> => {
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
    for (let l = 0; l < layers; l++) {
      feeds[`past_key_${l}`] = new ort.Tensor('float32', new Float32Array(0), [kvHeads, 0, hs]);
      feeds[`past_value_${l}`] = new ort.Tensor('float32', new Float32Array(0), [kvHeads, 0, hs]);
    }
    let logits: Float32Array = new Float32Array(0);
    for (let p = 0; p < ids.length; p++) {
      feeds.token = new ort.Tensor('int64', BigInt64Array.of(BigInt(ids[p])), [1]);
      feeds.pos = new ort.Tensor('int64', BigInt64Array.of(BigInt(p)), [1]);
      const out = await session.run(feeds);
      for (let l = 0; l < layers; l++) {
        feeds[`past_key_${l}`] = out[`present_key_${l}`];
        feeds[`past_value_${l}`] = out[`present_value_${l}`];
      }
      logits = out.logits.data as Float32Array;
    }
    return logits;
  };
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'major' | 'minor' }) => void;
/** Garbage collections by start time (ms, performance.now's clock), to count those inside each window. */
const collections: number[] = [];
new PerformanceObserver((list) => list.getEntries().forEach((e) => collections.push(e.startTime))).observe({ entryTypes: ['gc'] });
/** Time for V8's helper threads to finish sweeping after a collection. */
const SETTLE_MS = 30;

/**
 * One decode window: a full, settled collection before (not counted); then the work, a minor
 * collection of what it left and the settling time, counted (process CPU, all threads).
 */
async function decodeWindow<T>(fn: () => T | Promise<T>): Promise<{ value: T; cpu: number; wall: number; collections: number }> {
  gc({ type: 'major' });
  await sleep(SETTLE_MS);
  const c0 = process.cpuUsage(), t0 = performance.now();
  const value = await fn();
  const t1 = performance.now();
  gc({ type: 'minor' });
  await sleep(SETTLE_MS);
  const c = process.cpuUsage(c0);
  await sleep(0); // the observer's entries
  return { value, cpu: (c.user + c.system) / 1e6, wall: (t1 - t0) / 1000, collections: collections.filter((t) => t >= t0 && t < t1).length };
}

const m = loadModel(undefined, undefined);
const c = m.weights.config;
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores; shipped model dim ${c.dim}, ${c.layers} blocks, vocab ${c.vocab}`);

// Decode.
const model = new LlamaModel(m.weights, new ReferenceBackend());
const ids = decodeTokens(model, [m.tokenizer.bos, ...m.tokenizer.encode('Once upon a time, there was a little')]);
engineDecode(model, ids.slice(0, 16)); // warm-up
const onnx = await onnxDecoder(m.weights);
if (onnx) await onnx(ids.slice(0, 16)); // warm-up
// Rounds alternate the two sides, so a change of load between rounds hits both; the best round of each counts.
type Run = { value: Float32Array; cpu: number; wall: number; collections: number };
const ours: Run[] = [], theirs: Run[] = [];
for (let round = 0; round < ROUNDS; round++) {
  ours.push(await decodeWindow(() => engineDecode(model, ids)));
  if (onnx) theirs.push(await decodeWindow(() => onnx(ids)));
}
const gcs = (runs: Run[]) => `${runs.map((r) => r.collections).join('/')} collections in the rounds' work`;
const fastest = (runs: Run[]) => runs.reduce((a, b) => (a.cpu < b.cpu ? a : b));
const bestOurs = fastest(ours);
let peer: number | undefined;
if (onnx) {
  const best = fastest(theirs);
  let d = 0, s = 0;
  best.value.forEach((v, i) => { d = Math.max(d, Math.abs(v - bestOurs.value[i])); s = Math.max(s, Math.abs(bestOurs.value[i])); });
  console.log(`onnxruntime's last logits vs the engine's: max relative difference ${(d / s).toExponential(2)}`);
  peer = DECODE / best.cpu;
  console.log(`onnxruntime: ${best.cpu.toFixed(3)} CPU s (${best.wall.toFixed(3)} s wall) for ${DECODE} tokens, best of ${ROUNDS}; all rounds ${theirs.map((r) => r.cpu.toFixed(3)).join(' ')}; ${gcs(theirs)}`);
}
console.log(`tessera reference: ${bestOurs.cpu.toFixed(3)} CPU s (${bestOurs.wall.toFixed(3)} s wall) for ${DECODE} tokens, best of ${ROUNDS}; all rounds ${ours.map((r) => r.cpu.toFixed(3)).join(' ')}; ${gcs(ours)}`);
printComparison(`decode (KV cache, ${DECODE} tokens, one thread)`, 'tokens/CPU-s', DECODE / bestOurs.cpu, 'onnxruntime-node', peer);

// Training throughput: forward + backward of one batch of the shipped shape (16 windows of 64).
await selectBackend(() => {});
const tm = new TfLlama(c, 1);
const rows = 16, cols = 64;
const batch = Int32Array.from({ length: rows * cols }, (_, i) => ids[i % ids.length]);
shardGradients(tm, batch, batch, rows, cols); // warm-up
const steps = [0, 1, 2].map(() => cpuSeconds(() => shardGradients(tm, batch, batch, rows, cols)));
const bestStep = Math.min(...steps.map((s) => s.cpu));
tm.dispose();
console.log(`training (tfjs ${tf.getBackend()}, forward + backward, ${rows}x${cols} tokens): ${(rows * cols / bestStep).toFixed(0)} tokens/CPU-s`);

// Fast-mode profile of a 4,096-token generation on a 64x64 array.
const be = backendFromFlags({ on: 'mixpe-w4a8', array: '64x64', group: 128 }) as ArrayBackend;
const prof = cpuSeconds(() => profileGeneration(c, be, 16, 4096));
console.log(`profile of a 4,096-token generation (mixpe-w4a8, 64x64, fast mode): ${prof.cpu.toFixed(3)} CPU s (${prof.wall.toFixed(3)} s wall; target < 1 s), ${prof.value.decodePerToken.cycles.toFixed(0)} cycles per decoded token`);
