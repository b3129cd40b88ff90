//! Runs the classifiers over a whole [`Dataset`], column by column, and returns the result
//! columns (one entry per input row, in input order) plus the row-level issues they raise.
//! Single records go through the same path as one-row datasets, so batch and single agree.

use crate::dataset::{Dataset, Issue, Severity};
use crate::industry::{Industry, IndustryError};
use crate::sme_size::{self, SizeClass, SizeFigures};
use std::collections::HashMap;

/// The result table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    pub ids: Vec<String>,
    pub source_rows: Vec<u32>,
    pub size_class: Vec<SizeClass>,
    /// Why the size class is `unknown`; empty otherwise.
    pub size_reason: Vec<String>,
    /// Problems found while classifying (in addition to the dataset's read issues).
    pub issues: Vec<Issue>,
}

impl Results {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Count per size class, in [`SizeClass::ALL`] order.
    pub fn size_counts(&self) -> [usize; 5] {
        let mut counts = [0; 5];
        for c in &self.size_class {
            counts[*c as usize] += 1;
        }
        counts
    }
}

pub fn run(ds: &Dataset) -> Results {
    let mut results = Results {
        ids: ds.ids(),
        source_rows: ds.source_rows.clone(),
        ..Results::default()
    };
    classify_sizes(ds, &mut results);
    results
}

fn column_or_nan<'a>(ds: &'a Dataset, field: &str, nan: &'a [f64]) -> &'a [f64] {
    ds.numbers(field).unwrap_or(nan)
}

fn classify_sizes(ds: &Dataset, out: &mut Results) {
    let nan = vec![f64::NAN; ds.n_rows];
    let employees = column_or_nan(ds, "employees", &nan);
    let revenue = column_or_nan(ds, "revenue", &nan);
    let assets = column_or_nan(ds, "total_assets", &nan);
    let empty = vec![String::new(); ds.n_rows];
    let industries = ds.texts("industry").unwrap_or(&empty);
    let industry_header = ds.header_of("industry");
    let mut parsed: HashMap<&str, Result<Industry, IndustryError>> = HashMap::new();
    out.size_class.reserve(ds.n_rows);
    out.size_reason.reserve(ds.n_rows);
    for i in 0..ds.n_rows {
        let industry = parsed
            .entry(industries[i].as_str())
            .or_insert_with_key(|s| Industry::parse(s));
        let figures = SizeFigures {
            employees: known(employees[i]),
            revenue_wan: known(revenue[i]).map(|v| v / 10_000.0),
            total_assets_wan: known(assets[i]).map(|v| v / 10_000.0),
        };
        let (class, why) = sme_size::classify(industry, &figures);
        if let Err(err) = industry {
            if *err != IndustryError::Missing {
                out.issues.push(Issue {
                    row: Some(ds.source_rows[i]),
                    column: Some(industry_header.clone()),
                    code: "unknown_industry",
                    message: err.to_string(),
                    severity: Severity::Warning,
                });
            }
        }
        out.size_class.push(class);
        out.size_reason
            .push(why.map(|w| w.to_string()).unwrap_or_default());
    }
}

fn known(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}
