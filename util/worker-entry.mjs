// The body of every pool worker (plain JS so it starts without a loader): registers the
// TypeScript loader, imports the task module named in workerData and runs its default export on
// each message.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const mod = await import(workerData.moduleUrl);
if (typeof mod.default !== 'function') throw new Error(`${workerData.moduleUrl} has no default export function`);

const port = parentPort;
if (!port) throw new Error('util/worker-entry.mjs runs only as a worker thread');
port.on('message', async ({ id, input }) => {
  try {
    port.postMessage({ id, ok: true, output: await mod.default(input) });
  } catch (e) {
    const error = /** @type {{ message?: unknown; stack?: string } | undefined} */ (e);
    port.postMessage({ id, ok: false, error: { message: String(error?.message ?? e), stack: error?.stack } });
  }
});
