import { createRequire } from 'node:module';
import tf from './tfjs.cjs';
import { dirname } from 'node:path';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendChoice {
  readonly name: BackendName;
  /** Why the faster backends were not used (empty when the first choice loaded). */
  readonly notes: readonly string[];
}

let chosen: Promise<BackendChoice> | undefined;

/** The folder holding the wasm backend's .wasm binaries, which it must be told in Node. */
export function wasmBinaryDir(): string {
  const require = createRequire(import.meta.url);
  return `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`;
}

async function tryTfjsNode(): Promise<string | undefined> {
  // Named through a variable so the type checker does not require the optional package.
  const optional = '@tensorflow/tfjs-node';
  try {
    await import(optional);
    return (await tf.setBackend('tensorflow')) ? undefined : 'tfjs-node imported but its backend did not initialise';
  } catch (e) {
    return `@tensorflow/tfjs-node not available (${(e as Error).message.split('\n')[0]})`;
  }
}

async function tryWasm(): Promise<string | undefined> {
  try {
    // Required, not imported: an import makes Node scan the package (and tfjs-core, which it
    // re-exports) for named exports, ~0.1 s of CPU (see tfjs.cjs).
    const { setWasmPaths } = createRequire(import.meta.url)('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
    setWasmPaths(wasmBinaryDir());
    return (await tf.setBackend('wasm')) ? undefined : 'wasm backend did not initialise';
  } catch (e) {
    return `wasm backend failed: ${(e as Error).message.split('\n')[0]}`;
  }
}

/**
 * Picks the fastest tfjs backend that works here, once per process: tfjs-node (native
 * TensorFlow) if it imports, else the wasm backend. The plain JS `cpu` backend is only a last
 * resort and is announced loudly, since it is 10-100x slower. `log` receives one line naming the
 * backend (pass a no-op to stay silent); the warning for `cpu` always goes to stderr.
 */
export function selectBackend(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<BackendChoice> {
  chosen ??= (async () => {
    const notes: string[] = [];
    for (const [name, attempt] of [['tensorflow', tryTfjsNode], ['wasm', tryWasm]] as const) {
      const why = await attempt();
      if (why === undefined) {
        await tf.ready();
        return { name, notes };
      }
      notes.push(why);
    }
    await tf.setBackend('cpu');
    await tf.ready();
    process.stderr.write(`WARNING: tfjs is running on the slow plain-JavaScript 'cpu' backend (${notes.join('; ')}). Expect training and prediction to be 10-100x slower.\n`);
    return { name: 'cpu' as const, notes };
  })();
  return chosen.then((c) => {
    log(`tfjs backend: ${c.name}${c.notes.length ? ` (${c.notes.join('; ')})` : ''}`);
    return c;
  });
}
