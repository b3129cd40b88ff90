//! Scorecard training: public API. `fit` bins every candidate column (WoE/IV), screens
//! variables, fits a logistic regression on WoE, scales it to integer points and reports the
//! `FittedScorecard` with binning tables, drops, coefficients, train metrics and warnings.
//! `score`/`evaluate` apply a fitted scorecard to new data.
//!
//! Deterministic and target-independent: no threads, no randomness, no hash maps, no
//! platform libm (see `detmath`), so a given input gives the same JSON on x86_64 and wasm32.

pub mod adopt;
pub mod binning;
pub mod error;
pub mod evaluation;
pub mod input;
pub mod logistic;
pub mod metrics;
pub mod scaling;
pub mod scorecard;
pub mod screening;
pub mod settings;
pub mod shrinkage;

pub use binning::{
    BinKind, BinRow, BinningOptions, BinningTable, CategoryOrder, MonotonicTrend, Prebinning,
    VariableBinning,
};
pub use error::TrainError;
pub use input::{ColumnData, TableImport, TableSpec, TrainColumn, TrainInput};
pub use logistic::{LogisticFit, LogisticOptions};
pub use metrics::{PsiReport, ScoreMetrics, TrafficLight};
pub use scaling::ScalingParams;
pub use scorecard::{FeatureLabel, FeatureValue, FittedScorecard, ScorecardFeature};
pub use screening::{DropReason, DroppedVariable, ScreeningOptions};

use serde::Serialize;
use std::collections::BTreeMap;

/// Everything `fit` can be told. `Default` gives the standard settings.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    pub binning: BinningOptions,
    pub screening: ScreeningOptions,
    pub logistic: LogisticOptions,
    pub scaling: ScalingParams,
    /// Drop (one at a time, refitting) variables whose coefficient says a lower-risk bin adds
    /// risk, which only happens through collinearity (true).
    pub drop_wrong_sign: bool,
    /// Display labels per column; a column without one is labelled with its name.
    pub labels: BTreeMap<String, FeatureLabel>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            binning: BinningOptions::default(),
            screening: ScreeningOptions::default(),
            logistic: LogisticOptions::default(),
            scaling: ScalingParams::default(),
            drop_wrong_sign: true,
            labels: BTreeMap::new(),
        }
    }
}

impl TrainOptions {
    pub fn validate(&self) -> Result<(), TrainError> {
        self.binning.validate()?;
        self.scaling.validate()?;
        let s = &self.screening;
        if !(s.min_iv >= 0.0 && s.min_iv.is_finite()) {
            return Err(TrainError::InvalidOption(format!(
                "min_iv must be ≥ 0, got {}",
                s.min_iv
            )));
        }
        if !(s.max_correlation > 0.0 && s.max_correlation <= 1.0) {
            return Err(TrainError::InvalidOption(format!(
                "max_correlation must be in (0, 1], got {}",
                s.max_correlation
            )));
        }
        if s.max_features == Some(0) {
            return Err(TrainError::InvalidOption("max_features must be ≥ 1".into()));
        }
        Ok(())
    }
}

/// A model coefficient (on the variable's WoE; negative = higher WoE, lower risk).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coefficient {
    pub name: String,
    pub coefficient: f64,
    pub iv: f64,
}

/// The logistic model behind the scorecard: `logit P(bad) = intercept + Σ coef·woe`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coefficients {
    pub intercept: f64,
    pub features: Vec<Coefficient>,
    pub iterations: usize,
    pub converged: bool,
    pub l2: f64,
    pub log_likelihood: f64,
}

/// What `fit` produces.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainReport {
    pub scorecard: FittedScorecard,
    /// Binning table of every column that could be binned (selected or not), input order.
    pub binning_tables: Vec<BinningTable>,
    pub dropped: Vec<DroppedVariable>,
    pub coefficients: Coefficients,
    /// Metrics of the integer scores of the training rows, scored through `scorecard`.
    pub train_metrics: ScoreMetrics,
    pub warnings: Vec<String>,
    /// The fitted binnings (rules + tables), for WoE transforms and CSI.
    #[serde(skip)]
    pub binnings: Vec<VariableBinning>,
}

/// IV above this is flagged as suspicious (possible leakage).
const SUSPICIOUS_IV: f64 = 0.5;

