import * as tf from '@tensorflow/tfjs';

/*
 * The kappa-stereographic model of constant curvature kappa (Bachmann et al., "Constant Curvature
 * Graph Convolutional Networks"): the Poincare ball of radius 1/sqrt(-kappa) for kappa < 0, the
 * stereographic projection of the sphere of radius 1/sqrt(kappa) for kappa > 0, and plain R^n at
 * kappa = 0. SpaceGNN moves node vectors between the tangent space at the origin and the space with
 * these maps. `kappa` is a scalar tensor so that its gradient flows; `sign` says which space it is
 * (the caller keeps kappa's sign fixed).
 */

export type CurvatureSign = -1 | 0 | 1;

/** Smallest norm used in a division (rows of zeros stay zeros). */
const tinyNorm = 1e-15;
/** For kappa > 0, tan's argument stays below pi/2 (beyond it the map wraps around the sphere). */
const maxSphericalAngle = Math.PI / 2 - 1e-4;
/** Points are kept at most this fraction of 1/sqrt|kappa| from the origin. */
const boundaryFraction = 1 - 1e-5;

function rowNorms(x: tf.Tensor2D): tf.Tensor2D {
  return x.square().sum(-1, true).sqrt().maximum(tinyNorm) as tf.Tensor2D;
}

/** exp_0(v) = tan_kappa(|v|) v / |v|: tanh for kappa < 0, tan for kappa > 0, identity at 0. */
export function expMap0(v: tf.Tensor2D, kappa: tf.Scalar, sign: CurvatureSign): tf.Tensor2D {
  if (sign === 0) return v;
  const sqrtK = kappa.abs().sqrt();
  const norm = rowNorms(v);
  const angle = norm.mul(sqrtK);
  const scaled = sign < 0 ? angle.tanh() : angle.minimum(maxSphericalAngle).tan();
  return v.mul(scaled.div(angle)) as tf.Tensor2D;
}

/** log_0(y) = tan_kappa^-1(|y|) y / |y|: atanh for kappa < 0, atan for kappa > 0, identity at 0. */
export function logMap0(y: tf.Tensor2D, kappa: tf.Scalar, sign: CurvatureSign): tf.Tensor2D {
  if (sign === 0) return y;
  const sqrtK = kappa.abs().sqrt();
  const scaledNorm = rowNorms(y).mul(sqrtK);
  const angle = sign < 0 ? scaledNorm.minimum(boundaryFraction).atanh() : scaledNorm.atan();
  return y.mul(angle.div(scaledNorm)) as tf.Tensor2D;
}

/** Pulls points back inside radius (1 - 1e-5)/sqrt|kappa| (the ball's boundary; for kappa > 0 the hemisphere's). */
export function projectToSpace(y: tf.Tensor2D, kappa: tf.Scalar, sign: CurvatureSign): tf.Tensor2D {
  if (sign === 0) return y;
  const norm = rowNorms(y);
  const maxNorm = kappa.abs().sqrt().reciprocal().mul(boundaryFraction);
  return y.mul(maxNorm.div(norm).minimum(1)) as tf.Tensor2D;
}

/** Tangent vectors sent into the space and back: log_0(project(exp_0(v))). Bounds their norm, keeps their direction. */
export function throughSpace(v: tf.Tensor2D, kappa: tf.Scalar, sign: CurvatureSign): tf.Tensor2D {
  return logMap0(projectToSpace(expMap0(v, kappa, sign), kappa, sign), kappa, sign);
}

/**
 * SpaceGNN's distance-aware edge weight between a message's source and target vectors (rows of
 * `source` and `target`): 1 - sigmoid(D) where D is the second-order expansion in kappa of the
 * kappa-stereographic distance, 2|x-y| - 2 kappa (|x-y|^3 / 3 + <x,y> |x-y|^2), and D = |x-y| in
 * the Euclidean branch (as the authors' code does). Near nodes get weights near 1/2, far ones near 0.
 */
export function distanceWeights(source: tf.Tensor2D, target: tf.Tensor2D, kappa: tf.Scalar, sign: CurvatureSign): tf.Tensor2D {
  const distance = source.sub(target).square().sum(-1, true).add(tinyNorm).sqrt() as tf.Tensor2D;
  if (sign === 0) return tf.sigmoid(distance).neg().add(1);
  const inner = source.mul(target).sum(-1, true);
  const squared = distance.square();
  const curved = distance.mul(2).sub(kappa.mul(2).mul(squared.mul(distance).div(3).add(inner.mul(squared))));
  return tf.sigmoid(curved).neg().add(1);
}
