// Child processes (and their scratch folders) started by any thread of this process, pool workers
// included. A SIGTERM sent to tessera alone does not reach its children, so the entry point stops
// them itself instead of leaving native tools running as orphans.
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { BroadcastChannel, isMainThread } from 'node:worker_threads';

export interface TrackOptions {
  /** A scratch folder the child works in, removed when it is stopped. */
  dir?: string;
  /** The child leads its own process group (spawned `detached`): stop the whole group, grandchildren included. */
  group?: boolean;
}

interface Notice { pid: number; options?: TrackOptions; alive: boolean }

const live = new Map<number, TrackOptions>();
// Workers tell the main thread; a channel does not deliver to its own sender, so each thread also
// keeps its own entries.
const channel = new BroadcastChannel('tessera-child-processes');
channel.unref();
if (isMainThread) {
  channel.onmessage = (event) => {
    const { pid, options, alive } = (event as { data: Notice }).data;
    if (alive) live.set(pid, options ?? {});
    else live.delete(pid);
  };
}

/** Registers a started child until it exits. */
export function trackChild(child: ChildProcess, options: TrackOptions = {}): void {
  const pid = child.pid;
  if (pid === undefined) return;
  live.set(pid, options);
  channel.postMessage({ pid, options, alive: true } satisfies Notice);
  child.once('exit', () => {
    live.delete(pid);
    channel.postMessage({ pid, alive: false } satisfies Notice);
  });
}

/** Kills a child, or its whole process group when it leads one. */
export function killChild(pid: number, options: TrackOptions = {}): void {
  if (!(pid > 0)) return; // kill(0) or kill(-0) would hit our own process group
  try {
    process.kill(options.group ? -pid : pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Kills every tracked child still running and removes its scratch folder (best effort). */
export function stopTrackedChildren(): void {
  for (const [pid, options] of live) {
    killChild(pid, options);
    if (options.dir) rmSync(options.dir, { recursive: true, force: true, maxRetries: 3 });
  }
  live.clear();
}
