import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { UserError } from '../../../util/index.ts';

/** Reads a text file, gunzipping it when its name ends in .gz. */
export function readText(file: string, flag?: string): string {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    throw new UserError(`cannot read ${file}: ${(e as Error).message}`, flag, 'check the path');
  }
  if (file.endsWith('.gz')) {
    try {
      data = gunzipSync(data);
    } catch (e) {
      throw new UserError(`cannot gunzip ${file}: ${(e as Error).message}`, flag, 'give a valid gzip file');
    }
  }
  return data.toString('utf8');
}
