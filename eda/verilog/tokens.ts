/**
 * The token vocabulary of Verilog-2005 as chevrotain token types. Tokens are produced by the
 * hand-written scanner in lexer.ts (chevrotain's own regex lexer is slower on big netlists), so
 * every type here is pattern-less (`Lexer.NA`): the parser only needs the type identities.
 */
import type { TokenType } from 'chevrotain';
import { createToken, Lexer } from '../common/index.ts';
import { binaryOperators, unaryOperators } from './operators.ts';

/** The coarse class of a token, for consumers of the bare token stream (e.g. learned models). */
export type TokenKind =
  | 'keyword'
  | 'identifier'
  | 'escaped-identifier'
  | 'system-identifier'
  | 'number'
  | 'real'
  | 'string'
  | 'operator'
  | 'directive'
  | 'macro';

/** Every token is also an AnyToken, so specify bodies and UDP tables can be taken token by token. */
export const AnyToken = createToken({ name: 'AnyToken', pattern: Lexer.NA });
const make = (name: string): TokenType => createToken({ name, pattern: Lexer.NA, categories: [AnyToken] });

export const Identifier = make('Identifier');
/**
 * SystemVerilog's always_comb, always_ff and always_latch, reserved as in SystemVerilog (a
 * Verilog-2005 file using them as names is rejected; chevrotain cannot choose between a process
 * and a declaration when they are also identifiers).
 */
export const SvProcessKeyword = make('SvProcess');
export const svProcessWords = new Set(['always_comb', 'always_ff', 'always_latch']);
export const SystemIdentifier = make('SystemIdentifier');
export const NumberLiteral = make('Number');
export const RealLiteral = make('Real');
export const StringLiteral = make('String');
/** Preprocessor-only tokens; they never reach the parser. */
export const Directive = make('Directive');
export const MacroUse = make('MacroUse');

/**
 * IEEE 1364-2005 reserved words. The configuration words (config, design, library, cell, use,
 * liblist, instance, incdir, include) are left out: config blocks are not supported and real
 * netlists use some of them as names.
 */
export const keywordList = [
  'always', 'and', 'assign', 'automatic', 'begin', 'buf', 'bufif0', 'bufif1', 'case', 'casex', 'casez', 'cmos',
  'deassign', 'default', 'defparam', 'disable', 'edge', 'else', 'end', 'endcase', 'endfunction', 'endgenerate',
  'endmodule', 'endprimitive', 'endspecify', 'endtable', 'endtask', 'event', 'for', 'force', 'forever', 'fork',
  'function', 'generate', 'genvar', 'highz0', 'highz1', 'if', 'ifnone', 'initial', 'inout', 'input', 'integer', 'join',
  'large', 'localparam', 'macromodule', 'medium', 'module', 'nand', 'negedge', 'nmos', 'nor', 'noshowcancelled', 'not',
  'notif0', 'notif1', 'or', 'output', 'parameter', 'pmos', 'posedge', 'primitive', 'pull0', 'pull1', 'pulldown',
  'pullup', 'pulsestyle_onevent', 'pulsestyle_ondetect', 'rcmos', 'real', 'realtime', 'reg', 'release', 'repeat',
  'rnmos', 'rpmos', 'rtran', 'rtranif0', 'rtranif1', 'scalared', 'showcancelled', 'signed', 'small', 'specify',
  'specparam', 'strong0', 'strong1', 'supply0', 'supply1', 'table', 'task', 'time', 'tran', 'tranif0', 'tranif1',
  'tri', 'tri0', 'tri1', 'triand', 'trior', 'trireg', 'unsigned', 'uwire', 'vectored', 'wait', 'wand', 'weak0', 'weak1',
  'while', 'wire', 'wor', 'xnor', 'xor',
] as const;
export type Keyword = (typeof keywordList)[number];

export const keywordTypes = new Map<string, TokenType>(keywordList.map((k) => [k, make(`kw_${k}`)]));
export const kw = (k: Keyword): TokenType => keywordTypes.get(k)!;

/** Operators and punctuation, longest first so the scanner can match greedily. */
export const operatorList = [
  '<<<', '>>>', '===', '!==', '==?', '!=?', '&&&', '<->',
  '**', '&&', '||', '==', '!=', '<=', '>=', '<<', '>>', '~&', '~|', '~^', '^~', '->', '+:', '-:', '(*', '*)', '=>', '*>', '::',
  '(', ')', '[', ']', '{', '}', ',', ';', ':', '.', '=', '?', '+', '-', '*', '/', '%', '&', '|', '^', '~', '!', '<', '>',
  '#', '@', "'",
] as const;
export type Operator = (typeof operatorList)[number];

/** Categories, so the parser can take "any binary operator" in one step. */
export const BinaryOperator = createToken({ name: 'BinaryOperator', pattern: Lexer.NA });
export const UnaryOperator = createToken({ name: 'UnaryOperator', pattern: Lexer.NA });

export const operatorTypes = new Map<string, TokenType>(
  operatorList.map((o) => {
    const categories = [AnyToken, ...(binaryOperators.has(o) ? [BinaryOperator] : []), ...(unaryOperators.has(o) ? [UnaryOperator] : [])];
    return [o, createToken({ name: `op_${o}`, pattern: Lexer.NA, categories })];
  }),
);
// `^~` and `~^` are the same operator.
operatorTypes.set('^~', operatorTypes.get('~^')!);
export const op = (o: Operator): TokenType => operatorTypes.get(o)!;

/** Every token type, for the parser's vocabulary. */
export const allTokenTypes: TokenType[] = [
  Identifier, SvProcessKeyword, SystemIdentifier, NumberLiteral, RealLiteral, StringLiteral, Directive, MacroUse, BinaryOperator, UnaryOperator, AnyToken,
  ...keywordTypes.values(),
  ...new Set(operatorTypes.values()),
];
