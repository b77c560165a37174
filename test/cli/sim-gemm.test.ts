// `tessera sim gemm` through the CLI entry point: figures, --check, --json, help and bad input.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../helpers/console-capture.ts';
import { main } from '../../cli/main.ts';

const { out, err } = captureConsole();

const small = ['sim', 'gemm', '--m', '37', '--k', '256', '--n', '45', '--array', '8x8', '--group', '64'];

describe('tessera sim gemm', () => {
  it('prints the figures and writes JSON whose cycles equal fast mode; --check passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-sim-'));
    const cyc = join(dir, 'cycle.json');
    const fast = join(dir, 'fast.json');
    expect(await main([...small, '--check', '--json', cyc])).toBe(0);
    const text = out.join('\n');
    for (const word of ['cycles', 'utilization', 'buffers', 'DRAM', 'energy', 'check        passed']) expect(text).toContain(word);
    expect(await main([...small, '--mode', 'fast', '--json', fast])).toBe(0);
    const a = JSON.parse(readFileSync(cyc, 'utf8'));
    const b = JSON.parse(readFileSync(fast, 'utf8'));
    expect(a.check.passed).toBe(true);
    expect(a.check.compared).toBe(37 * 45);
    expect(a.cycles).toBe(b.cycles);
    expect(a.utilization).toBe(b.utilization);
    expect(a.utilization).toBeGreaterThan(0);
    expect(a.utilization).toBeLessThanOrEqual(1);
    expect(a.traffic).toEqual(b.traffic);
  });

  it('--check runs for every PE kind', async () => {
    for (const pe of ['mixpe-w4a16', 'fp16', 'int8', 'bitfusion', 'ant']) {
      expect(await main([...small, '--pe', pe, '--check']), pe).toBe(0);
    }
    expect(await main([...small, '--dataflow', 'ws', '--check'])).toBe(0);
  });

  it('--help explains every flag', async () => {
    expect(await main(['sim', 'gemm', '--help'])).toBe(0);
    const help = out.join('\n');
    for (const flag of ['--m', '--k', '--n', '--pe', '--array', '--dataflow', '--group', '--scheme', '--mode', '--check', '--seed', '--json']) expect(help).toContain(flag);
    out.length = 0;
    expect(await main(['sim', '--help'])).toBe(0);
    expect(out.join('\n')).toContain('sim gemm');
  });

  const bad: [string[], string, string][] = [
    [['--pe', 'int3'], '--pe', 'mixpe-w4a8'],
    [['--group', '100'], '--group', 'valid choices'],
    [['--array', '64by64'], '--array', 'ROWSxCOLS'],
    [['--array', '512x512'], '--array', 'at most'],
    [['--m', '0'], '--m', 'whole number'],
    [['--pe', 'bitfusion', '--scheme', 'asymmetric'], '--scheme', 'symmetric'],
    [['--mode', 'fast', '--check'], '--check', '--mode cycle'],
    [['--dataflow', 'ws', '--array', '12x8'], '--array', 'divides the group'],
    [['--dataflow', 'xy'], '--dataflow', 'os, ws'],
    // Cycle mode's operands cannot be allocated: say how much it needs and point to fast mode.
    [['--m', '65536', '--k', '65536', '--n', '65536'], '--mode', 'needs about 208 GiB'],
    [['--m', '65536', '--k', '65536', '--n', '65536'], '--mode', 'use --mode fast'],
  ];
  for (const [args, flag, hint] of bad) {
    it(`refuses ${args.join(' ')} naming ${flag}, writing nothing`, async () => {
      const json = join(mkdtempSync(join(tmpdir(), 'tessera-sim-')), 'out.json');
      expect(await main([...small, ...args, '--json', json])).not.toBe(0);
      expect(err).toHaveLength(1);
      expect(err[0]).toContain(flag);
      expect(err[0]).toContain(hint);
      expect(existsSync(json)).toBe(false);
    });
  }
});
