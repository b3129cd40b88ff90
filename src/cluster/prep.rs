//! Feature preparation: named numeric and categorical columns → a row-major `n × d` matrix of
//! model features, plus the [`Scaler`] that reproduces the same transform for new rows (the CRM
//! case: score one new customer against saved centroids).
//!
//! Per numeric column, in this order:
//! 1. NaN and ±inf are treated as missing.
//! 2. Money columns (named in [`PrepOptions::money_columns`]) get `sign(x)·ln(1+|x|)` when
//!    [`PrepOptions::log_money`] is set (portable `ln`, bit-identical across targets).
//! 3. Missing cells are imputed with the column median (after the log); the count of imputed
//!    cells per column is reported.
//! 4. Scaling: z-score (mean, population standard deviation) or robust (median, IQR; when the IQR
//!    is 0 but the column still varies, the standard deviation is used instead).
//!
//! Categorical columns are one-hot encoded (levels sorted by name; one 0/1 feature per level;
//! a missing or unseen value has all indicators 0) and then scaled like numeric features.
//!
//! Documented behaviour: a feature whose values are all equal after imputation (zero variance),
//! or a numeric column with no value at all, is dropped and reported in `warnings`; it is not an
//! error unless nothing is left ([`ClusterError::NoUsableFeatures`]).

use crate::cluster::error::ClusterError;
use crate::detmath::{signed_expm1, signed_log1p};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// How features are centred and scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Scaling {
    /// (x − mean) / standard deviation.
    #[default]
    ZScore,
    /// (x − median) / IQR — less sensitive to outliers (big loans, tiny shells).
    Robust,
}

/// Options for [`prepare_features`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrepOptions {
    pub scaling: Scaling,
    /// Apply `sign(x)·ln(1+|x|)` to the money columns.
    pub log_money: bool,
    /// Numeric columns holding money amounts (revenue, loan size, …).
    pub money_columns: Vec<String>,
    /// A categorical column with more distinct values than this is refused (it is probably an id).
    pub max_levels: usize,
}

impl Default for PrepOptions {
    fn default() -> Self {
        PrepOptions {
            scaling: Scaling::ZScore,
            log_money: true,
            money_columns: Vec::new(),
            max_levels: 50,
        }
    }
}

/// Where a model feature comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FeatureSource {
    /// Numeric input column `index` (position in [`Scaler::numeric_columns`]).
    Numeric {
        column: String,
        index: usize,
        log: bool,
    },
    /// Indicator of `level` in categorical input column `index` (position in [`Scaler::categorical_columns`]).
    OneHot {
        column: String,
        index: usize,
        level: String,
    },
}

impl FeatureSource {
    /// The input column name.
    pub fn column(&self) -> &str {
        match self {
            FeatureSource::Numeric { column, .. } | FeatureSource::OneHot { column, .. } => column,
        }
    }
}

/// How one model feature is computed from the input row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureScaling {
    /// Feature name: the column name, or `column=level` for one-hot features.
    pub name: String,
    pub source: FeatureSource,
    /// Value used for a missing cell (median, after the log transform). Unused for one-hot.
    pub fill: f64,
    pub centre: f64,
    pub scale: f64,
}

/// The fitted transform from input columns to model features. Saved with the cluster model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scaler {
    pub scaling: Scaling,
    /// Numeric input columns, in the order [`Scaler::transform`] expects them (dropped ones included).
    pub numeric_columns: Vec<String>,
    /// Categorical input columns, in the order [`Scaler::transform`] expects them.
    pub categorical_columns: Vec<String>,
    /// Model features, in matrix column order.
    pub features: Vec<FeatureScaling>,
}

impl Scaler {
    pub fn n_features(&self) -> usize {
        self.features.len()
    }

    pub fn feature_names(&self) -> Vec<&str> {
        self.features.iter().map(|f| f.name.as_str()).collect()
    }

