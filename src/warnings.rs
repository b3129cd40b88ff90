//! Early-warning flags. With several snapshots per customer (`id` + `as_of`), each snapshot is
//! compared with the one before it: revenue drop, overdue receivables rising, days past due rising,
//! debt-ratio jump, negative cash flow while debt rises. Single-snapshot red flags need no history:
//! negative equity, and a revenue drop against `revenue_prev` when the file carries it.
//! Two snapshots of one customer on the same date are reported (as contradictory when they
//! disagree, as a duplicate row when they agree), not merged: both rows keep their results.

use crate::dataset::{Issue, Severity};
use crate::policy::WarningThresholds;
use crate::policy::validate::WARNING_KEYS;

/// Bit positions follow [`WARNING_KEYS`].
pub const REVENUE_DROP: u32 = 1 << 0;
pub const OVERDUE_RISING: u32 = 1 << 1;
pub const DPD_RISING: u32 = 1 << 2;
pub const DEBT_RATIO_JUMP: u32 = 1 << 3;
pub const NEGATIVE_EQUITY: u32 = 1 << 4;
pub const NEGATIVE_CASH_FLOW_RISING_DEBT: u32 = 1 << 5;

/// The columns the flags are computed from (NaN = missing; absent columns as all-NaN slices).
pub struct WarningInputs<'a> {
    pub ids: &'a crate::text_column::TextColumn,
    pub source_rows: &'a [u32],
    pub as_of: &'a [f64],
    pub revenue: &'a [f64],
    pub revenue_prev: &'a [f64],
    pub overdue_share: &'a [f64],
    pub dpd: &'a [f64],
    pub debt_ratio: &'a [f64],
    pub liabilities: &'a [f64],
    pub assets: &'a [f64],
    pub cash_flow: &'a [f64],
}

/// Flags per row, plus issues for contradictory or undatable snapshots.
pub fn compute(x: &WarningInputs, t: &WarningThresholds, issues: &mut Vec<Issue>) -> Vec<u32> {
    let n = x.ids.len();
    let mut bits = vec![0u32; n];
    for (i, b) in bits.iter_mut().enumerate() {
        if x.liabilities[i] > x.assets[i] {
            *b |= NEGATIVE_EQUITY;
        }
        if x.revenue[i] / x.revenue_prev[i] - 1.0 <= -t.revenue_drop {
            *b |= REVENUE_DROP;
        }
    }
    // Most files hold one snapshot per customer: only the ids that repeat are grouped.
    for (id, rows) in crate::repeats::repeated_ids(x.ids) {
        if rows.iter().any(|&r| x.as_of[r].is_nan()) {
            issues.push(Issue {
                row: Some(x.source_rows[rows[0]]),
                column: None,
                code: "undated_snapshots",
                message: format!(
                    "customer '{id}' is on rows {} but not every row has an as_of date; history warnings skipped",
                    row_list(rows.iter().map(|&r| x.source_rows[r]))
                ),
                severity: Severity::Warning,
            });
            continue;
        }
        let mut ordered = rows;
        ordered.sort_by(|&a, &b| x.as_of[a].total_cmp(&x.as_of[b]).then(a.cmp(&b)));
        for pair in ordered.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if x.as_of[a] == x.as_of[b] {
                if !disagree(x, a, b) {
                    issues.push(Issue {
                        row: Some(x.source_rows[b]),
                        column: None,
                        code: "duplicate_row",
                        message: format!(
                            "customer '{id}' has the same snapshot dated {} twice (rows {} and {}); both kept",
                            crate::ingest::cell::format_date(x.as_of[a]),
                            x.source_rows[a],
                            x.source_rows[b]
                        ),
                        severity: Severity::Warning,
                    });
                } else {
                    issues.push(Issue {
                        row: Some(x.source_rows[b]),
                        column: None,
                        code: "contradictory_snapshots",
                        message: format!(
                            "customer '{id}' has two different snapshots dated {} (rows {} and {})",
                            crate::ingest::cell::format_date(x.as_of[a]),
                            x.source_rows[a],
                            x.source_rows[b]
                        ),
                        severity: Severity::Warning,
                    });
                }
                continue;
            }
            let (prev, cur) = (a, b);
            if x.revenue[cur] / x.revenue[prev] - 1.0 <= -t.revenue_drop {
                bits[cur] |= REVENUE_DROP;
            }
            if x.overdue_share[cur] - x.overdue_share[prev] >= t.overdue_share_rise {
                bits[cur] |= OVERDUE_RISING;
            }
            if x.dpd[cur] - x.dpd[prev] >= t.dpd_rise {
                bits[cur] |= DPD_RISING;
            }
            if x.debt_ratio[cur] - x.debt_ratio[prev] >= t.debt_ratio_jump {
                bits[cur] |= DEBT_RATIO_JUMP;
            }
            if x.cash_flow[cur] < 0.0 && x.liabilities[cur] > x.liabilities[prev] {
                bits[cur] |= NEGATIVE_CASH_FLOW_RISING_DEBT;
            }
        }
    }
    bits
}

/// `2 and 3`, `2, 5 and 9`, or the first five and how many more.
fn row_list(rows: impl Iterator<Item = u32>) -> String {
    let rows: Vec<String> = rows.map(|r| r.to_string()).collect();
    match rows.len() {
        0 | 1 => rows.concat(),
        n if n <= 5 => format!("{} and {}", rows[..n - 1].join(", "), rows[n - 1]),
        n => format!("{} and {} more", rows[..5].join(", "), n - 5),
    }
}

