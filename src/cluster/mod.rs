//! Data-driven customer segmentation: the public API tying feature preparation, k-means, k
//! selection, profiles and the 2-D projection together, and the saved [`ClusterModel`]
//! (scaler + centroids) that assigns a new customer to a segment.
//!
//! Everything is single-threaded, seeded and summed in a fixed order, so a seed gives
//! bit-identical segments natively and in wasm32. No function here panics on user input; every
//! refusal is a [`ClusterError`].

pub mod error;
mod kernel;
pub mod kmeans;
pub mod metrics;
mod minibatch;
pub mod pca;
pub mod portfolio;
pub mod prep;
pub mod profile;
pub mod sample;
mod seeding;
pub mod select_k;

pub use error::ClusterError;
pub use kmeans::{KMeansMode, KMeansModel, KMeansParams, fit_kmeans};
pub use metrics::adjusted_rand_index;
pub use pca::{PcaProjection, pca_2d};
pub use prep::{
    ImputedCount, PrepOptions, PrepWarning, PreparedData, Scaler, Scaling, prepare_features,
};
pub use profile::{ClusterProfile, CrossTable, DisplayNames, ProfileReport};
pub use select_k::{KCandidate, KSelection};

use kernel::sq_dist;
use serde::{Deserialize, Serialize};

/// Options of [`fit_clusters`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterOptions {
    pub k: usize,
    pub n_init: usize,
    pub max_iter: usize,
    pub tol: f64,
    pub seed: u64,
    pub mode: KMeansMode,
    pub scaling: Scaling,
    /// Log-transform the money columns named in [`ClusterInput::money_columns`].
    pub log_money: bool,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            k: 5,
            n_init: 1,
            max_iter: 300,
            tol: 1e-4,
            seed: 0,
            mode: KMeansMode::Full,
            scaling: Scaling::ZScore,
            log_money: true,
        }
    }
}

impl ClusterOptions {
    pub fn kmeans_params(&self) -> KMeansParams {
        KMeansParams {
            k: self.k,
            n_init: self.n_init,
            max_iter: self.max_iter,
            tol: self.tol,
            seed: self.seed,
            mode: self.mode,
        }
    }

    fn prep_options(&self, money_columns: &[String]) -> PrepOptions {
        PrepOptions {
            scaling: self.scaling,
            log_money: self.log_money,
            money_columns: money_columns.to_vec(),
            ..PrepOptions::default()
        }
    }
}

/// The columns to segment on. NaN/±inf in numeric columns and `None` in categorical ones are
/// missing values. Every categorical column given is one-hot encoded.
#[derive(Debug, Clone, Copy)]
pub struct ClusterInput<'a> {
    pub numeric: &'a [(String, Vec<f64>)],
    pub categorical: &'a [(String, Vec<Option<String>>)],
    /// Numeric columns holding money amounts (log-transformed when `log_money`).
    pub money_columns: &'a [String],
}

/// What is saved into the policy JSON: enough to put a new customer in a segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterModel {
    pub scaler: Scaler,
    pub k: usize,
    /// Row-major `k × scaler.n_features()`, in model (scaled) space.
    pub centroids: Vec<f64>,
}

impl ClusterModel {
    /// Check a (possibly hand-edited) model before use.
    pub fn validate(&self) -> Result<(), ClusterError> {
        self.scaler.validate()?;
        let d = self.scaler.n_features();
        if self.k == 0 || d == 0 || self.k.checked_mul(d) != Some(self.centroids.len()) {
            return Err(ClusterError::InvalidModel(format!(
                "{} centroid values for k = {} and {} features",
                self.centroids.len(),
                self.k,
                d
            )));
        }
        if self.centroids.iter().any(|v| !v.is_finite()) {
            return Err(ClusterError::InvalidModel(
                "non-finite centroid value".into(),
            ));
        }
        Ok(())
    }

    /// Segment of a raw customer row: numeric values in `scaler.numeric_columns` order (NaN =
    /// missing, imputed as in training), categorical values in `scaler.categorical_columns` order.
    pub fn assign(
        &self,
        numeric: &[f64],
        categorical: &[Option<&str>],
    ) -> Result<u32, ClusterError> {
        let features = self.scaler.transform(numeric, categorical)?;
        self.assign_features(&features)
    }

    /// Segment of a customer given as (column, value) pairs; see [`Scaler::transform_named`].
    pub fn assign_named(
        &self,
        numeric: &[(&str, f64)],
        categorical: &[(&str, &str)],
    ) -> Result<u32, ClusterError> {
        let features = self.scaler.transform_named(numeric, categorical)?;
        self.assign_features(&features)
    }

