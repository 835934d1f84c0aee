/**
 * Distribution functions for score intervals, comparisons and key-driver analysis: normal,
 * Student t, F and chi-square, on the special functions in special-functions.ts. Tails are computed
 * directly (never as 1 - cdf) so that small p-values keep their relative accuracy.
 */
import {
  betaIncomplete,
  HUGE_DF,
  LARGE_DF,
  LN_SQRT_2PI,
  logBeta,
  regularizedGammaP,
  regularizedGammaQ,
  requireNotNaN,
  requirePositive,
  requireProbability,
} from './special-functions.ts';

export {
  logBeta,
  logGamma,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
} from './special-functions.ts';

// ---------------------------------------------------------------------------------------------
// Standard normal
// ---------------------------------------------------------------------------------------------

export function normalPdf(x: number): number {
  requireNotNaN('x', x);
  return Math.exp(-0.5 * x * x - LN_SQRT_2PI);
}

/** Phi(x). Phi(x) = Q(1/2, x^2 / 2) / 2 for x < 0, which is accurate far into the tail. */
export function normalCdf(x: number): number {
  requireNotNaN('x', x);
  if (x === -Infinity) return 0;
  if (x === Infinity) return 1;
  const half = 0.5 * regularizedGammaQ(0.5, 0.5 * x * x);
  return x < 0 ? half : 1 - half;
}

/** 1 - Phi(x), computed directly. */
export function normalSf(x: number): number {
  requireNotNaN('x', x);
  return normalCdf(-x);
}

/** Two-sided p-value 2 * (1 - Phi(|z|)) of a z statistic. */
export function normalTwoSidedP(z: number): number {
  requireNotNaN('z', z);
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

// Wichura, Algorithm AS 241 (PPND16), Applied Statistics 37 (1988) 477-484: about 1e-16 relative.
// The published 20-digit coefficients are written as the shortest decimals of the same doubles.
const AS241_A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
] as const;
const AS241_B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
] as const;
const AS241_C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
] as const;
const AS241_D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
] as const;
const AS241_E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 2.7115555687434876e-5, 2.0103343992922881e-7,
] as const;
const AS241_F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  1.8463183175100548e-5, 1.421511758316446e-7, 2.0442631033899397e-15,
] as const;

function horner(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + (coefficients[i] as number);
  return value;
}

/** Phi^-1(p): the z with Phi(z) = p. p = 0 and 1 give -Infinity and +Infinity. */
export function normalQuantile(p: number): number {
  requireProbability(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(AS241_A, r)) / horner(AS241_B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = horner(AS241_C, r) / horner(AS241_D, r);
  } else {
    r -= 5;
    value = horner(AS241_E, r) / horner(AS241_F, r);
  }
  return q < 0 ? -value : value;
}

// ---------------------------------------------------------------------------------------------
// Student t
// ---------------------------------------------------------------------------------------------

function requireDf(name: string, df: number): void {
  // df = Infinity is allowed and means the normal limit (a Welch df can grow without bound).
  if (!(df > 0)) throw new RangeError(`${name} must be > 0, got ${df}`);
}

// Beyond this |t|, t^2 / df is so large that I_x(df/2, 1/2) equals its leading term
// x^(df/2) / ((df/2) B(df/2, 1/2)) to double precision, while t * t itself may overflow.
const T_ASYMPTOTIC = 1e100;

/** log(1 + t^2 / df) without overflowing t^2. */
function log1pSquareRatio(t: number, df: number): number {
  return Math.abs(t) < T_ASYMPTOTIC ? Math.log1p((t * t) / df) : 2 * Math.log(Math.abs(t)) - Math.log(df);
}