fn disagree(x: &WarningInputs, a: usize, b: usize) -> bool {
    let same = |v: &[f64]| v[a] == v[b] || (v[a].is_nan() && v[b].is_nan());
    ![
        x.revenue,
        x.overdue_share,
        x.dpd,
        x.debt_ratio,
        x.liabilities,
        x.assets,
        x.cash_flow,
    ]
    .iter()
    .all(|v| same(v))
}

/// The flag keys set in `bits`, in [`WARNING_KEYS`] order.
pub fn keys(bits: u32) -> impl Iterator<Item = &'static str> {
    WARNING_KEYS
        .iter()
        .enumerate()
        .filter(move |(i, _)| bits & (1 << i) != 0)
        .map(|(_, k)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thresholds() -> WarningThresholds {
        WarningThresholds {
            revenue_drop: 0.2,
            overdue_share_rise: 0.05,
            dpd_rise: 30.0,
            debt_ratio_jump: 0.15,
        }
    }

    #[test]
    fn history_flags_compare_with_the_previous_snapshot_in_date_order() {
        let ids: crate::text_column::TextColumn = ["a", "a", "a", "b"].into_iter().collect();
        let nan = f64::NAN;
        // Rows given out of date order: row 0 is the latest snapshot of "a".
        let x = WarningInputs {
            ids: &ids,
            source_rows: &[2, 3, 4, 5],
            as_of: &[300.0, 100.0, 200.0, 100.0],
            revenue: &[70.0, 100.0, 95.0, 50.0],
            revenue_prev: &[nan, nan, nan, 80.0],
            overdue_share: &[0.20, 0.02, 0.10, nan],
            dpd: &[45.0, 0.0, 10.0, nan],
            debt_ratio: &[0.9, 0.5, 0.6, 1.2],
            liabilities: &[90.0, 50.0, 60.0, 120.0],
            assets: &[100.0, 100.0, 100.0, 100.0],
            cash_flow: &[-5.0, 1.0, 2.0, 1.0],
        };
        let mut issues = Vec::new();
        let bits = compute(&x, &thresholds(), &mut issues);
        assert!(issues.is_empty());
        assert_eq!(bits[1], 0, "first snapshot has nothing to compare with");
        assert_eq!(
            bits[2], OVERDUE_RISING,
            "0.02 → 0.10; revenue −5% and dpd +10 stay below thresholds"
        );
        assert_eq!(
            bits[0],
            REVENUE_DROP
                | OVERDUE_RISING
                | DPD_RISING
                | DEBT_RATIO_JUMP
                | NEGATIVE_CASH_FLOW_RISING_DEBT
        );
        assert_eq!(
            bits[3],
            NEGATIVE_EQUITY | REVENUE_DROP,
            "single snapshot: equity < 0 and revenue_prev drop"
        );
        assert_eq!(
            keys(bits[3]).collect::<Vec<_>>(),
            ["revenue_drop", "negative_equity"]
        );
    }

    #[test]
    fn contradictory_and_undated_snapshots_are_reported() {
        let ids: crate::text_column::TextColumn = ["a", "a", "b", "b"].into_iter().collect();
        let nan = f64::NAN;
        let x = WarningInputs {
            ids: &ids,
            source_rows: &[2, 3, 4, 5],
            as_of: &[100.0, 100.0, nan, 50.0],
            revenue: &[100.0, 120.0, 1.0, 1.0],
            revenue_prev: &[nan; 4],
            overdue_share: &[nan; 4],
            dpd: &[nan; 4],
            debt_ratio: &[nan; 4],
            liabilities: &[nan; 4],
            assets: &[nan; 4],
            cash_flow: &[nan; 4],
        };
        let mut issues = Vec::new();
        compute(&x, &thresholds(), &mut issues);
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert_eq!(issues[0].code, "contradictory_snapshots");
        assert!(
            issues[0].message.contains("rows 2 and 3"),
            "{}",
            issues[0].message
        );
        assert_eq!(issues[1].code, "undated_snapshots");
        assert!(
            issues[1].message.contains("on rows 4 and 5"),
            "{}",
            issues[1].message
        );
    }

    #[test]
    fn an_identical_snapshot_twice_is_a_duplicate_row() {
        let ids: crate::text_column::TextColumn = ["a", "a", "a"].into_iter().collect();
        let nan = f64::NAN;
        let x = WarningInputs {
            ids: &ids,
            source_rows: &[2, 3, 7],
            as_of: &[100.0, 100.0, 100.0],
            revenue: &[100.0, 100.0, 100.0],
            revenue_prev: &[nan; 3],
            overdue_share: &[nan; 3],
            dpd: &[nan; 3],
            debt_ratio: &[nan; 3],
            liabilities: &[nan; 3],
            assets: &[nan; 3],
            cash_flow: &[nan; 3],
        };
        let mut issues = Vec::new();
        let bits = compute(&x, &thresholds(), &mut issues);
        assert_eq!(bits, [0, 0, 0]);
        let got: Vec<(&str, Option<u32>)> = issues.iter().map(|i| (i.code, i.row)).collect();
        assert_eq!(
            got,
            [("duplicate_row", Some(3)), ("duplicate_row", Some(7))]
        );
        assert!(
            issues[1].message.contains("(rows 3 and 7)"),
            "{}",
            issues[1].message
        );
        assert_eq!(
            row_list([2, 3, 4, 5, 6, 7, 8].into_iter()),
            "2, 3, 4, 5, 6 and 2 more"
        );
    }
}
