import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { UserError, type SourceLocation } from './user-error.ts';

/**
 * Reads a text file, gunzipping it when its name ends in .gz. A missing or broken file is a
 * UserError at `where` (the flag that named it, or the file itself).
 */
export function readTextFile(file: string, where: string | SourceLocation = file): string {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    throw new UserError(`cannot read ${file}: ${(e as Error).message}`, where, 'check the path');
  }
  if (file.endsWith('.gz')) {
    try {
      data = gunzipSync(data);
    } catch (e) {
      throw new UserError(`cannot gunzip ${file}: ${(e as Error).message}`, where, 'give a valid gzip file');
    }
  }
  return data.toString('utf8');
}
