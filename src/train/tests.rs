//! End-to-end tests of `fit`/`score` on synthetic data generated with `SeededRng`.

use super::*;
use crate::detmath;
use crate::rng::SeededRng;

/// x1 strong (risk falls with x1), x2 moderate with 5% missing, noise, a categorical with
/// level-specific risk, a constant, an all-missing column, and a copy of x1 (correlated).
fn synthetic(n: usize, seed: u64) -> TrainInput {
    let mut r = SeededRng::new(seed);
    let levels = [("A", -0.8), ("B", 0.0), ("C", 0.5), ("D", 1.0)];
    let (mut x1, mut x2, mut noise, mut cat, mut y) = (vec![], vec![], vec![], vec![], vec![]);
    for _ in 0..n {
        let a = r.normal();
        let b = r.normal();
        let (l, eff) = levels[r.below(4) as usize];
        let logit = -1.5 - 0.9 * a + 0.5 * b + eff;
        y.push(r.chance(detmath::sigmoid(logit)) as u8);
        x1.push((a * 1000.0).round() + 5000.0);
        x2.push(if r.chance(0.05) { f64::NAN } else { b });
        noise.push(r.uniform());
        cat.push(Some(l.to_string()));
    }
    let copy: Vec<f64> = x1.iter().map(|v| v * 2.0 + 1.0).collect();
    TrainInput {
        columns: vec![
            TrainColumn {
                name: "x1".into(),
                data: ColumnData::Numeric(x1),
            },
            TrainColumn {
                name: "x2".into(),
                data: ColumnData::Numeric(x2),
            },
            TrainColumn {
                name: "noise".into(),
                data: ColumnData::Numeric(noise),
            },
            TrainColumn {
                name: "cat".into(),
                data: ColumnData::Categorical(cat),
            },
            TrainColumn {
                name: "const".into(),
                data: ColumnData::Numeric(vec![7.0; n]),
            },
            TrainColumn {
                name: "empty".into(),
                data: ColumnData::Numeric(vec![f64::NAN; n]),
            },
            TrainColumn {
                name: "x1_copy".into(),
                data: ColumnData::Numeric(copy),
            },
        ],
        target: y,
    }
}

fn reason_of<'a>(report: &'a TrainReport, name: &str) -> Option<&'a DropReason> {
    report
        .dropped
        .iter()
        .find(|d| d.name == name)
        .map(|d| &d.reason)
}

fn row_values<'a>(
    input: &'a TrainInput,
    card: &FittedScorecard,
    i: usize,
) -> Vec<FeatureValue<'a>> {
    card.features
        .iter()
        .map(|f| {
            let c = input.columns.iter().find(|c| c.name == f.field).unwrap();
            match &c.data {
                ColumnData::Numeric(v) => FeatureValue::Number(v[i]),
                ColumnData::Categorical(v) => match &v[i] {
                    Some(s) => FeatureValue::Text(s),
                    None => FeatureValue::Missing,
                },
            }
        })
        .collect()
}

#[test]
fn fit_selects_informative_variables_and_drops_the_rest_with_reasons() {
    let input = synthetic(6000, 1);
    let rep = fit(&input, &TrainOptions::default()).unwrap();
    let fields: Vec<&str> = rep
        .scorecard
        .features
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert!(
        fields.contains(&"x2") && fields.contains(&"cat"),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"x1") ^ fields.contains(&"x1_copy"),
        "one of the copies: {fields:?}"
    );
    assert_eq!(reason_of(&rep, "const"), Some(&DropReason::Constant));
    assert_eq!(reason_of(&rep, "empty"), Some(&DropReason::AllMissing));
    assert!(matches!(
        reason_of(&rep, "noise"),
        Some(DropReason::LowIv { .. })
    ));
    let dropped_copy = if fields.contains(&"x1") {
        "x1_copy"
    } else {
        "x1"
    };
    assert!(matches!(
        reason_of(&rep, dropped_copy),
        Some(DropReason::Correlated { .. })
    ));
    assert!(rep.train_metrics.auc > 0.7, "{}", rep.train_metrics.auc);
    assert!(rep.coefficients.converged);
    assert!(
        rep.coefficients
            .features
            .iter()
            .all(|c| c.coefficient < 0.0)
    );
    assert_eq!(rep.binning_tables.len(), 7);
}