    /// Nearest centroid of an already prepared (scaled) feature row; lowest index on ties.
    pub fn assign_features(&self, features: &[f64]) -> Result<u32, ClusterError> {
        self.validate()?;
        self.nearest(features)
    }

    /// [`ClusterModel::assign`] for a model the caller has already validated (assigning a whole
    /// batch validates once, not once per row).
    pub(crate) fn assign_validated(
        &self,
        numeric: &[f64],
        categorical: &[Option<&str>],
    ) -> Result<u32, ClusterError> {
        self.nearest(&self.scaler.transform(numeric, categorical)?)
    }

    /// [`ClusterModel::assign_features`] for a model already validated.
    fn nearest(&self, features: &[f64]) -> Result<u32, ClusterError> {
        let d = self.scaler.n_features();
        if features.len() != d {
            return Err(ClusterError::LengthMismatch {
                what: "feature row".into(),
                expected: d,
                found: features.len(),
            });
        }
        if let Some(col) = features.iter().position(|v| !v.is_finite()) {
            return Err(ClusterError::NonFiniteValue { row: 0, col });
        }
        let mut best = (0usize, f64::INFINITY);
        for (c, centre) in self.centroids.chunks_exact(d).enumerate() {
            let v = sq_dist(features, centre);
            if v < best.1 {
                best = (c, v);
            }
        }
        Ok(best.0 as u32)
    }
}

/// Result of [`fit_clusters`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterReport {
    pub model: ClusterModel,
    /// Segment of every input row.
    pub labels: Vec<u32>,
    pub sizes: Vec<usize>,
    pub inertia: f64,
    pub n_iter: usize,
    pub converged: bool,
    pub feature_names: Vec<String>,
    pub imputed: Vec<ImputedCount>,
    pub warnings: Vec<PrepWarning>,
    /// The prepared model matrix (row-major, n × features), kept for profiles and PCA.
    #[serde(skip)]
    pub matrix: Vec<f64>,
}

impl ClusterReport {
    /// Per-cluster profiles; `defaults` is an optional 0/1 outcome per row.
    pub fn profiles(
        &self,
        names: &DisplayNames,
        defaults: Option<&[Option<bool>]>,
    ) -> Result<ProfileReport, ClusterError> {
        profile::build_profiles(
            &self.matrix,
            &self.model.scaler,
            &self.labels,
            self.model.k,
            names,
            defaults,
        )
    }

    /// Counts of segment × another per-row label.
    pub fn cross_table(&self, other: &[Option<String>]) -> Result<CrossTable, ClusterError> {
        profile::cross_table(&self.labels, self.model.k, other)
    }

    /// 2-D PCA of the model matrix; `sample = Some((rows, seed))` projects a seeded sample.
    pub fn pca(&self, sample: Option<(usize, u64)>) -> Result<PcaProjection, ClusterError> {
        pca_2d(&self.matrix, self.model.scaler.n_features(), sample)
    }
}

/// Prepare the features and segment the rows.
pub fn fit_clusters(
    input: &ClusterInput<'_>,
    options: &ClusterOptions,
) -> Result<ClusterReport, ClusterError> {
    let prepared = prepare_features(
        input.numeric,
        input.categorical,
        &options.prep_options(input.money_columns),
    )?;
    let km = fit_kmeans(
        &prepared.matrix,
        prepared.n_features,
        &options.kmeans_params(),
    )?;
    let sizes = km.cluster_sizes();
    let feature_names = prepared
        .scaler
        .feature_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    Ok(ClusterReport {
        model: ClusterModel {
            scaler: prepared.scaler,
            k: km.k,
            centroids: km.centroids,
        },
        labels: km.labels,
        sizes,
        inertia: km.inertia,
        n_iter: km.n_iter,
        converged: km.converged,
        feature_names,
        imputed: prepared.imputed,
        warnings: prepared.warnings,
        matrix: prepared.matrix,
    })
}

