import { LibertyScanner, Tok } from './scanner.ts';

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

/** Parses Liberty text into its group tree; attribute meaning is left to the library reader. */
export function parseLibertySyntax(text: string, file: string): LibertyGroup {
  const s = new LibertyScanner(text, file);
  s.expect(Tok.Word, 'a group name such as library');
  const type = s.image();
  const line = s.line;
  const col = s.col;
  s.advance();
  const args = parseArgs(s);
  s.expect(Tok.LBrace, '"{"');
  s.advance();
  const root = parseBody(s, type, args, line, col);
  if (s.kind !== Tok.End) throw s.error('expected end of file after the library group');
  return root;
}

/** `( values )`, the current token being "(": words, strings and colons, commas skipped. */
function parseArgs(s: LibertyScanner): string[] {
  const args: string[] = [];
  s.expect(Tok.LParen, '"("');
  s.advance();
  for (;;) {
    s.notEnd('")"');
    const kind = s.kind;
    if (kind === Tok.RParen) break;
    if (kind !== Tok.Comma) {
      if (kind !== Tok.Word && kind !== Tok.String && kind !== Tok.Colon) throw s.error('expected a value or ")"');
      args.push(s.value());
    }
    s.advance();
  }
  s.advance();
  return args;
}

/** A group's contents after its "{", up to and including its "}". */
function parseBody(s: LibertyScanner, type: string, args: string[], line: number, col: number): LibertyGroup {
  const group: LibertyGroup = { type, args, attributes: [], groups: [], line, col };
  for (;;) {
    s.notEnd('"}"');
    const kind = s.kind;
    if (kind === Tok.RBrace) {
      s.advance();
      return group;
    }
    if (kind === Tok.Semi) {
      s.advance();
      continue;
    }
    if (kind !== Tok.Word) throw s.error('expected an attribute or group name');
    const name = s.image();
    const nameLine = s.line;
    const nameCol = s.col;
    s.advance();
    if (s.is(Tok.Colon)) {
      s.advance();
      group.attributes.push(parseSimpleValue(s, name, nameLine, nameCol));
    } else if (s.is(Tok.LParen)) {
      const values = parseArgs(s);
      if (s.is(Tok.LBrace)) {
        s.advance();
        group.groups.push(parseBody(s, name, values, nameLine, nameCol));
      } else {
        if (s.is(Tok.Semi)) s.advance();
        group.attributes.push({ name, values, complex: true, line: nameLine, col: nameCol });
      }
    } else {
      throw s.error(`expected ":" or "(" after ${name}`);
    }
  }
}

/** A simple attribute's value: tokens up to ";" or the end of the line (the ";" is optional). */
function parseSimpleValue(s: LibertyScanner, name: string, line: number, col: number): LibertyAttribute {
  s.notEnd('a value');
  if (s.kind !== Tok.Word && s.kind !== Tok.String) throw s.error(`expected a value for ${name}`);
  let value = s.value();
  const valueLine = s.line;
  s.advance();
  // Unquoted expressions (`VDD * 0.5`) continue on the same line.
  while (s.is(Tok.Word) && s.line === valueLine) {
    value += ` ${s.image()}`;
    s.advance();
  }
  if (s.is(Tok.Semi)) s.advance();
  return { name, values: [value], complex: false, line, col };
}
