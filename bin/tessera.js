#!/usr/bin/env node
// Entry point: registers the TypeScript loader, then runs the CLI. Ctrl-C exits with 130 and says
// what was kept: by default nothing; a command that resumes (a cache, a checkpoint folder) names it
// through util's setInterruptNote.
import { register } from 'tsx/esm/api';

register();
// Native tools run in their own process groups (so a timeout can stop them whole): stop them here,
// on Ctrl-C and on a plain `kill` alike, rather than leave them running.
const { stopTrackedChildren } = await import('../util/child-processes.ts');
const { currentInterruptNote } = await import('../util/stop-signal.ts');
for (const [signal, code] of /** @type {const} */ ([['SIGINT', 130], ['SIGTERM', 143]])) {
  process.on(signal, () => {
    stopTrackedChildren();
    process.stderr.write(`\ninterrupted: ${currentInterruptNote()}\n`);
    process.exit(code);
  });
}
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