    /// Transform one raw input row (numeric values in `numeric_columns` order, NaN/inf = missing;
    /// categorical values in `categorical_columns` order) into model features.
    pub fn transform(
        &self,
        numeric: &[f64],
        categorical: &[Option<&str>],
    ) -> Result<Vec<f64>, ClusterError> {
        if numeric.len() != self.numeric_columns.len() {
            return Err(ClusterError::LengthMismatch {
                what: "numeric values".into(),
                expected: self.numeric_columns.len(),
                found: numeric.len(),
            });
        }
        if categorical.len() != self.categorical_columns.len() {
            return Err(ClusterError::LengthMismatch {
                what: "categorical values".into(),
                expected: self.categorical_columns.len(),
                found: categorical.len(),
            });
        }
        let mut out = Vec::with_capacity(self.features.len());
        for f in &self.features {
            let raw = match &f.source {
                FeatureSource::Numeric { index, log, .. } => {
                    let v = *numeric.get(*index).ok_or_else(|| bad_index(&f.name))?;
                    if v.is_finite() {
                        if *log { signed_log1p(v) } else { v }
                    } else {
                        f.fill
                    }
                }
                FeatureSource::OneHot { index, level, .. } => {
                    let v = categorical.get(*index).ok_or_else(|| bad_index(&f.name))?;
                    if *v == Some(level.as_str()) { 1.0 } else { 0.0 }
                }
            };
            out.push((raw - f.centre) / f.scale);
        }
        Ok(out)
    }

    /// Transform a record given by column name. Columns not named are treated as missing;
    /// names the scaler does not know are ignored (a CRM record carries many other fields).
    pub fn transform_named(
        &self,
        numeric: &[(&str, f64)],
        categorical: &[(&str, &str)],
    ) -> Result<Vec<f64>, ClusterError> {
        let num: Vec<f64> = self
            .numeric_columns
            .iter()
            .map(|c| {
                numeric
                    .iter()
                    .find(|(n, _)| n == c)
                    .map_or(f64::NAN, |(_, v)| *v)
            })
            .collect();
        let cat: Vec<Option<&str>> = self
            .categorical_columns
            .iter()
            .map(|c| categorical.iter().find(|(n, _)| n == c).map(|(_, v)| *v))
            .collect();
        self.transform(&num, &cat)
    }

    /// A model-space value of feature `feature` in original units: undo the scaling, then the log.
    /// For one-hot features this is the share of rows having that level.
    pub fn to_original(&self, feature: usize, value: f64) -> Option<f64> {
        let f = self.features.get(feature)?;
        let t = value * f.scale + f.centre;
        Some(match f.source {
            FeatureSource::Numeric { log: true, .. } => signed_expm1(t),
            _ => t,
        })
    }

    /// Internal consistency (used before assigning with a deserialised model).
    pub fn validate(&self) -> Result<(), ClusterError> {
        for f in &self.features {
            let ok = match &f.source {
                FeatureSource::Numeric { index, column, .. } => {
                    self.numeric_columns.get(*index) == Some(column)
                }
                FeatureSource::OneHot { index, column, .. } => {
                    self.categorical_columns.get(*index) == Some(column)
                }
            };
            if !ok {
                return Err(bad_index(&f.name));
            }
            if !(f.scale.is_finite() && f.scale > 0.0 && f.centre.is_finite() && f.fill.is_finite())
            {
                return Err(ClusterError::InvalidModel(format!(
                    "feature '{}' has an invalid centre/scale",
                    f.name
                )));
            }
        }
        Ok(())
    }
}

fn bad_index(name: &str) -> ClusterError {
    ClusterError::InvalidModel(format!(
        "feature '{name}' refers to a column the scaler does not have"
    ))
}

/// Something [`prepare_features`] did that the user should know about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PrepWarning {
    /// The feature had the same value in every row (after imputation) and was dropped.
    ZeroVarianceDropped { feature: String },
    /// The numeric column had no finite value at all and was dropped.
    AllMissingDropped { column: String },
}

impl fmt::Display for PrepWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrepWarning::ZeroVarianceDropped { feature } => {
                write!(
                    f,
                    "feature '{feature}' has the same value in every row and was dropped"
                )
            }
            PrepWarning::AllMissingDropped { column } => {
                write!(f, "column '{column}' has no valid value and was dropped")
            }
        }
    }
}

