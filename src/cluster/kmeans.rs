//! k-means on a row-major `n × d` matrix: greedy k-means++ seeding (scikit-learn's variant,
//! 2 + ⌊ln k⌋ local trials; in `seeding.rs`), Lloyd iterations accelerated with Hamerly's bounds
//! (one upper and one lower bound per row), `n_init` restarts keeping the lowest inertia,
//! empty-cluster repair, and a mini-batch mode for very large inputs (in `minibatch.rs`).
//! Single-threaded and deterministic: the seed fixes every random draw, and every sum runs in a
//! fixed order (rows in index order, features in column order), so results are bit-identical on
//! x86_64 and wasm32.
//!
//! Conventions (as scikit-learn): convergence when the summed squared centre shift of one
//! iteration is ≤ `tol × mean feature variance`, or when no label changes; `max_iter` caps the
//! Lloyd iterations (in mini-batch mode it caps the number of passes over the data, counted in
//! batches). The returned labels and inertia always come from a final exact assignment pass over
//! every row against the returned centroids (a row inside its centre's safe radius — half the gap
//! to the nearest other centre, minus a 1e-9 margin — is proven to belong to it with one
//! distance; every other row is compared with all centres), so they equal a brute-force pass bit
//! for bit whatever the accelerations did.

use crate::cluster::error::ClusterError;
use crate::cluster::kernel::{Panel, sq_dist};
use crate::cluster::minibatch::minibatch;
use crate::cluster::seeding::kmeans_plus_plus;
use crate::rng::SeededRng;
use serde::{Deserialize, Serialize};

/// Which k-means algorithm to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KMeansMode {
    /// Exact Lloyd iterations (Hamerly-accelerated) over all rows.
    Full,
    /// Mini-batch k-means (Sculley 2010, as scikit-learn's `MiniBatchKMeans`): batches drawn with
    /// replacement from the seeded stream (a batch larger than the data is capped at n rows);
    /// seeding runs on a sample of `max(3·batch, 3·k)` rows.
    MiniBatch { batch_size: usize },
}

/// Parameters of one k-means fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KMeansParams {
    pub k: usize,
    /// Independent seeded restarts; the one with the lowest final inertia wins (earliest on ties).
    pub n_init: usize,
    pub max_iter: usize,
    /// Relative tolerance: stop when Σ‖Δcentre‖² ≤ tol · (mean of the per-feature variances).
    pub tol: f64,
    pub seed: u64,
    pub mode: KMeansMode,
}

impl Default for KMeansParams {
    fn default() -> Self {
        KMeansParams {
            k: 8,
            n_init: 1,
            max_iter: 300,
            tol: 1e-4,
            seed: 0,
            mode: KMeansMode::Full,
        }
    }
}

/// Default mini-batch size.
pub const DEFAULT_BATCH_SIZE: usize = 1024;

impl KMeansMode {
    /// Mini-batch mode with the default batch size (1024).
    pub const MINI_BATCH: KMeansMode = KMeansMode::MiniBatch {
        batch_size: DEFAULT_BATCH_SIZE,
    };
}

/// Result of a k-means fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KMeansModel {
    pub k: usize,
    pub n_features: usize,
    /// Row-major `k × n_features`.
    pub centroids: Vec<f64>,
    /// Nearest centroid of every row (lowest index on exact ties).
    pub labels: Vec<u32>,
    /// Sum of squared distances of rows to their centroid.
    pub inertia: f64,
    /// Lloyd iterations (assignment + update steps) of the winning run; batches in mini-batch mode.
    pub n_iter: usize,
    /// Whether the winning run stopped on the tolerance / unchanged labels rather than `max_iter`.
    pub converged: bool,
}

impl KMeansModel {
    /// Centroid `c` as a slice.
    pub fn centroid(&self, c: usize) -> &[f64] {
        &self.centroids[c * self.n_features..(c + 1) * self.n_features]
    }

    /// Number of rows per cluster.
    pub fn cluster_sizes(&self) -> Vec<usize> {
        let mut sizes = vec![0usize; self.k];
        for &l in &self.labels {
            sizes[l as usize] += 1;
        }
        sizes
    }
}

