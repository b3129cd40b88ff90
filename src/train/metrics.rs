//! Model metrics: AUC (rank-based, ties averaged), Gini, KS, gains/lift by score decile,
//! calibration (predicted vs observed bad rate), and PSI/CSI with traffic lights.
//!
//! Orientation: `auc`/`ks` take a *risk* value (higher = more likely bad, target 1 = bad).
//! Scores (higher = safer) go through [`evaluate_scores`], which handles the sign.

use super::binning::VariableBinning;
use super::error::TrainError;
use super::input::ColumnData;
use super::scaling::ScalingParams;
use crate::detmath;
use serde::Serialize;

/// Indices sorted by value (NaN last), ties in index order.
fn sorted_order(v: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]).then(a.cmp(&b)));
    idx
}

/// P(risk of a random bad > risk of a random good), ties counting ½. `None` if a class is empty.
pub fn auc(risk: &[f64], target: &[u8]) -> Option<f64> {
    let n = risk.len().min(target.len());
    let n1 = target[..n].iter().filter(|&&t| t == 1).count();
    let n0 = n - n1;
    if n1 == 0 || n0 == 0 {
        return None;
    }
    let order = sorted_order(&risk[..n]);
    let mut rank_sum = 0.0; // sum of (1-based, tie-averaged) ranks of bads
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && risk[order[j + 1]] == risk[order[i]] {
            j += 1;
        }
        let avg_rank = (i + 1 + j + 1) as f64 * 0.5;
        let bads = order[i..=j].iter().filter(|&&k| target[k] == 1).count();
        rank_sum += avg_rank * bads as f64;
        i = j + 1;
    }
    let (n1f, n0f) = (n1 as f64, n0 as f64);
    Some((rank_sum - n1f * (n1f + 1.0) * 0.5) / (n1f * n0f))
}

/// Kolmogorov–Smirnov: max over thresholds of |CDF_bad − CDF_good|. `None` if a class is empty.
pub fn ks(risk: &[f64], target: &[u8]) -> Option<f64> {
    let n = risk.len().min(target.len());
    let n1 = target[..n].iter().filter(|&&t| t == 1).count();
    let n0 = n - n1;
    if n1 == 0 || n0 == 0 {
        return None;
    }
    let order = sorted_order(&risk[..n]);
    let (mut cb, mut cg) = (0usize, 0usize);
    let mut best = 0.0f64;
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && risk[order[j + 1]] == risk[order[i]] {
            j += 1;
        }
        for &k in &order[i..=j] {
            if target[k] == 1 { cb += 1 } else { cg += 1 }
        }
        let d = (cb as f64 / n1 as f64 - cg as f64 / n0 as f64).abs();
        best = best.max(d);
        i = j + 1;
    }
    Some(best)
}

/// One score group of the gains table (group 1 = lowest scores = riskiest).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GainsRow {
    pub group: usize,
    pub score_min: i32,
    pub score_max: i32,
    pub count: usize,
    pub bads: usize,
    pub bad_rate: f64,
    pub cum_bads: usize,
    /// Share of all bads captured up to this group.
    pub cum_bad_capture: f64,
    /// Group bad rate / overall bad rate.
    pub lift: f64,
    /// Cumulative bad rate / overall bad rate.
    pub cum_lift: f64,
}

/// Calibration of one score group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationRow {
    pub group: usize,
    pub count: usize,
    pub predicted_bad_rate: f64,
    pub observed_bad_rate: f64,
}

/// Scores sorted ascending (riskiest first), split into `groups` equal-count groups by
/// position (ties may straddle a boundary; order among ties is by row index).
fn score_groups(scores: &[i32], groups: usize) -> Vec<Vec<usize>> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| scores[a].cmp(&scores[b]).then(a.cmp(&b)));
    let n = idx.len();
    let g = groups.max(1).min(n.max(1));
    (0..g)
        .map(|k| idx[k * n / g..(k + 1) * n / g].to_vec())
        .filter(|v| !v.is_empty())
        .collect()
}

