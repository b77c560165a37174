import { fileURLToPath } from 'node:url';

/** The checkpoints that ship in the repository, one folder per setting and method (written by `tessera seadag train`). */
export function shippedModelDir(): string {
  return fileURLToPath(new URL('./checkpoints/', import.meta.url));
}
