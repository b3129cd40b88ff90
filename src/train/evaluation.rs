//! Evaluating a policy's scorecard on labelled data the way a model validator would: AUC, Gini
//! and KS; the gains/lift table by score decile; calibration per grade (mean predicted PD against
//! the observed bad rate); and stability against a baseline file — PSI of the scores and CSI of
//! each feature's points, with the usual 0.10 / 0.25 traffic lights.

use super::TrainError;
use super::input::TableSpec;
use super::metrics::{self, PsiReport, ScoreMetrics};
use super::scaling::ScalingParams;
use crate::batch::RunOptions;
use crate::ingest::ReadOptions;
use crate::policy::Policy;
use crate::results::{ResultData, Results};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GradeCalibration {
    pub grade: String,
    pub count: usize,
    pub bads: usize,
    pub mean_pd: f64,
    pub observed_bad_rate: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FeatureStability {
    pub field: String,
    pub csi: PsiReport,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    pub metrics: ScoreMetrics,
    pub by_grade: Vec<GradeCalibration>,
    /// Rows left out because their target was missing or not a valid label.
    pub unlabelled_rows: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_psi: Option<PsiReport>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub feature_csi: Vec<FeatureStability>,
}

fn ints(results: &Results, name: &str) -> Vec<i32> {
    match results.column(name).map(|c| &c.data) {
        Some(ResultData::Int(v)) => v.clone(),
        _ => Vec::new(),
    }
}

/// The target of each data row: `Some(1)` bad, `Some(0)` good, `None` unusable.
fn targets(bytes: &[u8], spec: &TableSpec) -> Result<Vec<Option<u8>>, TrainError> {
    let (header, rows) = super::adopt::read_table(bytes)?;
    let col = header
        .iter()
        .position(|h| h == &spec.target)
        .ok_or_else(|| {
            TrainError::InvalidOption(format!(
                "no target column '{}' (columns: {})",
                spec.target,
                header.join(", ")
            ))
        })?;
    Ok(rows
        .iter()
        .map(|r| {
            let v = r[col].trim();
            match &spec.bad_value {
                Some(_) if v.is_empty() => None,
                Some(bad) => Some((v == bad) as u8),
                None => match v {
                    "1" | "1.0" => Some(1),
                    "0" | "0.0" => Some(0),
                    _ => None,
                },
            }
        })
        .collect())
}

/// Score a labelled file with a policy and measure the scorecard; with `baseline`, also the
/// stability of the scores and of each feature against it.
pub fn evaluate(
    bytes: &[u8],
    policy: &Policy,
    spec: &TableSpec,
    baseline: Option<&[u8]>,
) -> Result<Evaluation, TrainError> {
    let (read, run) = (ReadOptions::default(), RunOptions::default());
    let (_, results) = crate::segment_bytes(bytes, policy, &read, &run);
    let labels = targets(bytes, spec)?;
    if labels.len() != results.len() {
        return Err(TrainError::InvalidOption(format!(
            "{} labelled rows but {} scored rows (blank lines or unreadable rows in the file?)",
            labels.len(),
            results.len()
        )));
    }
    let scores = ints(&results, "score");
    let pd = match results.column("pd").map(|c| &c.data) {
        Some(ResultData::Num { values, .. }) => values.clone(),
        _ => vec![f64::NAN; results.len()],
    };
    let keep: Vec<usize> = (0..labels.len()).filter(|&i| labels[i].is_some()).collect();
    let s: Vec<i32> = keep.iter().map(|&i| scores[i]).collect();
    let t: Vec<u8> = keep.iter().map(|&i| labels[i].unwrap_or(0)).collect();
    let sc = &policy.scorecard.scaling;
    let scaling = ScalingParams {
        points0: sc.points0,
        odds0: sc.odds0,
        pdo: sc.pdo,
    };
    let metrics = metrics::evaluate_scores(&s, &t, &scaling)?;
    let by_grade = policy
        .grade_keys()
        .into_iter()
        .filter_map(|g| {
            let rows: Vec<usize> = keep
                .iter()
                .copied()
                .filter(|&i| results.key("grade", i) == g)
                .collect();
            if rows.is_empty() {
                return None;
            }
            let bads = rows.iter().filter(|&&i| labels[i] == Some(1)).count();
            Some(GradeCalibration {
                grade: g,
                count: rows.len(),
                bads,
                mean_pd: rows.iter().map(|&i| pd[i]).sum::<f64>() / rows.len() as f64,
                observed_bad_rate: bads as f64 / rows.len() as f64,
            })
        })
        .collect();
    let (score_psi, feature_csi) = match baseline {
        None => (None, Vec::new()),
        Some(base_bytes) => {
            let (_, base) = crate::segment_bytes(base_bytes, policy, &read, &run);
            let to_f = |v: &[i32]| v.iter().map(|&x| x as f64).collect::<Vec<f64>>();
            let psi = metrics::psi(&to_f(&ints(&base, "score")), &to_f(&scores), 10);
            let csi = results
                .features
                .iter()
                .enumerate()
                .map(|(f, info)| FeatureStability {
                    field: info.field.clone(),
                    csi: points_psi(&base.points[f], &results.points[f]),
                })
                .collect();
            (Some(psi), csi)
        }
    };
    Ok(Evaluation {
        metrics,
        by_grade,
        unlabelled_rows: labels.len() - keep.len(),
        score_psi,
        feature_csi,
    })
}

/// CSI of one feature: the share of rows in each of its bins (identified by points) then and now.
fn points_psi(expected: &[i32], actual: &[i32]) -> PsiReport {
    let mut levels: Vec<i32> = expected.iter().chain(actual).copied().collect();
    levels.sort_unstable();
    levels.dedup();
    let count = |v: &[i32]| {
        levels
            .iter()
            .map(|l| v.iter().filter(|x| *x == l).count() as u64)
            .collect::<Vec<u64>>()
    };
    let labels: Vec<String> = levels.iter().map(|l| format!("{l} points")).collect();
    metrics::psi_from_counts(&count(expected), &count(actual), &labels)
}