/// Gains/lift table by score group (deciles for `groups = 10`).
pub fn gains_table(scores: &[i32], target: &[u8], groups: usize) -> Vec<GainsRow> {
    let total_bads = target.iter().filter(|&&t| t == 1).count();
    let overall = if target.is_empty() {
        0.0
    } else {
        total_bads as f64 / target.len() as f64
    };
    let ratio = |r: f64| if overall > 0.0 { r / overall } else { 0.0 };
    let mut cum_bads = 0;
    let mut cum_count = 0;
    score_groups(scores, groups)
        .into_iter()
        .enumerate()
        .map(|(k, rows)| {
            let bads = rows.iter().filter(|&&i| target[i] == 1).count();
            cum_bads += bads;
            cum_count += rows.len();
            let bad_rate = bads as f64 / rows.len() as f64;
            GainsRow {
                group: k + 1,
                score_min: rows.iter().map(|&i| scores[i]).min().unwrap_or(0),
                score_max: rows.iter().map(|&i| scores[i]).max().unwrap_or(0),
                count: rows.len(),
                bads,
                bad_rate,
                cum_bads,
                cum_bad_capture: if total_bads > 0 {
                    cum_bads as f64 / total_bads as f64
                } else {
                    0.0
                },
                lift: ratio(bad_rate),
                cum_lift: ratio(cum_bads as f64 / cum_count as f64),
            }
        })
        .collect()
}

/// Mean predicted PD (from the score scaling) vs observed bad rate per score group.
pub fn calibration(
    scores: &[i32],
    target: &[u8],
    scaling: &ScalingParams,
    groups: usize,
) -> Vec<CalibrationRow> {
    score_groups(scores, groups)
        .into_iter()
        .enumerate()
        .map(|(k, rows)| {
            let mut pd = 0.0;
            for &i in &rows {
                pd += scaling.pd_from_score(scores[i] as f64);
            }
            let bads = rows.iter().filter(|&&i| target[i] == 1).count();
            CalibrationRow {
                group: k + 1,
                count: rows.len(),
                predicted_bad_rate: pd / rows.len() as f64,
                observed_bad_rate: bads as f64 / rows.len() as f64,
            }
        })
        .collect()
}

/// Discrimination and calibration of integer scores (higher score = lower risk).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreMetrics {
    pub n: usize,
    pub bads: usize,
    pub bad_rate: f64,
    pub auc: f64,
    pub gini: f64,
    pub ks: f64,
    pub gains: Vec<GainsRow>,
    pub calibration: Vec<CalibrationRow>,
}

/// AUC, Gini, KS, decile gains and calibration of scores against the target.
pub fn evaluate_scores(
    scores: &[i32],
    target: &[u8],
    scaling: &ScalingParams,
) -> Result<ScoreMetrics, TrainError> {
    if scores.len() != target.len() {
        return Err(TrainError::LengthMismatch {
            column: "scores".into(),
            expected: target.len(),
            found: scores.len(),
        });
    }
    let risk: Vec<f64> = scores.iter().map(|&s| -(s as f64)).collect();
    let bads = target.iter().filter(|&&t| t == 1).count();
    let auc_v = auc(&risk, target).ok_or(TrainError::TargetOneClass {
        class: u8::from(bads > 0),
    })?;
    let ks_v = ks(&risk, target).unwrap_or(0.0);
    Ok(ScoreMetrics {
        n: scores.len(),
        bads,
        bad_rate: bads as f64 / scores.len() as f64,
        auc: auc_v,
        gini: 2.0 * auc_v - 1.0,
        ks: ks_v,
        gains: gains_table(scores, target, 10),
        calibration: calibration(scores, target, scaling, 10),
    })
}

/// PSI traffic light: < 0.10 green, 0.10–0.25 amber, > 0.25 red.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrafficLight {
    Green,
    Amber,
    Red,
}

impl TrafficLight {
    pub fn from_psi(psi: f64) -> Self {
        if psi < 0.10 {
            TrafficLight::Green
        } else if psi <= 0.25 {
            TrafficLight::Amber
        } else {
            TrafficLight::Red
        }
    }
}

