//! Choosing k: for each k in a range, the k-means inertia (for an elbow plot) and the mean
//! silhouette on one seeded sample of rows (the same sample for every k; callers usually pass
//! [`DEFAULT_SILHOUETTE_SAMPLE`], and anything above [`MAX_SILHOUETTE_SAMPLE`] is capped, so the
//! cost is O(sample²·d) per k whatever n is, with no sample² memory).
//!
//! Recommendation rule: the k with the highest mean silhouette; silhouettes within
//! [`SILHOUETTE_TIE`] of each other count as a tie and the smaller k wins (fewer segments are
//! easier to act on). k = 1 has no silhouette and is never recommended.

use crate::cluster::error::ClusterError;
use crate::cluster::kernel::sq_dist;
use crate::cluster::kmeans::{KMeansParams, check_shape, fit_kmeans};
use crate::cluster::sample::sample_indices;
use crate::rng::SeededRng;
use serde::{Deserialize, Serialize};

pub const DEFAULT_SILHOUETTE_SAMPLE: usize = 2000;
/// Larger silhouette samples are capped to this many rows.
pub const MAX_SILHOUETTE_SAMPLE: usize = 10_000;
pub const SILHOUETTE_TIE: f64 = 1e-9;

/// Scores for one k.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KCandidate {
    pub k: usize,
    pub inertia: f64,
    /// Mean silhouette on the sample; `None` when fewer than 2 clusters appear in the sample.
    pub silhouette: Option<f64>,
    pub n_iter: usize,
}

/// Scores for every k tried, and the recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KSelection {
    pub candidates: Vec<KCandidate>,
    pub recommended_k: Option<usize>,
    /// Rows used for the silhouette.
    pub sample_rows: usize,
    /// Set when the range stopped early because the data has fewer distinct rows than k.
    pub stopped_at_distinct_rows: Option<usize>,
}

/// Fit k-means for every k in `k_min..=k_max` (other parameters from `params`) and score each.
pub fn select_k(
    data: &[f64],
    n_features: usize,
    k_min: usize,
    k_max: usize,
    params: &KMeansParams,
    sample_size: usize,
) -> Result<KSelection, ClusterError> {
    let n = check_shape(data, n_features)?;
    if k_min == 0 {
        return Err(ClusterError::KIsZero);
    }
    if k_min > k_max {
        return Err(ClusterError::InvalidOption(format!(
            "empty k range {k_min}..={k_max}"
        )));
    }
    if k_max > n {
        return Err(ClusterError::KExceedsRows {
            k: k_max,
            n_rows: n,
        });
    }
    if sample_size < 2 {
        return Err(ClusterError::InvalidOption(
            "silhouette sample must have at least 2 rows".into(),
        ));
    }
    let mut rng = SeededRng::new(params.seed ^ 0x5111_0e77_e5a3_91e5);
    let sample = sample_indices(n, sample_size.min(MAX_SILHOUETTE_SAMPLE), &mut rng);
    let dist = SampleDistances::new(data, n_features, &sample);

    let mut candidates = Vec::new();
    let mut stopped = None;
    for k in k_min..=k_max {
        let model = match fit_kmeans(
            data,
            n_features,
            &KMeansParams {
                k,
                ..params.clone()
            },
        ) {
            Ok(m) => m,
            Err(ClusterError::TooFewDistinctRows { distinct, .. }) if !candidates.is_empty() => {
                stopped = Some(distinct);
                break;
            }
            Err(e) => return Err(e),
        };
        let sample_labels: Vec<u32> = sample.iter().map(|&i| model.labels[i]).collect();
        let silhouette = if k >= 2 {
            dist.mean_silhouette(&sample_labels, k)
        } else {
            None
        };
        candidates.push(KCandidate {
            k,
            inertia: model.inertia,
            silhouette,
            n_iter: model.n_iter,
        });
    }
    let recommended_k = recommend_k(&candidates);
    Ok(KSelection {
        candidates,
        recommended_k,
        sample_rows: sample.len(),
        stopped_at_distinct_rows: stopped,
    })
}

/// Highest silhouette; within [`SILHOUETTE_TIE`] the smaller k wins.
pub fn recommend_k(candidates: &[KCandidate]) -> Option<usize> {
    let mut sorted: Vec<&KCandidate> = candidates
        .iter()
        .filter(|c| c.silhouette.is_some())
        .collect();
    sorted.sort_by_key(|c| c.k);
    let mut best: Option<(usize, f64)> = None;
    for c in sorted {
        let s = c.silhouette.unwrap_or(f64::NEG_INFINITY);
        if best.is_none_or(|(_, b)| s > b + SILHOUETTE_TIE) {
            best = Some((c.k, s));
        }
    }
    best.map(|(k, _)| k)
}

/// The sample rows, copied contiguously; distances are computed on the fly.
struct SampleDistances {
    m: usize,
    d: usize,
    rows: Vec<f64>,
}

impl SampleDistances {
    fn new(data: &[f64], d: usize, sample: &[usize]) -> Self {
        let mut rows = Vec::with_capacity(sample.len() * d);
        for &i in sample {
            rows.extend_from_slice(&data[i * d..(i + 1) * d]);
        }
        SampleDistances {
            m: sample.len(),
            d,
            rows,
        }
    }

    fn at(&self, a: usize, b: usize) -> f64 {
        let d = self.d;
        sq_dist(
            &self.rows[a * d..(a + 1) * d],
            &self.rows[b * d..(b + 1) * d],
        )
        .sqrt()
    }

