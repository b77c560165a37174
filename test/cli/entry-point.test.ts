// cli/main.ts is the CLI's library half: run directly it must not exit 0 having done nothing, but
// point at the real entry point (bin/tessera.js).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('cli/main.ts run directly', () => {
  it('exits 2 and names the entry point', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'synth'], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('npx tessera');
    expect(run.stdout).toBe('');
  });

  it('bin/tessera.js still runs the CLI', () => {
    const run = spawnSync(process.execPath, ['bin/tessera.js', '--help'], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('usage: tessera');
    expect(run.stderr).not.toContain('not an entry point');
  });
});
