//! Cluster profiles for the report: size and share, the cluster centre in original units, each
//! feature's standardised difference from the whole portfolio, a short bilingual description,
//! the default rate when a 0/1 outcome is known, and a cluster × other-label count table.
//!
//! Definitions:
//! - Cluster centre = mean of the cluster's rows in model space (exact, also in mini-batch mode),
//!   mapped back to original units by undoing the scaling and then the log. For a log-transformed
//!   money column this is a geometric-type centre (closer to the median than the arithmetic
//!   mean); for a one-hot feature it is the share of the cluster having that level.
//! - Standardised difference = (cluster mean − portfolio mean) / portfolio standard deviation,
//!   per model feature.
//! - Description: features ranked by |standardised difference|; those with |d| ≥
//!   [`DESCRIBE_MIN`] qualify, the top [`DESCRIBE_MAX`] are used, and the third one only if its
//!   |d| ≥ [`DESCRIBE_THIRD_MIN`]. With none qualifying: "close to the portfolio average".
//!   Numeric features read "high X"/"low X" ("X高"/"X低"); one-hot features read
//!   "X: mostly L"/"X: rarely L" ("X多为L"/"X较少为L"). Display names come from the caller
//!   (column name → (zh, en)); a column without one uses its own name.

use crate::cluster::error::ClusterError;
use crate::cluster::kmeans::check_shape;
use crate::cluster::prep::{FeatureSource, Scaler};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Column name → (Chinese, English) display name.
pub type DisplayNames = BTreeMap<String, (String, String)>;

pub const DESCRIBE_MIN: f64 = 0.25;
pub const DESCRIBE_THIRD_MIN: f64 = 0.5;
pub const DESCRIBE_MAX: usize = 3;
/// Column of [`CrossTable`] counting rows whose other label is missing.
pub const MISSING_LEVEL: &str = "(missing)";