/** P(T > t) for t >= 0, from I_x(df/2, 1/2) with x = df / (df + t^2). */
function studentTUpperTail(t: number, df: number): number {
  if (df === Infinity) return normalCdf(-t);
  if (t === Infinity) return 0;
  if (df > LARGE_DF) {
    // Edgeworth expansion: P(T > t) = Q(t) + phi(t) (t^3 + t) / (4 df) + O(df^-2). Beyond
    // t = 40 both terms are below the smallest double (and t^3 could overflow).
    return t < 40 ? normalCdf(-t) + (normalPdf(t) * (t * t * t + t)) / (4 * df) : 0;
  }
  if (t > T_ASYMPTOTIC && df < T_ASYMPTOTIC) {
    return Math.exp(-(df / 2) * log1pSquareRatio(t, df) - Math.log(df) - logBeta(df / 2, 0.5));
  }
  const ratio = (t * t) / df;
  // Written as 1 / (1 + ...) so that t^2 = Infinity or t = 0 give 0 and 1, never Infinity / Infinity.
  const x = 1 / (1 + ratio);
  const y = 1 / (1 + 1 / ratio);
  return 0.5 * betaIncomplete(x, y, df / 2, 0.5);
}

export function studentTPdf(t: number, df: number): number {
  requireNotNaN('t', t);
  requireDf('df', df);
  if (df === Infinity) return normalPdf(t);
  const logDensity = -logBeta(0.5, df / 2) - 0.5 * Math.log(df) - ((df + 1) / 2) * log1pSquareRatio(t, df);
  return Math.exp(logDensity);
}

/** P(T <= t) for Student's t with df degrees of freedom (df may be fractional, or Infinity). */
export function studentTCdf(t: number, df: number): number {
  requireNotNaN('t', t);
  requireDf('df', df);
  const tail = studentTUpperTail(Math.abs(t), df);
  return t < 0 ? tail : 1 - tail;
}

/** P(T > t), computed directly. */
export function studentTSf(t: number, df: number): number {
  requireNotNaN('t', t);
  requireDf('df', df);
  const tail = studentTUpperTail(Math.abs(t), df);
  return t > 0 ? tail : 1 - tail;
}

/** Two-sided p-value P(|T| >= |t|). */
export function studentTTwoSidedP(t: number, df: number): number {
  requireNotNaN('t', t);
  requireDf('df', df);
  return Math.min(1, 2 * studentTUpperTail(Math.abs(t), df));
}

/** Cornish-Fisher expansion of the t quantile around the normal one (Abramowitz-Stegun 26.7.5). */
function cornishFisherT(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/**
 * The t with P(T <= t) = p. Closed forms for df = 1 and 2; otherwise a Cornish-Fisher start and
 * Newton steps on log(tail) against log(t), which is nearly linear in the power-law tail, so a
 * step or two suffices even far out; a bisection bracket guarantees progress.
 */
export function studentTQuantile(p: number, df: number): number {
  requireProbability(p);
  requireDf('df', df);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === Infinity) return normalQuantile(p);
  const sign = p < 0.5 ? -1 : 1;
  const tail = p < 0.5 ? p : 1 - p; // upper-tail probability of |t|
  if (df === 1) return sign / Math.tan(Math.PI * tail);
  if (df === 2) return sign * (1 - 2 * tail) * Math.sqrt(2 / (4 * tail * (1 - tail)));
  // For large df the Cornish-Fisher series is exact to O(df^-5).
  if (df > LARGE_DF) return sign * cornishFisherT(-normalQuantile(tail), df);

  let t = Math.max(cornishFisherT(-normalQuantile(tail), df), -normalQuantile(tail), Number.MIN_VALUE);
  let lo = 0;
  let hi = Infinity;
  const logTarget = Math.log(tail);
  for (let i = 0; i < 200; i++) {
    const s = studentTUpperTail(t, df);
    if (s > tail) lo = t;
    else if (s < tail) hi = t;
    else break;
    if (t === Number.MAX_VALUE && s > tail) return sign * Infinity; // e.g. df = 0.5, p = 1e-300
    const slope = (-studentTPdf(t, df) * t) / s; // d log(S) / d log(t)
    let next = t * Math.exp((logTarget - Math.log(s)) / slope);
    if (!(next > lo && next < hi)) {
      // Newton overshot: jump to the largest double when unbracketed, else bisect (geometrically
      // once lo > 0, because the bracket can span hundreds of orders of magnitude).
      if (hi === Infinity) next = Number.MAX_VALUE;
      else next = lo > 0 ? Math.sqrt(lo) * Math.sqrt(hi) : 0.5 * hi;
    }
    if (Math.abs(next - t) <= 1e-15 * t) {
      t = next;
      break;
    }
    t = next;
  }
  return sign * t;
}

