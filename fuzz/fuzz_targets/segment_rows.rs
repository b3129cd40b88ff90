//! Segmenting structured random portfolios: rows of enterprise fields whose values range over
//! ordinary, extreme (±1e308, tiny, negative) and decorated numbers (`1,234`, `１２３`, `45%`,
//! `#N/A`), a few ids and dates so histories and duplicates occur, and a few industry codes good
//! and bad. Beyond the common invariants, the results must not depend on row order: the file
//! read backwards gives every row the same answer.
#![no_main]

mod common;

use lendseg::batch::RunOptions;
use lendseg::output::row_json;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

const NUMBER_FIELDS: [&str; 16] = [
    "employees",
    "revenue",
    "revenue_prev",
    "total_assets",
    "total_liabilities",
    "current_assets",
    "current_liabilities",
    "net_profit",
    "operating_cash_flow",
    "accounts_receivable",
    "overdue_receivables",
    "years_in_business",
    "overdue_count",
    "max_days_past_due",
    "loan_balance",
    "collateral_value",
];
const INDUSTRIES: [&str; 10] = [
    "C13", "F51", "F526", "G53", "J66", "K70", "工业", "L", "", "Z9",
];
const DATES: [&str; 4] = ["2024-12-31", "2025-06-30", "2023/1/31", "2099-01-01"];
const DECORATED: [&str; 8] = [
    "1,234",
    "１２３",
    "45%",
    "#N/A",
    "(1,200)",
    "¥3,000",
    "abc",
    "-",
];
const GUARANTEES: [&str; 5] = ["pledge", "mortgage", "guarantee", "credit", "?"];

#[derive(Arbitrary, Debug)]
enum Value {
    Missing,
    Small(i16),
    Scaled(i32),
    Raw(f64),
    Decorated(u8),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Missing => String::new(),
            Value::Small(v) => v.to_string(),
            Value::Scaled(v) => (*v as f64 * 1000.0).to_string(),
            Value::Raw(v) => format!("{v:e}"),
            Value::Decorated(i) => DECORATED[*i as usize % DECORATED.len()].to_string(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Row {
    id: u8,
    date: u8,
    industry: u8,
    guarantee: u8,
    values: [Value; 16],
}

fn to_csv(rows: &[&Row]) -> Vec<u8> {
    let mut out = String::from("id,as_of,industry,guarantee_type");
    for f in NUMBER_FIELDS {
        out.push(',');
        out.push_str(f);
    }
    out.push('\n');
    for r in rows {
        out.push_str(&format!(
            "C{},{},{},{}",
            r.id % 8,
            DATES[r.date as usize % DATES.len()],
            INDUSTRIES[r.industry as usize % INDUSTRIES.len()],
            GUARANTEES[r.guarantee as usize % GUARANTEES.len()]
        ));
        for v in &r.values {
            out.push(',');
            out.push_str(&v.text());
        }
        out.push('\n');
    }
    out.into_bytes()
}

fuzz_target!(|rows: Vec<Row>| {
    if rows.is_empty() || rows.len() > 64 {
        return;
    }
    let [enterprise, _] = common::builtins();
    let forward: Vec<&Row> = rows.iter().collect();
    let bytes = to_csv(&forward);
    common::full_run(&bytes, enterprise, &Default::default());

    let run = RunOptions::default();
    let (_, a) = lendseg::segment_bytes(&bytes, enterprise, &Default::default(), &run);
    let backward: Vec<&Row> = rows.iter().rev().collect();
    let (_, b) = lendseg::segment_bytes(&to_csv(&backward), enterprise, &Default::default(), &run);
    let n = rows.len();
    for i in 0..n {
        let mut x = row_json(&a, i);
        let mut y = row_json(&b, n - 1 - i);
        x.remove("row");
        y.remove("row");
        assert_eq!(x, y, "row {i} read forwards and backwards");
    }
});
