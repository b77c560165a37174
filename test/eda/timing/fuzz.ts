import { expect } from 'vitest';
import { isUserError, seededRandom, type SourceLocation } from '../../../util/index.ts';


const noise = ['(', ')', '{', '}', ';', ':', '"', '\\', '*', '-', '+', '[', ']', ',', '/', '\n', ' ', '0', '1e9', 'x', 'END', 'NaN', '#'];

/** One random edit of a real file: delete, duplicate or move a span, or insert syntax noise. */
export function mutate(text: string, rand: () => number): string {
  const at = Math.floor(rand() * text.length);
  const len = 1 + Math.floor(rand() * Math.min(200, text.length / 4));
  switch (Math.floor(rand() * 4)) {
    case 0: return text.slice(0, at) + text.slice(at + len);
    case 1: return text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
    case 2: {
      const to = Math.floor(rand() * text.length);
      const span = text.slice(at, at + len);
      const rest = text.slice(0, at) + text.slice(at + len);
      return rest.slice(0, to) + span + rest.slice(to);
    }
    default: return text.slice(0, at) + noise[Math.floor(rand() * noise.length)]! + text.slice(at);
  }
}

/**
 * Parses `count` mutations of `text`: each must parse or fail with a UserError at a position
 * inside the file (never another exception). Returns how many failed, so a test can check the
 * mutations did exercise the error paths.
 */
export function fuzzParser(text: string, file: string, parse: (t: string) => unknown, count: number, seed: number): number {
  const rand = seededRandom(seed);
  let failures = 0;
  for (let i = 0; i < count; i++) {
    let t = mutate(text, rand);
    if (rand() < 0.3) t = mutate(t, rand);
    try {
      parse(t);
    } catch (e) {
      if (!isUserError(e)) throw new Error(`mutation ${i} (seed ${seed}) crashed the parser: ${(e as Error).stack}`);
      failures++;
      const where = e.where as SourceLocation;
      expect(typeof where).toBe('object');
      expect(where.file).toBe(file);
      expect(where.line).toBeGreaterThanOrEqual(1);
      expect(where.line).toBeLessThanOrEqual(t.split('\n').length + 1);
      expect(where.col).toBeGreaterThanOrEqual(1);
    }
  }
  return failures;
}
