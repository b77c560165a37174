// What a test needs from outside the repository, and the one-line reason to skip when it is absent.
// Tools and Python are looked up on PATH only (never at a fixed path), so `.ci/bare`, which runs the
// suite with a PATH of plain utilities, really hides them.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { missingData } from '../../util/index.ts';

export { missingData };

/** The Debian package that provides each tool the tests use as a reference. */
const debianPackage: Readonly<Record<string, string>> = {
  iverilog: 'iverilog',
  vvp: 'iverilog',
  yosys: 'yosys',
  'yosys-abc': 'yosys',
  'berkeley-abc': 'berkeley-abc',
  verilator: 'verilator',
  sta: 'opensta',
  chromium: 'chromium',
  'redis-server': 'redis-server',
};

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Every executable called `name` on PATH, in PATH order. */
function allOnPath(name: string): string[] {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  return [...new Set(dirs.map((d) => join(d, name)))].filter(isExecutableFile);
}

/** The absolute path of `name` as PATH finds it, or undefined. */
export function toolPath(name: string): string | undefined {
  return allOnPath(name)[0];
}

/** Why a test needing `name` must skip (it is not on PATH), or undefined when it is there. */
export function missingTool(name: string): string | undefined {
  if (toolPath(name)) return undefined;
  const pkg = debianPackage[name];
  return `${name} not found on PATH${pkg ? ` (apt-get install ${pkg})` : ''}`;
}

const pythonCache = new Map<string, string | undefined>();

/**
 * A python3 on PATH that imports every module given (e.g. 'numpy', 'torch'), or undefined. The first
 * python3 on PATH may lack them (a pyenv build), so each python3 on PATH is tried in order.
 */
export function pythonWith(...modules: string[]): string | undefined {
  const key = modules.join(',');
  if (pythonCache.has(key)) return pythonCache.get(key);
  const found = allOnPath('python3').find(
    (py) => spawnSync(py, ['-c', `import ${modules.join(', ') || 'sys'}`], { stdio: 'ignore', timeout: 60_000 }).status === 0,
  );
  pythonCache.set(key, found);
  return found;
}

/** Why a test needing these Python modules must skip, or undefined when a python3 on PATH has them. */
export function missingPython(...modules: string[]): string | undefined {
  if (pythonWith(...modules)) return undefined;
  const debian = modules.map((m) => `python3-${m}`).join(' ');
  return `no python3 on PATH imports ${modules.join(', ')} (apt-get install ${debian}; Debian's is /usr/bin/python3)`;
}

/**
 * The first of the reasons given (the results of missingData / missingTool / missingPython), printed
 * as one line so the test log says why its tests were skipped; undefined when nothing is missing.
 * Use it as `describe.skipIf(skip)`.
 */
export function skipReason(...reasons: (string | undefined)[]): string | undefined {
  const reason = reasons.find((r) => r !== undefined);
  if (reason !== undefined) console.warn(`skipped: ${reason}`);
  return reason;
}
