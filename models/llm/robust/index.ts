// models/llm/robust: FRS (Damerau-Levenshtein edits, MCTS fuzzing, smoothing by masking or random edits, weight noise, Clopper-Pearson certification) and the planted backdoor it is measured against (docs/certify.md).
export { damerauLevenshtein } from './edit-distance.ts';
export { clopperPearsonLower, clopperPearsonUpper, binomialTail } from './clopper-pearson.ts';
export { certifiedRadius, certifiedEditRadius, certify, maskedCopy, randomEditCopy, type Certificate, type MaskedSampler } from './smoothing.ts';
export { fuzzSensitivity, applyEdits, targetedMasking, type Edit, type EditOp, type FuzzOptions } from './mcts-fuzz.ts';
export { certifySentences, frequentWords, CERTIFY_METHODS, type CertifyMethod, type CertifyOptions, type CertifyResult, type SentenceCertificate, type InferenceNoise } from './certify-run.ts';
export { noisyWeights } from './weight-noise.ts';
export { sampleRange, type SampleRange } from './sample-range.ts';
export { sameSentences, targetVerdicts, type CertifyRecord, type SentenceRecord, type TargetVerdicts } from './targets.ts';
export { attackSuccessRate, chooseTrigger, triggeredExamples, evaluateAttack, type AttackEvaluation } from './attack.ts';
export { plantBackdoor, backdoorLoss, triggerTargets, snippetBatch, withTrigger, DEFAULT_BACKDOOR, type BackdoorOptions, type BackdoorResult } from './backdoor.ts';
export { buildBackdooredLm, buildBackdooredClassifier, buildMaskedClassifier, cachedBackdoorDir, BACKDOOR_FILE, BACKDOORED_SPEC, MASKED_BACKDOORED_SPEC, CERTIFY_MASK_RATE, type BackdoorInfo, type BackdooredLm } from './backdoor-build.ts';
export { buildDefaultSet, BACKDOORED_NAME, MASKED_BACKDOORED_NAME, DEFAULT_SET, type DefaultSetRecipes } from './default-set.ts';
