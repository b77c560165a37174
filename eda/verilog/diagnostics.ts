/**
 * Diagnostics of the Verilog front-end: every problem is a position in an original source file
 * and a one-line message; `formatDiagnostic` adds the source line and a caret under the column.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly file: string;
  /** 1-based line and column in the original file (after source mapping). */
  readonly line: number;
  readonly col: number;
  readonly message: string;
  readonly severity: Severity;
}

/** Collects diagnostics, capping how many one broken file can produce so huge garbage stays cheap. */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  private dropped = 0;

  constructor(private readonly limit = 500) {}

  error(file: string, line: number, col: number, message: string): void {
    this.add({ file, line, col, message, severity: 'error' });
  }

  warning(file: string, line: number, col: number, message: string): void {
    this.add({ file, line, col, message, severity: 'warning' });
  }

  add(d: Diagnostic): void {
    if (this.list.length < this.limit) this.list.push(d);
    else this.dropped++;
  }

  /** The collected list, with a closing note when some were dropped over the limit. */
  finish(): Diagnostic[] {
    if (this.dropped > 0) {
      const last = this.list[this.list.length - 1];
      this.list.push({ ...last, severity: 'error', message: `${this.dropped} more diagnostics not shown` });
      this.dropped = 0;
    }
    return this.list;
  }

  get errorCount(): number {
    return this.list.filter((d) => d.severity === 'error').length;
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * `file:line:col: severity: message`, then the source line and a caret. `source` looks up a file's
 * text; without it (or when the line is gone) only the first line is printed.
 */
export function formatDiagnostic(d: Diagnostic, source?: (file: string) => string | undefined): string {
  const head = `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
  const text = source?.(d.file);
  if (text === undefined) return head;
  const lineText = nthLine(text, d.line);
  if (lineText === undefined) return head;
  const shown = lineText.replace(/\t/g, ' ');
  const clipped = shown.length > 160 ? `${shown.slice(0, 160)}...` : shown;
  const caret = `${' '.repeat(Math.max(0, Math.min(d.col - 1, clipped.length)))}^`;
  return `${head}\n  ${clipped}\n  ${caret}`;
}

function nthLine(text: string, line: number): string | undefined {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  if (start > text.length) return undefined;
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}
