import { fileURLToPath } from 'node:url';

/** The LSOformer checkpoint that ships in the repository (written by `tessera lso train --ship`). */
export function shippedCheckpointDir(): string {
  return fileURLToPath(new URL('./checkpoint/', import.meta.url));
}
