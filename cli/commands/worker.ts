import { defineCommand } from '../command.ts';
import { UserError, setInterruptNote } from '../../util/index.ts';
import { connectChecked, redisTarget, startQueueWorker, type JobHandler } from '../../queue/index.ts';
import { DATASET_DESIGN, EXPLORE_POINT, JOB_KINDS, designJobHandler, pointJobHandler } from '../queue-jobs.ts';

export default defineCommand({
  path: ['worker'],
  summary: 'run queued jobs (data-set designs, sweep points) from Redis on this machine, until stopped',
  details: `Start one per machine; each runs --concurrency jobs at once in its own worker threads. Jobs
carry every input (large ones by content hash), so the worker needs no shared files, only the pinned
tools: a job whose Yosys version differs from this machine's is refused and goes to another worker.
A worker killed mid-job loses nothing: after --lock-seconds without its heartbeat the job is run
elsewhere (at most 3 runs, then it is recorded as failed). Ctrl-C stops the worker.
example: tessera worker --redis redis://:secret@10.0.0.5:6379 --concurrency 2`,
  flags: [
    { name: 'redis', kind: 'string', required: true, valueName: 'URL', help: 'redis[s]://[user:password@]host[:port][/db][?ca=FILE&servername=NAME&insecure=1]' },
    { name: 'concurrency', kind: 'int', default: 2, valueName: 'N', help: 'jobs at once on this machine (one per core)' },
    { name: 'kinds', kind: 'string', default: JOB_KINDS.join(','), valueName: 'LIST', help: `job kinds to take, comma-separated (${JOB_KINDS.join(', ')})` },
    { name: 'lock-seconds', kind: 'int', default: 30, valueName: 'S', help: 'a job without a heartbeat for this long is retried on another worker' },
  ],
  async run(flags) {
    setInterruptNote(`jobs finished so far are kept in the Redis queue; a job this worker was running goes back to the queue after ${flags['lock-seconds']} s without its heartbeat`);
    if (flags.concurrency < 1) throw new UserError('must be at least 1', '--concurrency');
    if (flags['lock-seconds'] < 1) throw new UserError('must be at least 1 second', '--lock-seconds');
    const target = redisTarget(flags.redis);
    const kinds = flags.kinds.split(',').map((k) => k.trim()).filter(Boolean);
    const handlers: Record<string, JobHandler> = {};
    for (const kind of kinds) {
      if (kind === DATASET_DESIGN) handlers[kind] = designJobHandler(flags.concurrency);
      else if (kind === EXPLORE_POINT) handlers[kind] = pointJobHandler(flags.concurrency);
      else throw new UserError(`unknown job kind '${kind}'`, '--kinds', `choose from ${JOB_KINDS.join(', ')}`);
    }
    (await connectChecked(target, '--redis')).disconnect();
    const worker = startQueueWorker({
      target,
      handlers,
      concurrency: flags.concurrency,
      lockSeconds: flags['lock-seconds'],
      onJob: (kind, id, outcome, detail) => console.log(`${new Date().toISOString()} ${kind} ${id.slice(0, 12)} ${outcome}${detail ? `: ${detail}` : ''}`),
    });
    console.log(`worker ${worker.name}: ${kinds.join(', ')} from ${target.display}, ${flags.concurrency} at once`);
    // Runs until the process is stopped (Ctrl-C or kill): its running jobs are then retried elsewhere.
    await new Promise<never>(() => undefined);
  },
});
