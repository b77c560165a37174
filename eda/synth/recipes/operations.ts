import { UserError, seededRandom } from '../../../util/index.ts';

/** The OpenABC-D optimisation set, as ABC commands. */
export const RECIPE_OPERATIONS = ['balance', 'rewrite', 'rewrite -z', 'refactor', 'refactor -z', 'resub', 'resub -z'] as const;
export type RecipeOperation = (typeof RECIPE_OPERATIONS)[number];
export type Recipe = readonly RecipeOperation[];

/** OpenABC-D's short names (b, rw, rwz, rf, rfz, rs, rsz). */
const SHORT: Readonly<Record<string, RecipeOperation>> = {
  b: 'balance', rw: 'rewrite', rwz: 'rewrite -z', rf: 'refactor', rfz: 'refactor -z', rs: 'resub', rsz: 'resub -z',
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
