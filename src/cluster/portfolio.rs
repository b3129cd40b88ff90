//! Clustering a classified portfolio: picks the feature columns (by default the policy's key
//! ratios and size figures that the file has), fits k-means (or chooses k over a range first), and
//! returns what a risk team looks at — profiles in words, default rate per cluster, the overlap
//! with the rule-based segments, a 2-D PCA projection, and the model to save into the policy so
//! new customers are assigned to the nearest cluster.

use super::{
    ClusterError, ClusterInput, ClusterModel, ClusterOptions, CrossTable, KMeansMode, KSelection,
    PcaProjection, ProfileReport, Scaling, fit_clusters, select_k_for,
};
use crate::dataset::Dataset;
use crate::fields::FieldKind;
use crate::policy::{Policy, PolicyKind};
use crate::results::{ResultData, Results};
use serde::{Deserialize, Serialize};

/// Default features for enterprise portfolios (those the file has are used).
pub const ENTERPRISE_FEATURES: [&str; 10] = [
    "debt_ratio",
    "current_ratio",
    "net_margin",
    "revenue_growth",
    "cash_flow_coverage",
    "overdue_receivable_share",
    "revenue",
    "total_assets",
    "employees",
    "years_in_business",
];
/// Default features for consumer portfolios.
pub const INDIVIDUAL_FEATURES: [&str; 7] = [
    "age",
    "annual_income",
    "debt_to_income",
    "payment_to_income",
    "card_utilisation",
    "employment_years",
    "deposit_balance",
];

/// What the user chooses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct PortfolioSettings {
    /// Number of clusters; ignored when `k_range` is given (k is then recommended).
    pub k: usize,
    pub k_range: Option<[usize; 2]>,
    /// Feature columns (inputs or derived ratios); empty = the defaults the file has.
    pub features: Vec<String>,
    pub seed: u64,
    pub n_init: usize,
    /// Median/IQR scaling instead of z-scores.
    pub robust: bool,
    /// Mini-batch k-means for very large inputs.
    pub mini_batch: bool,
    /// Rows sampled for silhouettes and for the PCA scatter.
    pub sample: usize,
}

impl Default for PortfolioSettings {
    fn default() -> Self {
        PortfolioSettings {
            k: 5,
            k_range: None,
            features: Vec::new(),
            seed: 42,
            n_init: 3,
            robust: false,
            mini_batch: false,
            sample: 2000,
        }
    }
}

/// Everything the CLI prints and the page shows.
#[derive(Clone, Debug, Serialize)]
pub struct PortfolioClusters {
    pub features: Vec<String>,
    pub k: usize,
    pub inertia: f64,
    pub sizes: Vec<usize>,
    pub imputed: Vec<super::prep::ImputedCount>,
    pub warnings: Vec<super::prep::PrepWarning>,
    pub selection: Option<KSelection>,
    pub profiles: ProfileReport,
    /// Cluster × rule-based segment counts.
    pub segments: CrossTable,
    pub pca: PcaProjection,
    pub model: ClusterModel,
    /// Cluster of every row (0-based).
    #[serde(skip)]
    pub labels: Vec<u32>,
}

fn column<'a>(ds: &'a Dataset, results: &'a Results, name: &str) -> Option<&'a [f64]> {
    match results.column(name).map(|c| &c.data) {
        Some(ResultData::Num { values, .. }) => Some(values),
        _ => ds.numbers(name),
    }
}

/// Display names (zh, en) of fields and ratios.
fn display_names(policy: &Policy) -> super::DisplayNames {
    let mut names: super::DisplayNames = policy
        .fields
        .iter()
        .map(|f| (f.name.clone(), (f.zh.clone(), f.en.clone())))
        .collect();
    for (name, zh, en) in crate::ratios::LABELS {
        names.insert(name.to_string(), (zh.to_string(), en.to_string()));
    }
    names
}

