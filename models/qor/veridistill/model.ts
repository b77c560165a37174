import { lexVerilog, type VerilogToken } from '../../../eda/verilog/index.ts';
import { Parameters, loadCheckpoint, saveCheckpoint } from '../../common/index.ts';
import { decoderPredict, defineDecoder, type DecoderConfig } from './decoder.ts';
import { baselineFeatures } from './baselines.ts';
import { designChunks, designFeatures } from './design-features.ts';
import { STRUCTURE_FEATURES, structureFeatures } from './structure-features.ts';
import { defineEncoder, type EncoderConfig } from './encoder.ts';
import { Vocabulary } from './tokenizer.ts';

/** Everything besides the weights that prediction needs; stored in checkpoint.json. */
export interface VeriDistillConfig {
  readonly kind: 'veridistill';
  readonly vocabulary: readonly string[];
  readonly encoder: EncoderConfig;
  readonly maxChunks: number;
  readonly decoder: DecoderConfig;
  /** Standardisation of the decoder's input features (fit on the training designs). */
  readonly featureMean: readonly number[];
  readonly featureStd: readonly number[];
  /** Mean and std of [log(1 + area um^2), log(1 + delay ps)] on the training designs. */
  readonly targetMean: readonly number[];
  readonly targetStd: readonly number[];
  /** The flow that labelled the training data: library name, Yosys build and version, script hash. */
  readonly labels?: LabelFlow;
  /**
   * Structural features after the encoder's (`STRUCTURE_FEATURES`: the lexer's operator and bit
   * counts, then the elaborated design's totals); absent in checkpoints that read tokens only.
   */
  readonly structure?: string;
}

/** The decoder's raw input for a design: encoder features, then the structural ones if the config has them (`tokens`: the text's, if already lexed). */
export function rawDesignFeatures(encoderFeatures: readonly number[], text: string, top: string | undefined, structure: string | undefined, tokens?: readonly VerilogToken[]): number[] {
  if (structure === undefined) return [...encoderFeatures];
  if (structure !== STRUCTURE_FEATURES) throw new Error(`checkpoint uses structural features '${structure}'; this build computes '${STRUCTURE_FEATURES}'`);
  return [...encoderFeatures, ...baselineFeatures(text, tokens), ...structureFeatures(text, top)];
}

export interface LabelFlow {
  readonly liberty: string;
  readonly tool: string;
  readonly script: string;
}

/** Checkpoints written before the flow was recorded were labelled by native Yosys 0.23 onto Nangate45. */
export function labelFlowOf(config: Pick<VeriDistillConfig, 'labels'>): LabelFlow {
  return config.labels ?? { liberty: 'nangate45', tool: 'native 0.23', script: 'unrecorded' };
}

export interface QorPrediction {
  readonly areaUm2: number;
  readonly delayPs: number;
}

/** Standardised log targets -> area and delay. */
export function fromTargets(c: Pick<VeriDistillConfig, 'targetMean' | 'targetStd'>, y: readonly number[]): QorPrediction {
  return {
    areaUm2: Math.max(0, Math.expm1(y[0] * c.targetStd[0] + c.targetMean[0])),
    delayPs: Math.max(0, Math.expm1(y[1] * c.targetStd[1] + c.targetMean[1])),
  };
}

export function toTargets(c: Pick<VeriDistillConfig, 'targetMean' | 'targetStd'>, q: QorPrediction): number[] {
  return [(Math.log1p(q.areaUm2) - c.targetMean[0]) / c.targetStd[0], (Math.log1p(q.delayPs) - c.targetMean[1]) / c.targetStd[1]];
}

/**
 * The trained student: Verilog text in, predicted post-synthesis area and delay out. Needs only
 * the encoder and decoder weights (the teacher stays behind in training).
 */
export class VeriDistill {
  readonly vocabulary: Vocabulary;

  constructor(readonly config: VeriDistillConfig, readonly params: Parameters) {
    this.vocabulary = new Vocabulary(config.vocabulary);
  }

  /** Builds an untrained model with seeded weights. */
  static create(config: VeriDistillConfig, seed: number): VeriDistill {
    const p = new Parameters(seed);
    defineEncoder(p, config.encoder);
    defineDecoder(p, config.decoder);
    return new VeriDistill(config, p);
  }

  static load(dir: string): VeriDistill {
    const { config, weights } = loadCheckpoint<VeriDistillConfig>(dir);
    const model = VeriDistill.create(config, 0);
    model.params.restore(weights);
    return model;
  }

  save(dir: string): void {
    saveCheckpoint(dir, this.config, this.params.snapshot());
  }

  /** The decoder's standardised input features for a design's text (`top`: its top module, if known). */
  features(text: string, top?: string): number[] {
    const c = this.config;
    const tokens = lexVerilog(text, 'design.v').tokens; // lexed once, for the encoder's words and the counts
    const encoded = designFeatures(this.params, c.encoder, designChunks(text, this.vocabulary, c.encoder.length, c.maxChunks, tokens));
    const raw = rawDesignFeatures(encoded, text, top, c.structure, tokens);
    return raw.map((v, j) => (v - c.featureMean[j]) / c.featureStd[j]);
  }

  predict(text: string, top?: string): QorPrediction {
    return fromTargets(this.config, decoderPredict(this.params, [this.features(text, top)])[0]);
  }

  dispose(): void {
    this.params.dispose();
  }
}
