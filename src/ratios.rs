//! Financial ratios derived from the input fields. Each exists only when its inputs do (NaN
//! otherwise, never a guess), and implausible values (a debt ratio above 10, a negative current
//! ratio) are reported and treated as missing rather than scored.

use crate::dataset::{Dataset, Issue, Severity};

/// The derived ratios, by name.
pub const RATIOS: [&str; 9] = [
    "debt_ratio",
    "current_ratio",
    "net_margin",
    "receivable_turnover",
    "revenue_growth",
    "cash_flow_coverage",
    "overdue_receivable_share",
    "debt_to_income",
    "payment_to_income",
];

/// Display names of the ratios: (name, zh, en).
pub const LABELS: [(&str, &str, &str); 9] = [
    ("debt_ratio", "资产负债率", "Debt ratio"),
    ("current_ratio", "流动比率", "Current ratio"),
    ("net_margin", "销售净利率", "Net margin"),
    (
        "receivable_turnover",
        "应收账款周转率",
        "Receivable turnover",
    ),
    ("revenue_growth", "营业收入增长率", "Revenue growth"),
    (
        "cash_flow_coverage",
        "经营现金流覆盖率",
        "Cash-flow coverage",
    ),
    (
        "overdue_receivable_share",
        "逾期应收账款占比",
        "Overdue receivable share",
    ),
    ("debt_to_income", "负债收入比", "Debt-to-income"),
    ("payment_to_income", "月供收入比", "Payment-to-income"),
];

/// How each ratio is made: value = numerator / denominator · scale − offset, kept when inside the
/// plausible range: (name, numerator, denominator, scale, offset, low, high).
/// revenue_growth = revenue / revenue_prev − 1; cash-flow coverage = operating cash flow / total
/// liabilities (the share of all debt one year's operating cash would repay); payment-to-income =
/// 12 monthly debt payments / annual income.
const DEFINITIONS: [(&str, &str, &str, f64, f64, f64, f64); 9] = [
    (
        "debt_ratio",
        "total_liabilities",
        "total_assets",
        1.0,
        0.0,
        0.0,
        10.0,
    ),
    (
        "current_ratio",
        "current_assets",
        "current_liabilities",
        1.0,
        0.0,
        0.0,
        1000.0,
    ),
    ("net_margin", "net_profit", "revenue", 1.0, 0.0, -100.0, 1.0),
    (
        "receivable_turnover",
        "revenue",
        "accounts_receivable",
        1.0,
        0.0,
        0.0,
        1e6,
    ),
    (
        "revenue_growth",
        "revenue",
        "revenue_prev",
        1.0,
        1.0,
        -1.0,
        100.0,
    ),
    (
        "cash_flow_coverage",
        "operating_cash_flow",
        "total_liabilities",
        1.0,
        0.0,
        -1000.0,
        1000.0,
    ),
    (
        "overdue_receivable_share",
        "overdue_receivables",
        "accounts_receivable",
        1.0,
        0.0,
        0.0,
        1.0,
    ),
    (
        "debt_to_income",
        "total_debt",
        "annual_income",
        1.0,
        0.0,
        0.0,
        1000.0,
    ),
    (
        "payment_to_income",
        "monthly_debt_payment",
        "annual_income",
        12.0,
        0.0,
        0.0,
        100.0,
    ),
];

/// The two input fields a ratio is made from, or `None` for a name that is not a ratio.
pub fn inputs(name: &str) -> Option<[&'static str; 2]> {
    DEFINITIONS.iter().find(|d| d.0 == name).map(|d| [d.1, d.2])
}

/// Compute every ratio whose inputs are in the dataset. Returns (name, values) pairs and pushes an
/// issue for each implausible value.
pub fn compute(ds: &Dataset, issues: &mut Vec<Issue>) -> Vec<(&'static str, Vec<f64>)> {
    let mut out = Vec::new();
    for (name, num, den, scale, offset, lo, hi) in DEFINITIONS {
        let (Some(a), Some(b)) = (ds.numbers(num), ds.numbers(den)) else {
            continue;
        };
        let header = ds.header_of(num);
        let values = a
            .iter()
            .zip(b)
            .enumerate()
            .map(|(i, (&x, &y))| {
                if x.is_nan() || y.is_nan() || y == 0.0 {
                    return f64::NAN;
                }
                let v = x / y * scale - offset;
                if v < lo || v > hi {
                    issues.push(Issue {
                        row: Some(ds.source_rows[i]),
                        column: Some(header.clone()),
                        code: "implausible_ratio",
                        message: format!("{name} = {v:.4} ({num} {x} / {den} {y}) is outside the plausible range {lo} to {hi}; not used"),
                        severity: Severity::Warning,
                    });
                    return f64::NAN;
                }
                v
            })
            .collect();
        out.push((name, values));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::builtin_fields;
    use crate::ingest::{ReadOptions, read_delimited};

    #[test]
    fn ratios_exist_only_with_their_inputs_and_implausible_ones_are_reported() {
        let csv = "id,total_assets,total_liabilities,revenue,revenue_prev,net_profit\n\
                   a,100,40,200,160,10\n\
                   b,10,150,0,100,5\n\
                   c,,40,100,,\n";
        let ds = read_delimited(csv.as_bytes(), &ReadOptions::default(), &builtin_fields());
        let mut issues = Vec::new();
        let ratios = compute(&ds, &mut issues);
        let get = |n: &str| ratios.iter().find(|(k, _)| *k == n).map(|(_, v)| v.clone());
        let debt = get("debt_ratio").unwrap();
        assert_eq!(debt[0], 0.4);
        assert!(debt[1].is_nan(), "15 is implausible");
        assert!(debt[2].is_nan(), "no assets");
        let growth = get("revenue_growth").unwrap();
        assert!((growth[0] - 0.25).abs() < 1e-12);
        assert_eq!(growth[1], -1.0);
        let margin = get("net_margin").unwrap();
        assert!(
            margin[1].is_nan(),
            "division by zero revenue is missing, not infinite"
        );
        assert!(get("current_ratio").is_none(), "no current assets column");
        assert_eq!(issues.len(), 1);
        assert_eq!(
            (issues[0].row, issues[0].code),
            (Some(3), "implausible_ratio")
        );
        assert!(
            issues[0].message.starts_with("debt_ratio = 15.0000"),
            "{}",
            issues[0].message
        );
    }
}
