import { UserError, seededRandom } from '../../../util/index.ts';

/** The OpenABC-D optimisation set, as ABC commands. */
export const RECIPE_OPERATIONS = ['balance', 'rewrite', 'rewrite -z', 'refactor', 'refactor -z', 'resub', 'resub -z'] as const;
export type RecipeOperation = (typeof RECIPE_OPERATIONS)[number];
export type Recipe = readonly RecipeOperation[];
/** Any sequence of ABC commands applied like a recipe (the recipes above, or a named ABC script). */
export type AbcSequence = readonly string[];

/** OpenABC-D's short names (b, rw, rwz, rf, rfz, rs, rsz). */
const SHORT: Readonly<Record<string, RecipeOperation>> = {
  b: 'balance', rw: 'rewrite', rwz: 'rewrite -z', rf: 'refactor', rfz: 'refactor -z', rs: 'resub', rsz: 'resub -z',
};

/** The short name of an operation (`rewrite -z` -> `rwz`), for printing recipes compactly. */
export function shortName(op: RecipeOperation): string {
  return Object.entries(SHORT).find(([, o]) => o === op)![0];
}

/**
 * ABC's standard scripts, spelled out as in ABC's abc.rc (the standalone binary and Yosys's ABC do
 * not load that file, so the aliases are not defined there).
 */
export const ABC_SCRIPTS: Readonly<Record<'resyn2' | 'compress2rs', AbcSequence>> = {
  resyn2: ['balance', 'rewrite', 'refactor', 'balance', 'rewrite', 'rewrite -z', 'balance', 'refactor -z', 'rewrite -z', 'balance'],
  compress2rs: [
    'balance -l', 'resub -K 6 -l', 'rewrite -l', 'resub -K 6 -N 2 -l', 'refactor -l', 'resub -K 8 -l', 'balance -l',
    'resub -K 8 -N 2 -l', 'rewrite -l', 'resub -K 10 -l', 'rewrite -z -l', 'resub -K 10 -N 2 -l', 'balance -l',
    'resub -K 12 -l', 'refactor -z -l', 'resub -K 12 -N 2 -l', 'rewrite -z -l', 'balance -l',
  ],
};

/** Reads a recipe written as `b; rw; rfz` or `balance; rewrite -z` (separators `;` or `,`). */
export function parseRecipe(text: string, where = '--recipe'): RecipeOperation[] {
  return text.split(/[;,]/).map((s) => s.trim().replace(/\s+/g, ' ')).filter((s) => s !== '').map((s) => {
    const op = SHORT[s] ?? (RECIPE_OPERATIONS as readonly string[]).find((o) => o === s);
    if (!op) throw new UserError(`unknown recipe operation '${s}'`, where, `choose from ${RECIPE_OPERATIONS.join(', ')} or ${Object.keys(SHORT).join(', ')}`);
    return op as RecipeOperation;
  });
}

/** `count` recipes of `length` operations drawn uniformly (with repetition) from the set. */
export function randomRecipes(count: number, length: number, seed: number): RecipeOperation[][] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length }, () => RECIPE_OPERATIONS[Math.floor(rnd() * RECIPE_OPERATIONS.length)]));
}