/// One feature of one cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureProfile {
    pub feature: String,
    /// Cluster mean in model (scaled) space.
    pub mean_scaled: f64,
    /// The same in original units (see module doc).
    pub centre_original: f64,
    /// (cluster mean − portfolio mean) / portfolio std.
    pub std_diff: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterProfile {
    pub cluster: usize,
    pub size: usize,
    pub share: f64,
    /// Empty for a cluster with no rows.
    pub features: Vec<FeatureProfile>,
    pub description_en: String,
    pub description_zh: String,
    /// Defaults / rows with a known outcome, when outcomes were given.
    pub default_rate: Option<f64>,
    pub n_with_outcome: usize,
    pub n_defaults: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileReport {
    pub clusters: Vec<ClusterProfile>,
    pub portfolio_default_rate: Option<f64>,
}

/// Profiles of k clusters. `matrix` is the prepared model matrix (row-major, `scaler.n_features()`
/// columns), `labels` one cluster per row, `defaults` optionally one outcome per row
/// (`Some(true)` = defaulted, `None` = unknown).
pub fn build_profiles(
    matrix: &[f64],
    scaler: &Scaler,
    labels: &[u32],
    k: usize,
    names: &DisplayNames,
    defaults: Option<&[Option<bool>]>,
) -> Result<ProfileReport, ClusterError> {
    let d = scaler.n_features();
    let n = check_shape(matrix, d)?;
    if labels.len() != n {
        return Err(ClusterError::LengthMismatch {
            what: "labels".into(),
            expected: n,
            found: labels.len(),
        });
    }
    if k == 0 {
        return Err(ClusterError::KIsZero);
    }
    if let Some(&bad) = labels.iter().find(|&&l| l as usize >= k) {
        return Err(ClusterError::InvalidOption(format!(
            "label {bad} is not below k = {k}"
        )));
    }
    let n_outcomes = defaults.map_or(n, <[Option<bool>]>::len);
    if n_outcomes != n {
        return Err(ClusterError::LengthMismatch {
            what: "default outcomes".into(),
            expected: n,
            found: n_outcomes,
        });
    }

    let mut sizes = vec![0usize; k];
    let mut sums = vec![0.0f64; k * d];
    let mut overall = vec![0.0f64; d];
    for (row, &l) in matrix.chunks_exact(d).zip(labels) {
        let c = l as usize;
        sizes[c] += 1;
        for j in 0..d {
            sums[c * d + j] += row[j];
            overall[j] += row[j];
        }
    }
    let mean: Vec<f64> = overall.iter().map(|s| s / n as f64).collect();
    let mut ss = vec![0.0f64; d];
    for row in matrix.chunks_exact(d) {
        for j in 0..d {
            let t = row[j] - mean[j];
            ss[j] += t * t;
        }
    }
    let std: Vec<f64> = ss.iter().map(|s| (s / n as f64).sqrt()).collect();

    let mut outcome = vec![(0usize, 0usize); k];
    if let Some(def) = defaults {
        for (&l, o) in labels.iter().zip(def) {
            if let Some(bad) = o {
                outcome[l as usize].0 += 1;
                outcome[l as usize].1 += *bad as usize;
            }
        }
    }
    let total_known: usize = outcome.iter().map(|o| o.0).sum();
    let total_bad: usize = outcome.iter().map(|o| o.1).sum();
    let portfolio_default_rate =
        (defaults.is_some() && total_known > 0).then(|| total_bad as f64 / total_known as f64);

    let mut clusters = Vec::with_capacity(k);
    for c in 0..k {
        let size = sizes[c];
        let mut features = Vec::new();
        if size > 0 {
            for j in 0..d {
                let m = sums[c * d + j] / size as f64;
                features.push(FeatureProfile {
                    feature: scaler.features[j].name.clone(),
                    mean_scaled: m,
                    centre_original: scaler.to_original(j, m).unwrap_or(m),
                    std_diff: if std[j] > 0.0 {
                        (m - mean[j]) / std[j]
                    } else {
                        0.0
                    },
                });
            }
        }
        let (description_en, description_zh) = if size == 0 {
            ("empty cluster".to_string(), "空簇".to_string())
        } else {
            describe(scaler, &features, names)
        };
        let (known, bad) = outcome[c];
        clusters.push(ClusterProfile {
            cluster: c,
            size,
            share: size as f64 / n as f64,
            features,
            description_en,
            description_zh,
            default_rate: (defaults.is_some() && known > 0).then(|| bad as f64 / known as f64),
            n_with_outcome: known,
            n_defaults: bad,
        });
    }
    Ok(ProfileReport {
        clusters,
        portfolio_default_rate,
    })
}

/// (English, Chinese) description from the most distinctive features (rule in the module doc).
pub fn describe(
    scaler: &Scaler,
    features: &[FeatureProfile],
    names: &DisplayNames,
) -> (String, String) {
    let mut ranked: Vec<usize> = (0..features.len())
        .filter(|&j| features[j].std_diff.abs() >= DESCRIBE_MIN)
        .collect();
    ranked.sort_by(|&a, &b| {
        features[b]
            .std_diff
            .abs()
            .total_cmp(&features[a].std_diff.abs())
            .then(a.cmp(&b))
    });
    ranked.truncate(DESCRIBE_MAX);
    if ranked.len() == DESCRIBE_MAX
        && features[ranked[DESCRIBE_MAX - 1]].std_diff.abs() < DESCRIBE_THIRD_MIN
    {
        ranked.truncate(DESCRIBE_MAX - 1);
    }
    if ranked.is_empty() {
        return (
            "close to the portfolio average".to_string(),
            "接近整体平均水平".to_string(),
        );
    }
    let mut en = Vec::new();
    let mut zh = Vec::new();
    for j in ranked {
        let high = features[j].std_diff > 0.0;
        let Some(spec) = scaler.features.get(j) else {
            continue;
        };
        let column = spec.source.column();
        let (name_zh, name_en) = names
            .get(column)
            .map_or((column, column), |(z, e)| (z.as_str(), e.as_str()));
        match &spec.source {
            FeatureSource::Numeric { .. } => {
                en.push(format!("{} {name_en}", if high { "high" } else { "low" }));
                zh.push(format!("{name_zh}{}", if high { "高" } else { "低" }));
            }
            FeatureSource::OneHot { level, .. } => {
                en.push(format!(
                    "{name_en}: {} {level}",
                    if high { "mostly" } else { "rarely" }
                ));
                zh.push(format!(
                    "{name_zh}{}{level}",
                    if high { "多为" } else { "较少为" }
                ));
            }
        }
    }
    (en.join(", "), zh.join("、"))
}

/// Counts of cluster × another label (e.g. rule-based segment names).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrossTable {
    /// Levels of the other label, sorted; [`MISSING_LEVEL`] last when some rows have none.
    pub columns: Vec<String>,
    /// `counts[cluster][column]`.
    pub counts: Vec<Vec<usize>>,
}

