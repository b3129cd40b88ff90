//! Properties of the engine over random portfolios and random policies (proptest): every row gets
//! exactly one segment; results are deterministic and do not depend on row order or on batch
//! size (a row alone = the same row in a batch, for every column that is not defined over the
//! batch); score = the sum of the feature points; PD falls as the score rises; a policy survives
//! a JSON round trip exactly (also with full-precision random numbers); the PD never rises over the
//! whole score range.
#![cfg(not(target_arch = "wasm32"))]

use lendseg::batch::RunOptions;
use lendseg::demo_data::{DemoOptions, generate};
use lendseg::output::row_json;
use lendseg::policy::{self, Policy};
use lendseg::results::{ResultData, Results};
use proptest::prelude::*;

fn run(csv: &str, policy: &Policy) -> Results {
    lendseg::segment_bytes(
        csv.as_bytes(),
        policy,
        &Default::default(),
        &RunOptions::default(),
    )
    .1
}

fn ints(r: &Results, name: &str) -> Vec<i32> {
    match &r.column(name).unwrap().data {
        ResultData::Int(v) => v.clone(),
        _ => panic!("{name} is not an int column"),
    }
}

/// A demo file whose data rows are shuffled by `perm_seed` (header kept first).
fn shuffled(csv: &str, perm_seed: u64) -> (String, Vec<usize>) {
    let mut lines: Vec<&str> = csv.lines().collect();
    let header = lines.remove(0);
    let mut order: Vec<usize> = (0..lines.len()).collect();
    let mut r = lendseg::rng::SeededRng::new(perm_seed);
    for i in (1..order.len()).rev() {
        let j = r.below(i as u64 + 1) as usize;
        order.swap(i, j);
    }
    let body: Vec<&str> = order.iter().map(|&i| lines[i]).collect();
    (format!("{header}\n{}\n", body.join("\n")), order)
}

/// A valid policy with random scorecard points and cut points, derived from a built-in one.
fn random_policy(base: &str, seed: u64) -> Policy {
    let mut p = policy::builtin(base).unwrap();
    let mut r = lendseg::rng::SeededRng::new(seed);
    for f in &mut p.scorecard.features {
        if let Some(n) = &mut f.numeric {
            let mut x = n.cuts.first().copied().unwrap_or(0.0) - 1.0;
            for c in &mut n.cuts {
                x += 0.01 + r.uniform() * 2.0;
                *c = (x * 1000.0).round() / 1000.0;
            }
            for pt in &mut n.points {
                *pt = r.below(120) as i32 - 10;
            }
        }
        f.missing_points = r.below(100) as i32;
    }
    p.scorecard.scaling.points0 = 500.0 + r.below(200) as f64;
    p.scorecard.scaling.pdo = 20.0 + r.below(60) as f64;
    assert!(
        policy::validate(&p).is_empty(),
        "{:?}",
        policy::validate(&p)
    );
    p
}

