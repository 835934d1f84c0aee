// Reference: R's summary(lm(Fertility ~ ., data = swiss)), printed in countless tutorials:
// estimates 66.9151817 (intercept), -0.1721140, -0.2580082, -0.8709401, 0.1041153, 1.0770481;
// standard errors 0.07030392, 0.25387820, 0.18302860, 0.03525785, 0.38171965; p 1.872715e-02,
// 3.154617e-01, 2.430605e-05, 5.190079e-03, 7.335715e-03; R² 0.7067, adjusted 0.671,
// F 19.76 on 5 and 41 DF (p 5.594e-10), residual standard error 7.165.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accumulateListwise, sampleSd } from './correlation.ts';
import { swissColumn } from './fixtures/swiss.ts';
import { fitOls } from './ols.ts';
import { close, systemOf } from './test-helpers.ts';

const names = ['Agriculture', 'Examination', 'Education', 'Catholic', 'Infant.Mortality'] as const;

describe('OLS from the correlation matrix', () => {
  it("reproduces R's lm on swiss", () => {
    const y = swissColumn('Fertility');
    const xs = names.map(swissColumn);
    const { moments: m } = accumulateListwise([y, ...xs].map((values) => ({ values })));
    const fit = fitOls({
      system: systemOf(y, xs),
      n: 47,
      meanY: m.mean[0]!,
      sdY: sampleSd(m, 0),
      meanX: names.map((_, j) => m.mean[j + 1]!),
      sdX: names.map((_, j) => sampleSd(m, j + 1)),
    });
    const b = [-0.172114, -0.2580082, -0.8709401, 0.1041153, 1.0770481];
    const se = [0.07030392, 0.2538782, 0.1830286, 0.03525785, 0.38171965];
    const p = [1.872715e-2, 3.154617e-1, 2.430605e-5, 5.190079e-3, 7.335715e-3];
    fit.coefficients.forEach((c, j) => {
      close(c.b, b[j]!, 5e-7, `b ${names[j]}`);
      close(c.bSe, se[j]!, 5e-8, `se ${names[j]}`);
      close(c.p, p[j]!, p[j]! * 1e-5, `p ${names[j]}`);
      close(c.t!, c.b / c.bSe, 1e-12, 't = b / se, the same for raw and standardised coefficients');
    });
    close(fit.intercept, 66.9151817, 5e-7, 'intercept');
    close(fit.r2, 0.706735001593, 1e-11, 'R²');
    close(fit.adjustedR2, 0.670970977397, 1e-11, 'adjusted R²');
    close(fit.fTest.f!, 19.7610592622, 1e-9, 'F');
    assert.deepEqual([fit.fTest.df1, fit.fTest.df2], [5, 41]);
    close(fit.fTest.p, 5.594e-10, 5e-13, 'F p-value');
    close(fit.residualSd, 7.165, 5e-4, 'residual standard error');
    // Simple correlation of Education with Fertility: r = -0.6637889, t on 45 df.
    close(fit.coefficients[2]!.r, -0.6637889, 5e-8, 'r');
    assert.ok(fit.coefficients[2]!.rP < 1e-6);
  });

  it('a perfect fit gives zero standard errors, p = 0 and t = null instead of Infinity', () => {
    const x1 = [1, 2, 3, 4, 5, 6];
    const x2 = [2, 1, 4, 3, 6, 5];
    const y = x1.map((v, i) => 2 * v - x2[i]!);
    const { moments: m } = accumulateListwise([y, x1, x2].map((values) => ({ values })));
    const fit = fitOls({
      system: systemOf(y, [x1, x2]),
      n: 6,
      meanY: m.mean[0]!,
      sdY: sampleSd(m, 0),
      meanX: [m.mean[1]!, m.mean[2]!],
      sdX: [sampleSd(m, 1), sampleSd(m, 2)],
    });
    close(fit.r2, 1, 1e-12, 'R²');
    for (const c of fit.coefficients) {
      assert.equal(c.t, null);
      assert.equal(c.p, 0);
    }
    assert.equal(fit.fTest.f, null);
    close(fit.coefficients[0]!.b, 2, 1e-12, 'b1');
    close(fit.coefficients[1]!.b, -1, 1e-12, 'b2');
  });
});
