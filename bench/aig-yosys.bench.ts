// Yosys-run throughput of the data-set flow (synthesis + one 20-step recipe + LUT-6 mapping per
// design, no cache): designs per minute with the embedded wasm Yosys next to the native binary.
import { readFileSync } from 'node:fs';
import { hasNativeYosys, type YosysBackend } from '../eda/synth/index.ts';
import { randomRecipes, runRecipes } from '../eda/synth/recipes/index.ts';
import { dataPath } from '../util/index.ts';
import { printComparison } from './compare.ts';

const designs = ['c432', 'c499', 'c880', 'c1355', 'c1908'].map((c) => ({ name: `${c}.v`, text: readFileSync(dataPath(`iscas_ispras/iscas85/verilog/${c}.v`), 'utf8') }));
const recipes = randomRecipes(1, 20, 1);

async function designsPerMinute(backend: YosysBackend): Promise<number> {
  // One warm-up run (wasm compiles its module once per process).
  await runRecipes({ sources: { [designs[0].name]: designs[0].text }, recipes, backend, cache: false });
  const t0 = performance.now();
  for (const d of designs) await runRecipes({ sources: { [d.name]: d.text }, recipes, backend, cache: false });
  return designs.length / ((performance.now() - t0) / 60_000);
}

const wasm = await designsPerMinute('wasm');
const native = (await hasNativeYosys()) ? await designsPerMinute('native') : undefined;
console.log(`ISCAS85 c432..c1908, 1 recipe x 20 steps + LUT-6 each, sequential (one core)`);
printComparison('Yosys+ABC recipe runs (embedded wasm vs native)', 'designs/min', wasm, 'native yosys', native);
