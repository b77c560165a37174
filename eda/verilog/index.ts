// eda/verilog: the in-repo Verilog front-end (lexer, preprocessor, parser, elaboration, netlists).
export { type Diagnostic, type Severity, DiagnosticSink, formatDiagnostic, hasErrors } from './diagnostics.ts';
export { type TokenKind } from './tokens.ts';
export { lexVerilog, VerilogToken, type LexResult, type LexOptions } from './lexer.ts';
export { parseVerilogNumber, type VerilogNumber } from './numbers.ts';
export { parseNetlist, parseNetlistFull } from './netlist.ts';
export type {
  Netlist, NetlistModule, NetlistPort, NetlistWire, NetlistCell, NetlistAssign, PinConnection, NetExpr, BitRange, PortDirection,
} from './netlist-types.ts';
export { readVerilogSource, verilogFilePattern, listVerilogFiles } from './source-files.ts';
export { parseVerilog, parseDesignFiles, parseTokens, initParser, type ParseResult } from './parse.ts';
export { preprocess, type PreprocessOptions, type PreprocessResult, type MacroDefinition } from './preprocessor.ts';
export type * from './ast.ts';
export { printVerilog } from './printer.ts';
export { printExpr, printName } from './printer-expressions.ts';
export { systemVerilogFeatures } from './sv-features.ts';
export { elaborate, type Elaboration, type ElaboratedInstance, type ElaboratedNet } from './elaborate.ts';
export { evalConst, clog2, ConstEvalError, type ConstValue, type ConstEnv } from './const-eval.ts';
export { designStats, type DesignStats, type ModuleStats } from './stats.ts';
export { checkVerilog, type CheckOptions, type CheckResult } from './check.ts';
export { defaultMaxSteps, StepBudget, StepBudgetExceeded } from './step-budget.ts';