// ---------------------------------------------------------------------------------------------
// F and chi-square
// ---------------------------------------------------------------------------------------------

function fBetaArguments(x: number, d1: number, d2: number): [number, number] {
  const u = (d1 * x) / d2;
  return [1 / (1 + 1 / u), 1 / (1 + u)];
}

/** [P(F <= x), P(F > x)], each computed directly. */
function fTails(x: number, d1: number, d2: number): [number, number] {
  if (x <= 0) return [0, 1];
  if (x === Infinity) return [1, 0];
  if (d1 > HUGE_DF && d2 > HUGE_DF) {
    // Both chi-squares concentrate: log F is close to normal with variance 2/d1 + 2/d2.
    const z = Math.log(x) / Math.sqrt(2 / d1 + 2 / d2);
    return [normalCdf(z), normalCdf(-z)];
  }
  if (d2 > HUGE_DF) {
    // d2 -> infinity: d1 F -> chi-square(d1)
    return [chiSquareCdf(d1 * x, d1), chiSquareSf(d1 * x, d1)];
  }
  if (d1 > HUGE_DF) {
    // d1 -> infinity: d2 / F -> chi-square(d2), so P(F <= x) = P(chi-square(d2) >= d2 / x)
    return [chiSquareSf(d2 / x, d2), chiSquareCdf(d2 / x, d2)];
  }
  const [bx, by] = fBetaArguments(x, d1, d2);
  return [betaIncomplete(bx, by, d1 / 2, d2 / 2), betaIncomplete(by, bx, d2 / 2, d1 / 2)];
}

/** P(F <= x) for the F distribution with (d1, d2) degrees of freedom. */
export function fCdf(x: number, d1: number, d2: number): number {
  requireNotNaN('x', x);
  requirePositive('d1', d1);
  requirePositive('d2', d2);
  return fTails(x, d1, d2)[0];
}

/** P(F > x), computed directly (the p-value of an F test). */
export function fSf(x: number, d1: number, d2: number): number {
  requireNotNaN('x', x);
  requirePositive('d1', d1);
  requirePositive('d2', d2);
  return fTails(x, d1, d2)[1];
}

/** Wilson-Hilferty: (X / k)^(1/3) is close to normal with mean 1 - 2/(9k), variance 2/(9k). */
function wilsonHilfertyZ(x: number, k: number): number {
  const v = 2 / (9 * k);
  return (Math.cbrt(x / k) - (1 - v)) / Math.sqrt(v);
}

/** P(X <= x) for chi-square with k degrees of freedom. */
export function chiSquareCdf(x: number, k: number): number {
  requireNotNaN('x', x);
  requirePositive('k', k);
  if (x <= 0) return 0;
  if (k > HUGE_DF && x < Infinity) return normalCdf(wilsonHilfertyZ(x, k));
  return regularizedGammaP(k / 2, x / 2);
}

/** P(X > x), computed directly (the p-value of a chi-square test). */
export function chiSquareSf(x: number, k: number): number {
  requireNotNaN('x', x);
  requirePositive('k', k);
  if (x <= 0) return 1;
  if (k > HUGE_DF && x < Infinity) return normalCdf(-wilsonHilfertyZ(x, k));
  return regularizedGammaQ(k / 2, x / 2);
}
