import { UserError } from '../util/index.ts';

export type FlagKind = 'string' | 'int' | 'number' | 'boolean';

export interface FlagSpec {
  readonly name: string;
  readonly kind: FlagKind;
  readonly help: string;
  readonly default?: string | number | boolean;
  /** For string flags: the accepted values; anything else is refused with this list. */
  readonly choices?: readonly string[];
  readonly required?: boolean;
  /** Shown in help after the flag, e.g. `FILE`. */
  readonly valueName?: string;
}

type ValueOf<S extends FlagSpec> = S['kind'] extends 'boolean' ? boolean : S['kind'] extends 'int' | 'number' ? number : string;
type Presence<S extends FlagSpec> = S extends { default: string | number | boolean } | { required: true } | { kind: 'boolean' } ? never : undefined;

/** The parsed flags of a command, typed from its spec: `--array 8x8` becomes `flags.array: string`. */
export type ParsedFlags<F extends readonly FlagSpec[]> = {
  [S in F[number] as S['name']]: ValueOf<S> | Presence<S>;
};

/**
 * Parses `--name value`, `--name=value` and boolean `--name` against a spec. Every error names the
 * flag and what it accepts.
 */
export function parseFlags<const F extends readonly FlagSpec[]>(
  argv: readonly string[],
  spec: F,
): { flags: ParsedFlags<F>; positionals: string[] } {
  const byName = new Map(spec.map((s) => [s.name, s]));
  const values: Record<string, string | number | boolean | undefined> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      if (arg === '--') positionals.push(...argv.slice(i + 1));
      else positionals.push(arg);
      if (arg === '--') break;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const s = byName.get(name);
    if (!s) {
      const known = spec.map((f) => `--${f.name}`).join(', ') || 'none';
      throw new UserError(`unknown flag`, `--${name}`, `valid flags: ${known}`);
    }
    if (s.kind === 'boolean') {
      if (eq >= 0) {
        const v = arg.slice(eq + 1);
        if (v !== 'true' && v !== 'false') throw new UserError(`expects true or false, got '${v}'`, `--${name}`);
        values[name] = v === 'true';
      } else values[name] = true;
      continue;
    }
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new UserError(`needs a value`, `--${name}`, `give it as --${name} ${s.valueName ?? 'VALUE'}`);
      }
      raw = next;
      i++;
    }
    values[name] = convert(s, raw);
  }
  for (const s of spec) {
    if (values[s.name] === undefined && s.default !== undefined) values[s.name] = s.default;
    if (values[s.name] === undefined && s.kind === 'boolean') values[s.name] = false;
    if (values[s.name] === undefined && s.required) {
      throw new UserError(`is required`, `--${s.name}`, s.help);
    }
  }
  return { flags: values as ParsedFlags<F>, positionals };
}

function convert(s: FlagSpec, raw: string): string | number {
  const flag = `--${s.name}`;
  if (s.kind === 'int') {
    if (!/^-?\d+$/.test(raw)) throw new UserError(`expects a whole number, got '${raw}'`, flag);
    return Number(raw);
  }
  if (s.kind === 'number') {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) throw new UserError(`expects a number, got '${raw}'`, flag);
    return v;
  }
  if (s.choices && !s.choices.includes(raw)) {
    throw new UserError(`unknown value '${raw}'`, flag, `choose one of: ${s.choices.join(', ')}`);
  }
  return raw;
}

/** The help lines for a flag spec, aligned. */
export function formatFlagHelp(spec: readonly FlagSpec[]): string {
  const rows = spec.map((s) => {
    const left = `--${s.name}${s.kind === 'boolean' ? '' : ` ${s.valueName ?? s.kind.toUpperCase()}`}`;
    const extras = [
      s.choices ? `one of: ${s.choices.join(', ')}` : '',
      s.default !== undefined && s.kind !== 'boolean' ? `default: ${s.default}` : '',
      s.required ? 'required' : '',
    ].filter(Boolean);
    return [left, `${s.help}${extras.length ? ` (${extras.join('; ')})` : ''}`];
  });
  const width = Math.max(0, ...rows.map(([l]) => l.length));
  return rows.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`).join('\n');
}
