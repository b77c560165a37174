// eda/synth/recipes: ABC optimisation recipes applied step by step through Yosys, with trajectories.
export { RECIPE_OPERATIONS, parseRecipe, randomRecipes, type Recipe, type RecipeOperation } from './operations.ts';
export { RECIPE_FLOW_VERSION, runRecipes, recipesAbcScript, type RecipeRunOptions, type RecipeRunResult, type Trajectory } from './run-recipes.ts';
export { recipeStepAigs } from './step-aigs.ts';
export { parsePrintStats, parseLutMappings, parseAbcStimes, type AigPoint } from './abc-log.ts';
