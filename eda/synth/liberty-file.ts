import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { UserError } from '../../util/index.ts';

/** Reads a Liberty file for mapping, unpacking `.gz` in memory (Yosys and ABC want plain text). */
export function readLiberty(path: string, flag = '--liberty'): string {
  if (!existsSync(path)) throw new UserError(`Liberty file not found: ${path}`, flag);
  const raw = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  if (!/^\s*(\/\*[\s\S]*?\*\/\s*)*library\s*\(/m.test(text)) {
    throw new UserError(`not a Liberty file (no 'library (' group): ${path}`, flag);
  }
  return text;
}
