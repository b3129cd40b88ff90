//! 2-D PCA projection for the segment scatter plot: covariance (d × d, fixed summation order),
//! cyclic Jacobi eigen-decomposition (deterministic, no random start), the two leading
//! components with a sign convention (largest-magnitude loading positive) so the picture does not
//! flip between runs or targets. Optionally projects only a seeded sample of rows.

use crate::cluster::error::ClusterError;
use crate::cluster::kmeans::check_shape;
use crate::cluster::sample::sample_indices;
use crate::rng::SeededRng;
use serde::{Deserialize, Serialize};

/// Result of [`pca_2d`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PcaProjection {
    /// Row indices that were projected (ascending; all rows when not sampled).
    pub rows: Vec<usize>,
    /// (pc1, pc2) for each entry of `rows`.
    pub coords: Vec<[f64; 2]>,
    /// The two unit-length component vectors (length d; the second is all zeros when d = 1).
    pub components: [Vec<f64>; 2],
    /// Variance along each component.
    pub explained_variance: [f64; 2],
    /// Share of the total variance along each component.
    pub explained_variance_ratio: [f64; 2],
    /// Feature means subtracted before projecting.
    pub mean: Vec<f64>,
}

impl PcaProjection {
    /// Coordinates as f32 pairs, for compact transfer to a chart.
    pub fn coords_f32(&self) -> Vec<[f32; 2]> {
        self.coords
            .iter()
            .map(|c| [c[0] as f32, c[1] as f32])
            .collect()
    }
}

/// Project rows of `data` onto the first two principal components. `sample`: `Some((m, seed))`
/// projects a seeded sample of m rows (the components always use all rows).
pub fn pca_2d(
    data: &[f64],
    n_features: usize,
    sample: Option<(usize, u64)>,
) -> Result<PcaProjection, ClusterError> {
    let n = check_shape(data, n_features)?;
    if let Some(p) = data.iter().position(|v| !v.is_finite()) {
        return Err(ClusterError::NonFiniteValue {
            row: p / n_features,
            col: p % n_features,
        });
    }
    let d = n_features;
    let mut mean = vec![0.0f64; d];
    for row in data.chunks_exact(d) {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += v;
        }
    }
    mean.iter_mut().for_each(|m| *m /= n as f64);
    let mut cov = vec![0.0f64; d * d];
    let mut centred = vec![0.0f64; d];
    for row in data.chunks_exact(d) {
        for j in 0..d {
            centred[j] = row[j] - mean[j];
        }
        for a in 0..d {
            let ca = centred[a];
            for b in a..d {
                cov[a * d + b] += ca * centred[b];
            }
        }
    }
    let denom = if n > 1 { (n - 1) as f64 } else { 1.0 };
    for a in 0..d {
        for b in a..d {
            cov[a * d + b] /= denom;
            cov[b * d + a] = cov[a * d + b];
        }
    }
    let total_var: f64 = (0..d).map(|j| cov[j * d + j]).sum();
    let (values, vectors) = jacobi_eigen(&cov, d);

    let mut order: Vec<usize> = (0..d).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    let mut components = [vec![0.0; d], vec![0.0; d]];
    let mut explained = [0.0; 2];
    for (slot, &idx) in order.iter().take(2).enumerate() {
        let mut v: Vec<f64> = (0..d).map(|r| vectors[r * d + idx]).collect();
        let mut lead = 0;
        for j in 1..d {
            if v[j].abs() > v[lead].abs() {
                lead = j;
            }
        }
        if v[lead] < 0.0 {
            v.iter_mut().for_each(|x| *x = -*x);
        }
        components[slot] = v;
        explained[slot] = values[idx].max(0.0);
    }
    let ratio = if total_var > 0.0 {
        [explained[0] / total_var, explained[1] / total_var]
    } else {
        [0.0, 0.0]
    };

    let rows = match sample {
        Some((m, seed)) => sample_indices(n, m, &mut SeededRng::new(seed)),
        None => (0..n).collect(),
    };
    let coords = rows
        .iter()
        .map(|&i| {
            let row = &data[i * d..(i + 1) * d];
            let mut p = [0.0f64; 2];
            for (slot, comp) in components.iter().enumerate() {
                let mut acc = 0.0;
                for j in 0..d {
                    acc += (row[j] - mean[j]) * comp[j];
                }
                p[slot] = acc;
            }
            p
        })
        .collect();
    Ok(PcaProjection {
        rows,
        coords,
        components,
        explained_variance: explained,
        explained_variance_ratio: ratio,
        mean,
    })
}

