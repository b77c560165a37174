import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { startTimeLimit, type TimeLimit } from './time-limit.ts';

/** An error thrown inside a worker task, re-raised in the caller with the worker's message. */
export class WorkerTaskError extends Error {
  constructor(message: string, readonly workerStack?: string) {
    super(message);
    this.name = 'WorkerTaskError';
  }
}

/** A task that ran past its time limit; its worker was stopped and replaced. */
export class WorkerTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(`task did not finish within ${seconds} s`);
    this.name = 'WorkerTimeoutError';
  }
}

export interface RunOptions {
  /** Stop the task's worker (and replace it) after this many seconds; the task fails with WorkerTimeoutError. */
  timeoutSeconds?: number;
}

interface Pending<O> { id: number; input: unknown; options: RunOptions; resolve: (o: O) => void; reject: (e: Error) => void }
interface Slot<O> { worker: Worker; busy?: Pending<O>; limit?: TimeLimit }

const entryUrl = new URL('./worker-entry.mjs', import.meta.url);

/**
 * A pool of worker threads (default: one per core) running one task module. The module's default
 * export takes a structured-cloneable input and returns (or resolves to) the output. A worker that
 * dies fails only its current task and is replaced.
 */
export class WorkerPool<I, O> {
  private readonly slots: Slot<O>[] = [];
  private readonly queue: Pending<O>[] = [];
  private nextId = 0;
  private closed = false;
  /** Deaths in a row with no task finished between them; a module that cannot load stops the pool. */
  private deathsInARow = 0;

  /** Idle workers do not keep the process alive (for a pool that lives as long as the process). */
  private readonly idleUnref: boolean;

  constructor(private readonly moduleUrl: URL, readonly size = availableParallelism(), options: { idleUnref?: boolean } = {}) {
    this.idleUnref = options.idleUnref ?? false;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run(input: I, options: RunOptions = {}): Promise<O> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, options, resolve, reject });
      this.pump();
    });
  }

  /** Runs every input, calling `onDone` as each finishes; results keep the input order. */
  async map(inputs: readonly I[], onDone?: (output: O, index: number) => void): Promise<O[]> {
    return Promise.all(inputs.map((input, i) => this.run(input).then((o) => (onDone?.(o, i), o))));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('worker pool closed'));
    for (const s of this.slots) s.limit?.cancel();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot<O> {
    const worker = new Worker(entryUrl, {
      workerData: { moduleUrl: this.moduleUrl.href },
    });
    const slot: Slot<O> = { worker };
    if (this.idleUnref) worker.unref();
    worker.on('message', (msg: { id: number; ok: boolean; output?: O; error?: { message: string; stack?: string } }) => {
      const job = slot.busy;
      if (!job || job.id !== msg.id) return;
      slot.busy = undefined;
      slot.limit?.cancel();
      if (this.idleUnref) slot.worker.unref();
      this.deathsInARow = 0;
      if (msg.ok) job.resolve(msg.output as O);
      else job.reject(new WorkerTaskError(msg.error?.message ?? 'worker task failed', msg.error?.stack));
      this.pump();
    });
    worker.on('error', (e) => this.replace(slot, new WorkerTaskError(e.message, e.stack)));
    worker.on('exit', (code) => {
      if (!this.closed && code !== 0) this.replace(slot, new WorkerTaskError(`worker exited with code ${code}`));
    });
    return slot;
  }

  /** Fails the slot's task with `e`, stops its worker and starts a fresh one in its place. */
  private replace(slot: Slot<O>, e: Error): void {
    const idx = this.slots.indexOf(slot);
    if (idx < 0 || this.closed) return;
    slot.limit?.cancel();
    slot.busy?.reject(e);
    slot.busy = undefined;
    void slot.worker.terminate();
    if (!(e instanceof WorkerTimeoutError) && ++this.deathsInARow > 2 * this.size) {
      for (const p of this.queue.splice(0)) p.reject(new WorkerTaskError(`workers keep dying: ${e.message}`, e.stack));
    }
    this.slots[idx] = this.spawn();
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.busy = job;
      const seconds = job.options.timeoutSeconds;
      if (seconds !== undefined && seconds > 0) slot.limit = startTimeLimit(seconds, () => slot.busy === job && this.replace(slot, new WorkerTimeoutError(seconds)));
      if (this.idleUnref) slot.worker.ref();
      slot.worker.postMessage({ id: job.id, input: job.input });
    }
  }
}