/// Check the shape of a flat matrix and return the row count.
pub fn check_shape(data: &[f64], n_features: usize) -> Result<usize, ClusterError> {
    if n_features == 0 || data.len() % n_features != 0 {
        return Err(ClusterError::BadShape {
            len: data.len(),
            n_features,
        });
    }
    let n = data.len() / n_features;
    if n == 0 {
        return Err(ClusterError::EmptyInput);
    }
    Ok(n)
}

/// Error on the first NaN/±inf; otherwise the mean of the per-feature (population) variances.
/// One pass, shifted by the first row for accuracy.
pub fn finite_mean_variance(data: &[f64], n_features: usize) -> Result<f64, ClusterError> {
    let n = check_shape(data, n_features)?;
    let d = n_features;
    let shift = &data[..d];
    let mut s1 = vec![0.0f64; d];
    let mut s2 = vec![0.0f64; d];
    for row in data.chunks_exact(d) {
        for j in 0..d {
            let t = row[j] - shift[j];
            s1[j] += t;
            s2[j] += t * t;
        }
    }
    let nf = n as f64;
    let mut total = 0.0;
    for j in 0..d {
        if !(s1[j].is_finite() && s2[j].is_finite()) {
            // NaN/inf in the data, or finite values so large that their squares overflow.
            return Err(first_non_finite(data, d).unwrap_or_else(|| {
                ClusterError::InvalidOption(format!(
                    "feature {j}: values too large (variance overflows)"
                ))
            }));
        }
        let mean = s1[j] / nf;
        let var = s2[j] / nf - mean * mean;
        total += if var > 0.0 { var } else { 0.0 };
    }
    Ok(total / d as f64)
}

fn first_non_finite(data: &[f64], d: usize) -> Option<ClusterError> {
    data.iter()
        .position(|v| !v.is_finite())
        .map(|p| ClusterError::NonFiniteValue {
            row: p / d,
            col: p % d,
        })
}

fn validate(n: usize, p: &KMeansParams) -> Result<(), ClusterError> {
    if p.k == 0 {
        return Err(ClusterError::KIsZero);
    }
    if p.k > n {
        return Err(ClusterError::KExceedsRows { k: p.k, n_rows: n });
    }
    if p.k > u32::MAX as usize {
        return Err(ClusterError::InvalidOption(format!(
            "k = {} is too large",
            p.k
        )));
    }
    if p.n_init == 0 {
        return Err(ClusterError::InvalidOption(
            "n_init must be at least 1".into(),
        ));
    }
    if p.max_iter == 0 {
        return Err(ClusterError::InvalidOption(
            "max_iter must be at least 1".into(),
        ));
    }
    if !(p.tol >= 0.0 && p.tol.is_finite()) {
        return Err(ClusterError::InvalidOption(format!(
            "tol must be finite and ≥ 0, got {}",
            p.tol
        )));
    }
    if let KMeansMode::MiniBatch { batch_size: 0 } = p.mode {
        return Err(ClusterError::InvalidOption(
            "batch_size must be at least 1".into(),
        ));
    }
    Ok(())
}

/// Fit k-means to `data` (row-major, `n_features` columns, all values finite).
pub fn fit_kmeans(
    data: &[f64],
    n_features: usize,
    params: &KMeansParams,
) -> Result<KMeansModel, ClusterError> {
    let n = check_shape(data, n_features)?;
    validate(n, params)?;
    let mean_var = finite_mean_variance(data, n_features)?;
    let tol_abs = params.tol * mean_var;
    if params.k <= 4 {
        fit_runs::<4>(data, n, n_features, params, tol_abs)
    } else {
        fit_runs::<8>(data, n, n_features, params, tol_abs)
    }
}

