//! `FittedScorecard`: the deployable integer-points scorecard (the policy-JSON shape), and
//! scoring of single rows or whole column sets through it.
//!
//! Rules: numeric value x → regular bin i = number of cuts ≤ x (bins are [c_{i−1}, c_i));
//! declared special values match exactly first; NaN/±inf/missing → `missing_points`;
//! categorical levels not seen in training → `other_points`. Score = Σ feature points.

use super::binning::LookupMap;
use super::error::TrainError;
use super::input::{ColumnData, TrainColumn, is_missing_cell, parse_number};
use super::scaling::ScalingParams;
use serde::{Deserialize, Serialize};

/// Display label of a feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureLabel {
    pub zh: String,
    pub en: String,
}

impl FeatureLabel {
    /// Both languages set to `name`.
    pub fn plain(name: &str) -> Self {
        FeatureLabel {
            zh: name.to_string(),
            en: name.to_string(),
        }
    }
}

/// Points of a numeric feature. `points.len() == cuts.len() + 1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumericPoints {
    pub cuts: Vec<f64>,
    pub points: Vec<i32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special: Vec<SpecialPoints>,
}

/// Points for exact special values of a numeric feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpecialPoints {
    pub values: Vec<f64>,
    pub points: i32,
}

/// Points of a categorical feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoricalPoints {
    pub groups: Vec<GroupPoints>,
    /// For levels not seen in training (conservative: the lowest points of the feature).
    pub other_points: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupPoints {
    pub values: Vec<String>,
    pub points: i32,
}

/// One scorecard characteristic: exactly one of `numeric` / `categorical` is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScorecardFeature {
    pub field: String,
    pub label: FeatureLabel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numeric: Option<NumericPoints>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categorical: Option<CategoricalPoints>,
    pub missing_points: i32,
}

/// The fitted scorecard as it goes into the policy JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedScorecard {
    pub scaling: ScalingParams,
    pub features: Vec<ScorecardFeature>,
}

/// One input value for scoring a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FeatureValue<'a> {
    Number(f64),
    Text(&'a str),
    Missing,
}

impl ScorecardFeature {
    /// Checks the feature's shape (e.g. after hand-editing the JSON).
    pub fn validate(&self) -> Result<(), TrainError> {
        let err = |why: &str| {
            Err(TrainError::ScoringInput(format!(
                "feature '{}': {why}",
                self.field
            )))
        };
        match (&self.numeric, &self.categorical) {
            (Some(n), None) => {
                if n.points.len() != n.cuts.len() + 1 {
                    return err("numeric points must have one more entry than cuts");
                }
                if n.cuts.iter().any(|c| !c.is_finite()) || n.cuts.windows(2).any(|w| w[0] >= w[1])
                {
                    return err("cuts must be finite and strictly increasing");
                }
                Ok(())
            }
            (None, Some(_)) => Ok(()),
            _ => err("needs exactly one of `numeric` and `categorical`"),
        }
    }

    /// Points for one value.
    pub fn points_for(&self, value: FeatureValue<'_>) -> i32 {
        if let Some(n) = &self.numeric {
            let x = match value {
                FeatureValue::Number(x) => x,
                FeatureValue::Text(s) if !is_missing_cell(s) => parse_number(s).unwrap_or(f64::NAN),
                _ => f64::NAN,
            };
            return numeric_points(n, x, self.missing_points);
        }
        if let Some(c) = &self.categorical {
            let owned;
            let level: &str = match value {
                FeatureValue::Text(s) if !is_missing_cell(s) => s,
                FeatureValue::Number(x) if x.is_finite() => {
                    owned = x.to_string();
                    &owned
                }
                _ => return self.missing_points,
            };
            for g in &c.groups {
                if g.values.iter().any(|v| v == level) {
                    return g.points;
                }
            }
            let t = level.trim();
            for g in &c.groups {
                if g.values.iter().any(|v| v == t) {
                    return g.points;
                }
            }
            return c.other_points;
        }
        self.missing_points
    }
}

fn numeric_points(n: &NumericPoints, x: f64, missing: i32) -> i32 {
    if !x.is_finite() {
        return missing;
    }
    for s in &n.special {
        if s.values.contains(&x) {
            return s.points;
        }
    }
    n.points
        .get(n.cuts.partition_point(|&c| c <= x))
        .copied()
        .unwrap_or(missing)
}