/// Eigenvalues and eigenvectors (columns of the returned row-major matrix) of a symmetric d × d
/// matrix (`matrix.len() == d·d`), by cyclic Jacobi rotations.
pub(crate) fn jacobi_eigen(matrix: &[f64], d: usize) -> (Vec<f64>, Vec<f64>) {
    let mut a = matrix.to_vec();
    let mut v = vec![0.0f64; d * d];
    for i in 0..d {
        v[i * d + i] = 1.0;
    }
    for _sweep in 0..100 {
        let mut off = 0.0;
        let mut diag = 0.0;
        for p in 0..d {
            diag += a[p * d + p] * a[p * d + p];
            for q in p + 1..d {
                off += a[p * d + q] * a[p * d + q];
            }
        }
        if off == 0.0 || off <= 1e-30 * diag {
            break;
        }
        for p in 0..d {
            for q in p + 1..d {
                let apq = a[p * d + q];
                if apq == 0.0 {
                    continue;
                }
                let theta = (a[q * d + q] - a[p * d + p]) / (2.0 * apq);
                let t = if theta >= 0.0 {
                    1.0 / (theta + (theta * theta + 1.0).sqrt())
                } else {
                    -1.0 / (-theta + (theta * theta + 1.0).sqrt())
                };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                // A ← Jᵀ A J with J = rotation in the (p, q) plane; V ← V J.
                for k in 0..d {
                    let akp = a[k * d + p];
                    let akq = a[k * d + q];
                    a[k * d + p] = c * akp - s * akq;
                    a[k * d + q] = s * akp + c * akq;
                }
                for k in 0..d {
                    let apk = a[p * d + k];
                    let aqk = a[q * d + k];
                    a[p * d + k] = c * apk - s * aqk;
                    a[q * d + k] = s * apk + c * aqk;
                }
                for k in 0..d {
                    let vkp = v[k * d + p];
                    let vkq = v[k * d + q];
                    v[k * d + p] = c * vkp - s * vkq;
                    v[k * d + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let values = (0..d).map(|i| a[i * d + i]).collect();
    (values, v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jacobi_solves_a_symmetric_matrix() {
        let m = [4.0, 1.0, 2.0, 1.0, 3.0, 0.5, 2.0, 0.5, 5.0];
        let (vals, vecs) = jacobi_eigen(&m, 3);
        for e in 0..3 {
            for r in 0..3 {
                let av: f64 = (0..3).map(|c| m[r * 3 + c] * vecs[c * 3 + e]).sum();
                assert!((av - vals[e] * vecs[r * 3 + e]).abs() < 1e-12);
            }
        }
        let trace: f64 = vals.iter().sum();
        assert!((trace - 12.0).abs() < 1e-12);
    }

    #[test]
    fn points_on_a_line_have_one_component() {
        let mut r = SeededRng::new(5);
        let mut data = Vec::new();
        for _ in 0..200 {
            let t = r.normal();
            data.extend_from_slice(&[2.0 * t + 1.0, -t, 0.001 * r.normal()]);
        }
        let p = pca_2d(&data, 3, None).unwrap();
        assert!(p.explained_variance_ratio[0] > 0.999);
        let c = &p.components[0];
        assert!((c[0] - 2.0 / 5f64.sqrt()).abs() < 1e-3 && (c[1] + 1.0 / 5f64.sqrt()).abs() < 1e-3);
        assert_eq!(p.coords.len(), 200);
        let again = pca_2d(&data, 3, None).unwrap();
        assert_eq!(p, again);
        let s = pca_2d(&data, 3, Some((50, 1))).unwrap();
        assert_eq!(s.rows.len(), 50);
        assert_eq!(s.coords[0], p.coords[s.rows[0]]);
        assert_eq!(s.coords_f32().len(), 50);
    }

    #[test]
    fn degenerate_inputs() {
        let one_feature = pca_2d(&[1.0, 2.0, 3.0], 1, None).unwrap();
        assert_eq!(one_feature.components[1], vec![0.0]);
        assert_eq!(one_feature.coords[0], [-1.0, 0.0]);
        let constant = pca_2d(&[1.0, 1.0, 1.0, 1.0], 2, None).unwrap();
        assert_eq!(constant.explained_variance_ratio, [0.0, 0.0]);
        assert_eq!(pca_2d(&[], 2, None), Err(ClusterError::EmptyInput));
        assert_eq!(
            pca_2d(&[1.0, f64::NAN], 2, None),
            Err(ClusterError::NonFiniteValue { row: 0, col: 1 })
        );
    }
}
