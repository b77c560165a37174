import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEquivalence, readAiger, readCircuit, simulateRandom, type Aig } from '../../../../eda/aig/index.ts';
import { hasNativeYosys, readLiberty } from '../../../../eda/synth/index.ts';
import { RECIPE_OPERATIONS, parseRecipe, randomRecipes, recipeStepAigs, runRecipes } from '../../../../eda/synth/recipes/index.ts';
import { dataPath, missingData } from '../../../../util/index.ts';

// Native Yosys when installed (fast); the embedded wasm build otherwise.
const backend = (await hasNativeYosys()) ? 'native' : 'wasm';
const missing = missingData('epfl') ?? missingData('iscas_ispras') ?? missingData('liberty/nangate45/nangate45_typ.lib.gz');
if (missing) console.warn(`skipping recipe tests that need benchmark data: ${missing}`);

let cacheDir = '';
beforeAll(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'tessera-recipes-'));
  process.env.TESSERA_CACHE = cacheDir;
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('recipe operations', () => {
  it('draws reproducible recipes from the OpenABC-D set', () => {
    const a = randomRecipes(3, 20, 42);
    expect(a).toEqual(randomRecipes(3, 20, 42));
    expect(a).not.toEqual(randomRecipes(3, 20, 43));
    expect(a.flat().every((op) => (RECIPE_OPERATIONS as readonly string[]).includes(op))).toBe(true);
    expect(new Set(randomRecipes(20, 20, 1).flat()).size).toBe(RECIPE_OPERATIONS.length);
  });

  it('parses short and long names and names the valid choices on a typo', () => {
    expect(parseRecipe('b; rw; rfz, resub -z')).toEqual(['balance', 'rewrite', 'refactor -z', 'resub -z']);
    expect(() => parseRecipe('b; rwx')).toThrow(/unknown recipe operation 'rwx'/);
  });
});

/** Applies the recipe step by step and checks each step against the previous AIG. */
async function checkSteps(start: Aig, seed: number): Promise<string[]> {
  const recipe = [...RECIPE_OPERATIONS, ...randomRecipes(1, 3, seed)[0]];
  const steps = await recipeStepAigs(start, recipe, backend);
  expect(steps).toHaveLength(recipe.length);
  const methods: string[] = [];
  let previous = start;
  for (const [k, aig] of steps.entries()) {
    const r = checkEquivalence(previous, aig, { seed: k + 1, randomWords: 256 });
    expect({ step: recipe[k], ...r }).toMatchObject({ step: recipe[k], equivalent: true });
    methods.push(r.method);
    previous = aig;
  }
  return methods;
}

describe.skipIf(missing !== undefined)(`every recipe step preserves the function (yosys ${backend})`, () => {
  it.each(['epfl/random_control/ctrl.aig', 'epfl/random_control/int2float.aig', 'iscas_ispras/iscas85/bench/c17.bench'])(
    '%s: proven exhaustively (<= 16 inputs)',
    async (rel) => {
      expect(new Set(await checkSteps(readCircuit(dataPath(rel)), rel.length))).toEqual(new Set(['exhaustive']));
    },
    120_000,
  );

  it.each(['iscas_ispras/iscas85/bench/c432.bench', 'iscas_ispras/iscas85/bench/c880.bench', 'epfl/random_control/router.aig'])(
    '%s: random simulation (> 16 inputs)',
    async (rel) => {
      expect(new Set(await checkSteps(readCircuit(dataPath(rel)), rel.length))).toEqual(new Set(['random']));
    },
    120_000,
  );
});

const adder = `module add8(input [7:0] a, input [7:0] b, input clk, output reg [8:0] s);
  always @(posedge clk) s <= a + b;
endmodule
`;

describe.skipIf(missing !== undefined)(`recipe trajectories through Yosys (${backend})`, () => {
  it('records nodes and levels after every step, LUT-6 and Nangate45 QoR, and a prefix recipe gives the prefix trajectory', async () => {
    const liberty = readLiberty(dataPath('liberty/nangate45/nangate45_typ.lib.gz'));
    const [full] = randomRecipes(1, 20, 7);
    const result = await runRecipes({ sources: { 'add8.v': adder }, top: 'add8', recipes: [full, full.slice(0, 5)], liberty, backend, writeAig: true });
    const [t, prefix] = result.trajectories;
    expect(t.steps).toHaveLength(21);
    expect(prefix.steps).toEqual(t.steps.slice(0, 6));
    expect(t.steps.every((p) => p.nodes > 0 && p.levels > 0)).toBe(true);
    expect(t.lut6.luts).toBeGreaterThan(0);
    expect(t.mapped!.area).toBeGreaterThan(0);
    expect(t.mapped!.delayPs).toBeGreaterThan(0);
    expect(result.tool).toMatch(new RegExp(`^${backend} `));
    // The synthesized AIG: the latch next states compute a + b (checked on random patterns).
    const aig = readAiger(new TextEncoder().encode(result.aag!), 'add8.aag');
    expect([aig.inputs.length, aig.latches.length, aig.outputs.length]).toEqual([17, 9, 9]);
    const words = 4;
    const { inputs, outputs } = simulateRandom(aig, words, 11);
    const inputIndex = (name: string) => aig.inputNames.indexOf(name);
    const nextIndex = (name: string) => aig.outputs.length + aig.latches.findIndex((l) => l.name === name);
    const bitOf = (arr: Uint32Array, row: number, p: number) => (arr[row * words + (p >>> 5)] >>> (p & 31)) & 1;
    for (let p = 0; p < 32 * words; p++) {
      let a = 0;
      let b = 0;
      for (let i = 0; i < 8; i++) {
        a |= bitOf(inputs, inputIndex(`a[${i}]`), p) << i;
        b |= bitOf(inputs, inputIndex(`b[${i}]`), p) << i;
      }
      let s = 0;
      for (let i = 0; i < 9; i++) s |= bitOf(outputs, nextIndex(`s[${i}]`), p) << i;
      expect(s).toBe(a + b);
    }
  }, 120_000);
});

describe(`a design Yosys rejects (${backend})`, () => {
  it('fails with Yosys\'s message and the file and line', async () => {
    const bad = 'module broken(input a, output y);\n  assign y = a &;\nendmodule\n';
    await expect(runRecipes({ sources: { 'broken.v': bad }, top: 'broken', recipes: [['balance']], backend, cache: false })).rejects.toMatchObject({
      name: 'UserError',
      where: { file: 'broken.v', line: 2 },
    });
  }, 60_000);
});
