/**
 * An independent reference for the Liberty scanner: the same grammar over a chevrotain lexer
 * (one token object per token, the whole file lexed first), as the library reader used before it
 * had its own scanner. Tests compare the two on real libraries and on mutated text.
 */
import type { IToken } from 'chevrotain';
import { Lexer, createToken } from '../../../eda/common/index.ts';
import { TokenStream } from '../../../eda/timing/common/token-stream.ts';
import type { LibertyAttribute, LibertyGroup } from '../../../eda/timing/index.ts';

const whitespace = createToken({ name: 'WS', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true });
const continuation = createToken({ name: 'Continuation', pattern: /\\\r?\n/, group: Lexer.SKIPPED, line_breaks: true });
const blockComment = createToken({ name: 'Comment', pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED, line_breaks: true });
const lineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED });
const libString = createToken({ name: 'String', pattern: /"(?:[^"\\]|\\[\s\S])*"/, line_breaks: true });
const libWord = createToken({
  name: 'Word',
  pattern: /[^\s(){}:;,"\\]+/,
  start_chars_hint: [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-+!*/[]<>=&|^~$#@\'%?'],
});
const punct = (name: string, ch: string) => createToken({ name, pattern: ch });
const lexer = new Lexer(
  [whitespace, continuation, blockComment, lineComment, libString, punct('LParen', '('), punct('RParen', ')'),
    punct('LBrace', '{'), punct('RBrace', '}'), punct('Colon', ':'), punct('Semi', ';'), punct('Comma', ','), libWord],
  { positionTracking: 'onlyStart', ensureOptimizations: true },
);

function unquote(t: IToken): string {
  return t.tokenType.name !== 'String' ? t.image : t.image.slice(1, -1).replace(/\\\r?\n/g, '');
}

export function parseLibertyReference(text: string, file: string): LibertyGroup {
  const ts = TokenStream.lex(lexer, text, file, 'Liberty');
  const head = ts.expect('Word', 'a group name such as library');
  const args = parseArgs(ts);
  ts.expect('LBrace', '"{"');
  const root = parseBody(ts, head, args);
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

function parseBody(ts: TokenStream, head: IToken, args: string[]): LibertyGroup {
  const group: LibertyGroup = { type: head.image, args, attributes: [], groups: [], line: head.startLine ?? 1, col: head.startColumn ?? 1 };
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

function parseSimpleValue(ts: TokenStream, name: IToken): LibertyAttribute {
  const first = ts.next('a value');
  const ftype = first.tokenType.name;
  if (ftype !== 'Word' && ftype !== 'String') throw ts.error(`expected a value for ${name.image}`, first);
  let value = unquote(first);
  while (ts.is('Word') && ts.peek()!.startLine === first.startLine) value += ` ${ts.next().image}`;
  ts.accept('Semi');
  return { name: name.image, values: [value], complex: false, line: name.startLine ?? 1, col: name.startColumn ?? 1 };
}
