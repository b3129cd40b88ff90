//! Seeded sampling of row indices without replacement (used by silhouette, PCA and mini-batch
//! initialisation). Partial Fisher–Yates over a sparse swap map: O(m log m) time and memory for
//! m samples out of n, independent of n; deterministic for a seed on every target.

use crate::rng::SeededRng;
use std::collections::BTreeMap;

/// `m` distinct indices from `0..n` (all of them when m ≥ n), returned sorted ascending.
pub fn sample_indices(n: usize, m: usize, rng: &mut SeededRng) -> Vec<usize> {
    if m >= n {
        return (0..n).collect();
    }
    let mut displaced: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(m);
    for t in 0..m {
        let j = t + rng.below((n - t) as u64) as usize;
        let at_j = *displaced.get(&j).unwrap_or(&j);
        let at_t = *displaced.get(&t).unwrap_or(&t);
        displaced.insert(j, at_t);
        out.push(at_j);
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_sorted_in_range_and_deterministic() {
        let a = sample_indices(1000, 100, &mut SeededRng::new(1));
        let b = sample_indices(1000, 100, &mut SeededRng::new(1));
        assert_eq!(a, b);
        assert_eq!(a.len(), 100);
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        assert!(a.iter().all(|&i| i < 1000));
        assert_eq!(
            sample_indices(5, 10, &mut SeededRng::new(1)),
            vec![0, 1, 2, 3, 4]
        );
        assert!(sample_indices(0, 3, &mut SeededRng::new(1)).is_empty());
    }
}
