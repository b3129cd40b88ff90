//! Shared by the fuzz targets: the built-in policies parsed once, and the invariants every read
//! and every run must keep whatever the input — so a target finds wrong answers (lost rows, rows
//! without a segment, scores that are not the sum of their points), not only panics.
#![allow(dead_code)]

use lendseg::batch::RunOptions;
use lendseg::dataset::{ColumnData, Dataset};
use lendseg::policy::{self, Policy};
use lendseg::results::Results;
use std::sync::OnceLock;

pub fn builtins() -> &'static [Policy; 2] {
    static P: OnceLock<[Policy; 2]> = OnceLock::new();
    P.get_or_init(|| {
        [
            policy::builtin("enterprise").unwrap(),
            policy::builtin("individual").unwrap(),
        ]
    })
}

/// A dataset is internally consistent: every column and the row numbers as long as the row
/// count, row numbers increasing past the header, issues pointing at rows that exist in the file.
pub fn check_dataset(ds: &Dataset) {
    assert_eq!(ds.source_rows.len(), ds.n_rows);
    for c in &ds.columns {
        let len = match &c.data {
            ColumnData::Number(v) | ColumnData::Date(v) => v.len(),
            ColumnData::Text(v) => v.len(),
        };
        assert_eq!(len, ds.n_rows, "column {} has {len} values", c.field);
    }
    assert!(ds.source_rows.windows(2).all(|w| w[0] < w[1]));
    assert!(ds.source_rows.first().is_none_or(|&r| r >= 2));
    for issue in &ds.issues {
        assert!(!issue.message.is_empty());
        assert!(issue.row.is_none_or(|r| r >= 1), "{issue:?}");
    }
}

/// Results keep every row: one result per dataset row, in order, each with exactly one segment,
/// and every score the (saturating) sum of its feature points.
pub fn check_results(ds: &Dataset, r: &Results) {
    assert_eq!(r.len(), ds.n_rows);
    assert_eq!(r.source_rows, ds.source_rows);
    let score = match r.column("score").map(|c| &c.data) {
        Some(lendseg::results::ResultData::Int(v)) => v.clone(),
        other => panic!("score column is {other:?}"),
    };
    for row in 0..r.len() {
        assert!(
            !r.key("segment", row).is_empty(),
            "row {row} has no segment"
        );
        let sum: i64 = r.points.iter().map(|p| p[row] as i64).sum();
        assert_eq!(
            score[row] as i64,
            sum.clamp(i32::MIN as i64, i32::MAX as i64),
            "row {row}"
        );
    }
}

/// Read, run, and write every output the front-ends offer, checking the invariants.
pub fn full_run(bytes: &[u8], policy: &Policy, read: &lendseg::ingest::ReadOptions) {
    let run = RunOptions {
        today: Some(20_000.0),
        ..RunOptions::default()
    };
    let (ds, results) = lendseg::segment_bytes(bytes, policy, read, &run);
    check_dataset(&ds);
    check_results(&ds, &results);
    let csv = lendseg::output::to_csv(
        &results,
        lendseg::output::CsvOptions {
            bom: true,
            excel_safe: true,
            ..Default::default()
        },
    );
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let jsonl = lendseg::output::to_jsonl(&results);
    assert_eq!(jsonl.iter().filter(|&&b| b == b'\n').count(), results.len());
    let profile = lendseg::profile::profile(&results, &ds, policy);
    assert_eq!(
        profile.iter().map(|p| p.count).sum::<usize>(),
        results.len()
    );
    if let Some(s) = policy.stress.first() {
        lendseg::stress::migration(&ds, &results, policy, &s.name, &run).unwrap();
    }
}