pub fn cross_table(
    labels: &[u32],
    k: usize,
    other: &[Option<String>],
) -> Result<CrossTable, ClusterError> {
    if labels.len() != other.len() {
        return Err(ClusterError::LengthMismatch {
            what: "other labels".into(),
            expected: labels.len(),
            found: other.len(),
        });
    }
    if let Some(&bad) = labels.iter().find(|&&l| l as usize >= k) {
        return Err(ClusterError::InvalidOption(format!(
            "label {bad} is not below k = {k}"
        )));
    }
    let levels: BTreeSet<&str> = other.iter().flatten().map(|s| s.as_str()).collect();
    let mut columns: Vec<String> = levels.iter().map(|s| s.to_string()).collect();
    let has_missing = other.iter().any(|o| o.is_none());
    if has_missing {
        columns.push(MISSING_LEVEL.to_string());
    }
    let index: BTreeMap<&str, usize> = levels.iter().enumerate().map(|(i, l)| (*l, i)).collect();
    let missing_col = levels.len();
    let mut counts = vec![vec![0usize; columns.len()]; k];
    for (&l, o) in labels.iter().zip(other) {
        let col = match o {
            Some(s) => index.get(s.as_str()).copied().unwrap_or(missing_col),
            None => missing_col,
        };
        counts[l as usize][col] += 1;
    }
    Ok(CrossTable { columns, counts })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::prep::{PrepOptions, prepare_features};

    fn setup() -> (crate::cluster::prep::PreparedData, Vec<u32>) {
        // cluster 0: high revenue, low debt; cluster 1: the opposite
        let revenue = vec![900.0, 1000.0, 1100.0, 10.0, 12.0, 8.0];
        let debt = vec![0.1, 0.2, 0.15, 0.8, 0.9, 0.85];
        let years = vec![5.0, 6.0, 5.0, 5.0, 6.0, 5.0];
        let p = prepare_features(
            &[
                ("revenue".into(), revenue),
                ("debt_ratio".into(), debt),
                ("years".into(), years),
            ],
            &[],
            &PrepOptions {
                log_money: true,
                money_columns: vec!["revenue".into()],
                ..PrepOptions::default()
            },
        )
        .unwrap();
        (p, vec![0, 0, 0, 1, 1, 1])
    }

    fn names() -> DisplayNames {
        let mut m = DisplayNames::new();
        m.insert("revenue".into(), ("营业收入".into(), "revenue".into()));
        m.insert(
            "debt_ratio".into(),
            ("资产负债率".into(), "debt ratio".into()),
        );
        m
    }

    #[test]
    fn profiles_describe_and_rate() {
        let (p, labels) = setup();
        let defaults = [
            Some(false),
            Some(false),
            None,
            Some(true),
            Some(false),
            Some(true),
        ];
        let r =
            build_profiles(&p.matrix, &p.scaler, &labels, 2, &names(), Some(&defaults)).unwrap();
        let c0 = &r.clusters[0];
        assert_eq!((c0.size, c0.share), (3, 0.5));
        assert_eq!(c0.description_en, "high revenue, low debt ratio");
        assert_eq!(c0.description_zh, "营业收入高、资产负债率低");
        assert_eq!(r.clusters[1].description_en, "low revenue, high debt ratio");
        assert_eq!(c0.default_rate, Some(0.0));
        assert_eq!((c0.n_with_outcome, c0.n_defaults), (2, 0));
        assert!((r.clusters[1].default_rate.unwrap() - 2.0 / 3.0).abs() < 1e-15);
        assert!((r.portfolio_default_rate.unwrap() - 0.4).abs() < 1e-15);
        // revenue centre in original units: geometric-type mean of 900, 1000, 1100 (in ln(1+x))
        let rev = c0.features[0].centre_original;
        let expect = ((901f64.ln() + 1001f64.ln() + 1101f64.ln()) / 3.0).exp() - 1.0;
        assert!((rev - expect).abs() < 1e-9, "{rev} vs {expect}");
        let debt = c0.features[1].centre_original;
        assert!((debt - 0.15).abs() < 1e-12);
        // the third feature (years) is not distinctive enough
        assert!(c0.features[2].std_diff.abs() < DESCRIBE_THIRD_MIN);
    }

    #[test]
    fn average_and_empty_clusters() {
        let (p, _) = setup();
        let labels = vec![0, 1, 0, 1, 0, 1];
        let r =
            build_profiles(&p.matrix, &p.scaler, &labels, 3, &DisplayNames::new(), None).unwrap();
        assert_eq!(r.clusters[2].description_en, "empty cluster");
        assert!(r.clusters[2].features.is_empty());
        assert_eq!(r.portfolio_default_rate, None);
        assert_eq!(r.clusters[0].default_rate, None);
        assert!(!r.clusters[0].description_en.is_empty());
        let same =
            build_profiles(&p.matrix, &p.scaler, &[0; 6], 1, &DisplayNames::new(), None).unwrap();
        assert_eq!(
            same.clusters[0].description_en,
            "close to the portfolio average"
        );
        assert_eq!(same.clusters[0].description_zh, "接近整体平均水平");
    }

    #[test]
    fn one_hot_descriptions() {
        let cats = vec![(
            "industry".to_string(),
            ["farm", "farm", "farm", "retail", "retail", "retail"]
                .iter()
                .map(|s| Some(s.to_string()))
                .collect(),
        )];
        let p = prepare_features(
            &[("x".into(), vec![1.0, 1.1, 1.0, 1.1, 1.0, 1.1])],
            &cats,
            &PrepOptions::default(),
        )
        .unwrap();
        let mut n = DisplayNames::new();
        n.insert("industry".into(), ("行业".into(), "industry".into()));
        let r = build_profiles(&p.matrix, &p.scaler, &[0, 0, 0, 1, 1, 1], 2, &n, None).unwrap();
        assert_eq!(
            r.clusters[0].description_en,
            "industry: mostly farm, industry: rarely retail"
        );
        assert_eq!(
            r.clusters[0].description_zh,
            "行业多为farm、行业较少为retail"
        );
        assert_eq!(r.clusters[0].features[1].centre_original, 1.0);
    }

    #[test]
    fn cross_table_counts() {
        let other: Vec<Option<String>> = ["A", "B", "A", "A"]
            .iter()
            .map(|s| Some(s.to_string()))
            .chain([None])
            .collect();
        let t = cross_table(&[0, 0, 1, 1, 1], 2, &other).unwrap();
        assert_eq!(t.columns, vec!["A", "B", MISSING_LEVEL]);
        assert_eq!(t.counts, vec![vec![1, 1, 0], vec![2, 0, 1]]);
        assert!(matches!(
            cross_table(&[0], 1, &[]),
            Err(ClusterError::LengthMismatch { .. })
        ));
        assert!(matches!(
            cross_table(&[3], 2, &[None]),
            Err(ClusterError::InvalidOption(_))
        ));
    }

    #[test]
    fn profile_input_errors() {
        let (p, labels) = setup();
        assert!(matches!(
            build_profiles(&p.matrix, &p.scaler, &labels[..3], 2, &names(), None),
            Err(ClusterError::LengthMismatch { .. })
        ));
        assert!(matches!(
            build_profiles(&p.matrix, &p.scaler, &labels, 1, &names(), None),
            Err(ClusterError::InvalidOption(_))
        ));
        assert!(matches!(
            build_profiles(&p.matrix, &p.scaler, &labels, 2, &names(), Some(&[None])),
            Err(ClusterError::LengthMismatch { .. })
        ));
    }
}