#[test]
fn score_is_sum_of_points_and_reported_auc_is_reproducible_from_the_scorecard() {
    let input = synthetic(3000, 2);
    let rep = fit(&input, &TrainOptions::default()).unwrap();
    let card = &rep.scorecard;
    let bulk = score(card, &input).unwrap();
    for i in (0..3000).step_by(7) {
        let (s, pts) = card.score_row(&row_values(&input, card, i)).unwrap();
        assert_eq!(s, pts.iter().sum::<i32>());
        assert_eq!(s, bulk[i], "row {i}");
    }
    let risk: Vec<f64> = bulk.iter().map(|&s| -(s as f64)).collect();
    assert_eq!(
        metrics::auc(&risk, &input.target),
        Some(rep.train_metrics.auc)
    );
    assert_eq!(evaluate(card, &input).unwrap(), rep.train_metrics);
    // higher score means lower observed bad rate: first decile riskiest
    let g = &rep.train_metrics.gains;
    assert!(g[0].bad_rate > g[9].bad_rate);
    // scores are around points0 for a base rate near 1/(1+odds0)…; PD monotone in score
    let mut sorted = bulk.clone();
    sorted.sort();
    assert!(card.pd(sorted[0]) > card.pd(sorted[sorted.len() - 1]));
}

#[test]
fn scorecard_json_round_trips_exactly_and_fits_are_deterministic() {
    let input = synthetic(4000, 3);
    let a = fit(&input, &TrainOptions::default()).unwrap();
    let b = fit(&input, &TrainOptions::default()).unwrap();
    let ja = serde_json::to_string(&a.scorecard).unwrap();
    assert_eq!(ja, serde_json::to_string(&b.scorecard).unwrap());
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    let back: FittedScorecard = serde_json::from_str(&ja).unwrap();
    assert_eq!(back, a.scorecard);
    assert_eq!(serde_json::to_string(&back).unwrap(), ja);
    assert!(ja.starts_with(
        r#"{"scaling":{"points0":600.0,"odds0":19.0,"pdo":50.0},"features":[{"field":""#
    ));
}

#[test]
fn missing_and_unseen_points_are_conservative_when_not_seen_in_training() {
    let input = synthetic(3000, 4);
    let rep = fit(&input, &TrainOptions::default()).unwrap();
    for f in &rep.scorecard.features {
        let binning = rep.binnings.iter().find(|b| b.name == f.field).unwrap();
        let had_missing = binning.missing > 0;
        let all_points: Vec<i32> = match (&f.numeric, &f.categorical) {
            (Some(n), _) => n.points.clone(),
            (_, Some(c)) => {
                assert_eq!(
                    c.other_points,
                    c.groups.iter().map(|g| g.points).min().unwrap()
                );
                c.groups.iter().map(|g| g.points).collect()
            }
            _ => unreachable!(),
        };
        if !had_missing {
            assert_eq!(
                f.missing_points,
                *all_points.iter().min().unwrap(),
                "{}",
                f.field
            );
            // the lowest points belong to the bin with the highest event rate
            let worst = binning
                .table
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.count > 0)
                .max_by(|a, b| a.1.event_rate.total_cmp(&b.1.event_rate))
                .unwrap()
                .0;
            assert_eq!(all_points[worst], f.missing_points, "{}", f.field);
        }
    }
    let x2 = rep
        .scorecard
        .features
        .iter()
        .find(|f| f.field == "x2")
        .unwrap();
    let pts = &x2.numeric.as_ref().unwrap().points;
    assert!(
        pts.windows(2).all(|w| w[0] >= w[1]),
        "x2 raises risk: points fall {pts:?}"
    );
}

