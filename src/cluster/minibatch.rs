//! Mini-batch k-means (Sculley 2010; scikit-learn's `MiniBatchKMeans` update and stopping
//! rules) for inputs too large for full Lloyd iterations: seeded batches drawn with replacement,
//! per-centre learning rate 1/count, early stop on the smoothed batch inertia or on the centre
//! shift tolerance. The caller assigns the final labels with an exact full pass.

use crate::cluster::error::ClusterError;
use crate::cluster::kernel::{Panel, sq_dist};
use crate::cluster::kmeans::Workspace;
use crate::cluster::sample::sample_indices;
use crate::cluster::seeding::kmeans_plus_plus;
use crate::rng::SeededRng;

/// Stop when the smoothed batch inertia has not improved for this many batches.
const MAX_NO_IMPROVEMENT: usize = 10;

/// Mini-batch k-means; returns (centres, batches run, converged).
#[allow(clippy::too_many_arguments)]
pub(crate) fn minibatch<const L: usize>(
    data: &[f64],
    n: usize,
    d: usize,
    k: usize,
    batch_size: usize,
    max_iter: usize,
    tol_abs: f64,
    rng: &mut SeededRng,
    ws: &mut Workspace,
) -> Result<(Vec<f64>, usize, bool), ClusterError> {
    // A batch larger than the data is pointless (and could not be allocated): cap it at n.
    let batch_size = batch_size.min(n);
    // Seed on a sample, as scikit-learn (init_size = 3·batch_size, at least 3·k).
    let init_size = batch_size.saturating_mul(3).max(3 * k).min(n);
    let idx = sample_indices(n, init_size, rng);
    let mut init_rows = Vec::with_capacity(init_size * d);
    for &i in &idx {
        init_rows.extend_from_slice(&data[i * d..(i + 1) * d]);
    }
    let mut centres = match kmeans_plus_plus(&init_rows, init_size, d, k, rng, ws) {
        Err(ClusterError::TooFewDistinctRows { .. }) if init_size < n => {
            kmeans_plus_plus(data, n, d, k, rng, ws)?
        }
        other => other?,
    };
    drop(init_rows);

    let steps_per_epoch = n.div_ceil(batch_size);
    let max_steps = max_iter.saturating_mul(steps_per_epoch);
    let mut panel = Panel::<L>::new(d);
    let mut weights = vec![0.0f64; k];
    let mut bsum = vec![0.0f64; k * d];
    let mut bcount = vec![0usize; k];
    let mut old = vec![0.0f64; k * d];
    let mut batch_rows: Vec<(usize, f64)> = Vec::with_capacity(batch_size);
    let alpha = (batch_size as f64 * 2.0 / (n as f64 + 1.0)).min(1.0);
    let mut ewa: Option<f64> = None;
    let mut ewa_min: Option<f64> = None;
    let mut no_improvement = 0usize;
    let mut steps = 0;
    let mut converged = false;
    while steps < max_steps {
        steps += 1;
        panel.load(&centres, k);
        bsum.iter_mut().for_each(|v| *v = 0.0);
        bcount.iter_mut().for_each(|v| *v = 0);
        batch_rows.clear();
        let mut batch_inertia = 0.0;
        for _ in 0..batch_size {
            let i = rng.below(n as u64) as usize;
            let x = &data[i * d..(i + 1) * d];
            let (a, dist) = panel.nearest(x);
            for (s, v) in bsum[a * d..(a + 1) * d].iter_mut().zip(x) {
                *s += v;
            }
            bcount[a] += 1;
            batch_inertia += dist;
            batch_rows.push((i, dist));
        }
        old.copy_from_slice(&centres);
        for c in 0..k {
            if bcount[c] > 0 {
                let w_old = weights[c];
                let w_new = w_old + bcount[c] as f64;
                for j in 0..d {
                    centres[c * d + j] = (centres[c * d + j] * w_old + bsum[c * d + j]) / w_new;
                }
                weights[c] = w_new;
            }
        }
        // Repair: a centre that has never received a row takes the batch row farthest from its centre.
        if weights.contains(&0.0) {
            batch_rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let mut next = 0;
            for c in 0..k {
                if weights[c] == 0.0 && next < batch_rows.len() && batch_rows[next].1 > 0.0 {
                    let i = batch_rows[next].0;
                    next += 1;
                    centres[c * d..(c + 1) * d].copy_from_slice(&data[i * d..(i + 1) * d]);
                }
            }
        }
        let mut shift = 0.0;
        for c in 0..k {
            shift += sq_dist(&centres[c * d..(c + 1) * d], &old[c * d..(c + 1) * d]);
        }
        // Convergence as scikit-learn's `_mini_batch_convergence`.
        if steps == 1 {
            continue;
        }
        let bi = batch_inertia / batch_size as f64;
        let e = match ewa {
            None => bi,
            Some(prev) => prev * (1.0 - alpha) + bi * alpha,
        };
        ewa = Some(e);
        if tol_abs > 0.0 && shift <= tol_abs {
            converged = true;
            break;
        }
        if ewa_min.is_none_or(|m| e < m) {
            no_improvement = 0;
            ewa_min = Some(e);
        } else {
            no_improvement += 1;
        }
        if no_improvement >= MAX_NO_IMPROVEMENT {
            converged = true;
            break;
        }
    }
    Ok((centres, steps, converged))
}
