import { fileURLToPath } from 'node:url';

/** The checkpoint that ships in the repository (written by `tessera slack train`). */
export function shippedSlackModelDir(): string {
  return fileURLToPath(new URL('./checkpoint/', import.meta.url));
}

/** Default folder of the slack data set (`tessera slack dataset`), relative to the working directory. */
export const defaultSlackDataDir = 'out/e2eslack-data';
