/**
 * The ordinary least-squares model behind the importance measures, from the correlation matrix: the
 * standardised betas with their standard errors and t tests, the raw coefficients (outcome units per
 * driver point, which the what-if analysis needs), the overall F test and the simple correlations.
 */
import { fSf, studentTTwoSidedP } from '../stats/distributions.ts';
import { invertSpd } from './linear-algebra.ts';
import type { CorrelationSystem } from './r-squared.ts';

export interface OlsInput {
  system: CorrelationSystem;
  n: number;
  meanY: number;
  sdY: number;
  meanX: ArrayLike<number>;
  sdX: ArrayLike<number>;
}

export interface OlsCoefficient {
  /** Standardised coefficient. */
  beta: number;
  betaSe: number;
  /** t statistic; null when the fit is perfect and t is infinite. */
  t: number | null;
  /** Two-sided p-value of the coefficient (t test on n - p - 1 degrees of freedom). */
  p: number;
  /** Raw coefficient: change in the outcome per one-point change in the driver, others held fixed. */
  b: number;
  bSe: number;
  /** Pearson correlation with the outcome and its two-sided p-value (t test on n - 2 df). */
  r: number;
  rP: number;
  /** Variance inflation factor 1 / (1 - R²_j), R²_j from regressing the driver on the others. */
  vif: number;
}

export interface OlsResult {
  r2: number;
  adjustedR2: number;
  /** Overall F test of R² > 0; f is null when the fit is perfect. */
  fTest: { f: number | null; df1: number; df2: number; p: number };
  intercept: number;
  /** Residual standard deviation in outcome units. */
  residualSd: number;
  coefficients: OlsCoefficient[];
}

function pFromT(t: number, df: number): number {
  return Number.isFinite(t) ? studentTTwoSidedP(t, df) : 0;
}

/** Requires a full-rank system and n >= p + 2 (the caller's guards), so df >= 1 and R_xx is invertible. */
export function fitOls(input: OlsInput): OlsResult {
  const { system, n, meanY, sdY, meanX, sdX } = input;
  const { p, rxx, rxy } = system;
  const inv = invertSpd(rxx, p, 0);
  if (inv === null) throw new RangeError('the driver correlation matrix is singular');
  const beta = new Float64Array(p);
  let r2 = 0;
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += inv[i * p + j]! * rxy[j]!;
    beta[i] = s;
    r2 += s * rxy[i]!;
  }
  r2 = Math.min(1, Math.max(0, r2));
  const df = n - p - 1;
  // Rounding can leave 1 - R² a hair below zero on a perfect fit; treat that as exactly zero.
  const unexplained = Math.max(0, 1 - r2);
  const residualVarianceStd = unexplained / df;
  const coefficients: OlsCoefficient[] = [];
  let intercept = meanY;
  for (let j = 0; j < p; j++) {
    const vif = inv[j * p + j]!;
    const se = Math.sqrt(residualVarianceStd * vif);
    const bj = beta[j]!;
    const t = se > 0 ? bj / se : bj === 0 ? 0 : Infinity * Math.sign(bj);
    const scale = sdY / sdX[j]!;
    const b = bj * scale;
    intercept -= b * meanX[j]!;
    const r = rxy[j]!;
    const rT = Math.abs(r) < 1 ? r * Math.sqrt((n - 2) / (1 - r * r)) : Infinity * Math.sign(r);
    coefficients.push({
      beta: bj,
      betaSe: se,
      t: Number.isFinite(t) ? t : null,
      p: pFromT(t, df),
      b,
      bSe: se * scale,
      r,
      rP: pFromT(rT, n - 2),
      vif,
    });
  }
  const f = unexplained > 0 ? r2 / p / residualVarianceStd : Infinity;
  return {
    r2,
    adjustedR2: 1 - (unexplained * (n - 1)) / df,
    fTest: { f: Number.isFinite(f) ? f : null, df1: p, df2: df, p: Number.isFinite(f) ? fSf(f, p, df) : 0 },
    intercept,
    residualSd: sdY * Math.sqrt((unexplained * (n - 1)) / df),
    coefficients,
  };
}
