//! k-means on small random matrices (values ordinary, repeated, extreme, non-finite) with random
//! k, restarts, iterations, tolerance and mode. A refusal is fine; a fit must label every row
//! with a cluster below k, and its labels and inertia must equal a brute-force assignment to its
//! centroids bit for bit (the documented guarantee). The same rows as a feature table also go
//! through `fit_clusters` (scaling, imputation, one-hot) and the 2-D PCA.
#![no_main]

use lendseg::cluster::kmeans::assign;
use lendseg::cluster::{
    ClusterInput, ClusterOptions, KMeansMode, KMeansParams, fit_clusters, fit_kmeans, pca_2d,
};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Num {
    Level(u8),
    Small(i16),
    Raw(f64),
}

#[derive(Arbitrary, Debug)]
struct Input {
    n_features: u8,
    values: Vec<Num>,
    k: u8,
    n_init: u8,
    max_iter: u8,
    tol: u8,
    seed: u64,
    mini_batch: Option<u8>,
    categorical: Vec<u8>,
}

fuzz_target!(|input: Input| {
    let d = 1 + input.n_features as usize % 6;
    if input.values.len() > 600 {
        return;
    }
    let data: Vec<f64> = input
        .values
        .iter()
        .map(|v| match v {
            Num::Level(x) => (*x % 4) as f64,
            Num::Small(x) => *x as f64,
            Num::Raw(x) => *x,
        })
        .collect();
    let params = KMeansParams {
        k: input.k as usize % 12,
        n_init: input.n_init as usize % 4,
        max_iter: input.max_iter as usize % 60,
        tol: input.tol as f64 / 1000.0,
        seed: input.seed,
        mode: match input.mini_batch {
            Some(b) => KMeansMode::MiniBatch {
                batch_size: b as usize,
            },
            None => KMeansMode::Full,
        },
    };
    if let Ok(m) = fit_kmeans(&data, d, &params) {
        let n = data.len() / d;
        assert_eq!(m.labels.len(), n);
        assert!(m.labels.iter().all(|&l| (l as usize) < m.k));
        assert!(m.inertia >= 0.0, "inertia {}", m.inertia);
        let (labels, inertia) = assign(&data, d, &m.centroids, m.k).unwrap();
        assert_eq!(labels, m.labels);
        assert_eq!(inertia.to_bits(), m.inertia.to_bits());
        let _ = pca_2d(&data, d, None);
    }

    // The same values as named columns with missing values allowed, plus one categorical.
    let n = data.len() / d;
    if n == 0 {
        return;
    }
    let numeric: Vec<(String, Vec<f64>)> = (0..d)
        .map(|j| (format!("f{j}"), (0..n).map(|i| data[i * d + j]).collect()))
        .collect();
    let categorical: Vec<(String, Vec<Option<String>>)> = if input.categorical.is_empty() {
        Vec::new()
    } else {
        let c = &input.categorical;
        vec![(
            "kind".to_string(),
            (0..n)
                .map(|i| match c[i % c.len()] % 4 {
                    0 => None,
                    k => Some(format!("k{k}")),
                })
                .collect(),
        )]
    };
    let money = vec!["f0".to_string()];
    let options = ClusterOptions {
        k: params.k,
        n_init: params.n_init,
        max_iter: params.max_iter,
        tol: params.tol,
        seed: params.seed,
        mode: params.mode,
        ..ClusterOptions::default()
    };
    let cluster_input = ClusterInput {
        numeric: &numeric,
        categorical: &categorical,
        money_columns: &money,
    };
    if let Ok(report) = fit_clusters(&cluster_input, &options) {
        assert_eq!(report.labels.len(), n);
        report.model.validate().expect("a fitted model is valid");
        let _ = report.pca(None);
    }
});