/// One bin of a PSI/CSI comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PsiBin {
    pub label: String,
    pub expected_share: f64,
    pub actual_share: f64,
    pub contribution: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PsiReport {
    pub psi: f64,
    pub light: TrafficLight,
    pub bins: Vec<PsiBin>,
}

/// Shares below this are floored (empty bins would otherwise give infinities).
const PSI_FLOOR: f64 = 1e-4;

/// PSI = Σ (a − e)·ln(a/e) over bins of shares; `labels` may be shorter than the counts.
pub fn psi_from_counts(expected: &[u64], actual: &[u64], labels: &[String]) -> PsiReport {
    let te: u64 = expected.iter().sum();
    let ta: u64 = actual.iter().sum();
    let m = expected.len().max(actual.len());
    let share = |c: &[u64], t: u64, i: usize| {
        let v = if t > 0 {
            *c.get(i).unwrap_or(&0) as f64 / t as f64
        } else {
            0.0
        };
        (v, v.max(PSI_FLOOR))
    };
    let mut bins = Vec::with_capacity(m);
    let mut psi = 0.0;
    for i in 0..m {
        let (e, ef) = share(expected, te, i);
        let (a, af) = share(actual, ta, i);
        let contribution = (af - ef) * detmath::ln(af / ef);
        psi += contribution;
        bins.push(PsiBin {
            label: labels
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("bin {}", i + 1)),
            expected_share: e,
            actual_share: a,
            contribution,
        });
    }
    PsiReport {
        psi,
        light: TrafficLight::from_psi(psi),
        bins,
    }
}

/// PSI of a continuous distribution (e.g. scores): `bins` quantile bins of `expected` (ties kept
/// together), non-finite values in one extra bin.
pub fn psi(expected: &[f64], actual: &[f64], bins: usize) -> PsiReport {
    let mut sorted: Vec<f64> = expected.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let mut cuts: Vec<f64> = Vec::new();
    let b = bins.max(1);
    for k in 1..b {
        if sorted.is_empty() {
            break;
        }
        let c = sorted[k * sorted.len() / b];
        if cuts.last().is_none_or(|&l| c > l) && c > sorted[0] {
            cuts.push(c);
        }
    }
    let count = |v: &[f64]| {
        let mut c = vec![0u64; cuts.len() + 2];
        for &x in v {
            let i = if x.is_finite() {
                cuts.partition_point(|&k| k <= x)
            } else {
                cuts.len() + 1
            };
            c[i] += 1;
        }
        c
    };
    let mut labels: Vec<String> = (0..=cuts.len())
        .map(|i| super::binning::interval_label(&cuts, i))
        .collect();
    labels.push("missing".into());
    let (ce, ca) = (count(expected), count(actual));
    // drop the missing bin when neither side has missing values
    if ce[cuts.len() + 1] == 0 && ca[cuts.len() + 1] == 0 {
        return psi_from_counts(&ce[..=cuts.len()], &ca[..=cuts.len()], &labels);
    }
    psi_from_counts(&ce, &ca, &labels)
}

