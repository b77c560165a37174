/** The command as it ran, every flag spelled out (defaults too), for train.json and eval JSON. */
export function commandLine(command: string, flags: Record<string, unknown>): string {
  const parts = Object.entries(flags)
    .filter(([, v]) => v !== undefined && v !== false)
    .flatMap(([k, v]) => (v === true ? [`--${k}`] : [`--${k}`, String(v)]));
  return ['tessera', command, ...parts].join(' ');
}
