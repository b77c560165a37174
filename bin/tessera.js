#!/usr/bin/env node
// Entry point: registers the TypeScript loader, then runs the CLI. Ctrl-C exits with 130; long
// jobs write results atomically and cache by content hash, so a rerun resumes.
import { register } from 'tsx/esm/api';

register();
process.on('SIGINT', () => {
  process.stderr.write('\ninterrupted: finished work is cached; rerun the same command to resume\n');
  process.exit(130);
});
// `tessera ... | head` closes the pipe early: stop quietly, as other command-line tools do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import('../cli/main.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  console.error(e);
  process.exitCode = 70;
}