/// Run Lloyd/Hamerly from given initial centres (row-major `k × n_features`), no restarts.
/// Useful for warm starts and for testing.
pub fn fit_kmeans_from(
    data: &[f64],
    n_features: usize,
    initial_centroids: &[f64],
    max_iter: usize,
    tol: f64,
) -> Result<KMeansModel, ClusterError> {
    let n = check_shape(data, n_features)?;
    if initial_centroids.len() % n_features != 0 {
        return Err(ClusterError::BadShape {
            len: initial_centroids.len(),
            n_features,
        });
    }
    let k = initial_centroids.len() / n_features;
    let params = KMeansParams {
        k,
        n_init: 1,
        max_iter,
        tol,
        seed: 0,
        mode: KMeansMode::Full,
    };
    validate(n, &params)?;
    if let Some(p) = initial_centroids.iter().position(|v| !v.is_finite()) {
        return Err(ClusterError::InvalidOption(format!(
            "initial centroid {} has a non-finite value",
            p / n_features
        )));
    }
    let tol_abs = tol * finite_mean_variance(data, n_features)?;
    let mut ws = Workspace::default();
    let mut centres = initial_centroids.to_vec();
    let mut labels = Vec::new();
    // The panel width is a const generic; both widths share one signature.
    let run = if k <= 4 {
        lloyd_then_assign::<4>
    } else {
        lloyd_then_assign::<8>
    };
    let (n_iter, converged, inertia) = run(
        data,
        n,
        n_features,
        k,
        &mut centres,
        max_iter,
        tol_abs,
        &mut ws,
        false,
        &mut labels,
    );
    Ok(KMeansModel {
        k,
        n_features,
        centroids: centres,
        labels,
        inertia,
        n_iter,
        converged,
    })
}

/// Nearest centroid for every row and the total inertia (exact full pass, brute force).
pub fn assign(
    data: &[f64],
    n_features: usize,
    centroids: &[f64],
    k: usize,
) -> Result<(Vec<u32>, f64), ClusterError> {
    check_shape(data, n_features)?;
    if k == 0 {
        return Err(ClusterError::KIsZero);
    }
    if centroids.len() != k * n_features {
        return Err(ClusterError::LengthMismatch {
            what: "centroids".into(),
            expected: k * n_features,
            found: centroids.len(),
        });
    }
    let mut labels = Vec::new();
    let inertia = if k <= 4 {
        final_assign::<4>(data, n_features, k, centroids, None, &mut labels)
    } else {
        final_assign::<8>(data, n_features, k, centroids, None, &mut labels)
    };
    Ok((labels, inertia))
}

/// Relative safety margin of the triangle-inequality shortcuts. Rounding errors of the distance
/// sums are ~1e-15 relative, so a pruned comparison can never differ from the computed one.
pub(crate) const PRUNE_MARGIN: f64 = 1e-9;

/// For each centre, a squared radius r² such that a row whose squared distance to that centre is
/// < r² has it as its unique nearest centre (r = half the distance to the nearest other centre,
/// shrunk by the safety margin).
fn safe_radius_sq(centres: &[f64], k: usize, d: usize, out: &mut Vec<f64>) {
    out.clear();
    for c in 0..k {
        let mut m = f64::INFINITY;
        for c2 in 0..k {
            if c2 != c {
                let g = sq_dist(&centres[c * d..(c + 1) * d], &centres[c2 * d..(c2 + 1) * d]);
                if g < m {
                    m = g;
                }
            }
        }
        out.push(0.25 * m * (1.0 - 4.0 * PRUNE_MARGIN));
    }
}

/// Exact assignment of every row to its nearest centre (lowest index on ties) and the inertia
/// summed in row order. With a `hint` (a likely label per row), a row is accepted without scanning
/// all centres when it lies inside the hinted centre's safe radius — which proves that centre is
/// the strict nearest, so labels and inertia are bit-identical to the brute-force pass.
pub(crate) fn final_assign<const L: usize>(
    data: &[f64],
    d: usize,
    k: usize,
    centres: &[f64],
    hint: Option<&[u32]>,
    labels: &mut Vec<u32>,
) -> f64 {
    let mut panel = Panel::<L>::new(d);
    panel.load(centres, k);
    let mut radius = Vec::new();
    safe_radius_sq(centres, k, d, &mut radius);
    labels.clear();
    labels.reserve(data.len() / d);
    let mut inertia = 0.0;
    for (i, x) in data.chunks_exact(d).enumerate() {
        if let Some(h) = hint {
            let a = h[i] as usize;
            let dist = sq_dist(x, &centres[a * d..(a + 1) * d]);
            if dist < radius[a] {
                labels.push(a as u32);
                inertia += dist;
                continue;
            }
        }
        let (a, dist) = panel.nearest(x);
        labels.push(a as u32);
        inertia += dist;
    }
    inertia
}

