import { fileURLToPath } from 'node:url';

/** The checkpoint that ships in the repository (written by `tessera train veridistill`). */
export function shippedCheckpointDir(): string {
  return fileURLToPath(new URL('./checkpoint/', import.meta.url));
}
