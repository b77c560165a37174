/**
 * Chevrotain's runtime, loaded from the single-file ESM build the package ships
 * (`lib/chevrotain.mjs`). The package's `exports` point at `lib/src/api.js`, which pulls in a
 * few hundred lodash-es modules: importing that costs ~0.75 s under tsx (each module goes
 * through the loader) against ~0.03 s for the bundle, and every CLI call touching eda/verilog
 * paid it. The bundle is the same code (same version); types still come from 'chevrotain'.
 * Every eda/ reader takes chevrotain values from here, so token types, EOF and the
 * parser base class come from one copy.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

type Chevrotain = typeof import('chevrotain');

const apiEntry = createRequire(import.meta.url).resolve('chevrotain');
const bundleUrl = new URL('../chevrotain.mjs', pathToFileURL(apiEntry)).href;
const chevrotain = (await import(bundleUrl)) as Chevrotain;

export const { createToken, EmbeddedActionsParser, EOF, Lexer } = chevrotain;
