import { readFileSync } from 'node:fs';
import { UserError } from '../../util/index.ts';
import type { DatasetRecord } from './record.ts';

/** Reads a JSON Lines data set; a line that is not a record is reported with its number. */
export function readDatasetRecords(path: string): DatasetRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read: ${(e as Error).message}`, path, 'give the .jsonl file written by `tessera dataset build`');
  }
  const records: DatasetRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new UserError(`expected one JSON record per line: ${(e as Error).message}`, { file: path, line: i + 1, col: 1 });
    }
    const r = value as Partial<DatasetRecord>;
    if (typeof r !== 'object' || r === null || typeof r.id !== 'string' || (r.status !== 'ok' && r.status !== 'failed')) {
      throw new UserError('expected a data set record with "id" and "status" ("ok" or "failed")', { file: path, line: i + 1, col: 1 });
    }
    records.push(r as DatasetRecord);
  });
  return records;
}