/// Imputed (missing, NaN or ±inf) cells of one input column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImputedCount {
    pub column: String,
    pub count: usize,
}

/// Output of [`prepare_features`].
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedData {
    /// Row-major `n_rows × n_features`.
    pub matrix: Vec<f64>,
    pub n_rows: usize,
    pub n_features: usize,
    pub scaler: Scaler,
    /// One entry per numeric column (median-imputed) and per categorical column (missing → all 0).
    pub imputed: Vec<ImputedCount>,
    pub warnings: Vec<PrepWarning>,
}

impl PreparedData {
    pub fn row(&self, i: usize) -> &[f64] {
        &self.matrix[i * self.n_features..(i + 1) * self.n_features]
    }
}

/// The `q` quantile (0 ≤ q ≤ 1; linear interpolation between order statistics, like numpy's
/// default) of the slice, reordering it; NaN for an empty slice.
pub fn quantile(values: &mut [f64], q: f64) -> f64 {
    let m = values.len();
    if m == 0 || q.is_nan() {
        return f64::NAN;
    }
    let q = q.clamp(0.0, 1.0);
    let pos = q * (m - 1) as f64;
    let lo = pos.floor() as usize;
    let frac = pos - lo as f64;
    let (_, v_lo, upper) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let v_lo = *v_lo;
    if frac == 0.0 || upper.is_empty() {
        return v_lo;
    }
    let v_hi = upper.iter().copied().fold(f64::INFINITY, f64::min);
    v_lo + frac * (v_hi - v_lo)
}

/// A candidate feature before the zero-variance check: raw values (transformed, imputed).
struct Column {
    name: String,
    source: FeatureSource,
    fill: f64,
    values: Vec<f64>,
}

