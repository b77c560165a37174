import { defineCommand } from '../command.ts';
import { connectChecked, queueStatus, redisTarget } from '../../queue/index.ts';
import { JOB_KINDS } from '../queue-jobs.ts';

export default defineCommand({
  path: ['queue', 'status'],
  summary: 'jobs waiting, running, done and failed per kind on a Redis queue, and the workers connected',
  flags: [
    { name: 'redis', kind: 'string', required: true, valueName: 'URL', help: 'redis[s]://[user:password@]host[:port][/db]' },
    { name: 'json', kind: 'boolean', help: 'print JSON instead of a table' },
  ],
  async run(flags) {
    const target = redisTarget(flags.redis);
    (await connectChecked(target, '--redis')).disconnect();
    const status = await queueStatus(target, JOB_KINDS);
    if (flags.json) {
      console.log(JSON.stringify(status, null, 2));
      return;
    }
    console.log(`queue at ${target.display}`);
    console.log('kind            waiting  active    done  failed  delayed  workers');
    for (const s of status) {
      console.log(`${s.kind.padEnd(14)} ${String(s.waiting).padStart(8)} ${String(s.active).padStart(7)} ${String(s.done).padStart(7)} ${String(s.failed).padStart(7)} ${String(s.delayed).padStart(8)}  ${s.workers.length}${s.workers.length ? ` (${s.workers.join(', ')})` : ''}`);
    }
  },
});
