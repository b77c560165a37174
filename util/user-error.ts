/**
 * Errors a user can cause (a bad flag, a bad file). The CLI prints them as one line, without a
 * stack trace, and exits non-zero. Everything else is a bug and keeps its stack.
 */

/** A position in a user's file; line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

export class UserError extends Error {
  /** `where` is a flag (`--group`), a field, or a file position; `fix` says what to do instead. */
  constructor(
    message: string,
    readonly where?: string | SourceLocation,
    readonly fix?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }

  /** The one-line form the CLI prints: `where: message (fix)`. */
  format(): string {
    const where = this.where === undefined ? '' : `${formatWhere(this.where)}: `;
    const fix = this.fix ? ` (${this.fix})` : '';
    return `${where}${this.message}${fix}`;
  }
}

export function formatWhere(where: string | SourceLocation): string {
  return typeof where === 'string' ? where : `${where.file}:${where.line}:${where.col}`;
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
