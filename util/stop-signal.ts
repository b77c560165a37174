import { isMainThread } from 'node:worker_threads';
import { join } from 'node:path';
import { stopTrackedChildren } from './child-processes.ts';
import { cacheDir } from './content-cache.ts';

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** A request to stop a long job: set by the first Ctrl-C or plain kill while the job runs. */
export interface StopFlag {
  requested: boolean;
  /** The signal that asked (undefined until then, or when a test sets `requested` itself). */
  signal?: StopSignal;
  /** Settles at the first signal: a pause point can wait on it. */
  readonly signalled: Promise<void>;
}

/** The shell's exit code for a job stopped by `signal`: 130 for Ctrl-C, 143 for a plain kill. */
export function exitCodeOf(signal: StopSignal | undefined): number {
  return signal === 'SIGTERM' ? 143 : 130;
}

/**
 * A long job stopped at a signal after saving what it can resume from. The CLI prints the message
 * and exits with `exitCode` (130 or 143), as it would have without the job's handler.
 */
export class Interrupted extends Error {
  readonly exitCode: number;
  constructor(message: string, readonly signal: StopSignal | undefined) {
    super(message);
    this.name = 'Interrupted';
    this.exitCode = exitCodeOf(signal);
  }
}

export function isInterrupted(e: unknown): e is Interrupted {
  return e instanceof Interrupted;
}

/** A stop flag no signal sets (for jobs in worker threads, where signals never arrive, and for tests that set it). */
export function stopFlag(): StopFlag & { resolve(): void } {
  let resolve!: () => void;
  const signalled = new Promise<void>((r) => (resolve = r));
  return { requested: false, signalled, resolve };
}

/**
 * Ctrl-C (or a plain kill) during a long, resumable job: the first signal asks the job to finish its
 * current step and save its state; a second one quits at once (130 / 143). The entry point's own
 * handlers (which exit at once) are set aside while `job` runs. The job must yield to the event loop
 * between steps (`yieldToEventLoop`), or no handler runs until it ends. In a worker thread, where no
 * signal arrives, the flag is never set.
 */
export async function withStopSignal<T>(job: (stop: StopFlag) => Promise<T>): Promise<T> {
  const stop = stopFlag();
  if (!isMainThread) return job(stop);
  const signals: StopSignal[] = ['SIGINT', 'SIGTERM'];
  const saved = signals.map((sig) => [sig, process.listeners(sig)] as const);
  const onSignal = (sig: StopSignal) => {
    if (stop.requested) {
      stopTrackedChildren();
      process.exit(exitCodeOf(sig));
    }
    stop.requested = true;
    stop.signal = sig;
    stop.resolve();
    process.stderr.write('\nstopping after this step (Ctrl-C again to quit at once)\n');
  };
  for (const sig of signals) { process.removeAllListeners(sig); process.on(sig, onSignal); }
  try {
    return await job(stop);
  } finally {
    for (const [sig, listeners] of saved) { process.off(sig, onSignal); for (const l of listeners) process.on(sig, l); }
  }
}

let interruptNote = 'nothing was kept; rerun the command to start again';

/**
 * What the entry point says after `interrupted:` when Ctrl-C or a plain kill ends the process. The
 * default says nothing was kept; a command that resumes names what it keeps and where.
 */
export function setInterruptNote(note: string): void {
  interruptNote = note;
}

export function currentInterruptNote(): string {
  return interruptNote;
}

/** The note of a command whose finished pieces (`what`) are cached in the cache's `folders`. */
export function cachedWorkNote(what: string, ...folders: string[]): string {
  return `${what} finished so far are cached in ${folders.map((f) => join(cacheDir(), f)).join(' and ')}; rerun the same command to resume`;
}

/** Lets pending signal handlers and I/O run between the steps of a long synchronous computation. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
