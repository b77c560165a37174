import type { FlagSpec, ParsedFlags } from './flags.ts';

/** One CLI command, e.g. `tessera sim gemm`. `path` is its words after `tessera`. */
export interface Command<F extends readonly FlagSpec[] = readonly FlagSpec[]> {
  readonly path: readonly string[];
  readonly summary: string;
  /** Positional arguments, as shown in usage (e.g. `FILE...`). */
  readonly positionals?: string;
  /** Extra help text shown after the flags (examples, notes). */
  readonly details?: string;
  readonly flags: F;
  /** Returns the exit code (0 when omitted). User mistakes throw UserError. */
  run(flags: ParsedFlags<F>, positionals: string[]): Promise<number | void>;
}

/** Defines a command with its flags' types inferred from the spec. */
export function defineCommand<const F extends readonly FlagSpec[]>(c: Command<F>): Command {
  return c as unknown as Command;
}
