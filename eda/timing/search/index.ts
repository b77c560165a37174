export { analyzeTiming, type AnalyzeOptions, type TimingAnalysis } from './analyze.ts';
export { checkPathEnds, type PathEnd } from './checks.ts';
export { tracePath, type PathPoint } from './paths.ts';
export { formatDesignRules, formatPath, formatReportChecks, sdcWarnings, timingJson, type TimingJson } from './report.ts';
export type { RuleViolation } from './design-rules.ts';
export { MAX, MIN, arcDelay, arrivalIndex, slewIndex, type TimingState } from './state.ts';
export { resolvePins } from './resolve.ts';
