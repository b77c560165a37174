// eda/synth/recipes: ABC optimisation recipes applied step by step, with trajectories.
export { ABC_SCRIPTS, RECIPE_OPERATIONS, parseRecipe, randomRecipes, shortName, type AbcSequence, type Recipe, type RecipeOperation } from './operations.ts';
export {
  RECIPE_FLOW_VERSION, aigBytes, runAigRecipes, runRecipes, recipesAbcScript,
  type AigRecipeOptions, type RecipeRunOptions, type RecipeRunResult, type Trajectory,
} from './run-recipes.ts';
export { recipeStepAigs } from './step-aigs.ts';
export { parsePrintStats, parseLutMappings, parseAbcStimes, type AigPoint } from './abc-log.ts';
