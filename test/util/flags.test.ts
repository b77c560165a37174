import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../cli/flags.ts';
import { UserError } from '../../util/index.ts';

const spec = [
  { name: 'm', kind: 'int', help: 'rows', required: true },
  { name: 'pe', kind: 'string', help: 'PE kind', choices: ['int8', 'fp16'], default: 'int8' },
  { name: 'scale', kind: 'number', help: 'scale' },
  { name: 'check', kind: 'boolean', help: 'check' },
] as const;

function errorOf(argv: string[]): UserError {
  try {
    parseFlags(argv, spec);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('parseFlags', () => {
  it('parses values, defaults and booleans', () => {
    const { flags, positionals } = parseFlags(['a.v', '--m', '7', '--scale=0.5', '--check'], spec);
    expect(flags).toEqual({ m: 7, pe: 'int8', scale: 0.5, check: true });
    expect(positionals).toEqual(['a.v']);
  });

  it('names the flag and the valid choices in every error', () => {
    expect(errorOf(['--m', '1', '--pe', 'int4']).format()).toBe('--pe: unknown value \'int4\' (choose one of: int8, fp16)');
    expect(errorOf(['--m', 'x']).format()).toContain('--m: expects a whole number');
    expect(errorOf(['--m', '1', '--bogus', '2']).format()).toContain('--bogus: unknown flag (valid flags: --m, --pe, --scale, --check)');
    expect(errorOf([]).format()).toContain('--m: is required');
    expect(errorOf(['--m']).format()).toContain('--m: needs a value');
  });
});