/// Buffers reused across restarts.
#[derive(Default)]
pub(crate) struct Workspace {
    /// Nearest centre of each row (k-means++ state, then Hamerly's labels).
    pub(crate) labels: Vec<u32>,
    /// Squared distance to the nearest chosen centre during k-means++.
    pub(crate) closest: Vec<f64>,
    upper: Vec<f64>,
    lower: Vec<f64>,
}

fn fit_runs<const L: usize>(
    data: &[f64],
    n: usize,
    d: usize,
    params: &KMeansParams,
    tol_abs: f64,
) -> Result<KMeansModel, ClusterError> {
    let k = params.k;
    let mut master = SeededRng::new(params.seed);
    let mut ws = Workspace::default();
    let mut best: Option<KMeansModel> = None;
    let mut labels: Vec<u32> = Vec::new();
    for _ in 0..params.n_init {
        let mut rng = SeededRng::new(master.next_u64());
        let (centres, n_iter, converged, inertia) = match params.mode {
            KMeansMode::Full => {
                let mut centres = kmeans_plus_plus(data, n, d, k, &mut rng, &mut ws)?;
                let (it, conv, inertia) = lloyd_then_assign::<L>(
                    data,
                    n,
                    d,
                    k,
                    &mut centres,
                    params.max_iter,
                    tol_abs,
                    &mut ws,
                    true,
                    &mut labels,
                );
                (centres, it, conv, inertia)
            }
            KMeansMode::MiniBatch { batch_size } => {
                let (centres, it, conv) = minibatch::<L>(
                    data,
                    n,
                    d,
                    k,
                    batch_size,
                    params.max_iter,
                    tol_abs,
                    &mut rng,
                    &mut ws,
                )?;
                let inertia = final_assign::<L>(data, d, k, &centres, None, &mut labels);
                (centres, it, conv, inertia)
            }
        };
        if best.as_ref().is_none_or(|b| inertia < b.inertia) {
            let won = std::mem::take(&mut labels);
            if let Some(old) = best.take() {
                labels = old.labels;
            }
            best = Some(KMeansModel {
                k,
                n_features: d,
                centroids: centres,
                labels: won,
                inertia,
                n_iter,
                converged,
            });
        }
    }
    best.ok_or_else(|| ClusterError::InvalidOption("n_init must be at least 1".into()))
}

/// Hamerly-pruned Lloyd iterations from `centres`, then the exact final assignment (seeded with
/// the iterations' labels): (iterations, converged, inertia). `labels` receives the assignment.
#[allow(clippy::too_many_arguments)]
fn lloyd_then_assign<const L: usize>(
    data: &[f64],
    n: usize,
    d: usize,
    k: usize,
    centres: &mut Vec<f64>,
    max_iter: usize,
    tol_abs: f64,
    ws: &mut Workspace,
    from_plus_plus: bool,
    labels: &mut Vec<u32>,
) -> (usize, bool, f64) {
    let (it, conv) = lloyd_hamerly::<L>(
        data,
        n,
        d,
        k,
        centres,
        max_iter,
        tol_abs,
        ws,
        from_plus_plus,
    );
    let inertia = final_assign::<L>(data, d, k, centres, Some(&ws.labels), labels);
    (it, conv, inertia)
}

