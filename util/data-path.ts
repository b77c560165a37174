import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from './user-error.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The repository's root folder (where package.json is). */
export function projectRoot(): string {
  return repoRoot;
}

/**
 * The public benchmark data folder: `TESSERA_DATA`, else `../shared/data` beside the repository.
 * Returns undefined when neither exists; callers that need it use `requireDataDir`.
 */
export function dataDir(): string | undefined {
  const fromEnv = process.env.TESSERA_DATA;
  if (fromEnv) return existsSync(fromEnv) ? resolve(fromEnv) : undefined;
  const beside = resolve(repoRoot, '..', 'shared', 'data');
  return existsSync(beside) ? beside : undefined;
}

const provideData = "set TESSERA_DATA to the data folder, or place it at ../shared/data beside the repository (the README's 'Without the data' lists what runs without it)";

/** A path inside the data folder, or a UserError that says how to provide it. */
export function dataPath(...parts: string[]): string {
  return dataPathOr(undefined, ...parts);
}

/**
 * As dataPath, for a default the user can replace with a flag: the error names that flag first
 * (`instead`, e.g. '--liberty FILE').
 */
export function dataPathOr(instead: string | undefined, ...parts: string[]): string {
  const dir = dataDir();
  if (!dir) {
    throw new UserError(
      `the benchmark data folder was not found (needed for ${parts.join('/')})`,
      'TESSERA_DATA',
      instead ? `give ${instead}, or ${provideData}` : provideData,
    );
  }
  const p = join(dir, ...parts);
  if (!existsSync(p)) {
    throw new UserError(`missing data file ${p}`, 'TESSERA_DATA', 'check that TESSERA_DATA points at a complete copy');
  }
  return p;
}

/** For tests: the reason a data-dependent suite is skipped, or undefined when the data is there. */
export function missingData(...parts: string[]): string | undefined {
  const dir = dataDir();
  if (!dir) {
    const what = parts.length ? ` (needs ${parts.join('/')})` : '';
    return `benchmark data folder not found${what}: set TESSERA_DATA to it, or place it at ../shared/data beside the repository`;
  }
  const p = join(dir, ...parts);
  return existsSync(p) ? undefined : `benchmark data file missing: ${p}`;
}
