//! Empirical-Bayes view of a categorical variable's levels: how far the true event rates of the
//! levels spread around the overall rate, estimated from the data (method of moments), and the
//! prior strength that follows from it. Used to order levels by a shrunk event rate and to pool
//! the levels whose own rows say less than the prior, instead of one fixed share for every
//! variable: a level of 300 rows with a 1 % bad rate in a strongly graded variable (a loan
//! sub-grade) should stand on its own, while 300 rows of a level of a noise variable should not.
//!
//! Only `+ − × ÷` on f64, so the same numbers on every target.

/// (non-events, events) of one level.
pub type LevelCounts = (u64, u64);

/// Prior strength `m` (pseudo-rows at the overall rate) of a beta prior on the level rates,
/// `m = p(1−p)/τ² − 1`, where τ² is the method-of-moments estimate of the between-level
/// variance of the true rates (DerSimonian–Laird form on binomial counts):
/// `τ² = (Q − (k−1)·p(1−p)) / (N − Σnᵢ²/N)`, `Q = Σ nᵢ (rᵢ − p)²`.
/// Returns `f64::INFINITY` when no spread is detectable (τ² ≤ 0, fewer than two non-empty
/// levels, or a single class): then every level's rate shrinks to the overall rate.
pub fn prior_strength(levels: &[LevelCounts]) -> f64 {
    let sizes = levels.iter().filter(|c| c.0 + c.1 > 0);
    let k = sizes.clone().count();
    let n: f64 = sizes.clone().map(|c| (c.0 + c.1) as f64).sum();
    let e: f64 = sizes.clone().map(|c| c.1 as f64).sum();
    if k < 2 || n <= 0.0 {
        return f64::INFINITY;
    }
    let p = e / n;
    let pq = p * (1.0 - p);
    if pq <= 0.0 {
        return f64::INFINITY;
    }
    let mut q = 0.0;
    let mut sum_sq = 0.0;
    for c in sizes {
        let ni = (c.0 + c.1) as f64;
        let d = c.1 as f64 - ni * p; // nᵢ(rᵢ − p)
        q += d * d / ni;
        sum_sq += ni * ni;
    }
    let denom = n - sum_sq / n;
    let tau2 = (q - (k as f64 - 1.0) * pq) / denom;
    if tau2.is_nan() || tau2 <= 0.0 || !tau2.is_finite() {
        return f64::INFINITY;
    }
    (pq / tau2 - 1.0).max(0.0)
}

/// Sort key of a level under prior strength `m` around overall rate `p`: the posterior mean
/// rate `(e + m·p)/(n + m)`, minus `p` and scaled by `n + m`'s order so that `m = ∞` (every
/// rate shrunk to `p`) still orders levels by their excess of events `e − n·p`. Monotone in the
/// posterior mean for every finite `m`.
pub fn shrunk_key(c: LevelCounts, p: f64, m: f64) -> f64 {
    let n = (c.0 + c.1) as f64;
    let excess = c.1 as f64 - n * p;
    if m.is_finite() {
        excess / (n + m)
    } else {
        excess
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SeededRng;

    fn draw(rates: &[f64], per_level: u64, seed: u64) -> Vec<LevelCounts> {
        let mut r = SeededRng::new(seed);
        rates
            .iter()
            .map(|&p| {
                let e = (0..per_level).filter(|_| r.chance(p)).count() as u64;
                (per_level - e, e)
            })
            .collect()
    }

    #[test]
    fn graded_levels_get_a_weak_prior_and_noise_levels_an_infinite_or_strong_one() {
        // sub-grade-like: rates 1 % … 20 %, 300 rows each → τ ≈ 0.055, p ≈ 0.105 → m ≈ 30
        let graded: Vec<f64> = (0..20).map(|i| 0.01 + 0.01 * i as f64).collect();
        let m = prior_strength(&draw(&graded, 300, 1));
        assert!(m > 10.0 && m < 80.0, "graded m {m}");
        // the same rate everywhere: the estimate is infinite or at least far above the level size
        let mut strong = 0;
        for seed in 0..20 {
            let m = prior_strength(&draw(&[0.1; 20], 300, seed));
            strong += (m > 300.0) as usize;
        }
        assert!(
            strong >= 15,
            "{strong} of 20 noise draws had m > level size"
        );
    }

    #[test]
    fn degenerate_inputs_give_an_infinite_prior() {
        assert_eq!(prior_strength(&[]), f64::INFINITY);
        assert_eq!(prior_strength(&[(10, 5)]), f64::INFINITY);
        assert_eq!(prior_strength(&[(10, 0), (20, 0)]), f64::INFINITY);
        assert_eq!(prior_strength(&[(0, 0), (10, 5)]), f64::INFINITY);
        // identical rates: Q = 0 < (k−1)pq
        assert_eq!(prior_strength(&[(90, 10), (180, 20)]), f64::INFINITY);
    }

    #[test]
    fn shrunk_key_orders_by_posterior_mean_and_pulls_small_levels_in() {
        let p = 0.1;
        // small level with a 50 % rate vs a large one with 20 %: raw order puts the small one
        // higher; under a strong prior the large one is more clearly above p
        let small = (2, 2);
        let large = (800, 200);
        assert!(shrunk_key(small, p, 0.0) > shrunk_key(large, p, 0.0));
        assert!(shrunk_key(small, p, 500.0) < shrunk_key(large, p, 500.0));
        assert!(shrunk_key(small, p, f64::INFINITY) < shrunk_key(large, p, f64::INFINITY));
        // the key is monotone in the posterior mean for finite m
        let post = |c: LevelCounts, m: f64| (c.1 as f64 + m * p) / ((c.0 + c.1) as f64 + m);
        for m in [0.0, 3.0, 40.0, 1e4] {
            let a = (50, 10);
            let b = (5, 2);
            assert_eq!(
                shrunk_key(a, p, m) < shrunk_key(b, p, m),
                post(a, m) < post(b, m),
                "m {m}"
            );
        }
    }
}
