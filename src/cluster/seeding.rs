//! k-means++ seeding (greedy variant, as scikit-learn's `_kmeans_plusplus`), made fast without
//! changing its result: triangle-inequality pruning with a safety margin, one pass over the rows
//! per chosen centre, and a two-level cumulative sum for the D² sampling. Leaves every row's
//! nearest centre and squared distance in the workspace, so Lloyd's first assignment is free.

use crate::cluster::error::ClusterError;
use crate::cluster::kernel::{Panel, lane_add, lane_add_all, lane_min_add, sq_dist};
use crate::cluster::kmeans::{PRUNE_MARGIN, Workspace};
use crate::detmath;
use crate::rng::SeededRng;

/// Rows per block of the two-level cumulative sum used by k-means++ sampling.
const PP_BLOCK: usize = 1024;

/// Greedy k-means++ (Arthur & Vassilvitskii; scikit-learn's `_kmeans_plusplus`): the first centre
/// uniformly, each next one the best of 2+⌊ln k⌋ (at most 8) D²-weighted candidates — the one
/// leaving the lowest potential Σ min d². Fails with `TooFewDistinctRows` when every row already
/// coincides with a chosen centre. On return `ws.labels`/`ws.closest` hold each row's nearest
/// centre and squared distance (exact, lowest index on ties).
///
/// Speed without changing the result:
/// - Triangle inequality: a row whose nearest chosen centre is ≥ 2·(1+1e-9)× farther from a
///   candidate than from the row keeps its distance, so that distance is not computed (the
///   margin dwarfs rounding, so the skipped value is provably the one the formula would give).
/// - One pass per step: folding the previous winner into the nearest-centre state and
///   computing all candidate potentials happen in the same pass over the rows.
/// - The D² sampling uses a two-level cumulative sum (per block of [`PP_BLOCK`] rows, then
///   within the block), so finding the sampled rows needs no extra pass.
pub(crate) fn kmeans_plus_plus(
    data: &[f64],
    n: usize,
    d: usize,
    k: usize,
    rng: &mut SeededRng,
    ws: &mut Workspace,
) -> Result<Vec<f64>, ClusterError> {
    let trials = (2 + detmath::ln(k as f64) as usize).min(8);
    if trials <= 4 {
        plus_plus_lanes::<4>(data, n, d, k, trials, rng, ws)
    } else {
        plus_plus_lanes::<8>(data, n, d, k, trials, rng, ws)
    }
}

/// The winner of the previous k-means++ step, not yet folded into `closest`/`near`.
struct Pending<'a> {
    row: &'a [f64],
    centre: u32,
    /// Squared distance from the winner to every earlier centre.
    gap: &'a [f64],
    factor: f64,
}

impl Pending<'_> {
    /// Row's squared distance to its nearest centre once the winner is included.
    #[inline(always)]
    fn folded(&self, x: &[f64], cl: f64, near: u32) -> (f64, u32) {
        if self.gap[near as usize] < cl * self.factor {
            let v = sq_dist(x, self.row);
            if v < cl {
                return (v, self.centre);
            }
        }
        (cl, near)
    }
}

