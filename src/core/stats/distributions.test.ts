// Reference values are the usual published table entries (Abramowitz & Stegun ch. 26, the
// NIST/SEMATECH e-Handbook tables 1.3.6.7.x), quoted with the extra digits that a 50-digit
// evaluation (mpmath) gives, plus closed forms that can be checked by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chiSquareCdf,
  chiSquareSf,
  fCdf,
  fSf,
  logBeta,
  logGamma,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalSf,
  normalTwoSidedP,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
  studentTSf,
  studentTTwoSidedP,
} from './distributions.ts';

function close(actual: number, expected: number, tolerance: number, label = ''): void {
  assert.ok(Number.isFinite(actual), `${label} is not finite: ${actual}`);
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${label} expected ${expected}, got ${actual} (off by ${Math.abs(actual - expected)})`,
  );
}

function relClose(actual: number, expected: number, relTolerance: number, label = ''): void {
  close(actual, expected, Math.abs(expected) * relTolerance, label);
}

describe('logGamma and logBeta', () => {
  it('matches factorials and Gamma(1/2) = sqrt(pi)', () => {
    close(logGamma(1), 0, 1e-15);
    close(logGamma(2), 0, 1e-15);
    close(logGamma(10), Math.log(362880), 1e-13); // 9!
    close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-15);
    relClose(logGamma(100.5), 361.4355404677776, 1e-15);
    relClose(logGamma(1e-5), 11.512919692895826, 1e-14);
  });

  it('logBeta agrees with log-gammas, also where the Stirling branches take over', () => {
    close(logBeta(3, 4), Math.log((2 * 6) / 720), 1e-14); // B(3,4) = 2! 3! / 6!
    close(logBeta(12, 15), logGamma(12) + logGamma(15) - logGamma(27), 1e-12);
    close(logBeta(0.5, 10.5), logGamma(0.5) + logGamma(10.5) - logGamma(11), 1e-13);
    relClose(logBeta(2e5, 3e5), -336510.76218907814, 1e-15);
  });
});

describe('regularized incomplete beta and gamma', () => {
  it('matches closed forms', () => {
    close(regularizedBeta(0.37, 1, 1), 0.37, 1e-15); // uniform
    close(regularizedBeta(0.3, 4, 1), 0.3 ** 4, 1e-15); // I_x(a, 1) = x^a
    close(regularizedBeta(0.3, 1, 4), 1 - 0.7 ** 4, 1e-15); // I_x(1, b) = 1 - (1-x)^b
    close(regularizedBeta(0.5, 7.5, 7.5), 0.5, 1e-15); // symmetry
    // I_0.3(2, 3) = P(Binomial(4, 0.3) >= 2) = 6(.09)(.49) + 4(.027)(.7) + .0081 = 0.3483
    close(regularizedBeta(0.3, 2, 3), 0.3483, 1e-14);
    assert.equal(regularizedBeta(0, 2, 3), 0);
    assert.equal(regularizedBeta(1, 2, 3), 1);
  });

  it('P and Q match the exponential / Poisson closed forms', () => {
    close(regularizedGammaP(1, 2.5), 1 - Math.exp(-2.5), 1e-15);
    close(regularizedGammaQ(2, 3), Math.exp(-3) * (1 + 3), 1e-15);
    // Q(3, 10) = P(Poisson(10) <= 2) = e^-10 (1 + 10 + 50); relative accuracy in the tail
    relClose(regularizedGammaQ(3, 10), Math.exp(-10) * 61, 1e-13);
    // P(3, x) = x^3/6 - x^4/8 + x^5/20 - x^6/72 + x^7/336 - ..., at x = 0.01:
    // (1.6666666666667 - 0.0125 + 0.00005 - 0.000000138889 + 0.0000000002976) e-7 = 1.6542165280749e-7
    relClose(regularizedGammaP(3, 0.01), 1.6542165280749e-7, 1e-12);
    assert.equal(regularizedGammaP(2, 0), 0);
    assert.equal(regularizedGammaQ(2, Infinity), 0);
  });
});

describe('standard normal', () => {
  it('cdf matches table values', () => {
    close(normalCdf(0), 0.5, 1e-16);
    close(normalCdf(1.96), 0.9750021048517795, 1e-15);
    close(normalCdf(-1), 0.15865525393145705, 1e-15);
    close(normalCdf(3), 0.9986501019683699, 1e-15);
    close(normalPdf(0), 1 / Math.sqrt(2 * Math.PI), 1e-16);
  });

  it('keeps relative accuracy in the far tail', () => {
    relClose(normalCdf(-10), 7.619853024160525e-24, 1e-13);
    relClose(normalSf(10), 7.619853024160525e-24, 1e-13);
    relClose(normalCdf(-37.5), 4.605353009581955e-308, 1e-11);
    assert.equal(normalCdf(-40), 0); // the true 3.7e-350 is below the smallest double
    assert.equal(normalCdf(Infinity), 1);
  });

  it('quantile matches z_0.975 = 1.959963985 and friends (AS 241)', () => {
    close(normalQuantile(0.975), 1.9599639845400543, 1e-15);
    close(normalQuantile(0.025), -1.9599639845400543, 1e-15);
    close(normalQuantile(0.995), 2.575829303548901, 1e-15);
    close(normalQuantile(0.95), 1.6448536269514726, 2e-15);
    close(normalQuantile(1e-10), -6.361340902404057, 1e-13);
    assert.equal(normalQuantile(0.5), 0);
    assert.equal(normalQuantile(0), -Infinity);
    assert.equal(normalQuantile(1), Infinity);
  });

  it('quantile inverts the cdf across the range', () => {
    for (const p of [1e-300, 1e-50, 1e-12, 1e-4, 0.01, 0.2, 0.49, 0.51, 0.8, 0.99, 0.99999]) {
      relClose(normalCdf(normalQuantile(p)), p, 1e-12, `p = ${p}`);
    }
  });

  it('two-sided p-value', () => {
    close(normalTwoSidedP(1.959963984540054), 0.05, 1e-15);
    close(normalTwoSidedP(-1.959963984540054), 0.05, 1e-15);
    assert.equal(normalTwoSidedP(0), 1);
  });
});

describe('Student t', () => {
  const table: [p: number, df: number, t: number][] = [
    [0.975, 1, 12.706204736174705],
    [0.975, 2, 4.302652729749464],
    [0.975, 3, 3.1824463052837095],
    [0.975, 10, 2.228138851986275],
    [0.975, 30, 2.042272456301238],
    [0.975, 120, 1.979930405082441],
    [0.995, 5, 4.032142983555228],
    [0.95, 20, 1.7247182429207872],
    [0.999, 4, 7.1731822197823085],
  ];

  it('quantile matches the t table (t_0.975,10 = 2.228138852, t_0.975,1 = 12.70620474)', () => {
    for (const [p, df, t] of table) {
      relClose(studentTQuantile(p, df), t, 1e-12, `t_${p},${df}`);
      relClose(studentTQuantile(1 - p, df), -t, 1e-11, `t_${1 - p},${df}`);
    }
  });

  it('cdf of the table values gives back p', () => {
    for (const [p, df, t] of table) {
      close(studentTCdf(t, df), p, 1e-14, `F(${t}; ${df})`);
      close(studentTSf(t, df), 1 - p, 1e-14, `S(${t}; ${df})`);
      close(studentTTwoSidedP(-t, df), 2 * (1 - p), 1e-14, `two-sided ${t}; ${df}`);
    }
  });

  it('matches the closed forms for df = 1 (Cauchy) and df = 2', () => {
    for (const t of [-1e6, -30, -2, -0.3, 0, 0.01, 1, 7.5, 1e8]) {
      close(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-15, `cauchy ${t}`);
      close(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-15, `df2 ${t}`);
    }
    // Cauchy tail: P(T > t) = atan(1/t) / pi, about 1 / (pi t) far out
    relClose(studentTSf(1e150, 1), 1 / (Math.PI * 1e150), 1e-13);
    close(studentTPdf(0, 1), 1 / Math.PI, 1e-15);
  });

  it('quantile inverts the cdf for fractional, small and large df and extreme p', () => {
    for (const df of [0.3, 1, 1.5, 2, 3, 4.5, 7.3, 29, 1234.5, 1e5]) {
      // for df < 1 a p of 1e-200 needs a t beyond the largest double (tested below)
      for (const p of [df < 1 ? 1e-30 : 1e-200, 1e-12, 1e-5, 0.025, 0.3, 0.4999999]) {
        const t = studentTQuantile(p, df);
        relClose(studentTCdf(t, df), p, 1e-10, `p = ${p}, df = ${df}`);
        // symmetry, using a complement pair that is exact in floating point
        const upper = 1 - p;
        if (upper < 1) relClose(studentTQuantile(upper, df), -studentTQuantile(1 - upper, df), 1e-12);
      }
    }
  });

  it('returns Infinity when the quantile lies beyond the largest double', () => {
    // df = 0.5: P(T < -t) ~ c t^-0.5, so p = 1e-300 needs t ~ 1e600
    assert.equal(studentTQuantile(1e-300, 0.5), -Infinity);
  });

  it('tends to the normal as df grows, and df = Infinity is the normal', () => {
    close(studentTQuantile(0.975, 1e7), 1.959963984540054, 1e-6);
    close(studentTQuantile(0.975, Infinity), 1.959963984540054, 1e-15);
    close(studentTCdf(-1, Infinity), 0.15865525393145705, 1e-15);
  });
});

describe('F distribution', () => {
  // upper 5 % / 1 % points F_{1-alpha}(d1, d2)
  const table: [alpha: number, d1: number, d2: number, f: number][] = [
    [0.05, 2, 10, 4.102821015130401],
    [0.01, 5, 20, 4.102684630584733],
    [0.05, 1, 1, 161.4476387975885],
    [0.05, 3, 12, 3.490294819497606],
    [0.05, 4, 60, 2.525215101982879],
  ];

  it('sf at the table points is alpha, cdf is 1 - alpha', () => {
    for (const [alpha, d1, d2, f] of table) {
      close(fSf(f, d1, d2), alpha, 1e-13, `F(${d1}, ${d2})`);
      close(fCdf(f, d1, d2), 1 - alpha, 1e-13, `F(${d1}, ${d2})`);
    }
  });

  it('F(1, d) is the square of t(d), and F(2, d2) has a closed form', () => {
    close(fSf(2.228138851986275 ** 2, 1, 10), 0.05, 1e-13);
    // P(F(2, d2) > x) = (1 + 2x / d2)^(-d2 / 2)
    close(fSf(3.1, 2, 10), (1 + 0.62) ** -5, 1e-15);
    assert.equal(fCdf(0, 3, 4), 0);
    assert.equal(fSf(-1, 3, 4), 1);
  });
});

describe('chi-square', () => {
  const table: [p: number, k: number, x: number][] = [
    [0.95, 1, 3.841458820694126],
    [0.95, 10, 18.307038053275146],
    [0.99, 2, 9.210340371976184],
    [0.05, 5, 1.1454762260617692],
    [0.999, 30, 59.70306430442993],
    [0.95, 100, 124.34211340400408],
  ];

  it('cdf at the table points', () => {
    for (const [p, k, x] of table) {
      close(chiSquareCdf(x, k), p, 1e-13, `chi2(${k})`);
      close(chiSquareSf(x, k), 1 - p, 1e-13, `chi2(${k})`);
    }
  });

  it('two degrees of freedom is exponential: sf(x) = exp(-x / 2), also deep in the tail', () => {
    close(chiSquareSf(9.210340371976184, 2), 0.01, 1e-15);
    relClose(chiSquareSf(1000, 2), Math.exp(-500), 1e-12);
    // chi2(1) = Z^2: P(chi2 > 3.84) = 2 (1 - Phi(1.96))
    close(chiSquareSf(1.96 * 1.96, 1), 2 * normalSf(1.96), 1e-15);
  });
});

describe('very large degrees of freedom', () => {
  // References from a 40-digit evaluation of the incomplete beta / gamma (mpmath).
  it('switches to limiting forms that stay accurate and terminate', () => {
    relClose(studentTCdf(-2, 1e9), 0.022750132083156623, 1e-9);
    relClose(studentTCdf(-2, 2e7), 0.02275013869705018, 1e-9);
    relClose(chiSquareSf(1000134164.07865, 1e9), 0.0013504266091418418, 1e-7);
    relClose(fSf(1.5, 5, 1e9), 0.1860298346868443, 1e-7);
    for (const df of [1e15, 1e100]) {
      for (const value of [
        studentTCdf(-2, df),
        studentTQuantile(0.975, df),
        chiSquareSf(df, df),
        fSf(1.1, df, df),
      ]) {
        assert.ok(Number.isFinite(value), `df = ${df}`);
      }
    }
  });
});

describe('input validation', () => {
  it('throws instead of returning NaN', () => {
    assert.throws(() => normalCdf(NaN), RangeError);
    assert.throws(() => normalQuantile(1.2), RangeError);
    assert.throws(() => normalQuantile(NaN), RangeError);
    assert.throws(() => studentTCdf(1, 0), RangeError);
    assert.throws(() => studentTQuantile(0.5, -1), RangeError);
    assert.throws(() => studentTCdf(1, NaN), RangeError);
    assert.throws(() => fSf(1, 0, 3), RangeError);
    assert.throws(() => chiSquareSf(1, -2), RangeError);
    assert.throws(() => regularizedBeta(1.5, 1, 1), RangeError);
    assert.throws(() => logGamma(0), RangeError);
  });
});