/// Build the model matrix from named columns. `numeric`: NaN/±inf = missing. `categorical`:
/// `None` = missing. Pass an empty slice for either kind.
pub fn prepare_features(
    numeric: &[(String, Vec<f64>)],
    categorical: &[(String, Vec<Option<String>>)],
    options: &PrepOptions,
) -> Result<PreparedData, ClusterError> {
    if numeric.is_empty() && categorical.is_empty() {
        return Err(ClusterError::NoFeatures);
    }
    let n = numeric
        .first()
        .map(|c| c.1.len())
        .or(categorical.first().map(|c| c.1.len()))
        .unwrap_or(0);
    let mut seen = BTreeSet::new();
    let lengths = numeric
        .iter()
        .map(|(name, v)| (name, v.len()))
        .chain(categorical.iter().map(|(name, v)| (name, v.len())));
    for (name, len) in lengths {
        if !seen.insert(name.as_str()) {
            return Err(ClusterError::DuplicateColumn(name.clone()));
        }
        if len != n {
            return Err(ClusterError::ColumnLengthMismatch {
                column: name.clone(),
                expected: n,
                found: len,
            });
        }
    }
    if n == 0 {
        return Err(ClusterError::EmptyInput);
    }
    for m in &options.money_columns {
        if !numeric.iter().any(|(name, _)| name == m) {
            return Err(ClusterError::UnknownColumn(m.clone()));
        }
    }

    let mut warnings = Vec::new();
    let mut imputed = Vec::new();
    let mut columns: Vec<Column> = Vec::new();

    for (index, (name, raw)) in numeric.iter().enumerate() {
        let log = options.log_money && options.money_columns.iter().any(|m| m == name);
        let mut values: Vec<f64> = raw
            .iter()
            .map(|&v| {
                if !v.is_finite() {
                    f64::NAN
                } else if log {
                    signed_log1p(v)
                } else {
                    v
                }
            })
            .collect();
        let mut present: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
        let missing = n - present.len();
        imputed.push(ImputedCount {
            column: name.clone(),
            count: if present.is_empty() { 0 } else { missing },
        });
        if present.is_empty() {
            warnings.push(PrepWarning::AllMissingDropped {
                column: name.clone(),
            });
            continue;
        }
        let fill = quantile(&mut present, 0.5);
        if missing > 0 {
            values
                .iter_mut()
                .filter(|v| v.is_nan())
                .for_each(|v| *v = fill);
        }
        columns.push(Column {
            name: name.clone(),
            source: FeatureSource::Numeric {
                column: name.clone(),
                index,
                log,
            },
            fill,
            values,
        });
    }

    for (index, (name, raw)) in categorical.iter().enumerate() {
        let levels: BTreeSet<&str> = raw.iter().flatten().map(|s| s.as_str()).collect();
        if levels.len() > options.max_levels {
            return Err(ClusterError::InvalidOption(format!(
                "categorical column '{name}' has {} distinct values (max_levels = {})",
                levels.len(),
                options.max_levels
            )));
        }
        imputed.push(ImputedCount {
            column: name.clone(),
            count: raw.iter().filter(|v| v.is_none()).count(),
        });
        let level_index: BTreeMap<&str, usize> =
            levels.iter().enumerate().map(|(i, l)| (*l, i)).collect();
        let mut indicators = vec![vec![0.0f64; n]; levels.len()];
        for (i, v) in raw.iter().enumerate() {
            if let Some(&li) = v.as_deref().and_then(|s| level_index.get(s)) {
                indicators[li][i] = 1.0;
            }
        }
        for (level, values) in levels.iter().zip(indicators) {
            columns.push(Column {
                name: format!("{name}={level}"),
                source: FeatureSource::OneHot {
                    column: name.clone(),
                    index,
                    level: level.to_string(),
                },
                fill: 0.0,
                values,
            });
        }
    }

    let mut features = Vec::new();
    let mut kept: Vec<Vec<f64>> = Vec::new();
    let mut dropped = Vec::new();
    for col in columns {
        let first = col.values[0];
        if col.values.iter().all(|&v| v == first) {
            warnings.push(PrepWarning::ZeroVarianceDropped {
                feature: col.name.clone(),
            });
            dropped.push(col.name);
            continue;
        }
        let nf = n as f64;
        let mut sum = 0.0;
        for &v in &col.values {
            sum += v;
        }
        let mean = sum / nf;
        let mut ss = 0.0;
        for &v in &col.values {
            let t = v - mean;
            ss += t * t;
        }
        let std = (ss / nf).sqrt();
        let (centre, scale) = match options.scaling {
            Scaling::ZScore => (mean, std),
            Scaling::Robust => {
                let mut buf = col.values.clone();
                let median = quantile(&mut buf, 0.5);
                let iqr = quantile(&mut buf, 0.75) - quantile(&mut buf, 0.25);
                (median, if iqr > 0.0 { iqr } else { std })
            }
        };
        if !(scale > 0.0 && scale.is_finite() && centre.is_finite()) {
            // Variance underflows to 0 (values differ only in the last bits) or overflows.
            warnings.push(PrepWarning::ZeroVarianceDropped {
                feature: col.name.clone(),
            });
            dropped.push(col.name);
            continue;
        }
        features.push(FeatureScaling {
            name: col.name,
            source: col.source,
            fill: col.fill,
            centre,
            scale,
        });
        kept.push(col.values);
    }
    for w in &warnings {
        if let PrepWarning::AllMissingDropped { column } = w {
            dropped.push(column.clone());
        }
    }
    if features.is_empty() {
        return Err(ClusterError::NoUsableFeatures { dropped });
    }

    let d = features.len();
    let mut matrix = vec![0.0f64; n * d];
    for (j, (f, values)) in features.iter().zip(&kept).enumerate() {
        for (i, &v) in values.iter().enumerate() {
            matrix[i * d + j] = (v - f.centre) / f.scale;
        }
    }
    let scaler = Scaler {
        scaling: options.scaling,
        numeric_columns: numeric.iter().map(|c| c.0.clone()).collect(),
        categorical_columns: categorical.iter().map(|c| c.0.clone()).collect(),
        features,
    };
    Ok(PreparedData {
        matrix,
        n_rows: n,
        n_features: d,
        scaler,
        imputed,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(name: &str, v: &[f64]) -> (String, Vec<f64>) {
        (name.to_string(), v.to_vec())
    }

    fn opts() -> PrepOptions {
        PrepOptions {
            log_money: false,
            ..PrepOptions::default()
        }
    }

    #[test]
    fn zscore_imputes_median_and_counts() {
        let cols = vec![
            num("a", &[1.0, f64::NAN, 3.0, f64::INFINITY, 5.0]),
            num("b", &[2.0, 4.0, 6.0, 8.0, 10.0]),
        ];
        let p = prepare_features(&cols, &[], &opts()).unwrap();
        assert_eq!((p.n_rows, p.n_features), (5, 2));
        assert_eq!(
            p.imputed,
            vec![
                ImputedCount {
                    column: "a".into(),
                    count: 2
                },
                ImputedCount {
                    column: "b".into(),
                    count: 0
                }
            ]
        );
        assert_eq!(p.scaler.features[0].fill, 3.0);
        // a after imputation: 1 3 3 3 5 → mean 3
        let col_a: Vec<f64> = (0..5).map(|i| p.row(i)[0]).collect();
        let mean: f64 = col_a.iter().sum::<f64>() / 5.0;
        let var: f64 = col_a.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / 5.0;
        assert!(mean.abs() < 1e-12 && (var - 1.0).abs() < 1e-12);
        assert_eq!(col_a[1], 0.0);
    }

    #[test]
    fn robust_uses_median_and_iqr_with_std_fallback() {
        let cols = vec![
            num("x", &[1.0, 2.0, 3.0, 4.0, 100.0]),
            num("mostly_zero", &[0.0, 0.0, 0.0, 0.0, 7.0]),
        ];
        let o = PrepOptions {
            scaling: Scaling::Robust,
            ..opts()
        };
        let p = prepare_features(&cols, &[], &o).unwrap();
        let fx = &p.scaler.features[0];
        assert_eq!((fx.centre, fx.scale), (3.0, 2.0));
        let fz = &p.scaler.features[1];
        assert_eq!(fz.centre, 0.0);
        let mean = 7.0 / 5.0;
        let std = (((0.0f64 - mean).powi(2) * 4.0 + (7.0f64 - mean).powi(2)) / 5.0).sqrt();
        assert!((fz.scale - std).abs() < 1e-12);
    }

    #[test]
    fn log_money_applies_signed_log_and_round_trips() {
        let cols = vec![
            num("revenue", &[0.0, 1e3, 1e6, -5e2]),
            num("age", &[1.0, 2.0, 3.0, 4.0]),
        ];
        let o = PrepOptions {
            log_money: true,
            money_columns: vec!["revenue".into()],
            ..opts()
        };
        let p = prepare_features(&cols, &[], &o).unwrap();
        assert!(matches!(
            p.scaler.features[0].source,
            FeatureSource::Numeric { log: true, .. }
        ));
        assert!(matches!(
            p.scaler.features[1].source,
            FeatureSource::Numeric { log: false, .. }
        ));
        for (i, &raw) in [0.0, 1e3, 1e6, -5e2].iter().enumerate() {
            let back = p.scaler.to_original(0, p.row(i)[0]).unwrap();
            assert!(
                (back - raw).abs() <= 1e-6 * raw.abs().max(1.0),
                "{raw} -> {back}"
            );
        }
        let row = p.scaler.transform(&[1e3, 2.0], &[]).unwrap();
        assert_eq!(row, p.row(1));
    }

    #[test]
    fn zero_variance_and_all_missing_are_dropped_with_warnings() {
        let cols = vec![
            num("const", &[4.0, 4.0, f64::NAN]),
            num("gone", &[f64::NAN, f64::NAN, f64::NAN]),
            num("ok", &[1.0, 2.0, 3.0]),
        ];
        let p = prepare_features(&cols, &[], &opts()).unwrap();
        assert_eq!(p.scaler.feature_names(), vec!["ok"]);
        assert!(p.warnings.contains(&PrepWarning::ZeroVarianceDropped {
            feature: "const".into()
        }));
        assert!(p.warnings.contains(&PrepWarning::AllMissingDropped {
            column: "gone".into()
        }));
        assert_eq!(p.scaler.numeric_columns.len(), 3);
        let row = p.scaler.transform(&[f64::NAN, f64::NAN, 3.0], &[]).unwrap();
        assert_eq!(row, p.row(2));
        assert!(p.warnings.iter().all(|w| !w.to_string().is_empty()));
    }

    #[test]
    fn one_hot_encodes_sorted_levels() {
        let cats = vec![(
            "industry".to_string(),
            vec![
                Some("retail".to_string()),
                Some("farm".to_string()),
                None,
                Some("retail".to_string()),
            ],
        )];
        let cols = vec![num("x", &[1.0, 2.0, 3.0, 4.0])];
        let p = prepare_features(&cols, &cats, &opts()).unwrap();
        assert_eq!(
            p.scaler.feature_names(),
            vec!["x", "industry=farm", "industry=retail"]
        );
        assert_eq!(
            p.imputed[1],
            ImputedCount {
                column: "industry".into(),
                count: 1
            }
        );
        let back: Vec<f64> = (0..4)
            .map(|i| p.scaler.to_original(2, p.row(i)[2]).unwrap())
            .collect();
        assert_eq!(
            back.iter().map(|v| v.round()).collect::<Vec<_>>(),
            vec![1.0, 0.0, 0.0, 1.0]
        );
        let r = p
            .scaler
            .transform_named(&[("x", 2.0), ("unrelated", 9.0)], &[("industry", "farm")])
            .unwrap();
        assert_eq!(r, p.row(1));
        let many: Vec<Option<String>> = (0..60).map(|i| Some(format!("id{i}"))).collect();
        let err = prepare_features(&[], &[("id".into(), many)], &opts()).unwrap_err();
        assert!(matches!(err, ClusterError::InvalidOption(_)));
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_eq!(
            prepare_features(&[], &[], &opts()),
            Err(ClusterError::NoFeatures)
        );
        assert_eq!(
            prepare_features(&[num("a", &[])], &[], &opts()),
            Err(ClusterError::EmptyInput)
        );
        assert_eq!(
            prepare_features(&[num("a", &[1.0]), num("b", &[1.0, 2.0])], &[], &opts()),
            Err(ClusterError::ColumnLengthMismatch {
                column: "b".into(),
                expected: 1,
                found: 2
            })
        );
        assert_eq!(
            prepare_features(&[num("a", &[1.0]), num("a", &[2.0])], &[], &opts()),
            Err(ClusterError::DuplicateColumn("a".into()))
        );
        let o = PrepOptions {
            money_columns: vec!["nope".into()],
            ..opts()
        };
        assert_eq!(
            prepare_features(&[num("a", &[1.0])], &[], &o),
            Err(ClusterError::UnknownColumn("nope".into()))
        );
        let same = vec![num("a", &[1.0, 1.0, 1.0]), num("b", &[2.0, 2.0, 2.0])];
        assert_eq!(
            prepare_features(&same, &[], &opts()),
            Err(ClusterError::NoUsableFeatures {
                dropped: vec!["a".into(), "b".into()]
            })
        );
        let p = prepare_features(&[num("a", &[1.0, 2.0])], &[], &opts()).unwrap();
        assert!(matches!(
            p.scaler.transform(&[1.0, 2.0], &[]),
            Err(ClusterError::LengthMismatch { .. })
        ));
    }

    #[test]
    fn scaler_serde_round_trip() {
        let p = prepare_features(&[num("a", &[1.0, 2.0, 7.0])], &[], &opts()).unwrap();
        let json = serde_json::to_string(&p.scaler).unwrap();
        let back: Scaler = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p.scaler);
        assert!(back.validate().is_ok());
    }

    #[test]
    fn quantile_interpolates() {
        assert_eq!(quantile(&mut [4.0, 1.0, 3.0, 2.0], 0.5), 2.5);
        assert_eq!(quantile(&mut [5.0], 0.75), 5.0);
        assert_eq!(quantile(&mut [1.0, 2.0, 3.0, 4.0, 5.0], 0.25), 2.0);
        assert!(quantile(&mut [], 0.5).is_nan());
        assert_eq!(quantile(&mut [1.0, 2.0], 7.0), 2.0);
    }
}
