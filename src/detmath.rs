//! Deterministic transcendental maths for everything whose output must be bit-identical in the
//! CLI, Node and the browser. The platform's `f64::ln`/`exp` may differ in the last bit between
//! glibc and the wasm math library; `libm` is one pure-Rust implementation (a port of musl) used
//! on every target. `sqrt` and the basic operations are exact by IEEE 754 and need no wrapper.

/// Natural logarithm.
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// e^x.
#[inline]
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// 2^x.
#[inline]
pub fn exp2(x: f64) -> f64 {
    libm::exp2(x)
}

/// log₂ x.
#[inline]
pub fn log2(x: f64) -> f64 {
    libm::log2(x)
}

/// The money transform `sign(x)·ln(1+|x|)` (accurate near 0).
pub fn signed_log1p(x: f64) -> f64 {
    let m = libm::log1p(x.abs());
    if x < 0.0 { -m } else { m }
}

/// Inverse of [`signed_log1p`]: `sign(y)·(e^|y| − 1)`.
pub fn signed_expm1(y: f64) -> f64 {
    let m = libm::expm1(y.abs());
    if y < 0.0 { -m } else { m }
}

/// Logistic function 1/(1+e^−t), without overflow.
pub fn sigmoid(t: f64) -> f64 {
    if t >= 0.0 {
        1.0 / (1.0 + exp(-t))
    } else {
        let e = exp(t);
        e / (1.0 + e)
    }
}

/// `ln(1 + e^t)` without overflow (the softplus of the log-likelihood).
pub fn log1p_exp(t: f64) -> f64 {
    if t > 35.0 {
        t
    } else if t < -35.0 {
        exp(t)
    } else {
        libm::log1p(exp(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_platform_to_within_an_ulp_and_inverts() {
        for &x in &[1e-300, 1e-5, 0.1, 0.5, 1.0, 2.0, 19.0, 1e6, 1e300] {
            let (a, b) = (ln(x), x.ln());
            assert!((a - b).abs() <= b.abs() * 4.0 * f64::EPSILON, "ln {x}");
        }
        for &x in &[-700.0, -5.0, -0.1, 0.0, 0.1, 1.0, 5.0, 700.0] {
            let (a, b) = (exp(x), x.exp());
            assert!((a - b).abs() <= b.abs() * 4.0 * f64::EPSILON, "exp {x}");
        }
        for &x in &[-1e9, -12.5, -1e-9, 0.0, 3e-7, 42.0, 7.5e8] {
            let y = signed_expm1(signed_log1p(x));
            assert!((y - x).abs() <= x.abs() * 1e-12 + 1e-300, "{x} -> {y}");
        }
        assert!(signed_log1p(-9.0) < 0.0);
        assert_eq!(sigmoid(0.0), 0.5);
        assert!((sigmoid(3.0) + sigmoid(-3.0) - 1.0).abs() < 1e-15);
        assert!(sigmoid(-800.0) >= 0.0 && sigmoid(800.0) <= 1.0);
        assert_eq!(log1p_exp(100.0), 100.0);
        assert!((log1p_exp(0.0) - 2f64.ln()).abs() < 1e-15);
    }
}