/// A random policy whose numbers use every bit of an f64 (no rounding): cut points, scaling and
/// warning thresholds, so the JSON round trip is tested on values like 0.1 + 0.2, not 0.3.
fn full_precision_policy(base: &str, seed: u64) -> Policy {
    let mut p = policy::builtin(base).unwrap();
    let mut r = lendseg::rng::SeededRng::new(seed);
    for f in &mut p.scorecard.features {
        if let Some(n) = &mut f.numeric {
            let scale = 10f64.powi(r.below(12) as i32 - 6);
            let mut x = (r.uniform() - 0.5) * scale;
            for c in &mut n.cuts {
                x += (0.001 + r.uniform()) * scale;
                *c = x;
            }
        }
    }
    p.scorecard.scaling.odds0 = 1.0 + r.uniform() * 50.0;
    p.scorecard.scaling.pdo = 10.0 + r.uniform() * 90.0;
    p.scorecard.scaling.points0 = 300.0 + r.uniform() * 500.0;
    p.warnings.revenue_drop = r.uniform();
    p.warnings.debt_ratio_jump = r.uniform() / 3.0;
    assert!(
        policy::validate(&p).is_empty(),
        "{:?}",
        policy::validate(&p)
    );
    p
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn one_segment_per_row_score_is_the_sum_and_pd_falls_with_score(data_seed in 0u64..10_000, policy_seed in 0u64..10_000, rows in 1usize..120) {
        let csv = generate(&DemoOptions { rows, seed: data_seed, ..Default::default() });
        let policy = random_policy("enterprise", policy_seed);
        let r = run(&csv, &policy);
        prop_assert_eq!(r.len(), rows);
        let score = ints(&r, "score");
        for i in 0..rows {
            prop_assert!(!r.key("segment", i).is_empty(), "row {} has no segment", i);
            let sum: i32 = r.points.iter().map(|p| p[i]).sum();
            prop_assert_eq!(sum, score[i]);
        }
        let mut pairs: Vec<(i32, f64)> = (0..rows).filter(|&i| r.key("grade", i) != "D").map(|i| (score[i], policy.scorecard.pd(score[i]))).collect();
        pairs.sort_by_key(|p| p.0);
        prop_assert!(pairs.windows(2).all(|w| w[0].1 >= w[1].1));
    }

    #[test]
    fn results_do_not_depend_on_row_order(data_seed in 0u64..10_000, perm in 0u64..10_000, rows in 2usize..150) {
        let csv = generate(&DemoOptions { rows, seed: data_seed, ..Default::default() });
        let policy = policy::builtin("enterprise").unwrap();
        let a = run(&csv, &policy);
        let (mixed, order) = shuffled(&csv, perm);
        let b = run(&mixed, &policy);
        for (new_row, &old_row) in order.iter().enumerate() {
            let mut x = row_json(&a, old_row);
            let mut y = row_json(&b, new_row);
            x.remove("row");
            y.remove("row");
            prop_assert_eq!(x, y, "row {} moved to {}", old_row, new_row);
        }
    }

    #[test]
    fn a_row_alone_equals_the_row_in_its_batch(data_seed in 0u64..10_000, rows in 1usize..60, pick in 0usize..60) {
        // RFM scores are quintiles over the batch by definition (a single row gets none); every
        // other column, segment and price included, must agree.
        let csv = generate(&DemoOptions { rows, seed: data_seed, ..Default::default() });
        let policy = policy::builtin("enterprise").unwrap();
        let batch = run(&csv, &policy);
        let pick = pick % rows;
        let line = csv.lines().nth(pick + 1).unwrap();
        let single = run(&format!("{}\n{line}\n", csv.lines().next().unwrap()), &policy);
        let batch_dependent = ["r_score", "f_score", "m_score", "rfm_segment"];
        let (x, y) = (row_json(&batch, pick), row_json(&single, 0));
        for (k, v) in &y {
            if k == "row" || (rows > 1 && batch_dependent.contains(&k.as_str())) {
                continue;
            }
            prop_assert_eq!(Some(v), x.get(k), "column {}", k);
        }
    }

    #[test]
    fn runs_are_deterministic_and_policies_round_trip(data_seed in 0u64..10_000, policy_seed in 0u64..10_000) {
        let csv = generate(&DemoOptions { rows: 50, seed: data_seed, ..Default::default() });
        for base in ["enterprise", "individual"] {
            let p = random_policy(base, policy_seed);
            let json = p.to_json();
            let back = policy::parse(&json).unwrap();
            prop_assert_eq!(&back, &p);
            prop_assert_eq!(back.to_json(), json);
        }
        let policy = random_policy("enterprise", policy_seed);
        let a = lendseg::output::to_csv(&run(&csv, &policy), Default::default());
        let b = lendseg::output::to_csv(&run(&csv, &policy), Default::default());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn full_precision_policies_round_trip_exactly(seed in any::<u64>()) {
        for base in ["enterprise", "individual"] {
            let p = full_precision_policy(base, seed);
            let json = p.to_json();
            let back = policy::parse(&json).unwrap();
            prop_assert_eq!(&back, &p);
            prop_assert_eq!(back.to_json(), json);
        }
    }

    #[test]
    fn pd_never_rises_with_the_score_over_the_whole_range(seed in any::<u64>()) {
        let p = full_precision_policy("enterprise", seed);
        let mut last = f64::INFINITY;
        for score in -2_000..3_000 {
            let pd = p.scorecard.pd(score);
            prop_assert!((0.0..=1.0).contains(&pd), "pd({}) = {}", score, pd);
            prop_assert!(pd <= last, "pd({}) = {} > pd({}) = {}", score, pd, score - 1, last);
            last = pd;
        }
    }
}