    /// Mean silhouette (Rousseeuw 1987); a row alone in its cluster scores 0 (scikit-learn's rule).
    fn mean_silhouette(&self, labels: &[u32], k: usize) -> Option<f64> {
        let mut counts = vec![0usize; k];
        for &l in labels {
            counts[l as usize] += 1;
        }
        if counts.iter().filter(|&&c| c > 0).count() < 2 {
            return None;
        }
        let mut sums = vec![0.0f64; k];
        let mut total = 0.0;
        for i in 0..self.m {
            sums.iter_mut().for_each(|s| *s = 0.0);
            for j in 0..self.m {
                if j != i {
                    sums[labels[j] as usize] += self.at(i, j);
                }
            }
            let own = labels[i] as usize;
            if counts[own] < 2 {
                continue;
            }
            let a = sums[own] / (counts[own] - 1) as f64;
            let mut b = f64::INFINITY;
            for c in 0..k {
                if c != own && counts[c] > 0 {
                    let v = sums[c] / counts[c] as f64;
                    if v < b {
                        b = v;
                    }
                }
            }
            let denom = if a > b { a } else { b };
            if denom > 0.0 {
                total += (b - a) / denom;
            }
        }
        Some(total / self.m as f64)
    }
}

/// Mean silhouette of `labels` (one per row of `data`) over the rows listed in `sample` (the
/// first [`MAX_SILHOUETTE_SAMPLE`] of them).
pub fn silhouette_score(
    data: &[f64],
    n_features: usize,
    labels: &[u32],
    sample: &[usize],
) -> Result<Option<f64>, ClusterError> {
    let n = check_shape(data, n_features)?;
    if labels.len() != n {
        return Err(ClusterError::LengthMismatch {
            what: "labels".into(),
            expected: n,
            found: labels.len(),
        });
    }
    if let Some(&bad) = sample.iter().find(|&&i| i >= n) {
        return Err(ClusterError::InvalidOption(format!(
            "sample row {bad} is out of range"
        )));
    }
    let k = labels.iter().max().map_or(0, |&m| m as usize + 1);
    let sample = &sample[..sample.len().min(MAX_SILHOUETTE_SAMPLE)];
    let sample_labels: Vec<u32> = sample.iter().map(|&i| labels[i]).collect();
    Ok(SampleDistances::new(data, n_features, sample).mean_silhouette(&sample_labels, k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn three_blobs() -> Vec<f64> {
        let mut r = SeededRng::new(11);
        let centres = [[0.0, 0.0], [8.0, 0.0], [0.0, 8.0]];
        let mut v = Vec::new();
        for i in 0..300 {
            let c = centres[i % 3];
            v.push(c[0] + r.normal() * 0.7);
            v.push(c[1] + r.normal() * 0.7);
        }
        v
    }

    #[test]
    fn recommends_the_true_k() {
        let data = three_blobs();
        let sel = select_k(&data, 2, 1, 6, &KMeansParams::default(), 200).unwrap();
        assert_eq!(sel.candidates.len(), 6);
        assert_eq!(sel.candidates[0].silhouette, None);
        assert_eq!(sel.recommended_k, Some(3));
        assert_eq!(sel.sample_rows, 200);
        // inertia falls with k
        assert!(
            sel.candidates
                .windows(2)
                .all(|w| w[1].inertia <= w[0].inertia)
        );
    }

    #[test]
    fn silhouette_matches_hand_computation() {
        // two tight pairs far apart: a = 1, b ≈ 10 → s ≈ 0.9 for every row
        let data = [0.0, 1.0, 10.0, 11.0];
        let s = silhouette_score(&data, 1, &[0, 0, 1, 1], &[0, 1, 2, 3])
            .unwrap()
            .unwrap();
        let expect = ((10.5 - 1.0) / 10.5 + (9.5 - 1.0) / 9.5) / 2.0;
        assert!((s - expect).abs() < 1e-12, "{s} vs {expect}");
        assert_eq!(
            silhouette_score(&data, 1, &[0, 0, 0, 0], &[0, 1, 2, 3]).unwrap(),
            None
        );
    }

    #[test]
    fn ties_go_to_smaller_k() {
        let c = |k, s| KCandidate {
            k,
            inertia: 0.0,
            silhouette: Some(s),
            n_iter: 1,
        };
        assert_eq!(recommend_k(&[c(4, 0.5), c(3, 0.5), c(5, 0.4)]), Some(3));
        assert_eq!(
            recommend_k(&[c(2, 0.5), c(3, 0.5 + 1e-12), c(4, 0.6)]),
            Some(4)
        );
        assert_eq!(recommend_k(&[]), None);
    }

    #[test]
    fn bad_ranges_and_duplicate_rows() {
        let data = three_blobs();
        let p = KMeansParams::default();
        assert_eq!(
            select_k(&data, 2, 0, 3, &p, 100),
            Err(ClusterError::KIsZero)
        );
        assert!(matches!(
            select_k(&data, 2, 4, 3, &p, 100),
            Err(ClusterError::InvalidOption(_))
        ));
        assert!(matches!(
            select_k(&data, 2, 2, 301, &p, 100),
            Err(ClusterError::KExceedsRows { .. })
        ));
        let two_points = [0.0, 0.0, 0.0, 5.0, 5.0, 5.0];
        let sel = select_k(&two_points, 1, 1, 4, &p, 100).unwrap();
        assert_eq!(sel.candidates.len(), 2);
        assert_eq!(sel.stopped_at_distinct_rows, Some(2));
        assert_eq!(sel.recommended_k, Some(2));
    }
}
