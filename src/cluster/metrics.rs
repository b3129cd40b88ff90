//! Agreement between two labelings: the adjusted Rand index (Hubert & Arabie 1985), computed
//! from the contingency table with exact integer arithmetic (same value as scikit-learn's
//! `adjusted_rand_score`, including its special case: 1.0 when the index is undefined because
//! both labelings are trivial).

use crate::cluster::error::ClusterError;

/// Map arbitrary labels to 0..r (sorted order); returns (compact labels, r).
fn compact(labels: &[u32]) -> (Vec<u32>, usize) {
    let mut uniq = labels.to_vec();
    uniq.sort_unstable();
    uniq.dedup();
    let mapped = labels
        .iter()
        .map(|l| uniq.binary_search(l).unwrap_or(0) as u32)
        .collect();
    (mapped, uniq.len())
}

fn comb2(x: u64) -> i128 {
    let x = x as i128;
    x * (x - 1) / 2
}

/// Adjusted Rand index of two labelings of the same rows: 1 = identical partitions (up to
/// renaming), ≈0 = chance agreement, negative = worse than chance.
pub fn adjusted_rand_index(a: &[u32], b: &[u32]) -> Result<f64, ClusterError> {
    if a.len() != b.len() {
        return Err(ClusterError::LengthMismatch {
            what: "second labeling".into(),
            expected: a.len(),
            found: b.len(),
        });
    }
    if a.is_empty() {
        return Err(ClusterError::EmptyInput);
    }
    let n = a.len();
    let (ca, ra) = compact(a);
    let (cb, rb) = compact(b);
    let mut row_sums = vec![0u64; ra];
    let mut col_sums = vec![0u64; rb];
    let mut sum_cells: i128 = 0;
    if ra.saturating_mul(rb) <= 1 << 22 {
        let mut table = vec![0u64; ra * rb];
        for (&x, &y) in ca.iter().zip(&cb) {
            table[x as usize * rb + y as usize] += 1;
        }
        sum_cells = table.iter().map(|&c| comb2(c)).sum();
    } else {
        let mut pairs: Vec<u64> = ca
            .iter()
            .zip(&cb)
            .map(|(&x, &y)| ((x as u64) << 32) | y as u64)
            .collect();
        pairs.sort_unstable();
        let mut run = 0u64;
        for i in 0..pairs.len() {
            run += 1;
            if i + 1 == pairs.len() || pairs[i + 1] != pairs[i] {
                sum_cells += comb2(run);
                run = 0;
            }
        }
    }
    for (&x, &y) in ca.iter().zip(&cb) {
        row_sums[x as usize] += 1;
        col_sums[y as usize] += 1;
    }
    let sum_a: i128 = row_sums.iter().map(|&c| comb2(c)).sum();
    let sum_b: i128 = col_sums.iter().map(|&c| comb2(c)).sum();
    let total = comb2(n as u64);
    // ARI = (index − expected) / (max − expected), expected = sum_a·sum_b / total,
    // max = (sum_a + sum_b) / 2; multiplied through by 2·total to stay in integers.
    let num = 2 * total * sum_cells - 2 * sum_a * sum_b;
    let den = total * (sum_a + sum_b) - 2 * sum_a * sum_b;
    if den == 0 {
        return Ok(1.0);
    }
    Ok(num as f64 / den as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(
            adjusted_rand_index(&[0, 0, 1, 1], &[1, 1, 0, 0]).unwrap(),
            1.0
        );
        let v = adjusted_rand_index(&[0, 0, 1, 1], &[0, 0, 1, 2]).unwrap();
        assert!((v - 0.571_428_571_428_571_5).abs() < 1e-15, "{v}");
        assert_eq!(
            adjusted_rand_index(&[0, 0, 1, 1], &[0, 1, 0, 1]).unwrap(),
            -0.5
        );
        assert_eq!(
            adjusted_rand_index(&[0, 0, 0, 0], &[0, 1, 2, 3]).unwrap(),
            0.0
        );
        assert_eq!(adjusted_rand_index(&[5, 5, 5], &[1, 1, 1]).unwrap(), 1.0);
        assert_eq!(adjusted_rand_index(&[7], &[3]).unwrap(), 1.0);
    }

    #[test]
    fn sparse_path_agrees_with_dense() {
        // Many distinct labels force the pair-sorting path.
        let a: Vec<u32> = (0..5000).map(|i| i / 2).collect();
        let b: Vec<u32> = (0..5000).map(|i| (i / 2) ^ ((i % 7 == 0) as u32)).collect();
        let sparse = adjusted_rand_index(&a, &b).unwrap();
        let small_a: Vec<u32> = a.iter().map(|&x| x % 3).collect();
        let dense = adjusted_rand_index(&small_a, &small_a).unwrap();
        assert_eq!(dense, 1.0);
        assert!(sparse > 0.5 && sparse < 1.0, "{sparse}");
    }

    #[test]
    fn errors() {
        assert!(matches!(
            adjusted_rand_index(&[0, 1], &[0]),
            Err(ClusterError::LengthMismatch { .. })
        ));
        assert_eq!(adjusted_rand_index(&[], &[]), Err(ClusterError::EmptyInput));
    }
}
