import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { UserError, type SourceLocation } from './user-error.ts';

/**
 * Reads a text file, gunzipping it when its name ends in .gz. A missing or broken file is a
 * UserError at `where` (the flag that named it, or the file itself).
 */
export function readTextFile(file: string, where: string | SourceLocation = file): string {
  let data: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new UserError(`${file} is a directory, not a file`, where, 'give the path of a file');
    data = readFileSync(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`cannot read ${file}: ${(e as Error).message}`, where, 'check the path');
  }
  if (file.endsWith('.gz')) {
    try {
      data = gunzipSync(data);
    } catch (e) {
      throw new UserError(`cannot gunzip ${file}: ${(e as Error).message}`, where, 'give a valid gzip file');
    }
  }
  // No text format read here has NUL bytes; a file with one is binary (as git and grep decide).
  if (data.subarray(0, 1 << 16).includes(0)) throw new UserError(`${file} is a binary file, not text`, where, 'give a text file (gzip is read when the name ends in .gz)');
  return data.toString('utf8');
}
