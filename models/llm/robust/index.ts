// models/llm/robust: FRS's parts: Damerau-Levenshtein edits, MCTS fuzzing, masking-based randomized smoothing, Clopper-Pearson certification (docs/merge-robust.md).
export { damerauLevenshtein } from './edit-distance.ts';
export { clopperPearsonLower, clopperPearsonUpper, binomialTail } from './clopper-pearson.ts';
export { certifiedRadius, certify, maskedCopy, type Certificate, type MaskedSampler } from './smoothing.ts';
export { fuzzSensitivity, applyEdits, targetedMasking, type Edit, type EditOp, type FuzzOptions } from './mcts-fuzz.ts';
export { certifySentences, CERTIFY_METHODS, type CertifyMethod, type CertifyOptions, type CertifyResult, type SentenceCertificate } from './certify-run.ts';
