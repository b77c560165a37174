import type { IToken } from 'chevrotain';
import { TokenStream } from '../common/token-stream.ts';
import { libertyLexer } from './lexer.ts';

/** One attribute: `name : value ;` (simple) or `name (v1, v2, ...) ;` (complex). */
export interface LibertyAttribute {
  readonly name: string;
  readonly values: string[];
  readonly complex: boolean;
  readonly line: number;
  readonly col: number;
}

/** One group: `type (args) { attributes and subgroups }`. */
export interface LibertyGroup {
  readonly type: string;
  readonly args: string[];
  readonly attributes: LibertyAttribute[];
  readonly groups: LibertyGroup[];
  readonly line: number;
  readonly col: number;
}

function unquote(t: IToken): string {
  const s = t.image;
  if (t.tokenType.name !== 'String') return s;
  // Strings may span lines with backslash continuations; the continuation is not content.
  return s.slice(1, -1).replace(/\\\r?\n/g, '');
}

/** Parses Liberty text into its group tree; attribute meaning is left to the library reader. */
export function parseLibertySyntax(text: string, file: string): LibertyGroup {
  const ts = TokenStream.lex(libertyLexer, text, file, 'Liberty');
  const head = ts.expect('Word', 'a group name such as library');
  const root = parseGroupAfterName(ts, head);
  if (!ts.atEnd) throw ts.error('expected end of file after the library group');
  return root;
}

function parseArgs(ts: TokenStream): string[] {
  const args: string[] = [];
  ts.expect('LParen', '"("');
  while (!ts.is('RParen')) {
    const t = ts.next('")"');
    const type = t.tokenType.name;
    if (type === 'Comma') continue;
    if (type !== 'Word' && type !== 'String' && type !== 'Colon') throw ts.error('expected a value or ")"', t);
    args.push(unquote(t));
  }
  ts.next();
  return args;
}

function parseGroupAfterName(ts: TokenStream, head: IToken): LibertyGroup {
  const args = parseArgs(ts);
  ts.expect('LBrace', '"{"');
  return parseBody(ts, head, args);
}

function parseBody(ts: TokenStream, head: IToken, args: string[]): LibertyGroup {
  const group: LibertyGroup = {
    type: head.image, args, attributes: [], groups: [], line: head.startLine ?? 1, col: head.startColumn ?? 1,
  };
  for (;;) {
    const name = ts.next('"}"');
    const type = name.tokenType.name;
    if (type === 'RBrace') return group;
    if (type === 'Semi') continue;
    if (type !== 'Word') throw ts.error('expected an attribute or group name', name);
    if (ts.is('Colon')) {
      ts.next();
      group.attributes.push(parseSimpleValue(ts, name));
    } else if (ts.is('LParen')) {
      const values = parseArgs(ts);
      if (ts.is('LBrace')) {
        ts.next();
        group.groups.push(parseBody(ts, name, values));
      } else {
        ts.accept('Semi');
        group.attributes.push({ name: name.image, values, complex: true, line: name.startLine ?? 1, col: name.startColumn ?? 1 });
      }
    } else {
      throw ts.error(`expected ":" or "(" after ${name.image}`);
    }
  }
}

/** A simple attribute's value: tokens up to ";" or the end of the line (the ";" is optional). */
function parseSimpleValue(ts: TokenStream, name: IToken): LibertyAttribute {
  const first = ts.next('a value');
  const ftype = first.tokenType.name;
  if (ftype !== 'Word' && ftype !== 'String') throw ts.error(`expected a value for ${name.image}`, first);
  let value = unquote(first);
  // Unquoted expressions (`VDD * 0.5`) continue on the same line.
  while (ts.is('Word') && ts.peek()!.startLine === first.startLine) value += ` ${ts.next().image}`;
  ts.accept('Semi');
  return { name: name.image, values: [value], complex: false, line: name.startLine ?? 1, col: name.startColumn ?? 1 };
}
