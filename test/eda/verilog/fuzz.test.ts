// Random mutations of Verilog files (byte flips, deletions, duplicated spans, truncations), seeded,
// from the labelled corpus and from the shared data: the front-end never throws or hangs, neither
// parsing nor elaborating, reports diagnostics for input that is certainly broken, and what it
// accepts prints and parses back to the same tree. A hang is detected by step count, not by time:
// each case runs under a step budget far above what its few KB need, and a case that exhausts it
// fails the test (see fuzz-parse-task.ts).
import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { dataDir, missingData, projectRoot, WorkerPool } from '../../../util/index.ts';
import { readCorpus } from '../../../eda/verilog/agreement/corpus.ts';
import { listVerilogFiles, readVerilogSource } from '../../../eda/verilog/index.ts';
import { stepBudgetMessage } from '../../../eda/verilog/step-budget.ts';
import { fuzzMaxSteps, type FuzzInput, type FuzzOutput } from './fuzz-parse-task.ts';

const missing = missingData('rtl');
const seed = 20240605;
const cases = 320;
const corpusCases = 400;

/** mulberry32: a small seeded generator. */
function rng(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const noise = ['(', ')', ';', '`', '"', '\\', '{', '}', '[', ']', "'", '$', '#', '@', '*', '/', 'begin', 'end', 'module', '`define X(', '8\'hz', '\0', '\u00e9'];

type Mutation = 'flip' | 'delete' | 'duplicate' | 'truncate';

function mutate(text: string, random: () => number): { text: string; kind: Mutation } {
  const kinds: Mutation[] = ['flip', 'delete', 'duplicate', 'truncate'];
  const kind = kinds[Math.floor(random() * kinds.length)];
  const at = Math.floor(random() * text.length);
  const span = 1 + Math.floor(random() * 80);
  switch (kind) {
    case 'flip': {
      let t = text;
      const flips = 1 + Math.floor(random() * 4);
      for (let k = 0; k < flips; k++) {
        const p = Math.floor(random() * t.length);
        t = t.slice(0, p) + noise[Math.floor(random() * noise.length)] + t.slice(p + 1);
      }
      return { text: t, kind };
    }
    case 'delete':
      return { text: text.slice(0, at) + text.slice(at + span), kind };
    case 'duplicate':
      return { text: text.slice(0, at + span) + text.slice(at, at + span) + text.slice(at + span), kind };
    case 'truncate':
      return { text: text.slice(0, at), kind };
  }
}

/** Runs the mutations on the pool's two workers. */
function runCases(pool: WorkerPool<FuzzInput, FuzzOutput>, inputs: (FuzzInput & { kind: Mutation; original: string })[]): Promise<FuzzOutput[]> {
  return Promise.all(inputs.map((k) => pool.run({ text: k.text, file: k.file, includeDirs: k.includeDirs })));
}

/** The checks every case must pass: no exception anywhere, truncations reported, round trips. */
function checkResults(inputs: (FuzzInput & { kind: Mutation; original: string })[], results: FuzzOutput[]): { withDiagnostics: number; elaborated: number; crashes: number } {
  let withDiagnostics = 0;
  let elaborated = 0;
  let crashes = 0;
  results.forEach((r, k) => {
    const { kind, text, original, file } = inputs[k];
    expect(r.diagnostics.filter((d) => d.includes('internal')), file).toEqual([]);
    // A run-away loop in the parser or the elaborator shows as an exhausted step budget.
    expect([...r.diagnostics, ...(r.elaboration ?? [])].filter((d) => d.includes(stepBudgetMessage(fuzzMaxSteps))), `${file}: exhausted the step budget`).toEqual([]);
    if (r.crash) crashes++;
    expect(r.crash, `${file}: elaboration threw`).toBeUndefined();
    if (r.diagnostics.length > 0) withDiagnostics++;
    if (r.elaboration) elaborated++;
    // Cutting a file before its last `endmodule` always breaks it.
    const lastEnd = original.lastIndexOf('endmodule');
    if (kind === 'truncate' && text.length < lastEnd && /\bmodule\b/.test(text.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, ''))) {
      expect(r.diagnostics.length, `${file}: truncated at ${text.length}`).toBeGreaterThan(0);
    }
    if (r.roundTrips !== undefined) expect(r.roundTrips, `${file}: accepted but does not round-trip`).toBe(true);
  });
  return { withDiagnostics, elaborated, crashes };
}

describe('fuzzing the front-end with mutated files of the labelled corpus', () => {
  const pool = new WorkerPool<FuzzInput, FuzzOutput>(new URL('./fuzz-parse-task.ts', import.meta.url), 2);
  afterAll(() => pool.close());

  it(`survives ${corpusCases} seeded mutations through parsing and elaboration`, async () => {
    const root = join(projectRoot(), 'test', 'verilog-corpus');
    const sources = readCorpus(root).map((e) => e.path);
    const random = rng(seed + 1);
    const inputs = Array.from({ length: corpusCases }, (_, k) => {
      const file = sources[Math.floor(random() * sources.length)];
      const original = readVerilogSource(file);
      return { ...mutate(original, random), file: `${file}#${k}`, original, includeDirs: [join(root, 'include')] };
    });
    const results = await runCases(pool, inputs);
    const { withDiagnostics, elaborated, crashes } = checkResults(inputs, results);
    console.log(`corpus fuzz: ${corpusCases} mutations, ${withDiagnostics} with diagnostics, ${elaborated} elaborated, ${crashes} crashes`);
    expect(elaborated).toBeGreaterThan(corpusCases / 10);
  }, 600_000);
});

describe.skipIf(missing !== undefined)('fuzzing the Verilog front-end with mutated shared-data files', () => {
  const pool = new WorkerPool<FuzzInput, FuzzOutput>(new URL('./fuzz-parse-task.ts', import.meta.url), 2);
  afterAll(() => pool.close());

  it(`survives ${cases} seeded mutations`, async () => {
    const sources = listVerilogFiles(`${dataDir()}/rtl`).filter((f) => statSync(f).size > 500 && statSync(f).size < 12_000);
    expect(sources.length).toBeGreaterThan(20);
    const random = rng(seed);
    const inputs = Array.from({ length: cases }, (_, k) => {
      const file = sources[Math.floor(random() * sources.length)];
      const original = readVerilogSource(file);
      return { ...mutate(original, random), file: `${file}#${k}`, original };
    });
    const results = await runCases(pool, inputs);
    const { withDiagnostics, elaborated, crashes } = checkResults(inputs, results);
    console.log(`fuzz: ${cases} mutations, ${withDiagnostics} reported diagnostics, ${cases - withDiagnostics} were still valid Verilog, ${elaborated} elaborated, ${crashes} crashes`);
    expect(withDiagnostics).toBeGreaterThan(cases / 3);
  }, 600_000);
});

if (missing) console.log(`skipping the shared-data Verilog fuzz test: ${missing}`);