impl FittedScorecard {
    /// Checks every feature's shape and the scaling.
    pub fn validate(&self) -> Result<(), TrainError> {
        self.scaling.validate()?;
        self.features
            .iter()
            .try_for_each(ScorecardFeature::validate)
    }

    /// Scores one row; `values[j]` is the value of `features[j]`. Returns the score and the
    /// points of each feature (the score is exactly their sum).
    pub fn score_row(&self, values: &[FeatureValue<'_>]) -> Result<(i32, Vec<i32>), TrainError> {
        if values.len() != self.features.len() {
            return Err(TrainError::ScoringInput(format!(
                "expected {} values (one per feature), got {}",
                self.features.len(),
                values.len()
            )));
        }
        self.validate()?;
        let points: Vec<i32> = self
            .features
            .iter()
            .zip(values)
            .map(|(f, &v)| f.points_for(v))
            .collect();
        Ok((points.iter().sum(), points))
    }

    /// PD implied by a score under this scorecard's scaling.
    pub fn pd(&self, score: i32) -> f64 {
        self.scaling.pd_from_score(score as f64)
    }

    /// Points of every feature for every row; columns are matched to features by name.
    /// Returns `points[feature][row]`.
    pub fn points_for_columns(&self, columns: &[TrainColumn]) -> Result<Vec<Vec<i32>>, TrainError> {
        self.validate()?;
        let mut out = Vec::with_capacity(self.features.len());
        let mut n_rows: Option<usize> = None;
        for f in &self.features {
            let col = columns.iter().find(|c| c.name == f.field).ok_or_else(|| {
                TrainError::ScoringInput(format!("column '{}' is missing", f.field))
            })?;
            if *n_rows.get_or_insert(col.data.len()) != col.data.len() {
                return Err(TrainError::ScoringInput("columns differ in length".into()));
            }
            out.push(feature_points_for_column(f, &col.data));
        }
        Ok(out)
    }

    /// Score of every row of `columns` (matched by name).
    pub fn score_columns(&self, columns: &[TrainColumn]) -> Result<Vec<i32>, TrainError> {
        let pts = self.points_for_columns(columns)?;
        let n = pts.first().map_or(0, |p| p.len());
        let mut scores = vec![0i32; n];
        for p in &pts {
            for (s, v) in scores.iter_mut().zip(p) {
                *s += v;
            }
        }
        Ok(scores)
    }
}

fn feature_points_for_column(f: &ScorecardFeature, data: &ColumnData) -> Vec<i32> {
    match (&f.categorical, data) {
        (Some(c), ColumnData::Categorical(v)) => {
            let mut map: LookupMap<&str, i32> = LookupMap::default();
            for g in &c.groups {
                for l in &g.values {
                    map.insert(l.as_str(), g.points);
                }
            }
            v.iter()
                .map(|s| match s {
                    Some(s) if !is_missing_cell(s) => map
                        .get(s.as_str())
                        .or_else(|| map.get(s.trim()))
                        .copied()
                        .unwrap_or(c.other_points),
                    _ => f.missing_points,
                })
                .collect()
        }
        (_, ColumnData::Numeric(v)) => v
            .iter()
            .map(|&x| f.points_for(FeatureValue::Number(x)))
            .collect(),
        (_, ColumnData::Categorical(v)) => v
            .iter()
            .map(|s| match s {
                Some(s) => f.points_for(FeatureValue::Text(s)),
                None => f.missing_points,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> FittedScorecard {
        FittedScorecard {
            scaling: ScalingParams::default(),
            features: vec![
                ScorecardFeature {
                    field: "LIMIT_BAL".into(),
                    label: FeatureLabel::plain("LIMIT_BAL"),
                    numeric: Some(NumericPoints {
                        cuts: vec![30000.0, 80000.0, 150000.0],
                        points: vec![40, 55, 63, 71],
                        special: vec![SpecialPoints {
                            values: vec![-1.0],
                            points: 33,
                        }],
                    }),
                    categorical: None,
                    missing_points: 50,
                },
                ScorecardFeature {
                    field: "EDUCATION".into(),
                    label: FeatureLabel::plain("EDUCATION"),
                    numeric: None,
                    categorical: Some(CategoricalPoints {
                        groups: vec![
                            GroupPoints {
                                values: vec!["1".into(), "2".into()],
                                points: 60,
                            },
                            GroupPoints {
                                values: vec!["3".into()],
                                points: 48,
                            },
                        ],
                        other_points: 45,
                    }),
                    missing_points: 52,
                },
            ],
        }
    }

    #[test]
    fn json_shape_matches_the_policy_format_and_round_trips() {
        let sc = example();
        let json = serde_json::to_string(&sc).unwrap();
        assert!(json.starts_with(r#"{"scaling":{"points0":600.0,"odds0":19.0,"pdo":50.0},"features":[{"field":"LIMIT_BAL","label":{"zh":"LIMIT_BAL","en":"LIMIT_BAL"},"numeric":{"cuts":[30000.0,80000.0,150000.0],"points":[40,55,63,71],"special":[{"values":[-1.0],"points":33}]},"missing_points":50}"#), "{json}");
        assert!(json.contains(r#""categorical":{"groups":[{"values":["1","2"],"points":60},{"values":["3"],"points":48}],"other_points":45},"missing_points":52"#));
        let back: FittedScorecard = serde_json::from_str(&json).unwrap();
        assert_eq!(back, sc);
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
        // no "special" key when no specials were declared
        let mut plain = sc.clone();
        plain.features[0].numeric.as_mut().unwrap().special.clear();
        assert!(!serde_json::to_string(&plain).unwrap().contains("special"));
    }

    #[test]
    fn score_is_the_sum_of_points_and_bin_rule_is_left_closed() {
        let sc = example();
        let cases: Vec<(FeatureValue, FeatureValue, i32, i32)> = vec![
            (
                FeatureValue::Number(29999.0),
                FeatureValue::Text("1"),
                40,
                60,
            ),
            (
                FeatureValue::Number(30000.0),
                FeatureValue::Text("3"),
                55,
                48,
            ),
            (
                FeatureValue::Number(150000.0),
                FeatureValue::Text("9"),
                71,
                45,
            ),
            (FeatureValue::Number(-1.0), FeatureValue::Missing, 33, 52),
            (
                FeatureValue::Number(f64::NAN),
                FeatureValue::Number(2.0),
                50,
                60,
            ),
            (FeatureValue::Text("80000"), FeatureValue::Text(""), 63, 52),
            (
                FeatureValue::Text("garbage"),
                FeatureValue::Text(" 3 "),
                50,
                48,
            ),
        ];
        for (a, b, pa, pb) in cases {
            let (score, pts) = sc.score_row(&[a, b]).unwrap();
            assert_eq!(pts, vec![pa, pb], "{a:?} {b:?}");
            assert_eq!(score, pts.iter().sum::<i32>());
        }
        assert!(sc.score_row(&[FeatureValue::Missing]).is_err());
    }

    #[test]
    fn malformed_scorecard_is_rejected_not_panicking() {
        let mut sc = example();
        sc.features[0].numeric.as_mut().unwrap().points.pop();
        assert!(
            sc.score_row(&[FeatureValue::Number(1.0), FeatureValue::Missing])
                .is_err()
        );
        let cols = vec![TrainColumn {
            name: "LIMIT_BAL".into(),
            data: ColumnData::Numeric(vec![1.0]),
        }];
        assert!(sc.score_columns(&cols).is_err());
    }

    #[test]
    fn score_columns_matches_score_row() {
        let sc = example();
        let cols = vec![
            TrainColumn {
                name: "EDUCATION".into(),
                data: ColumnData::Categorical(vec![Some("1".into()), None, Some("7".into())]),
            },
            TrainColumn {
                name: "LIMIT_BAL".into(),
                data: ColumnData::Numeric(vec![10.0, 90000.0, f64::NAN]),
            },
        ];
        let s = sc.score_columns(&cols).unwrap();
        assert_eq!(s, vec![100, 63 + 52, 50 + 45]);
        let missing = vec![cols[0].clone()];
        assert!(matches!(
            sc.score_columns(&missing),
            Err(TrainError::ScoringInput(_))
        ));
    }
}
