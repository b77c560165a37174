/**
 * Ctrl-C (or a plain kill) during a long, resumable job: the first signal asks the job to finish its
 * current step and save its state; a second one quits at once. The entry point's own handlers
 * (which exit at once) are set aside while `job` runs.
 */
export async function withStopSignal<T>(job: (stop: { requested: boolean }) => Promise<T>): Promise<T> {
  const stop = { requested: false };
  const saved = (['SIGINT', 'SIGTERM'] as const).map((sig) => [sig, process.listeners(sig)] as const);
  const onSignal = () => {
    if (stop.requested) process.exit(130);
    stop.requested = true;
    process.stderr.write('\nstopping after this step and saving the state (Ctrl-C again to quit at once)\n');
  };
  for (const [sig] of saved) { process.removeAllListeners(sig); process.on(sig, onSignal); }
  try {
    return await job(stop);
  } finally {
    for (const [sig, listeners] of saved) { process.off(sig, onSignal); for (const l of listeners) process.on(sig, l); }
  }
}
