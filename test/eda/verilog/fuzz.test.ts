// Random mutations of corpus files (byte flips, deletions, duplicated spans, truncations), seeded:
// the front-end never throws or hangs, reports diagnostics for input that is certainly broken, and
// what it accepts prints and parses back to the same tree.
import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { dataDir, missingData, WorkerPool } from '../../../util/index.ts';
import { listVerilogFiles, readVerilogSource } from '../../../eda/verilog/index.ts';
import type { FuzzInput, FuzzOutput } from './fuzz-parse-task.ts';

const missing = missingData('rtl');
const seed = 20240605;
const cases = 320;
/** Generous: a mutated file of a few KB parses in milliseconds; only a hang gets near this. */
const perCaseLimitMs = 20_000;

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

describe.skipIf(missing !== undefined)('fuzzing the Verilog front-end with mutated corpus files', () => {
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
    const runBounded = (input: FuzzInput) =>
      Promise.race([
        pool.run(input),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`parse of ${input.file} did not finish in ${perCaseLimitMs} ms`)), perCaseLimitMs).unref()),
      ]);
    // Two lanes, one case in flight per worker, so each timer measures that case alone.
    const results: FuzzOutput[] = new Array(inputs.length);
    const lane = async (first: number) => {
      for (let k = first; k < inputs.length; k += 2) results[k] = await runBounded({ text: inputs[k].text, file: inputs[k].file });
    };
    await Promise.all([lane(0), lane(1)]);
    let withDiagnostics = 0;
    results.forEach((r, k) => {
      const { kind, text, original, file } = inputs[k];
      expect(r.diagnostics.filter((d) => d.includes('internal')), file).toEqual([]);
      if (r.diagnostics.length > 0) withDiagnostics++;
      // Cutting a file before its last `endmodule` always breaks it.
      const lastEnd = original.lastIndexOf('endmodule');
      if (kind === 'truncate' && text.length < lastEnd && /\bmodule\b/.test(text.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, ''))) {
        expect(r.diagnostics.length, `${file}: truncated at ${text.length}`).toBeGreaterThan(0);
      }
      if (r.roundTrips !== undefined) expect(r.roundTrips, `${file}: accepted but does not round-trip`).toBe(true);
    });
    console.log(`fuzz: ${cases} mutations, ${withDiagnostics} reported diagnostics, ${cases - withDiagnostics} were still valid Verilog`);
    expect(withDiagnostics).toBeGreaterThan(cases / 3);
  });
});

if (missing) console.log(`skipping the Verilog fuzz test: ${missing}`);