pub fn cluster_portfolio(
    ds: &Dataset,
    results: &Results,
    policy: &Policy,
    s: &PortfolioSettings,
) -> Result<PortfolioClusters, ClusterError> {
    let wanted: Vec<String> = if s.features.is_empty() {
        let defaults: &[&str] = if policy.kind == PolicyKind::Enterprise {
            &ENTERPRISE_FEATURES
        } else {
            &INDIVIDUAL_FEATURES
        };
        defaults
            .iter()
            .filter(|f| column(ds, results, f).is_some_and(|v| v.iter().any(|x| !x.is_nan())))
            .map(|f| f.to_string())
            .collect()
    } else {
        s.features.clone()
    };
    let mut numeric = Vec::with_capacity(wanted.len());
    for name in &wanted {
        let values = column(ds, results, name).ok_or_else(|| {
            ClusterError::InvalidOption(format!(
                "no numeric column '{name}' in the file or its results"
            ))
        })?;
        numeric.push((name.clone(), values.to_vec()));
    }
    let money: Vec<String> = policy
        .fields
        .iter()
        .filter(|f| f.kind == FieldKind::Money && wanted.contains(&f.name))
        .map(|f| f.name.clone())
        .collect();
    let input = ClusterInput {
        numeric: &numeric,
        categorical: &[],
        money_columns: &money,
    };
    let mut options = ClusterOptions {
        k: s.k,
        n_init: s.n_init.max(1),
        seed: s.seed,
        scaling: if s.robust {
            Scaling::Robust
        } else {
            Scaling::ZScore
        },
        mode: if s.mini_batch {
            KMeansMode::MINI_BATCH
        } else {
            KMeansMode::Full
        },
        ..ClusterOptions::default()
    };
    let selection = match s.k_range {
        Some([lo, hi]) => {
            let sel = select_k_for(&input, &options, lo, hi, s.sample)?;
            options.k = sel.recommended_k.ok_or_else(|| {
                ClusterError::InvalidOption("no k in the range could be scored".into())
            })?;
            Some(sel)
        }
        None => None,
    };
    let report = fit_clusters(&input, &options)?;
    let defaults: Option<Vec<Option<bool>>> = ds.numbers("default_flag").map(|v| {
        v.iter()
            .map(|&x| if x.is_nan() { None } else { Some(x >= 0.5) })
            .collect()
    });
    let profiles = report.profiles(&display_names(policy), defaults.as_deref())?;
    let segment: Vec<Option<String>> = (0..results.len())
        .map(|i| Some(results.key("segment", i)).filter(|k| !k.is_empty()))
        .collect();
    let segments = report.cross_table(&segment)?;
    let pca = report.pca(Some((s.sample, s.seed)))?;
    Ok(PortfolioClusters {
        features: wanted,
        k: report.model.k,
        inertia: report.inertia,
        sizes: report.sizes.clone(),
        imputed: report.imputed.clone(),
        warnings: report.warnings.clone(),
        selection,
        profiles,
        segments,
        pca,
        model: report.model.clone(),
        labels: report.labels,
    })
}

/// The cluster (1-based; `i32::MIN` when it cannot be assigned) of every row under a saved model.
pub fn assign_all(model: &ClusterModel, frame: &crate::frame::Frame) -> Vec<i32> {
    if model.validate().is_err() {
        return vec![i32::MIN; frame.n];
    }
    let nan = vec![f64::NAN; frame.n];
    let columns: Vec<&[f64]> = model
        .scaler
        .numeric_columns
        .iter()
        .map(|c| frame.num(c).unwrap_or(&nan))
        .collect();
    let mut row = vec![0.0; columns.len()];
    (0..frame.n)
        .map(|i| {
            for (v, c) in row.iter_mut().zip(&columns) {
                *v = c[i];
            }
            let cats: Vec<Option<&str>> = model
                .scaler
                .categorical_columns
                .iter()
                .map(|c| Some(frame.cat_key(c, i)).filter(|k| !k.is_empty()))
                .collect();
            model
                .assign_validated(&row, &cats)
                .map_or(i32::MIN, |c| c as i32 + 1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::RunOptions;
    use crate::demo_data::{DemoOptions, generate};

    #[test]
    fn a_demo_portfolio_clusters_with_profiles_overlap_and_a_saved_model_that_reassigns() {
        let csv = generate(&DemoOptions {
            rows: 3000,
            seed: 12,
            ..Default::default()
        });
        let mut policy = crate::policy::builtin("enterprise").unwrap();
        let (ds, results) = crate::segment_bytes(
            csv.as_bytes(),
            &policy,
            &Default::default(),
            &RunOptions::default(),
        );
        let settings = PortfolioSettings {
            k_range: Some([2, 6]),
            ..Default::default()
        };
        let out = cluster_portfolio(&ds, &results, &policy, &settings).unwrap();
        assert_eq!(
            out.features.len(),
            ENTERPRISE_FEATURES.len(),
            "the demo has every default feature"
        );
        assert!((2..=6).contains(&out.k));
        assert_eq!(out.sizes.iter().sum::<usize>(), 3000);
        assert_eq!(out.profiles.clusters.len(), out.k);
        assert!(out.profiles.portfolio_default_rate.is_some());
        let cross_total: usize = out.segments.counts.iter().flatten().sum();
        assert_eq!(cross_total, 3000);
        assert_eq!(out.pca.coords.len(), 2000);
        // Saved into the policy, the model puts every customer back in its own cluster.
        policy.clusters = Some(out.model.clone());
        assert!(
            crate::policy::validate(&policy).is_empty(),
            "{:?}",
            crate::policy::validate(&policy)
        );
        let (_, again) = crate::segment_bytes(
            csv.as_bytes(),
            &policy,
            &Default::default(),
            &RunOptions::default(),
        );
        let assigned = match &again.column("cluster").unwrap().data {
            ResultData::Int(v) => v.clone(),
            _ => unreachable!("cluster is an int column"),
        };
        let same = assigned
            .iter()
            .zip(&out.labels)
            .filter(|(a, b)| **a == **b as i32 + 1)
            .count();
        assert_eq!(same, 3000);
        assert!(
            cluster_portfolio(
                &ds,
                &results,
                &policy,
                &PortfolioSettings {
                    features: vec!["shoe_size".into()],
                    ..Default::default()
                }
            )
            .is_err()
        );
    }
}