/// Fits a scorecard on labelled history.
pub fn fit(input: &TrainInput, opts: &TrainOptions) -> Result<TrainReport, TrainError> {
    opts.validate()?;
    input.validate()?;
    let target = &input.target;
    let bads = target.iter().filter(|&&t| t == 1).count();
    if bads == 0 {
        return Err(TrainError::TargetOneClass { class: 0 });
    }
    if bads == target.len() {
        return Err(TrainError::TargetOneClass { class: 1 });
    }
    let b = &opts.binning;
    for name in b
        .manual_cuts
        .keys()
        .chain(b.manual_groups.keys())
        .chain(b.special_values.keys())
    {
        if !input.columns.iter().any(|c| &c.name == name) {
            return Err(TrainError::InvalidManualBinning(format!(
                "no column named '{name}'"
            )));
        }
    }

    let mut warnings = Vec::new();
    let binnings: Vec<VariableBinning> = input
        .columns
        .iter()
        .map(|c| binning::bin_column(c, target, b, &mut warnings))
        .collect::<Result<_, _>>()?;

    let (kept, mut dropped) = screening::screen_univariate(&binnings, &opts.screening);
    let woe: Vec<Vec<f64>> = kept
        .iter()
        .map(|&i| binnings[i].woe_values(&input.columns[i].data))
        .collect();
    let candidates: Vec<(&str, f64, &[f64])> = kept
        .iter()
        .zip(&woe)
        .map(|(&i, w)| (binnings[i].name.as_str(), binnings[i].table.iv, &w[..]))
        .collect();
    let (kept_pos, corr_dropped) = screening::prune_correlated(&candidates, &opts.screening);
    dropped.extend(corr_dropped);
    let mut selected: Vec<usize> = kept_pos; // positions into `kept` / `woe`

    let no_feature = |dropped: &[DroppedVariable]| {
        let why: Vec<String> = dropped
            .iter()
            .map(|d| format!("{}: {}", d.name, d.message))
            .collect();
        TrainError::NoFeatureLeft(why.join("; "))
    };
    if selected.is_empty() {
        return Err(no_feature(&dropped));
    }

    let model = loop {
        let x: Vec<&[f64]> = selected.iter().map(|&k| &woe[k][..]).collect();
        let start = vec![-1.0; x.len()]; // the univariate optimum of a WoE feature
        let model = logistic::fit_logistic_from(&x, target, &opts.logistic, Some(&start))?;
        if !opts.drop_wrong_sign {
            break model;
        }
        let worst = model
            .coefficients
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0.0)
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(j, &c)| (j, c));
        match worst {
            Some((j, c)) if selected.len() > 1 => {
                let name = &binnings[kept[selected[j]]].name;
                dropped.push(DroppedVariable::new(
                    name,
                    DropReason::WrongSign { coefficient: c },
                ));
                selected.remove(j);
            }
            Some((_, c)) => {
                warnings.push(format!(
                    "the only remaining variable has a positive coefficient ({c:.4}); kept anyway"
                ));
                break model;
            }
            None => break model,
        }
    };
    if !model.converged {
        warnings.push(format!(
            "logistic regression did not converge in {} iterations (possible separation); \
             coefficients are the last iterate",
            model.iterations
        ));
    }

    let chosen: Vec<&VariableBinning> = selected.iter().map(|&k| &binnings[kept[k]]).collect();
    for v in &chosen {
        if v.table.iv > SUSPICIOUS_IV {
            warnings.push(format!(
                "'{}' has IV {:.3} (> {SUSPICIOUS_IV}): suspiciously predictive, check for leakage",
                v.name, v.table.iv
            ));
        }
    }
    let labels: Vec<FeatureLabel> = chosen
        .iter()
        .map(|v| {
            opts.labels
                .get(&v.name)
                .cloned()
                .unwrap_or_else(|| FeatureLabel::plain(&v.name))
        })
        .collect();
    let card = scaling::build_scorecard(
        &chosen,
        &model.coefficients,
        model.intercept,
        &opts.scaling,
        &labels,
    )?;
    let scores = card.score_columns(&input.columns)?;
    let train_metrics = metrics::evaluate_scores(&scores, target, &opts.scaling)?;

    let coefficients = Coefficients {
        intercept: model.intercept,
        features: chosen
            .iter()
            .zip(&model.coefficients)
            .map(|(v, &c)| Coefficient {
                name: v.name.clone(),
                coefficient: c,
                iv: v.table.iv,
            })
            .collect(),
        iterations: model.iterations,
        converged: model.converged,
        l2: model.l2,
        log_likelihood: model.log_likelihood,
    };
    Ok(TrainReport {
        scorecard: card,
        binning_tables: binnings.iter().map(|v| v.table.clone()).collect(),
        dropped,
        coefficients,
        train_metrics,
        warnings,
        binnings,
    })
}

/// Integer scores of every row of `input` (columns matched to features by name).
pub fn score(card: &FittedScorecard, input: &TrainInput) -> Result<Vec<i32>, TrainError> {
    card.score_columns(&input.columns)
}

/// Scores `input` through `card` and measures AUC/Gini/KS/gains/calibration on its target.
pub fn evaluate(card: &FittedScorecard, input: &TrainInput) -> Result<ScoreMetrics, TrainError> {
    input.validate()?;
    let scores = score(card, input)?;
    metrics::evaluate_scores(&scores, &input.target, &card.scaling)
}

/// WoE-transforms the columns named like the binnings (missing column → error).
pub fn apply_woe(
    binnings: &[VariableBinning],
    columns: &[TrainColumn],
) -> Result<Vec<Vec<f64>>, TrainError> {
    binnings
        .iter()
        .map(|b| {
            let col = columns.iter().find(|c| c.name == b.name).ok_or_else(|| {
                TrainError::ScoringInput(format!("column '{}' is missing", b.name))
            })?;
            Ok(b.woe_values(&col.data))
        })
        .collect()
}

#[cfg(test)]
mod tests;