/// CSI of one variable: PSI over the bins of its fitted binning (unseen categorical levels
/// counted in an extra "unseen" bin).
pub fn csi(binning: &VariableBinning, expected: &ColumnData, actual: &ColumnData) -> PsiReport {
    let rows = binning.table.rows.len();
    let count = |d: &ColumnData| {
        let mut c = vec![0u64; rows + 1];
        for r in binning.assign_rows(d) {
            c[(r as usize).min(rows)] += 1;
        }
        c
    };
    let mut labels: Vec<String> = binning.table.rows.iter().map(|r| r.label.clone()).collect();
    labels.push("unseen".into());
    let (ce, ca) = (count(expected), count(actual));
    if ce[rows] == 0 && ca[rows] == 0 {
        return psi_from_counts(&ce[..rows], &ca[..rows], &labels);
    }
    psi_from_counts(&ce, &ca, &labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_perfect_reversed_and_tied() {
        let y = [0, 0, 1, 1];
        assert_eq!(auc(&[0.1, 0.2, 0.8, 0.9], &y), Some(1.0));
        assert_eq!(auc(&[0.9, 0.8, 0.2, 0.1], &y), Some(0.0));
        assert_eq!(auc(&[0.5, 0.5, 0.5, 0.5], &y), Some(0.5));
        // one tie between a good and a bad: pairs (g,b): 3 wins + 1 tie of 4 → 0.875
        assert_eq!(auc(&[0.1, 0.5, 0.5, 0.9], &y), Some(0.875));
        assert_eq!(auc(&[0.1, 0.2], &[1, 1]), None);
    }

    #[test]
    fn ks_on_a_known_example() {
        // bads at risks 3,4,5 ; goods at 1,2,4
        let risk = [1.0, 2.0, 4.0, 3.0, 4.0, 5.0];
        let y = [0, 0, 0, 1, 1, 1];
        // thresholds: ≤2: goods 2/3, bads 0 → 0.667 ; ≤3: 2/3 vs 1/3 → 0.333 ; ≤4: 1 vs 2/3
        let k = ks(&risk, &y).unwrap();
        assert!((k - 2.0 / 3.0).abs() < 1e-15, "{k}");
        assert_eq!(ks(&[1.0, 2.0], &[0, 1]), Some(1.0));
        assert_eq!(ks(&[1.0, 1.0], &[0, 1]), Some(0.0));
    }

    #[test]
    fn evaluate_scores_handles_orientation_and_gains() {
        // higher score = safer: perfect scorecard puts bads at low scores
        let scores: Vec<i32> = (0..100).collect();
        let y: Vec<u8> = (0..100).map(|i| (i < 20) as u8).collect();
        let m = evaluate_scores(&scores, &y, &ScalingParams::default()).unwrap();
        assert_eq!(m.auc, 1.0);
        assert_eq!(m.gini, 1.0);
        assert_eq!(m.ks, 1.0);
        assert_eq!(m.gains.len(), 10);
        assert_eq!(m.gains[0].bads, 10);
        assert_eq!(m.gains[1].cum_bad_capture, 1.0);
        assert!((m.gains[0].lift - 5.0).abs() < 1e-12);
        assert_eq!(m.gains[9].cum_lift, 1.0);
        assert_eq!(m.calibration.len(), 10);
        assert!(m.calibration[0].predicted_bad_rate > m.calibration[9].predicted_bad_rate);
        assert!(evaluate_scores(&scores, &[0; 100], &ScalingParams::default()).is_err());
    }

    #[test]
    fn psi_traffic_lights() {
        assert_eq!(TrafficLight::from_psi(0.05), TrafficLight::Green);
        assert_eq!(TrafficLight::from_psi(0.10), TrafficLight::Amber);
        assert_eq!(TrafficLight::from_psi(0.25), TrafficLight::Amber);
        assert_eq!(TrafficLight::from_psi(0.30), TrafficLight::Red);
        let same = psi_from_counts(&[10, 20, 30], &[10, 20, 30], &[]);
        assert_eq!(same.psi, 0.0);
        // hand value: shares (.5,.5) vs (.25,.75)
        let r = psi_from_counts(&[50, 50], &[25, 75], &[]);
        let expect =
            (0.25f64 - 0.5) * (0.25f64 / 0.5).ln() + (0.75f64 - 0.5) * (0.75f64 / 0.5).ln();
        assert!((r.psi - expect).abs() < 1e-15);
        assert_eq!(r.light, TrafficLight::Red); // 0.2747
        let r = psi_from_counts(&[50, 50], &[30, 70], &[]);
        assert_eq!(r.light, TrafficLight::Amber, "{}", r.psi); // 0.1695
        let r = psi_from_counts(&[50, 50], &[35, 65], &[]);
        assert_eq!(r.light, TrafficLight::Green, "{}", r.psi); // 0.0929

        let e: Vec<f64> = (0..1000).map(|i| i as f64).collect();
        let shifted: Vec<f64> = (0..1000).map(|i| i as f64 + 500.0).collect();
        assert_eq!(psi(&e, &e, 10).light, TrafficLight::Green);
        let p = psi(&e, &shifted, 10);
        assert_eq!(p.light, TrafficLight::Red);
        assert!(p.psi.is_finite());
    }
}
