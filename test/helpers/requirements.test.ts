import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { missingPython, missingTool, pythonWith, skipReason, toolPath } from './requirements.ts';

const dir = mkdtempSync(join(tmpdir(), 'tessera-requirements-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

function script(folder: string, name: string, body: string): string {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('requirements of a test', () => {
  it('finds a tool only through PATH, and says which package provides a missing one', () => {
    const bin = join(dir, 'bin');
    const sta = script(bin, 'sta', 'exit 0');
    writeFileSync(join(bin, 'yosys'), 'not executable');
    vi.stubEnv('PATH', bin);
    expect(toolPath('sta')).toBe(sta);
    expect(missingTool('sta')).toBeUndefined();
    expect(missingTool('yosys')).toBe('yosys not found on PATH (apt-get install yosys)');
    vi.stubEnv('PATH', join(dir, 'empty'));
    expect(missingTool('sta')).toBe('sta not found on PATH (apt-get install opensta)');
  });

  it('tries every python3 on PATH until one imports the modules', () => {
    // The first python3 imports nothing (like a pyenv build without NumPy); the second imports numpy only.
    script(join(dir, 'py-bare'), 'python3', 'exit 1');
    const good = script(join(dir, 'py-numpy'), 'python3', 'case "$2" in "import numpy") exit 0;; *) exit 1;; esac');
    vi.stubEnv('PATH', `${join(dir, 'py-bare')}:${join(dir, 'py-numpy')}`);
    expect(pythonWith('numpy')).toBe(good);
    expect(missingPython('numpy')).toBeUndefined();
    expect(missingPython('numpy', 'torch')).toMatch(/^no python3 on PATH imports numpy, torch \(apt-get install python3-numpy python3-torch/);
  });

  it('reports the first missing requirement on one line', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(skipReason(undefined, 'b missing', 'c missing')).toBe('b missing');
    expect(skipReason(undefined, undefined)).toBeUndefined();
    expect(warn.mock.calls).toEqual([['skipped: b missing']]);
    warn.mockRestore();
  });
});
