/**
 * Johnson's (2000) relative weights: regress the outcome on the orthogonal counterparts Z of the
 * drivers (the closest orthonormal variables to X, Z = X R⁻¹ᐟ²), then share each Z's contribution
 * back to the drivers by the squared loadings Λ* = R¹ᐟ². A fast approximation of LMG that needs one
 * eigen-decomposition instead of 2^p regressions; reported beside LMG because many CX tools use it.
 */
import { jacobiEigen } from './linear-algebra.ts';
import type { CorrelationSystem } from './r-squared.ts';

/** Raw relative weights ε_j in units of R² (they sum to the full model's R²). */
export function relativeWeights(system: CorrelationSystem): Float64Array {
  const { p, rxx, rxy } = system;
  const { values, vectors } = jacobiEigen(rxx, p);
  // Collinear drivers were removed upstream, so eigenvalues are positive; the floor guards rounding.
  const sqrtL = Array.from(values, (v) => Math.sqrt(Math.max(v, 1e-300)));
  // Λ* = V diag(√λ) Vᵀ, the drivers' loadings on Z.
  const lambda = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += vectors[i * p + k]! * sqrtL[k]! * vectors[j * p + k]!;
      lambda[i * p + j] = s;
    }
  }
  // β* = Λ*⁻¹ r_xy = V diag(1/√λ) Vᵀ r_xy, the outcome's regression weights on Z.
  const vtr = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    let s = 0;
    for (let i = 0; i < p; i++) s += vectors[i * p + k]! * rxy[i]!;
    vtr[k] = s / sqrtL[k]!;
  }
  const betaZ = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += vectors[i * p + k]! * vtr[k]!;
    betaZ[i] = s;
  }
  const eps = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += lambda[j * p + k]! ** 2 * betaZ[k]! ** 2;
    eps[j] = s;
  }
  return eps;
}
