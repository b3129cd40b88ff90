//! From a trained scorecard to a policy the engine runs: the base policy with its scorecard
//! replaced, and the training columns the base policy does not know added as input fields (their
//! original header kept as an alias). The result is validated like any policy file, so a trained
//! policy round-trips through JSON exactly and fails loudly rather than scoring silently wrong.
//! Also reads a training file (any encoding the ingest reads) into header and rows.

use super::{FittedScorecard, TrainError};
use crate::fields::{FieldKind, FieldSpec, match_header};
use crate::policy::{self, Policy, PolicyError};
use crate::scorecard::{
    CategoricalBins, CategoryGroup, Feature, NumericBins, Scaling, Scorecard, SpecialBin, Text,
};

/// A training file as header and rows of text (UTF-8, UTF-8 BOM or GBK; comma, tab or semicolon).
pub fn read_table(bytes: &[u8]) -> Result<(Vec<String>, Vec<Vec<String>>), TrainError> {
    let decoded = crate::ingest::encoding::decode(bytes);
    let text: &str = &decoded.text;
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| TrainError::InvalidOption(format!("cannot read the header: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record =
            record.map_err(|e| TrainError::InvalidOption(format!("row {}: {e}", i + 2)))?;
        let mut row: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        row.resize(header.len(), String::new());
        rows.push(row);
    }
    Ok((header, rows))
}

/// A snake_case field name for a training column (`LIMIT_BAL` → `limit_bal`). A name the
/// engine computes itself (a ratio such as `debt_ratio`, or `score`) gets `_input`, so the file's
/// own column is scored as given (its header stays an alias).
fn field_name(column: &str) -> String {
    let name = plain_field_name(column);
    let reserved = crate::ratios::RATIOS.contains(&name.as_str())
        || [
            "score",
            "pd",
            "grade",
            "segment",
            "industry_risk",
            "size_class",
            "cluster",
            "warnings",
        ]
        .contains(&name.as_str());
    if reserved {
        format!("{name}_input")
    } else {
        name
    }
}

fn plain_field_name(column: &str) -> String {
    let mut name: String = column
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty()
        || name.starts_with(|c: char| c.is_ascii_digit())
        || name.chars().all(|c| c == '_')
    {
        name = format!(
            "x_{}",
            column
                .bytes()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
    }
    name
}

/// The base policy with the trained scorecard in it.
pub fn adopt(card: &FittedScorecard, base: &Policy) -> Result<Policy, PolicyError> {
    let mut policy = base.clone();
    policy.name = format!("{}_trained", base.name);
    let mut features = Vec::with_capacity(card.features.len());
    for f in &card.features {
        // A column the base policy knows (by name or alias) keeps its canonical field; others
        // become new fields.
        let field = match match_header(&f.field, &policy.fields) {
            Some(m) => m.field,
            None => {
                let name = field_name(&f.field);
                let kind = if f.categorical.is_some() {
                    FieldKind::Text
                } else {
                    FieldKind::Number
                };
                policy.fields.push(FieldSpec {
                    name: name.clone(),
                    kind,
                    zh: f.label.zh.clone(),
                    en: f.label.en.clone(),
                    aliases: if name == f.field {
                        Vec::new()
                    } else {
                        vec![f.field.clone()]
                    },
                    min: None,
                    max: None,
                });
                name
            }
        };
        let label = Text::new(&f.label.zh, &f.label.en);
        features.push(Feature {
            field,
            reason: Some(Text::new(
                &format!("{}不利", f.label.zh),
                &format!("Unfavourable {}", f.label.en),
            )),
            label,
            numeric: f.numeric.as_ref().map(|n| NumericBins {
                cuts: n.cuts.clone(),
                points: n.points.clone(),
            }),
            categorical: f.categorical.as_ref().map(|c| CategoricalBins {
                groups: c
                    .groups
                    .iter()
                    .map(|g| CategoryGroup {
                        values: g.values.clone(),
                        points: g.points,
                    })
                    .collect(),
                other_points: c.other_points,
            }),
            special: f
                .numeric
                .as_ref()
                .filter(|n| !n.special.is_empty())
                .map(|n| {
                    n.special
                        .iter()
                        .map(|s| SpecialBin {
                            values: s.values.clone(),
                            points: s.points,
                        })
                        .collect()
                }),
            missing_points: f.missing_points,
            why: Some("trained on the bank's own default history".into()),
        });
    }
    policy.scorecard = Scorecard {
        scaling: Scaling {
            points0: card.scaling.points0,
            odds0: card.scaling.odds0,
            pdo: card.scaling.pdo,
        },
        features,
        pd_floor: base.scorecard.pd_floor,
    };
    let errors = policy::validate(&policy);
    if errors.is_empty() {
        Ok(policy)
    } else {
        Err(PolicyError { errors })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::{TableSpec, TrainInput, TrainOptions, fit};

    #[test]
    fn a_trained_card_drops_into_the_policy_and_scores_like_the_trainer() {
        let csv = crate::demo_data::generate(&crate::demo_data::DemoOptions {
            rows: 3000,
            seed: 5,
            ..Default::default()
        });
        let (header, rows) = read_table(csv.as_bytes()).unwrap();
        let spec = TableSpec {
            target: "default_flag".into(),
            bad_value: None,
            exclude: vec!["id".into(), "name".into(), "as_of".into()],
        };
        let input: TrainInput = TrainInput::from_table(&header, &rows, &spec).unwrap().input;
        let report = fit(&input, &TrainOptions::default()).unwrap();
        let base = policy::builtin("enterprise").unwrap();
        let trained = adopt(&report.scorecard, &base).unwrap();
        assert_eq!(
            trained.scorecard.features.len(),
            report.scorecard.features.len()
        );
        // Exact JSON round trip.
        let json = trained.to_json();
        assert_eq!(policy::parse(&json).unwrap(), trained);
        // The engine's scores equal the trainer's own scores of the same rows.
        let (_, results) = crate::segment_bytes(
            csv.as_bytes(),
            &trained,
            &Default::default(),
            &Default::default(),
        );
        let engine: Vec<i32> = match &results.column("score").unwrap().data {
            crate::results::ResultData::Int(v) => v.clone(),
            _ => unreachable!("score is an int column"),
        };
        let trainer = crate::train::score(&report.scorecard, &input).unwrap();
        assert_eq!(engine, trainer);
    }

    #[test]
    fn a_column_named_like_a_derived_ratio_trains_and_scores_as_given() {
        let mut csv = String::from("debt_ratio,flag\n");
        let mut r = crate::rng::SeededRng::new(3);
        for _ in 0..2000 {
            let d = r.uniform();
            csv.push_str(&format!("{d:.3},{}\n", r.chance(0.05 + 0.3 * d) as u8));
        }
        let (header, rows) = read_table(csv.as_bytes()).unwrap();
        let spec = TableSpec {
            target: "flag".into(),
            bad_value: None,
            exclude: vec![],
        };
        let input = TrainInput::from_table(&header, &rows, &spec).unwrap().input;
        let report = fit(&input, &TrainOptions::default()).unwrap();
        let policy = adopt(&report.scorecard, &policy::builtin("enterprise").unwrap()).unwrap();
        assert_eq!(policy.scorecard.features[0].field, "debt_ratio_input");
        let (_, results) = crate::segment_bytes(
            csv.as_bytes(),
            &policy,
            &Default::default(),
            &Default::default(),
        );
        let engine: Vec<i32> = match &results.column("score").unwrap().data {
            crate::results::ResultData::Int(v) => v.clone(),
            _ => unreachable!("score is an int column"),
        };
        assert_eq!(
            engine,
            crate::train::score(&report.scorecard, &input).unwrap()
        );
    }

    #[test]
    fn unknown_columns_become_snake_case_fields_with_their_header_as_alias() {
        assert_eq!(field_name("LIMIT_BAL"), "limit_bal");
        assert_eq!(field_name("Pay Amt-1"), "pay_amt_1");
        assert!(field_name("月收入").starts_with("x_"));
        assert_eq!(
            field_name("debt_ratio"),
            "debt_ratio_input",
            "ratios the engine computes are not overwritten"
        );
        assert_eq!(field_name("Score"), "score_input");
    }
}
