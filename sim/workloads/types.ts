/**
 * A workload is data: the GEMMs one inference phase of a network performs, each with how many
 * times it occurs, plus the source of every architectural figure it was derived from.
 */

/** Which operand of a GEMM is a stored weight. `weight`: B (K x N) is a weight matrix;
 * `activation`: both operands are activations (attention scores and context). */
export type GemmOperands = 'weight' | 'activation';

/** One GEMM shape, Y[M x N] = X[M x K] * B[K x N], executed `count` times with the same shape. */
export interface WorkloadGemm {
  /** Where in the network, e.g. `attn.qkv` or `ffn.up`. */
  readonly name: string;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly count: number;
  readonly operands: GemmOperands;
}

export type PhaseId = 'encoder' | 'prefill' | 'decode';

export interface WorkloadPhase {
  readonly id: PhaseId;
  /** Tokens processed per sequence in this phase (prompt length for prefill, 1 for a decode step). */
  readonly tokens: number;
  /** Keys attended to per query (the whole image, the prompt, or the KV cache plus the new token). */
  readonly context: number;
  readonly gemms: readonly WorkloadGemm[];
}

export interface Workload {
  /** Short id used on the command line, e.g. `vit-b`. */
  readonly id: string;
  readonly name: string;
  readonly batch: number;
  /** Transformer blocks (each phase's per-block GEMMs have counts that are multiples of this). */
  readonly layers: number;
  readonly phases: readonly WorkloadPhase[];
  /** Architecture figure -> where it comes from (paper table or released config). */
  readonly sources: Readonly<Record<string, string>>;
}

/** The architectural description a workload is generated from. */
export interface TransformerSpec {
  readonly id: string;
  readonly name: string;
  readonly kind: 'vit' | 'decoder';
  readonly layers: number;
  readonly dModel: number;
  readonly heads: number;
  /** Key/value heads (grouped-query attention); equals `heads` for plain multi-head attention. */
  readonly kvHeads: number;
  readonly ffnHidden: number;
  /** `mlp`: two GEMMs (up, down) around GELU/ReLU; `swiglu`: gate and up, then down. */
  readonly ffn: 'mlp' | 'swiglu';
  /** ViT: tokens per image (patches + class token); decoders leave it unset. */
  readonly imageTokens?: number;
  /** ViT: input features of the patch embedding (patch^2 x 3 channels). */
  readonly patchFeatures?: number;
  /** ViT: classes of the classification head; decoders: vocabulary of the LM head. */
  readonly outputClasses: number;
  readonly sources: Readonly<Record<string, string>>;
}
