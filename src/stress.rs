//! Stress testing (003): apply a policy scenario's shocks to the inputs (revenue −20%, collateral
//! −30%…), rerun the whole policy, and report how grades migrate — the matrix of base grade ×
//! stressed grade, and the change in mean PD and expected loss.

use crate::batch::{RunOptions, run};
use crate::dataset::{ColumnData, Dataset};
use crate::policy::Policy;
use crate::results::{ResultData, Results};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Migration {
    pub scenario: String,
    /// Grade keys, best first, `D` last.
    pub grades: Vec<String>,
    /// `counts[base][stressed]`.
    pub counts: Vec<Vec<usize>>,
    pub downgraded: usize,
    pub upgraded: usize,
    pub unchanged: usize,
    pub mean_pd_base: f64,
    pub mean_pd_stressed: f64,
    pub total_el_base: f64,
    pub total_el_stressed: f64,
}

/// Apply a scenario's shocks. A shock moves a value by `factor − 1` of its size, so 0.8 takes 20%
/// off a positive revenue and makes a loss 20% deeper (plain multiplication would shrink a loss);
/// overdue receivables are then capped at total receivables, which they cannot exceed.
pub fn shocked(ds: &Dataset, policy: &Policy, scenario: &str) -> Result<Dataset, String> {
    let s = policy
        .stress
        .iter()
        .find(|s| s.name == scenario)
        .ok_or_else(|| {
            let names: Vec<&str> = policy.stress.iter().map(|s| s.name.as_str()).collect();
            format!(
                "no stress scenario '{scenario}' in policy '{}' (it has: {})",
                policy.name,
                names.join(", ")
            )
        })?;
    let mut out = ds.clone();
    for shock in &s.shocks {
        if let Some(col) = out.columns.iter_mut().find(|c| c.field == shock.field) {
            if let ColumnData::Number(v) = &mut col.data {
                v.iter_mut()
                    .for_each(|x| *x += x.abs() * (shock.factor - 1.0));
            }
        }
    }
    let receivables = out.numbers("accounts_receivable").map(<[f64]>::to_vec);
    if let (Some(total), Some(col)) = (
        receivables,
        out.columns
            .iter_mut()
            .find(|c| c.field == "overdue_receivables"),
    ) {
        if let ColumnData::Number(v) = &mut col.data {
            for (x, t) in v.iter_mut().zip(total) {
                if *x > t {
                    *x = t;
                }
            }
        }
    }
    Ok(out)
}

fn mean_and_sum(results: &Results, name: &str) -> (f64, f64) {
    match results.column(name).map(|c| &c.data) {
        Some(ResultData::Num { values, .. }) => {
            let known: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
            let sum: f64 = known.iter().sum();
            (
                if known.is_empty() {
                    f64::NAN
                } else {
                    sum / known.len() as f64
                },
                sum,
            )
        }
        _ => (f64::NAN, f64::NAN),
    }
}

/// Grade migration of `ds` under a scenario. `base` is the batch's own result under the same
/// policy and options (the caller already has it), so only the shocked batch is run here.
pub fn migration(
    ds: &Dataset,
    base: &Results,
    policy: &Policy,
    scenario: &str,
    opts: &RunOptions,
) -> Result<Migration, String> {
    let stressed = run(&shocked(ds, policy, scenario)?, policy, opts);
    let grades = policy.grade_keys();
    let index = |r: &Results, row: usize| grades.iter().position(|g| *g == r.key("grade", row));
    let mut counts = vec![vec![0usize; grades.len()]; grades.len()];
    let (mut down, mut up, mut same) = (0, 0, 0);
    for row in 0..base.len() {
        let (Some(a), Some(b)) = (index(base, row), index(&stressed, row)) else {
            continue;
        };
        counts[a][b] += 1;
        match b.cmp(&a) {
            std::cmp::Ordering::Greater => down += 1,
            std::cmp::Ordering::Less => up += 1,
            std::cmp::Ordering::Equal => same += 1,
        }
    }
    let (pd_base, _) = mean_and_sum(base, "pd");
    let (pd_stressed, _) = mean_and_sum(&stressed, "pd");
    Ok(Migration {
        scenario: scenario.into(),
        grades,
        counts,
        downgraded: down,
        upgraded: up,
        unchanged: same,
        mean_pd_base: pd_base,
        mean_pd_stressed: pd_stressed,
        total_el_base: mean_and_sum(base, "el").1,
        total_el_stressed: mean_and_sum(&stressed, "el").1,
    })
}

impl Migration {
    /// The matrix as CSV: one row per base grade, one column per stressed grade.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let mut header = vec![format!("{} base\\stressed", self.scenario)];
        header.extend(self.grades.iter().cloned());
        w.write_record(&header).expect("in-memory");
        for (g, row) in self.grades.iter().zip(&self.counts) {
            let mut rec = vec![g.clone()];
            rec.extend(row.iter().map(|c| c.to_string()));
            w.write_record(&rec).expect("in-memory");
        }
        w.into_inner().expect("in-memory")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo_data::{DemoOptions, generate};
    use crate::fields::builtin_fields;
    use crate::ingest::{ReadOptions, read_delimited};
    use crate::policy::builtin;

    #[test]
    fn a_recession_moves_grades_down_and_never_loses_a_customer() {
        let csv = generate(&DemoOptions {
            rows: 1500,
            seed: 4,
            ..Default::default()
        });
        let ds = read_delimited(csv.as_bytes(), &ReadOptions::default(), &builtin_fields());
        let policy = builtin("enterprise").unwrap();
        let base = run(&ds, &policy, &RunOptions::default());
        let m = migration(&ds, &base, &policy, "recession", &RunOptions::default()).unwrap();
        let total: usize = m.counts.iter().flatten().sum();
        assert_eq!(total, 1500);
        assert_eq!(m.downgraded + m.upgraded + m.unchanged, 1500);
        assert!(m.downgraded > 100, "{m:?}");
        // Shocks only make inputs worse; the one way up is the revenue-growth bins, which on purpose
        // score hyper-growth (> 30%) a little below steady growth.
        assert!(
            m.upgraded * 50 < m.downgraded,
            "{} up vs {} down",
            m.upgraded,
            m.downgraded
        );
        assert!(m.mean_pd_stressed > m.mean_pd_base);
        assert!(m.total_el_stressed > m.total_el_base);
        let severe = migration(&ds, &base, &policy, "severe", &RunOptions::default()).unwrap();
        assert!(severe.downgraded > m.downgraded);
        assert!(
            migration(&ds, &base, &policy, "nope", &RunOptions::default())
                .unwrap_err()
                .contains("recession")
        );
        let csv = String::from_utf8(m.to_csv()).unwrap();
        assert!(
            csv.starts_with("recession base\\stressed,AAA,AA,A,BBB,BB,B,CCC,CC,C,D\n"),
            "{csv}"
        );
    }
}