#[test]
fn bad_inputs_give_errors_or_warnings_never_panics_or_nan() {
    let mut input = synthetic(2000, 5);
    // one-class target
    let mut one = input.clone();
    one.target = vec![0; 2000];
    assert_eq!(
        fit(&one, &TrainOptions::default()).unwrap_err(),
        TrainError::TargetOneClass { class: 0 }
    );
    one.target = vec![1; 2000];
    assert_eq!(
        fit(&one, &TrainOptions::default()).unwrap_err(),
        TrainError::TargetOneClass { class: 1 }
    );
    // non-binary target
    let mut nb = input.clone();
    nb.target[17] = 2;
    let e = fit(&nb, &TrainOptions::default()).unwrap_err();
    assert_eq!(
        e,
        TrainError::TargetNotBinary {
            row: 18,
            value: "2".into()
        }
    );
    // nothing informative
    let mut only_noise = input.clone();
    only_noise
        .columns
        .retain(|c| ["noise", "const", "empty"].contains(&c.name.as_str()));
    let e = fit(&only_noise, &TrainOptions::default()).unwrap_err();
    assert!(
        matches!(&e, TrainError::NoFeatureLeft(why) if why.contains("const") && why.contains("IV")),
        "{e}"
    );
    // 10,000-level categorical and a single-level categorical next to good columns
    let levels: Vec<Option<String>> = (0..2000)
        .map(|i| Some(format!("id{}", (i * 7919) % 10_000)))
        .collect();
    input.columns.push(TrainColumn {
        name: "many".into(),
        data: ColumnData::Categorical(levels),
    });
    input.columns.push(TrainColumn {
        name: "single".into(),
        data: ColumnData::Categorical(vec![Some("x".into()); 2000]),
    });
    let rep = fit(&input, &TrainOptions::default()).unwrap();
    assert_eq!(reason_of(&rep, "single"), Some(&DropReason::SingleLevel));
    assert!(matches!(
        reason_of(&rep, "many"),
        Some(DropReason::LowIv { .. })
    ));
    assert!(
        rep.warnings.iter().any(|w| w.contains("many")),
        "{:?}",
        rep.warnings
    );
    let s = score(&rep.scorecard, &input).unwrap();
    assert_eq!(s.len(), 2000);
    let pd: Vec<f64> = s.iter().map(|&v| rep.scorecard.pd(v)).collect();
    assert!(pd.iter().all(|p| p.is_finite() && *p > 0.0 && *p < 1.0));
    for t in &rep.binning_tables {
        for r in &t.rows {
            assert!(
                r.woe.is_finite() && r.iv.is_finite() && r.event_rate.is_finite(),
                "{}",
                t.variable
            );
        }
    }
    // invalid options and manual binning on a missing column
    let mut o = TrainOptions::default();
    o.binning.max_bins = 0;
    assert!(matches!(fit(&input, &o), Err(TrainError::InvalidOption(_))));
    let mut o = TrainOptions::default();
    o.binning.manual_cuts.insert("nope".into(), vec![1.0]);
    assert!(matches!(
        fit(&input, &o),
        Err(TrainError::InvalidManualBinning(_))
    ));
    // empty input
    let empty = TrainInput {
        columns: vec![],
        target: vec![],
    };
    assert!(matches!(
        fit(&empty, &TrainOptions::default()),
        Err(TrainError::EmptyInput(_))
    ));
}

#[test]
fn manual_cuts_and_specials_flow_into_the_scorecard() {
    let mut input = synthetic(3000, 6);
    if let ColumnData::Numeric(v) = &mut input.columns[0].data {
        for i in (0..3000).step_by(25) {
            v[i] = -1.0;
        }
    }
    let mut o = TrainOptions::default();
    o.binning
        .manual_cuts
        .insert("x1".into(), vec![4000.0, 5000.0, 6000.0]);
    o.binning.special_values.insert("x1".into(), vec![-1.0]);
    o.screening.max_correlation = 1.0; // keep both x1 and its copy for this check
    o.labels.insert(
        "x1".into(),
        FeatureLabel {
            zh: "额度".into(),
            en: "Limit".into(),
        },
    );
    let rep = fit(&input, &o).unwrap();
    let f = rep
        .scorecard
        .features
        .iter()
        .find(|f| f.field == "x1")
        .unwrap();
    let n = f.numeric.as_ref().unwrap();
    assert_eq!(n.cuts, vec![4000.0, 5000.0, 6000.0]);
    assert_eq!(n.points.len(), 4);
    assert_eq!(n.special.len(), 1);
    assert_eq!(n.special[0].values, vec![-1.0]);
    assert_eq!(f.label.zh, "额度");
    let json = serde_json::to_string(&rep.scorecard).unwrap();
    assert!(json.contains(r#""special":[{"values":[-1.0],"points":"#));
    let back: FittedScorecard = serde_json::from_str(&json).unwrap();
    assert_eq!(back, rep.scorecard);
}

#[test]
fn csi_and_apply_woe_work_on_fitted_binnings() {
    let input = synthetic(2000, 7);
    let rep = fit(&input, &TrainOptions::default()).unwrap();
    let b = rep.binnings.iter().find(|b| b.name == "x1").unwrap();
    let same = metrics::csi(b, &input.columns[0].data, &input.columns[0].data);
    assert_eq!(same.psi, 0.0);
    assert_eq!(same.light, TrafficLight::Green);
    let shifted = match &input.columns[0].data {
        ColumnData::Numeric(v) => ColumnData::Numeric(v.iter().map(|x| x + 1500.0).collect()),
        _ => unreachable!(),
    };
    assert_eq!(
        metrics::csi(b, &input.columns[0].data, &shifted).light,
        TrafficLight::Red
    );
    let woe = apply_woe(&rep.binnings, &input.columns).unwrap();
    assert_eq!(woe.len(), 7);
    assert!(woe.iter().all(|c| c.iter().all(|v| v.is_finite())));
}
