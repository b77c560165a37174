/** Short, one-line parser error messages (chevrotain's defaults span several lines). */
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { EOF } from '../common/index.ts';

/** What a token type looks like in a message: `'module'`, `';'`, `an identifier`. */
export function describeTokenType(t: TokenType): string {
  const name = t.name;
  if (name.startsWith('kw_')) return `'${name.slice(3)}'`;
  if (name.startsWith('op_')) return `'${name.slice(3)}'`;
  const words: Record<string, string> = {
    Identifier: 'an identifier', SystemIdentifier: 'a system task or function', Number: 'a number', Real: 'a real number',
    String: 'a string', BinaryOperator: 'a binary operator', UnaryOperator: 'a unary operator', EOF: 'end of file',
  };
  return words[name] ?? name;
}

function found(t: IToken): string {
  return t.tokenType === EOF ? 'end of file' : `'${t.image}'`;
}

/** Short, one-line messages instead of chevrotain's multi-line defaults. */
export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `expected ${describeTokenType(expected)}, found ${found(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `unexpected ${found(firstRedundant)}: expected 'module' or 'primitive'`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, ruleName }) => {
    const types = expectedPathsPerAlt.flat().map((path) => path[0]);
    // `++i` starts with '+', which "a unary operator" already says.
    const unary = types.some((t) => t.name === 'UnaryOperator');
    const firsts = new Set(types.filter((t) => !(unary && (t.name === 'op_+' || t.name === 'op_-'))).map(describeTokenType).filter(Boolean));
    const list = [...firsts].slice(0, 6).join(', ');
    return `unexpected ${found(actual[0])} in ${humanRule(ruleName)}${list ? ` (expected ${list}${firsts.size > 6 ? ', ...' : ''})` : ''}`;
  },
  buildEarlyExitMessage: ({ expectedIterationPaths, actual, ruleName }) => {
    const firsts = [...new Set(expectedIterationPaths.map((p) => describeTokenType(p[0])))].slice(0, 6).join(', ');
    return `unexpected ${found(actual[0])} in ${humanRule(ruleName)} (expected ${firsts})`;
  },
};

function humanRule(ruleName: string): string {
  return ruleName.replace(/([A-Z])/g, ' $1').toLowerCase();
}