/// Lloyd iterations with Hamerly's bounds, starting from `centres` (updated in place).
/// Returns (iterations, converged). Labels are left in `ws.labels` (not final: see module doc).
/// With `from_plus_plus`, the first assignment is taken from the k-means++ state (exact nearest
/// centre and distance; lower bounds start at 0) instead of a full pass.
#[allow(clippy::too_many_arguments)]
fn lloyd_hamerly<const L: usize>(
    data: &[f64],
    n: usize,
    d: usize,
    k: usize,
    centres: &mut Vec<f64>,
    max_iter: usize,
    tol_abs: f64,
    ws: &mut Workspace,
    from_plus_plus: bool,
) -> (usize, bool) {
    let mut panel = Panel::<L>::new(d);
    panel.load(centres, k);
    let labels = &mut ws.labels;
    let upper = &mut ws.upper;
    let lower = &mut ws.lower;
    upper.clear();
    upper.resize(n, 0.0);
    lower.clear();
    lower.resize(n, 0.0);
    if from_plus_plus {
        for (u, c) in upper.iter_mut().zip(&ws.closest) {
            *u = c.sqrt();
        }
    } else {
        labels.clear();
        labels.resize(n, 0);
        for (i, x) in data.chunks_exact(d).enumerate() {
            let (a, d1, d2) = panel.nearest_two(x);
            labels[i] = a as u32;
            upper[i] = d1.sqrt();
            lower[i] = d2.sqrt();
        }
    }
    let mut sums = vec![0.0f64; k * d];
    let mut counts = vec![0usize; k];
    for (x, &a) in data.chunks_exact(d).zip(labels.iter()) {
        let a = a as usize;
        counts[a] += 1;
        for (s, v) in sums[a * d..(a + 1) * d].iter_mut().zip(x) {
            *s += v;
        }
    }

    let mut new_centres = vec![0.0f64; k * d];
    let mut shifts = vec![0.0f64; k];
    let mut half_gap = vec![0.0f64; k];
    let mut n_iter = 1;
    let mut converged = false;
    loop {
        // Update step.
        if counts.contains(&0) {
            relocate_empty(
                data,
                d,
                k,
                centres,
                labels,
                upper,
                lower,
                &mut sums,
                &mut counts,
            );
        }
        let mut shift_total = 0.0;
        for c in 0..k {
            let old = &centres[c * d..(c + 1) * d];
            let new = &mut new_centres[c * d..(c + 1) * d];
            if counts[c] > 0 {
                let cnt = counts[c] as f64;
                for (nv, s) in new.iter_mut().zip(&sums[c * d..(c + 1) * d]) {
                    *nv = s / cnt;
                }
            } else {
                new.copy_from_slice(old);
            }
            let s2 = sq_dist(new, old);
            shifts[c] = s2.sqrt();
            shift_total += s2;
        }
        std::mem::swap(centres, &mut new_centres);
        if shift_total <= tol_abs {
            converged = true;
            break;
        }
        if n_iter >= max_iter {
            break;
        }

        // Assignment step (Hamerly).
        n_iter += 1;
        panel.load(centres, k);
        let (mut r1, mut p1, mut p2) = (0usize, 0.0f64, 0.0f64);
        for (c, &p) in shifts.iter().enumerate() {
            if p > p1 {
                p2 = p1;
                p1 = p;
                r1 = c;
            } else if p > p2 {
                p2 = p;
            }
        }
        for c in 0..k {
            let mut m = f64::INFINITY;
            for c2 in 0..k {
                if c2 != c {
                    let g = sq_dist(&centres[c * d..(c + 1) * d], &centres[c2 * d..(c2 + 1) * d]);
                    if g < m {
                        m = g;
                    }
                }
            }
            half_gap[c] = 0.5 * m.sqrt();
        }
        let mut changed = 0usize;
        for (i, x) in data.chunks_exact(d).enumerate() {
            let a = labels[i] as usize;
            let mut u = upper[i] + shifts[a];
            let mut l = lower[i] - if a == r1 { p2 } else { p1 };
            let bound = if half_gap[a] > l { half_gap[a] } else { l };
            if u > bound {
                u = sq_dist(x, &centres[a * d..(a + 1) * d]).sqrt();
                if u > bound {
                    let (b, d1, d2) = panel.nearest_two(x);
                    if b != a {
                        for j in 0..d {
                            sums[a * d + j] -= x[j];
                            sums[b * d + j] += x[j];
                        }
                        counts[a] -= 1;
                        counts[b] += 1;
                        labels[i] = b as u32;
                        changed += 1;
                    }
                    u = d1.sqrt();
                    l = d2.sqrt();
                }
            }
            upper[i] = u;
            lower[i] = l;
        }
        if changed == 0 {
            converged = true;
            break;
        }
    }
    (n_iter, converged)
}