/// Prepare the features once and score every k in `k_min..=k_max` (inertia + silhouette on a
/// seeded sample of at most `sample_size` rows); see [`select_k::select_k`] for the rule.
pub fn select_k_for(
    input: &ClusterInput<'_>,
    options: &ClusterOptions,
    k_min: usize,
    k_max: usize,
    sample_size: usize,
) -> Result<KSelection, ClusterError> {
    let prepared = prepare_features(
        input.numeric,
        input.categorical,
        &options.prep_options(input.money_columns),
    )?;
    select_k::select_k(
        &prepared.matrix,
        prepared.n_features,
        k_min,
        k_max,
        &options.kmeans_params(),
        sample_size,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SeededRng;

    type Numeric = Vec<(String, Vec<f64>)>;
    type Categorical = Vec<(String, Vec<Option<String>>)>;

    fn customers(n: usize) -> (Numeric, Categorical, Vec<Option<bool>>) {
        let mut r = SeededRng::new(21);
        let (mut revenue, mut debt, mut years, mut region, mut bad) =
            (vec![], vec![], vec![], vec![], vec![]);
        for i in 0..n {
            let seg = i % 3;
            let base = [5e6, 2e5, 4e4][seg];
            revenue.push(base * (1.0 + 0.3 * r.normal()).abs());
            debt.push([0.2, 0.5, 0.85][seg] + 0.05 * r.normal());
            years.push(if i % 17 == 0 {
                f64::NAN
            } else {
                [15.0, 6.0, 1.5][seg] + r.normal()
            });
            region.push(if i % 11 == 0 {
                None
            } else {
                Some(["east", "west"][i % 2].to_string())
            });
            bad.push(Some(seg == 2 && i % 4 == 0));
        }
        (
            vec![
                ("revenue".into(), revenue),
                ("debt_ratio".into(), debt),
                ("years".into(), years),
            ],
            vec![("region".into(), region)],
            bad,
        )
    }

    #[test]
    fn end_to_end_fit_profile_save_and_assign() {
        let (num, cat, bad) = customers(300);
        let money = vec!["revenue".to_string()];
        let input = ClusterInput {
            numeric: &num,
            categorical: &[],
            money_columns: &money,
        };
        let opts = ClusterOptions {
            k: 3,
            ..ClusterOptions::default()
        };
        let report = fit_clusters(&input, &opts).unwrap();
        assert_eq!(report.sizes.iter().sum::<usize>(), 300);
        assert_eq!(report.sizes, vec![100, 100, 100]);
        assert_eq!(report.imputed[2].count, 18);
        // Training rows are assigned to their own segment by the saved model.
        let json = serde_json::to_string(&report.model).unwrap();
        let model: ClusterModel = serde_json::from_str(&json).unwrap();
        for i in (0..300).step_by(7) {
            let row = [num[0].1[i], num[1].1[i], num[2].1[i]];
            assert_eq!(model.assign(&row, &[]).unwrap(), report.labels[i]);
        }
        let c = model
            .assign_named(&[("revenue", 5e6), ("debt_ratio", 0.2)], &[])
            .unwrap();
        assert_eq!(c, report.labels[0]);

        let mut names = DisplayNames::new();
        names.insert("revenue".into(), ("营业收入".into(), "revenue".into()));
        names.insert(
            "debt_ratio".into(),
            ("资产负债率".into(), "debt ratio".into()),
        );
        names.insert(
            "years".into(),
            ("经营年限".into(), "years in business".into()),
        );
        let prof = report.profiles(&names, Some(&bad)).unwrap();
        let big = &prof.clusters[report.labels[0] as usize];
        assert!(
            big.description_en.contains("high revenue"),
            "{}",
            big.description_en
        );
        assert!(
            big.description_zh.contains("营业收入高"),
            "{}",
            big.description_zh
        );
        let risky = &prof.clusters[report.labels[2] as usize];
        assert!(risky.default_rate.unwrap() > 0.2);
        let pca = report.pca(Some((50, 1))).unwrap();
        assert_eq!(pca.coords.len(), 50);
        let seg_names: Vec<Option<String>> =
            (0..300).map(|i| Some(format!("rule{}", i % 2))).collect();
        let t = report.cross_table(&seg_names).unwrap();
        assert_eq!(t.counts.iter().flatten().sum::<usize>(), 300);

        // With categorical columns and robust scaling, and mini-batch.
        let input = ClusterInput {
            numeric: &num,
            categorical: &cat,
            money_columns: &money,
        };
        let opts = ClusterOptions {
            k: 3,
            scaling: Scaling::Robust,
            mode: KMeansMode::MiniBatch { batch_size: 64 },
            ..ClusterOptions::default()
        };
        let r2 = fit_clusters(&input, &opts).unwrap();
        assert!(r2.feature_names.contains(&"region=east".to_string()));
        let m = &r2.model;
        let row = [num[0].1[5], num[1].1[5], num[2].1[5]];
        assert_eq!(
            m.assign(&row, &[cat[0].1[5].as_deref()]).unwrap(),
            r2.labels[5]
        );
    }

    #[test]
    fn same_seed_same_segments() {
        let (num, _, _) = customers(120);
        let input = ClusterInput {
            numeric: &num,
            categorical: &[],
            money_columns: &[],
        };
        let opts = ClusterOptions {
            k: 4,
            seed: 9,
            n_init: 3,
            ..ClusterOptions::default()
        };
        assert_eq!(
            fit_clusters(&input, &opts).unwrap(),
            fit_clusters(&input, &opts).unwrap()
        );
    }

    #[test]
    fn bad_input_is_reported_not_panicked() {
        let (num, _, _) = customers(30);
        let input = ClusterInput {
            numeric: &num,
            categorical: &[],
            money_columns: &[],
        };
        let k = |k| ClusterOptions {
            k,
            ..ClusterOptions::default()
        };
        assert_eq!(
            fit_clusters(&input, &k(0)).unwrap_err(),
            ClusterError::KIsZero
        );
        assert_eq!(
            fit_clusters(&input, &k(31)).unwrap_err(),
            ClusterError::KExceedsRows { k: 31, n_rows: 30 }
        );
        let none = ClusterInput {
            numeric: &[],
            categorical: &[],
            money_columns: &[],
        };
        assert_eq!(
            fit_clusters(&none, &k(2)).unwrap_err(),
            ClusterError::NoFeatures
        );
        let empty_cols = vec![("a".to_string(), vec![])];
        let empty = ClusterInput {
            numeric: &empty_cols,
            categorical: &[],
            money_columns: &[],
        };
        assert_eq!(
            fit_clusters(&empty, &k(2)).unwrap_err(),
            ClusterError::EmptyInput
        );
        // all-identical rows: every feature has zero variance
        let same = vec![
            ("a".to_string(), vec![1.0; 10]),
            ("b".to_string(), vec![2.0; 10]),
        ];
        let same_in = ClusterInput {
            numeric: &same,
            categorical: &[],
            money_columns: &[],
        };
        assert!(matches!(
            fit_clusters(&same_in, &k(2)).unwrap_err(),
            ClusterError::NoUsableFeatures { .. }
        ));
        // NaN/inf are imputed, a zero-variance column is dropped with a warning
        let mixed = vec![
            (
                "a".to_string(),
                vec![1.0, f64::NAN, 3.0, f64::INFINITY, 5.0, 6.0],
            ),
            ("flat".to_string(), vec![7.0; 6]),
        ];
        let mixed_in = ClusterInput {
            numeric: &mixed,
            categorical: &[],
            money_columns: &[],
        };
        let r = fit_clusters(&mixed_in, &k(2)).unwrap();
        assert_eq!(r.feature_names, vec!["a"]);
        assert_eq!(
            r.warnings,
            vec![PrepWarning::ZeroVarianceDropped {
                feature: "flat".into()
            }]
        );
        assert_eq!(r.imputed[0].count, 2);
        // fewer distinct rows than k
        let few = vec![("a".to_string(), vec![1.0, 1.0, 2.0, 2.0])];
        let few_in = ClusterInput {
            numeric: &few,
            categorical: &[],
            money_columns: &[],
        };
        assert_eq!(
            fit_clusters(&few_in, &k(3)).unwrap_err(),
            ClusterError::TooFewDistinctRows { k: 3, distinct: 2 }
        );
        // a corrupted model is refused
        let mut model = r.model.clone();
        model.centroids.pop();
        assert!(matches!(
            model.assign(&[1.0, 1.0], &[]),
            Err(ClusterError::InvalidModel(_))
        ));
        assert!(matches!(
            r.model.assign(&[1.0], &[]),
            Err(ClusterError::LengthMismatch { .. })
        ));
        let mut huge = r.model.clone();
        huge.k = usize::MAX;
        assert!(matches!(
            huge.assign(&[1.0, 1.0], &[]),
            Err(ClusterError::InvalidModel(_))
        ));
        let json = serde_json::to_string(&r.model)
            .unwrap()
            .replace("\"scale\":", "\"scale\":-");
        let edited: ClusterModel = serde_json::from_str(&json).unwrap();
        assert!(matches!(
            edited.assign(&[1.0, 1.0], &[]),
            Err(ClusterError::InvalidModel(_))
        ));
        assert!(ClusterError::KIsZero.to_string().contains("at least 1"));
    }

    #[test]
    fn select_k_through_the_api() {
        let (num, _, _) = customers(150);
        let money = vec!["revenue".to_string()];
        let input = ClusterInput {
            numeric: &num,
            categorical: &[],
            money_columns: &money,
        };
        let sel = select_k_for(&input, &ClusterOptions::default(), 2, 5, 100).unwrap();
        assert_eq!(sel.recommended_k, Some(3));
    }
}
