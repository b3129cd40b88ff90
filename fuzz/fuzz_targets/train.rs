//! Scorecard training on small random labelled data: up to four numeric or categorical columns
//! (values ordinary, extreme, NaN/inf, few distinct levels), random 0/1 targets and settings
//! (bins, min bin share, IV screen, manual cuts). `train::fit` may refuse (one-class target, no
//! usable variable…) but never panics; a fit scores its own rows and evaluates. The same table
//! written as CSV goes through `train_policy` (reader, adoption into the enterprise policy),
//! whose policy must validate.
#![no_main]

mod common;

use lendseg::train::settings::{TrainSettings, train_policy};
use lendseg::train::{self, ColumnData, TrainColumn, TrainInput, TrainOptions};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;

#[derive(Arbitrary, Debug)]
enum Num {
    Missing,
    Level(u8),
    Small(i16),
    Raw(f64),
}

impl Num {
    fn value(&self) -> f64 {
        match self {
            Num::Missing => f64::NAN,
            Num::Level(v) => (*v % 5) as f64,
            Num::Small(v) => *v as f64,
            Num::Raw(v) => *v,
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Col {
    Numeric(Vec<Num>),
    Categorical(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
struct Input {
    target: Vec<bool>,
    columns: Vec<Col>,
    max_bins: u8,
    min_bin_share: u8,
    min_iv: u8,
    cuts: Option<Vec<i16>>,
}

fuzz_target!(|input: Input| {
    let n = input.target.len();
    if n == 0 || n > 300 || input.columns.is_empty() || input.columns.len() > 4 {
        return;
    }
    let columns: Vec<TrainColumn> = input
        .columns
        .iter()
        .enumerate()
        .map(|(j, c)| TrainColumn {
            name: format!("x{j}"),
            data: match c {
                Col::Numeric(v) if !v.is_empty() => {
                    ColumnData::Numeric((0..n).map(|i| v[i % v.len()].value()).collect())
                }
                Col::Numeric(_) => ColumnData::Numeric(vec![f64::NAN; n]),
                Col::Categorical(v) => ColumnData::Categorical(
                    (0..n)
                        .map(|i| match v.get(i).copied().unwrap_or(0) % 6 {
                            0 => None,
                            k => Some(format!("L{k}")),
                        })
                        .collect(),
                ),
            },
        })
        .collect();
    let target: Vec<u8> = input.target.iter().map(|&b| b as u8).collect();
    let table = TrainInput { columns, target };

    let mut opts = TrainOptions::default();
    opts.binning.max_bins = 1 + input.max_bins as usize % 10;
    opts.binning.min_bin_share = input.min_bin_share as f64 / 1000.0;
    opts.screening.min_iv = input.min_iv as f64 / 2000.0;
    let mut cuts = BTreeMap::new();
    if let Some(c) = &input.cuts {
        cuts.insert(
            "x0".to_string(),
            c.iter().map(|&v| v as f64).collect::<Vec<f64>>(),
        );
    }
    opts.binning.manual_cuts = cuts.clone();
    if let Ok(report) = train::fit(&table, &opts) {
        let scores = train::score(&report.scorecard, &table).expect("scores its own rows");
        assert_eq!(scores.len(), n);
        let _ = train::evaluate(&report.scorecard, &table);
    }

    // The same table as a file, through the reader and the adoption into a policy.
    let mut csv = String::new();
    for c in &table.columns {
        csv.push_str(&c.name);
        csv.push(',');
    }
    csv.push_str("default\n");
    for i in 0..n {
        for c in &table.columns {
            match &c.data {
                ColumnData::Numeric(v) if v[i].is_nan() => {}
                ColumnData::Numeric(v) => csv.push_str(&v[i].to_string()),
                ColumnData::Categorical(v) => csv.push_str(v[i].as_deref().unwrap_or("")),
            }
            csv.push(',');
        }
        csv.push_str(&table.target[i].to_string());
        csv.push('\n');
    }
    let settings = TrainSettings {
        target: "default".into(),
        max_bins: Some(opts.binning.max_bins),
        min_bin_share: Some(opts.binning.min_bin_share),
        min_iv: Some(opts.screening.min_iv),
        cuts,
        ..TrainSettings::default()
    };
    let [enterprise, _] = common::builtins();
    if let Ok(trained) = train_policy(csv.as_bytes(), &settings, enterprise) {
        let problems = lendseg::policy::validate(&trained.policy);
        assert!(problems.is_empty(), "{problems:?}");
    }
});
