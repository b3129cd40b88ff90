//! Scorecard-quality benchmark of training-option variants on the splits written by
//! `benches/learn/credit_splits.py`: for every split directory (`<data>_kNN/{train,test}.csv`,
//! label `bad`) and every named variant, fits on train, scores test through the integer
//! scorecard and prints one JSON line (test and train AUC/KS, features kept, fit time).
//! `benches/learn/credit_report.py` turns the lines into per-data means and paired differences.
//!
//! Run: `cargo run --release --example train_bench -- SPLITS_DIR VARIANT…` (`--list` names them).

use lendseg::train::{
    self, CategoryOrder, MonotonicTrend, Prebinning, TableSpec, TrainInput, TrainOptions,
};
use std::time::Instant;

type Variant = (&'static str, fn(&mut TrainOptions));

fn variants() -> Vec<Variant> {
    vec![
        ("default", |_| {}),
        ("iv0", |o| o.screening.min_iv = 0.0),
        ("cart", |o| o.binning.prebinning = Prebinning::Cart),
        ("auto_t6", |o| {
            o.binning.monotonic = MonotonicTrend::Auto;
            o.binning.turn_threshold = 5.99;
        }),
        ("auto", |o| o.binning.monotonic = MonotonicTrend::Auto),
        ("bins20", |o| o.binning.max_bins = 20),
        ("l2_0", |o| o.logistic.l2 = Some(0.0)),
        ("corr6", |o| o.screening.max_correlation = 0.6),
        ("nosign", |o| o.drop_wrong_sign = false),
        ("cart_q40_mix", |o| {
            o.binning.prebinning = Prebinning::Cart;
            o.binning.max_prebins = 40;
        }),
        ("eb", |o| {
            o.binning.category_order = CategoryOrder::EmpiricalBayes
        }),
        ("eb_all", |o| {
            o.binning.category_order = CategoryOrder::EmpiricalBayes;
            o.binning.min_category_share = 0.49;
        }),
        ("prior20", |o| {
            o.binning.category_order = CategoryOrder::Shrunk(20.0);
            o.binning.min_category_share = 0.0;
        }),
        ("nopool", |o| o.binning.min_category_share = 0.0),
        ("q40", |o| o.binning.max_prebins = 40),
        ("q100", |o| o.binning.max_prebins = 100),
        ("q100_b20", |o| {
            o.binning.max_prebins = 100;
            o.binning.max_bins = 20;
        }),
        ("auto_t0", |o| {
            o.binning.monotonic = MonotonicTrend::Auto;
            o.binning.turn_threshold = 0.0;
        }),
        ("corr9", |o| o.screening.max_correlation = 0.9),
        ("cart_b20", |o| {
            o.binning.prebinning = Prebinning::Cart;
            o.binning.max_bins = 20;
        }),
    ]
}

fn read(path: &str) -> TrainInput {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (header, rows) = train::adopt::read_table(&bytes).expect("table");
    let spec = TableSpec {
        target: "bad".into(),
        bad_value: None,
        exclude: vec![],
    };
    TrainInput::from_table(&header, &rows, &spec)
        .expect("labelled table")
        .input
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let all = variants();
    if args.first().map(String::as_str) == Some("--list") || args.len() < 2 {
        eprintln!("usage: train_bench SPLITS_DIR VARIANT…; variants:");
        for (n, _) in &all {
            eprintln!("  {n}");
        }
        return;
    }
    let mut dirs: Vec<_> = std::fs::read_dir(&args[0])
        .expect("splits dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("train.csv").exists())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    dirs.sort();
    for split in dirs {
        let base = format!("{}/{split}", args[0]);
        let tr = read(&format!("{base}/train.csv"));
        let te = read(&format!("{base}/test.csv"));
        for name in &args[1..] {
            let (_, set) = all
                .iter()
                .find(|(n, _)| n == name)
                .unwrap_or_else(|| panic!("unknown variant {name}"));
            let mut opts = TrainOptions::default();
            set(&mut opts);
            let t = Instant::now();
            let rep = match train::fit(&tr, &opts) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("{split} {name}: {e}");
                    continue;
                }
            };
            let ms = t.elapsed().as_secs_f64() * 1e3;
            if std::env::var_os("TRAIN_BENCH_VERBOSE").is_some() {
                for c in &rep.coefficients.features {
                    eprintln!(
                        "{split} {name}: {} coef {:.3} iv {:.4}",
                        c.name, c.coefficient, c.iv
                    );
                }
                for d in &rep.dropped {
                    eprintln!("{split} {name}: dropped {}: {}", d.name, d.message);
                }
            }
            let m = train::evaluate(&rep.scorecard, &te).expect("evaluate");
            println!(
                "{{\"split\":\"{split}\",\"tool\":\"{name}\",\"test\":{{\"auc\":{},\"ks\":{}}},\
                 \"train\":{{\"auc\":{},\"ks\":{}}},\"features\":{},\"fit_ms\":{ms:.2}}}",
                m.auc,
                m.ks,
                rep.train_metrics.auc,
                rep.train_metrics.ks,
                rep.coefficients.features.len()
            );
        }
    }
}
