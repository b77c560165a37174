import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's Python with NumPy/scikit-learn/PyTorch (the `python3` first on PATH may lack them). */
export const debianPython = '/usr/bin/python3';

/** Why a test that needs these Python modules must skip, or undefined when they import. */
export function missingPythonModules(...modules: string[]): string | undefined {
  if (!existsSync(debianPython)) return `${debianPython} not found (apt-get install python3 ${modules.map((m) => `python3-${m}`).join(' ')})`;
  const r = spawnSync(debianPython, ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8' });
  return r.status === 0 ? undefined : `${debianPython} cannot import ${modules.join(', ')} (apt-get install ${modules.map((m) => `python3-${m}`).join(' ')})`;
}

/** Runs a Python script with a JSON value on stdin and returns the JSON it prints. */
export function runPythonJson<T>(script: string, input: unknown): T {
  const r = spawnSync(debianPython, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