/// Re-seed every empty cluster with the row farthest from its own centre (taken from clusters that
/// keep at least one row), as scikit-learn does. Rows are ranked by exact distance, ties by index.
#[allow(clippy::too_many_arguments)]
fn relocate_empty(
    data: &[f64],
    d: usize,
    k: usize,
    centres: &[f64],
    labels: &mut [u32],
    upper: &mut [f64],
    lower: &mut [f64],
    sums: &mut [f64],
    counts: &mut [usize],
) {
    let empty: Vec<usize> = (0..k).filter(|&c| counts[c] == 0).collect();
    let keep = (2 * empty.len() + k).min(labels.len());
    // Top `keep` farthest rows, sorted by (distance desc, index asc).
    let mut top: Vec<(f64, usize)> = Vec::with_capacity(keep + 1);
    for (i, x) in data.chunks_exact(d).enumerate() {
        let a = labels[i] as usize;
        let dist = sq_dist(x, &centres[a * d..(a + 1) * d]);
        if top.len() == keep && top.last().is_some_and(|t| dist <= t.0) {
            continue;
        }
        let pos = top.partition_point(|t| t.0 >= dist);
        top.insert(pos, (dist, i));
        top.truncate(keep);
    }
    let mut next = 0;
    for &c in &empty {
        while next < top.len() {
            let (dist, i) = top[next];
            next += 1;
            let a = labels[i] as usize;
            if dist > 0.0 && counts[a] > 1 {
                let x = &data[i * d..(i + 1) * d];
                for j in 0..d {
                    sums[a * d + j] -= x[j];
                }
                sums[c * d..(c + 1) * d].copy_from_slice(x);
                counts[a] -= 1;
                counts[c] = 1;
                labels[i] = c as u32;
                upper[i] = sq_dist(x, &centres[c * d..(c + 1) * d]).sqrt();
                lower[i] = 0.0;
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Well-separated blobs: `per` rows around each of `centres`, ±`spread` uniform noise.
    pub(crate) fn blobs(
        centres: &[[f64; 2]],
        per: usize,
        spread: f64,
        seed: u64,
    ) -> (Vec<f64>, Vec<u32>) {
        let mut r = SeededRng::new(seed);
        let mut data = Vec::new();
        let mut truth = Vec::new();
        for i in 0..per * centres.len() {
            let c = i % centres.len();
            data.push(centres[c][0] + spread * (r.uniform() - 0.5));
            data.push(centres[c][1] + spread * (r.uniform() - 0.5));
            truth.push(c as u32);
        }
        (data, truth)
    }

    fn naive_lloyd(data: &[f64], d: usize, init: &[f64], iters: usize) -> (Vec<f64>, Vec<u32>) {
        let k = init.len() / d;
        let mut c = init.to_vec();
        let mut labels = vec![0u32; data.len() / d];
        for _ in 0..iters {
            for (i, x) in data.chunks_exact(d).enumerate() {
                let mut best = (0, f64::INFINITY);
                for j in 0..k {
                    let v = sq_dist(x, &c[j * d..(j + 1) * d]);
                    if v < best.1 {
                        best = (j, v);
                    }
                }
                labels[i] = best.0 as u32;
            }
            let mut sums = vec![0.0; k * d];
            let mut cnt = vec![0usize; k];
            for (i, x) in data.chunks_exact(d).enumerate() {
                let a = labels[i] as usize;
                cnt[a] += 1;
                for j in 0..d {
                    sums[a * d + j] += x[j];
                }
            }
            for j in 0..k {
                if cnt[j] > 0 {
                    for t in 0..d {
                        c[j * d + t] = sums[j * d + t] / cnt[j] as f64;
                    }
                }
            }
        }
        (c, labels)
    }

    fn params(k: usize) -> KMeansParams {
        KMeansParams {
            k,
            ..KMeansParams::default()
        }
    }

    #[test]
    fn recovers_separated_blobs() {
        let (data, truth) = blobs(&[[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]], 50, 1.0, 1);
        let m = fit_kmeans(&data, 2, &params(3)).unwrap();
        assert!(m.converged);
        assert_eq!(m.cluster_sizes().iter().filter(|&&s| s == 50).count(), 3);
        // Same partition as the truth (up to renaming).
        for i in 0..truth.len() {
            for j in 0..truth.len() {
                assert_eq!(truth[i] == truth[j], m.labels[i] == m.labels[j]);
            }
        }
        let (labels, inertia) = assign(&data, 2, &m.centroids, 3).unwrap();
        assert_eq!(labels, m.labels);
        assert_eq!(inertia, m.inertia);
    }

    #[test]
    fn hamerly_matches_plain_lloyd() {
        let mut r = SeededRng::new(9);
        let d = 3;
        let data: Vec<f64> = (0..600 * d).map(|_| r.normal()).collect();
        let init: Vec<f64> = data[..5 * d].to_vec();
        let m = fit_kmeans_from(&data, d, &init, 1000, 0.0).unwrap();
        assert!(m.converged);
        let (c, labels) = naive_lloyd(&data, d, &init, m.n_iter + 5);
        assert_eq!(labels, m.labels);
        for (a, b) in c.iter().zip(&m.centroids) {
            assert!((a - b).abs() < 1e-9, "{a} vs {b}");
        }
    }

    #[test]
    fn accelerated_fit_equals_brute_force_assignment() {
        let mut r = SeededRng::new(17);
        let d = 5;
        let data: Vec<f64> = (0..3000 * d)
            .map(|i| ((i / d) % 11) as f64 + 0.8 * r.normal())
            .collect();
        for k in [2, 5, 8, 11] {
            let m = fit_kmeans(
                &data,
                d,
                &KMeansParams {
                    n_init: 2,
                    ..params(k)
                },
            )
            .unwrap();
            let (labels, inertia) = assign(&data, d, &m.centroids, k).unwrap();
            assert_eq!(labels, m.labels);
            assert_eq!(inertia.to_bits(), m.inertia.to_bits());
            let init: Vec<f64> = data[..k * d].to_vec();
            let h = fit_kmeans_from(&data, d, &init, 1000, 0.0).unwrap();
            let (c, l) = naive_lloyd(&data, d, &init, h.n_iter + 3);
            assert_eq!(l, h.labels, "k {k}");
            for (a, b) in c.iter().zip(&h.centroids) {
                assert!((a - b).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn same_seed_same_result_and_n_init_never_worse() {
        let mut r = SeededRng::new(2);
        let data: Vec<f64> = (0..900).map(|_| r.uniform()).collect();
        let a = fit_kmeans(
            &data,
            3,
            &KMeansParams {
                seed: 5,
                ..params(6)
            },
        )
        .unwrap();
        let b = fit_kmeans(
            &data,
            3,
            &KMeansParams {
                seed: 5,
                ..params(6)
            },
        )
        .unwrap();
        assert_eq!(a, b);
        let many = fit_kmeans(
            &data,
            3,
            &KMeansParams {
                seed: 5,
                n_init: 6,
                ..params(6)
            },
        )
        .unwrap();
        assert!(many.inertia <= a.inertia);
    }

    #[test]
    fn empty_cluster_is_repaired_with_farthest_row() {
        // Third initial centre is far from every row, so it is empty after the first assignment.
        let (data, _) = blobs(&[[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]], 20, 1.0, 3);
        let init = [0.0, 0.0, 5.0, 5.0, 1000.0, 1000.0];
        let m = fit_kmeans_from(&data, 2, &init, 100, 1e-4).unwrap();
        let sizes = m.cluster_sizes();
        assert!(sizes.iter().all(|&s| s > 0), "{sizes:?}");
        assert!(m.centroids.iter().all(|v| v.abs() < 20.0));
    }

    #[test]
    fn k_equal_to_rows_and_k_one() {
        let data = [0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 5.0, 5.0];
        let m = fit_kmeans(&data, 2, &params(4)).unwrap();
        assert_eq!(m.inertia, 0.0);
        let mut l = m.labels.clone();
        l.sort();
        assert_eq!(l, vec![0, 1, 2, 3]);
        let one = fit_kmeans(&data, 2, &params(1)).unwrap();
        assert_eq!(one.centroids, vec![1.5, 1.5]);
        assert!(one.labels.iter().all(|&x| x == 0));
    }

    #[test]
    fn bad_inputs_are_errors() {
        let data = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(fit_kmeans(&data, 2, &params(0)), Err(ClusterError::KIsZero));
        assert_eq!(
            fit_kmeans(&data, 2, &params(3)),
            Err(ClusterError::KExceedsRows { k: 3, n_rows: 2 })
        );
        assert_eq!(
            fit_kmeans(&[], 2, &params(1)),
            Err(ClusterError::EmptyInput)
        );
        assert_eq!(
            fit_kmeans(&data, 0, &params(1)),
            Err(ClusterError::BadShape {
                len: 4,
                n_features: 0
            })
        );
        assert_eq!(
            fit_kmeans(&data, 3, &params(1)),
            Err(ClusterError::BadShape {
                len: 4,
                n_features: 3
            })
        );
        let nan = [1.0, 2.0, f64::NAN, 4.0];
        assert_eq!(
            fit_kmeans(&nan, 2, &params(1)),
            Err(ClusterError::NonFiniteValue { row: 1, col: 0 })
        );
        let inf = [1.0, f64::NEG_INFINITY, 3.0, 4.0];
        assert_eq!(
            fit_kmeans(&inf, 2, &params(1)),
            Err(ClusterError::NonFiniteValue { row: 0, col: 1 })
        );
        let bad = KMeansParams {
            n_init: 0,
            ..params(1)
        };
        assert!(matches!(
            fit_kmeans(&data, 2, &bad),
            Err(ClusterError::InvalidOption(_))
        ));
        let bad = KMeansParams {
            tol: f64::NAN,
            ..params(1)
        };
        assert!(matches!(
            fit_kmeans(&data, 2, &bad),
            Err(ClusterError::InvalidOption(_))
        ));
        let bad = KMeansParams {
            mode: KMeansMode::MiniBatch { batch_size: 0 },
            ..params(1)
        };
        assert!(matches!(
            fit_kmeans(&data, 2, &bad),
            Err(ClusterError::InvalidOption(_))
        ));
    }

    #[test]
    fn identical_rows_report_too_few_distinct() {
        let data = vec![3.0; 20];
        assert_eq!(
            fit_kmeans(&data, 2, &params(2)),
            Err(ClusterError::TooFewDistinctRows { k: 2, distinct: 1 })
        );
        let one = fit_kmeans(&data, 2, &params(1)).unwrap();
        assert_eq!(one.inertia, 0.0);
        let two_points = [0.0, 0.0, 0.0, 0.0, 1.0, 1.0];
        assert_eq!(
            fit_kmeans(&two_points, 2, &params(3)),
            Err(ClusterError::TooFewDistinctRows { k: 3, distinct: 2 })
        );
        let mb = KMeansParams {
            mode: KMeansMode::MiniBatch { batch_size: 4 },
            ..params(2)
        };
        assert_eq!(
            fit_kmeans(&data, 2, &mb),
            Err(ClusterError::TooFewDistinctRows { k: 2, distinct: 1 })
        );
    }

    #[test]
    fn minibatch_close_to_full() {
        let (data, _) = blobs(
            &[[0.0, 0.0], [10.0, 0.0], [0.0, 10.0], [10.0, 10.0]],
            500,
            3.0,
            4,
        );
        let full = fit_kmeans(&data, 2, &params(4)).unwrap();
        let mb = fit_kmeans(
            &data,
            2,
            &KMeansParams {
                mode: KMeansMode::MiniBatch { batch_size: 64 },
                ..params(4)
            },
        )
        .unwrap();
        assert!(
            mb.inertia <= full.inertia * 1.02,
            "{} vs {}",
            mb.inertia,
            full.inertia
        );
        let again = fit_kmeans(
            &data,
            2,
            &KMeansParams {
                mode: KMeansMode::MiniBatch { batch_size: 64 },
                ..params(4)
            },
        )
        .unwrap();
        assert_eq!(mb, again);
    }

    #[test]
    fn huge_batch_and_iteration_options_do_not_panic() {
        let (data, _) = blobs(&[[0.0, 0.0], [10.0, 0.0]], 10, 1.0, 5);
        let p = KMeansParams {
            mode: KMeansMode::MiniBatch {
                batch_size: usize::MAX,
            },
            max_iter: usize::MAX,
            ..params(2)
        };
        let m = fit_kmeans(&data, 2, &p).unwrap();
        assert_eq!(m.cluster_sizes(), vec![10, 10]);
        let big = fit_kmeans(
            &data,
            2,
            &KMeansParams {
                max_iter: usize::MAX,
                ..params(2)
            },
        )
        .unwrap();
        assert!(big.converged);
    }

    #[test]
    fn assign_checks_lengths() {
        assert!(matches!(
            assign(&[1.0, 2.0], 2, &[0.0], 1),
            Err(ClusterError::LengthMismatch { .. })
        ));
        assert_eq!(
            assign(&[1.0, 2.0], 2, &[0.0, 0.0], 0),
            Err(ClusterError::KIsZero)
        );
    }
}