#[allow(clippy::too_many_arguments)]
fn plus_plus_lanes<const LC: usize>(
    data: &[f64],
    n: usize,
    d: usize,
    k: usize,
    trials: usize,
    rng: &mut SeededRng,
    ws: &mut Workspace,
) -> Result<Vec<f64>, ClusterError> {
    let row = |i: usize| &data[i * d..(i + 1) * d];
    let factor = 4.0 * (1.0 + 2.0 * PRUNE_MARGIN);
    let n_blocks = n.div_ceil(PP_BLOCK);
    let mut centres = Vec::with_capacity(k * d);
    let first = rng.below(n as u64) as usize;
    centres.extend_from_slice(row(first));

    let closest = &mut ws.closest;
    let near = &mut ws.labels;
    closest.clear();
    closest.resize(n, 0.0);
    near.clear();
    near.resize(n, 0);
    // block_sums[b][t]: Σ over the rows of block b of min(closest, d²(row, candidate t)).
    let mut block_sums = vec![[0.0f64; LC]; n_blocks];
    let block_rows = data.chunks(PP_BLOCK * d).zip(closest.chunks_mut(PP_BLOCK));
    for (sums, (rows, cl)) in block_sums.iter_mut().zip(block_rows) {
        let mut s = 0.0;
        for (c, x) in cl.iter_mut().zip(rows.chunks_exact(d)) {
            let v = sq_dist(x, row(first));
            *c = v;
            s += v;
        }
        sums[0] = s;
    }
    let mut lane = 0; // lane of block_sums holding the current potential
    let mut pot = 0.0;
    for sums in &block_sums {
        pot += sums[0];
    }

    let mut cand_rows = vec![0.0; trials * d];
    let mut winner_row = vec![0.0; d];
    let mut winner_gap = vec![0.0; k];
    let mut has_winner = false;
    let mut min_gap = vec![0.0; k];
    let mut targets: Vec<(f64, usize)> = Vec::with_capacity(trials);
    let mut panel = Panel::<LC>::new(d);
    for c in 1..k {
        if pot.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
            return Err(ClusterError::TooFewDistinctRows { k, distinct: c });
        }
        // Sample the candidates ∝ D² (with the previous winner included).
        targets.clear();
        for t in 0..trials {
            targets.push((rng.uniform() * pot, t));
        }
        targets.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let pending = has_winner.then(|| Pending {
            row: &winner_row,
            centre: (c - 1) as u32,
            gap: &winner_gap,
            factor,
        });
        let value = |i: usize| match &pending {
            Some(p) => p.folded(row(i), closest[i], near[i]).0,
            None => closest[i],
        };
        let mut prefix = 0.0;
        let mut b = 0;
        for &(r, t) in &targets {
            while b < n_blocks && prefix + block_sums[b][lane] <= r {
                prefix += block_sums[b][lane];
                b += 1;
            }
            let id = if b < n_blocks {
                let mut within = 0.0;
                let mut found = n.min((b + 1) * PP_BLOCK) - 1;
                for i in b * PP_BLOCK..n.min((b + 1) * PP_BLOCK) {
                    within += value(i);
                    if prefix + within > r {
                        found = i;
                        break;
                    }
                }
                found
            } else {
                // r ≥ the total through rounding: take the last row with positive weight.
                (0..n).rev().find(|&i| value(i) > 0.0).unwrap_or(n - 1)
            };
            cand_rows[t * d..(t + 1) * d].copy_from_slice(row(id));
        }

        // One pass: fold the previous winner in, then every candidate's contribution.
        for cc in 0..c {
            let centre = &centres[cc * d..(cc + 1) * d];
            min_gap[cc] = (0..trials)
                .map(|t| sq_dist(&cand_rows[t * d..(t + 1) * d], centre))
                .fold(f64::INFINITY, f64::min);
        }
        panel.load(&cand_rows, trials);
        for (b, sums) in block_sums.iter_mut().enumerate() {
            let mut acc = [0.0f64; LC];
            for i in b * PP_BLOCK..n.min((b + 1) * PP_BLOCK) {
                let x = row(i);
                let (mut cl, mut a) = (closest[i], near[i]);
                if let Some(p) = &pending {
                    (cl, a) = p.folded(x, cl, a);
                    closest[i] = cl;
                    near[i] = a;
                }
                if min_gap[a as usize] < cl * factor {
                    lane_min_add(&mut acc, &panel.block(0, x), cl);
                } else {
                    lane_add(&mut acc, cl);
                }
            }
            *sums = acc;
        }
        let mut pots = [0.0f64; LC];
        for sums in &block_sums {
            lane_add_all(&mut pots, sums);
        }
        let mut best = 0;
        for t in 1..trials {
            if pots[t] < pots[best] {
                best = t;
            }
        }
        pot = pots[best];
        lane = best;
        winner_row.copy_from_slice(&cand_rows[best * d..(best + 1) * d]);
        for cc in 0..c {
            winner_gap[cc] = sq_dist(&winner_row, &centres[cc * d..(cc + 1) * d]);
        }
        has_winner = true;
        centres.extend_from_slice(&winner_row);
    }
    if has_winner {
        let p = Pending {
            row: &winner_row,
            centre: (k - 1) as u32,
            gap: &winner_gap,
            factor,
        };
        for (i, x) in data.chunks_exact(d).enumerate() {
            (closest[i], near[i]) = p.folded(x, closest[i], near[i]);
        }
    }
    Ok(centres)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::kmeans::assign;

    /// k-means++ without any pruning or pass fusion, with the same sampling rule (two-level
    /// cumulative sum) and the same summation order.
    #[allow(clippy::needless_range_loop)]
    fn naive_plus_plus(data: &[f64], d: usize, k: usize, rng: &mut SeededRng) -> Vec<f64> {
        let n = data.len() / d;
        let trials = (2 + (k as f64).ln() as usize).min(8);
        let row = |i: usize| &data[i * d..(i + 1) * d];
        let first = rng.below(n as u64) as usize;
        let mut centres = row(first).to_vec();
        let mut closest: Vec<f64> = (0..n).map(|i| sq_dist(row(i), row(first))).collect();
        let blocks: Vec<(usize, usize)> = (0..n.div_ceil(PP_BLOCK))
            .map(|b| (b * PP_BLOCK, n.min((b + 1) * PP_BLOCK)))
            .collect();
        let block_sum =
            |v: &[f64], (lo, hi): (usize, usize)| v[lo..hi].iter().fold(0.0, |a, x| a + x);
        let mut pot = blocks
            .iter()
            .fold(0.0, |a, &bl| a + block_sum(&closest, bl));
        for _ in 1..k {
            let mut targets: Vec<(f64, usize)> =
                (0..trials).map(|t| (rng.uniform() * pot, t)).collect();
            targets.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let mut ids = vec![0; trials];
            for &(r, t) in &targets {
                let mut prefix = 0.0;
                'outer: for &(lo, hi) in &blocks {
                    let bs = block_sum(&closest, (lo, hi));
                    if prefix + bs > r {
                        let mut within = 0.0;
                        for i in lo..hi {
                            within += closest[i];
                            if prefix + within > r {
                                ids[t] = i;
                                break 'outer;
                            }
                        }
                    }
                    prefix += bs;
                }
            }
            let mut best: Option<(f64, Vec<f64>, usize)> = None;
            for &id in &ids {
                let cand: Vec<f64> = (0..n)
                    .map(|i| closest[i].min(sq_dist(row(i), row(id))))
                    .collect();
                let p = blocks.iter().fold(0.0, |a, &bl| a + block_sum(&cand, bl));
                if best.as_ref().is_none_or(|b| p < b.0) {
                    best = Some((p, cand, id));
                }
            }
            let (p, cand, id) = best.unwrap();
            centres.extend_from_slice(row(id));
            closest = cand;
            pot = p;
        }
        centres
    }

    #[test]
    fn pruned_plus_plus_equals_naive_plus_plus() {
        for (seed, k, d, n) in [
            (1u64, 8usize, 4usize, 2500usize),
            (2, 3, 2, 1500),
            (3, 12, 3, 3100),
            (4, 25, 2, 2048),
        ] {
            let mut r = SeededRng::new(seed);
            // clumpy data so that pruning actually happens
            let data: Vec<f64> = (0..n * d)
                .map(|i| ((i / d) % 7) as f64 * 5.0 + r.normal())
                .collect();
            let mut ws = Workspace::default();
            let fast =
                kmeans_plus_plus(&data, n, d, k, &mut SeededRng::new(seed), &mut ws).unwrap();
            let slow = naive_plus_plus(&data, d, k, &mut SeededRng::new(seed));
            assert_eq!(fast, slow, "seed {seed} k {k}");
            // the state handed to Lloyd is each row's exact nearest centre
            let (labels, _) = assign(&data, d, &fast, k).unwrap();
            assert_eq!(ws.labels, labels);
            for (i, x) in data.chunks_exact(d).enumerate() {
                assert_eq!(
                    ws.closest[i],
                    sq_dist(x, &fast[labels[i] as usize * d..][..d])
                );
            }
        }
    }
}
