// eda/verilog/agreement: how the front-end's accept / reject verdicts agree with iverilog, Yosys and
// Verilator on a labelled corpus and on chosen units (`tessera verilog agreement`, `verilog compare`).
export {
  agreementTable, corpusIncludeDir, matchesLabel, ourVerdict, recordedToolVerdicts, runAgreement, summarize, tableEnd, tableStart, toolConsensus,
  verdictCell, type AgreementOptions, type AgreementSummary, type CorpusRow, type Verdict,
} from './agreement.ts';
export {
  compareUnits, compareWithTools, ourResult, parseUnitList, summarizeComparison,
  type CompareOptions, type CompareRow, type CompareSummary, type CompareUnit, type OurResult,
} from './compare.ts';
export { readCorpus, type CorpusEntry } from './corpus.ts';
export {
  errorsOf, referenceTools, referenceToolsMissing, reportedErrors, runReferenceTool, runReferenceToolsOn, type ReferenceTool, type ToolVerdict,
} from './reference-tools.ts';
