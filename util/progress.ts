/**
 * A progress bar with an ETA on stderr. On a terminal it redraws one line; elsewhere (CI, pipes)
 * it prints a plain line at most every few seconds so logs stay short.
 */
export class ProgressBar {
  private done = 0;
  private skipped = 0;
  private readonly start = Date.now();
  private lastPrint = 0;
  private readonly tty: boolean;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  /** Advances by `n` items; `note` (e.g. the item's name) is shown after the bar. */
  tick(n = 1, note = ''): void {
    this.done += n;
    this.render(note);
  }

  /** Items already finished before this run (resumed from a cache) count towards the bar but not the ETA rate. */
  skip(n: number): void {
    this.done += n;
    this.skipped += n;
  }

  finish(): void {
    this.render('', true);
    if (this.tty && !this.quiet) this.stream.write('\n');
  }

  /** Seconds left at the rate seen so far, or undefined before the first item. */
  eta(): number | undefined {
    const worked = this.done - this.skipped;
    if (worked <= 0) return undefined;
    const rate = worked / ((Date.now() - this.start) / 1000);
    return (this.total - this.done) / rate;
  }

  private render(note: string, force = false): void {
    if (this.quiet) return;
    const now = Date.now();
    const interval = this.tty ? 100 : 5000;
    if (!force && now - this.lastPrint < interval && this.done < this.total) return;
    this.lastPrint = now;
    const frac = this.total > 0 ? Math.min(1, this.done / this.total) : 1;
    const width = 28;
    const filled = Math.round(frac * width);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
    const eta = this.eta();
    const etaText = eta === undefined ? 'ETA --' : `ETA ${formatSeconds(eta)}`;
    const line = `${this.label} [${bar}] ${this.done}/${this.total} ${(frac * 100).toFixed(0)}% ${etaText}${note ? ` ${note}` : ''}`;
    if (this.tty) this.stream.write(`\r\x1b[2K${line.slice(0, (this.stream.columns ?? 120) - 1)}`);
    else this.stream.write(`${line}\n`);
  }
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '--';
  const t = Math.max(0, Math.round(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}
