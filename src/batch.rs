//! The engine: runs a policy over a whole [`Dataset`] in stages, column by column — ratios,
//! industry and size class, scorecard and grade, RFM, early warnings, risk tier, value tier,
//! life-cycle, expected loss, segment and price — each stage seeing the results of the ones before
//! it through the [`Frame`]. Single records go through the same path as one-row datasets.

use crate::condition::compile;
use crate::dataset::{ColumnData, Dataset, Issue, Severity};
use crate::frame::{Frame, Var};
use crate::industry::{Industry, IndustryError};
use crate::policy::{LIFECYCLES, Policy, PolicyKind, RISK_TIERS, RuleList, VALUE_TIERS};
use crate::progress::{self, OnProgress, Progress, Stage};
use crate::results::{FeatureInfo, ResultColumn, ResultData, Results};
use crate::scorecard::Text;
use crate::sme_size::{self, SizeClass, SizeFigures};
use crate::{ratios, rfm, warnings};
use std::collections::HashMap;

/// Language of the text columns (segment name, action).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn text(self, t: &Text) -> &str {
        self.pick(&t.zh, &t.en)
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct RunOptions {
    /// Today's date (days since 1970-01-01): snapshot dates after it are reported. `None` skips
    /// the check (results never depend on the clock otherwise).
    pub today: Option<f64>,
    pub lang: Lang,
    /// RFM cut values from the whole file when these rows are one part of it (streaming); `None`
    /// computes them over this batch.
    pub rfm_population: Option<rfm::Population>,
}

/// Codes for a fixed key list: key `allowed[i]` has code `i + 1`, code 0 is empty.
fn keyed(allowed: &[&str]) -> Vec<String> {
    std::iter::once(String::new())
        .chain(allowed.iter().map(|s| s.to_string()))
        .collect()
}

fn cat(name: &str, codes: Vec<u32>, keys: Vec<String>) -> ResultColumn {
    ResultColumn {
        name: name.into(),
        data: ResultData::Cat { codes, keys },
    }
}

fn num(name: &str, values: Vec<f64>, decimals: u8) -> ResultColumn {
    ResultColumn {
        name: name.into(),
        data: ResultData::Num { values, decimals },
    }
}

/// An all-missing number column, made only if some field turns out to be absent (it is
/// 8 MB per million rows of fresh memory otherwise spent on every run).
struct Missing {
    n: usize,
    column: std::cell::OnceCell<Vec<f64>>,
}

impl Missing {
    fn new(n: usize) -> Missing {
        Missing {
            n,
            column: std::cell::OnceCell::new(),
        }
    }

    /// `values`, or all-missing.
    fn or<'b>(&'b self, values: Option<&'b [f64]>) -> &'b [f64] {
        values.unwrap_or_else(|| self.column.get_or_init(|| vec![f64::NAN; self.n]))
    }
}

/// A number column of the frame, or all-missing.
fn col<'b>(frame: &'b Frame, name: &str, missing: &'b Missing) -> &'b [f64] {
    missing.or(frame.num(name))
}

/// A result column in the making. A column the later stages' rules can see lives in the frame
/// until every stage has run and is then moved into the results: at 1M rows, copying each into
/// both places cost a hundred megabytes of fresh memory per run.
enum Pending {
    Done(ResultColumn),
    /// The frame variable of the same name (numbers printed with `decimals`).
    FromFrame {
        name: String,
        decimals: u8,
    },
}

fn from_frame(name: &str, decimals: u8) -> Pending {
    Pending::FromFrame {
        name: name.into(),
        decimals,
    }
}

/// The result columns, in order, taking the frame's columns out of it.
fn finish_columns(pending: Vec<Pending>, frame: &mut Frame) -> Vec<ResultColumn> {
    pending
        .into_iter()
        .map(|p| match p {
            Pending::Done(column) => column,
            Pending::FromFrame { name, decimals } => {
                let data = match frame.take(&name) {
                    Some(Var::Num(values)) => ResultData::Num {
                        values: values.into_owned(),
                        decimals,
                    },
                    Some(Var::Cat { codes, keys }) => ResultData::Cat { codes, keys },
                    Some(Var::Flags { .. }) | None => {
                        unreachable!("result column {name} is not a frame variable")
                    }
                };
                ResultColumn { name, data }
            }
        })
        .collect()
}

/// First matching rule's value per row.
fn apply_rules(list: &RuleList, allowed: &[&str], frame: &Frame) -> Vec<u32> {
    let compiled: Vec<_> = list.rules.iter().map(|r| compile(&r.when, frame)).collect();
    let code_of = |v: &str| {
        allowed
            .iter()
            .position(|a| *a == v)
            .map_or(0, |i| i as u32 + 1)
    };
    let rule_codes: Vec<u32> = list.rules.iter().map(|r| code_of(&r.value)).collect();
    let otherwise = code_of(&list.otherwise);
    let conditions: Vec<Option<&_>> = compiled.iter().map(Some).collect();
    crate::condition::first_match_values(&conditions, &rule_codes, otherwise, frame.n)
}

pub fn run(ds: &Dataset, policy: &Policy, opts: &RunOptions) -> Results {
    run_with_progress(ds, policy, opts, &mut progress::ignore)
}

/// The engine's steps, each over every row, for progress reports.
const STEPS: u64 = 7;

/// [`run`], reporting after each of its [`STEPS`] steps.
pub fn run_with_progress(
    ds: &Dataset,
    policy: &Policy,
    opts: &RunOptions,
    on_progress: OnProgress,
) -> Results {
    let rows = ds.n_rows as u64;
    let mut step = |done: u64| {
        on_progress(Progress {
            stage: Stage::Classify,
            done,
            total: STEPS,
            rows,
        })
    };
    step(0);
    let n = ds.n_rows;
    let mut issues: Vec<Issue> = Vec::new();
    let ids = ds.ids();
    let mut columns: Vec<Pending> = Vec::new();
    let missing = Missing::new(n);
    let mut frame = Frame::new(n);

    for col in &ds.columns {
        match &col.data {
            ColumnData::Number(v) | ColumnData::Date(v) => frame.insert_num_ref(&col.field, v),
            ColumnData::Text(_) if ["id", "name", "industry"].contains(&col.field.as_str()) => {}
            ColumnData::Text(v) => frame.insert_cat_from_strings(&col.field, v.iter()),
        }
    }
    report_missing_columns(ds, policy, &mut issues);

    // Ratios.
    let ratio_values = ratios::compute(ds, &mut issues);
    let ratio_names: Vec<&str> = ratio_values.iter().map(|(k, _)| *k).collect();
    for (name, values) in ratio_values {
        frame.insert_num(name, values);
    }

    step(1);
    // Industry, industry risk and size class.
    let parsed = ParsedIndustries::of(ds);
    let industry_codes: Vec<u32> = parsed
        .index
        .iter()
        .map(|&d| {
            parsed.distinct[d as usize]
                .as_ref()
                .map_or(0, |i| *i as u32 + 1)
        })
        .collect();
    let risk_keys = keyed(&crate::policy::INDUSTRY_RISKS);
    let risk_of: Vec<u32> = std::iter::once(0)
        .chain(Industry::ALL.iter().map(|i| {
            policy
                .industry_risk
                .get(i.key())
                .and_then(|l| risk_keys.iter().position(|k| k == l))
                .map_or(0, |p| p as u32)
        }))
        .collect();
    let industry_risk: Vec<u32> = industry_codes
        .iter()
        .map(|&c| risk_of[c as usize])
        .collect();
    let industry_keys = keyed(&Industry::ALL.map(|i| i.key()));
    frame.insert_cat("industry", industry_codes, industry_keys);
    frame.insert_cat("industry_risk", industry_risk, risk_keys);

    if policy.kind == PolicyKind::Enterprise {
        let (size, reason_codes, reason_keys) = classify_sizes(ds, &parsed, &mut issues);
        frame.insert_cat("size_class", size, keyed(&SizeClass::ALL.map(|c| c.key())));
        columns.push(from_frame("size_class", 0));
        columns.push(Pending::Done(cat("size_reason", reason_codes, reason_keys)));
        // The standard's category the size rule used (from a code, a name or a key), so
        // summaries such as size class by industry need no second reading of the file.
        columns.push(from_frame("industry", 0));
    }
    for name in &ratio_names {
        columns.push(from_frame(name, 4));
    }

    step(2);
    // Scorecard, PD and grade.
    let card = &policy.scorecard;
    let crate::scorecard::ScoreColumns {
        score,
        mut pd,
        points,
        reasons,
    } = card.score(&frame);
    let default_rows: Vec<bool> = match &policy.grades.default_when {
        Some(c) => {
            let compiled = compile(c, &frame);
            (0..n).map(|r| compiled.eval(r)).collect()
        }
        None => vec![false; n],
    };
    let grade_keys: Vec<String> = std::iter::once(String::new())
        .chain(policy.grade_keys())
        .collect();
    let default_code = grade_keys.len() as u32 - 1;
    let grade: Vec<u32> = (0..n)
        .map(|r| {
            if default_rows[r] {
                pd[r] = 1.0;
                return default_code;
            }
            let band = policy
                .grades
                .scale
                .iter()
                .position(|b| pd[r] <= b.max_pd)
                .unwrap_or(policy.grades.scale.len() - 1);
            band as u32 + 1
        })
        .collect();
    frame.insert_num("score", score.iter().map(|&s| s as f64).collect());
    frame.insert_num("pd", pd);
    frame.insert_cat("grade", grade, grade_keys);
    columns.push(Pending::Done(ResultColumn {
        name: "score".into(),
        data: ResultData::Int(score),
    }));
    columns.push(from_frame("pd", 6));
    columns.push(from_frame("grade", 0));
    let reason_keys: Vec<String> = std::iter::once(String::new())
        .chain(card.features.iter().map(|f| f.field.clone()))
        .collect();
    for k in 0..3 {
        let codes = reasons
            .iter()
            .map(|r| if r[k] == u8::MAX { 0 } else { r[k] as u32 + 1 })
            .collect();
        columns.push(Pending::Done(cat(
            &format!("reason_{}", k + 1),
            codes,
            reason_keys.clone(),
        )));
    }

    step(3);
    // RFM, when the batch has the three fields.
    if let (Some(r), Some(f), Some(m)) = (
        frame.num("recency_days"),
        frame.num("frequency"),
        frame.num("monetary"),
    ) {
        let population = opts
            .rfm_population
            .unwrap_or_else(|| rfm::Population::of(r, f, m));
        let known = population.complete;
        if known < rfm::MIN_BATCH {
            issues.push(Issue {
                row: None,
                column: None,
                code: "rfm_batch_too_small",
                message: format!("RFM scores are quintiles over the batch and need at least {} customers with activity; {known} here, so they are left empty", rfm::MIN_BATCH),
                severity: Severity::Warning,
            });
        }
        let scores = rfm::score_in(r, f, m, &population, &policy.rfm.segments);
        let to_num = |v: &[u8]| {
            v.iter()
                .map(|&s| if s == 0 { f64::NAN } else { s as f64 })
                .collect::<Vec<f64>>()
        };
        let seg_keys: Vec<String> = std::iter::once(String::new())
            .chain(policy.rfm.segments.iter().map(|s| s.key.clone()))
            .collect();
        let seg_codes: Vec<u32> = scores
            .segment
            .iter()
            .map(|s| s.map_or(0, |i| i as u32 + 1))
            .collect();
        columns.push(Pending::Done(num("recency_days", r.to_vec(), 2)));
        columns.push(Pending::Done(num("frequency", f.to_vec(), 2)));
        columns.push(Pending::Done(num("monetary", m.to_vec(), 2)));
        for (name, v) in [
            ("r_score", &scores.r),
            ("f_score", &scores.f),
            ("m_score", &scores.m),
        ] {
            frame.insert_num(name, to_num(v));
            columns.push(from_frame(name, 0));
        }
        frame.insert_cat("rfm_segment", seg_codes, seg_keys);
        columns.push(from_frame("rfm_segment", 0));
    }

    step(4);
    // Early warnings.
    let as_of = missing.or(ds.numbers("as_of"));
    if let Some(today) = opts.today {
        let header = ds.header_of("as_of");
        for (i, &d) in as_of.iter().enumerate() {
            if d > today {
                issues.push(Issue {
                    row: Some(ds.source_rows[i]),
                    column: Some(header.clone()),
                    code: "future_date",
                    message: format!("{} is in the future", crate::ingest::cell::format_date(d)),
                    severity: Severity::Warning,
                });
            }
        }
    }
    let history_issues = issues.len();
    let bits = warnings::compute(
        &warnings::WarningInputs {
            ids: &ids,
            source_rows: &ds.source_rows,
            as_of,
            revenue: col(&frame, "revenue", &missing),
            revenue_prev: col(&frame, "revenue_prev", &missing),
            overdue_share: col(&frame, "overdue_receivable_share", &missing),
            dpd: col(&frame, "max_days_past_due", &missing),
            debt_ratio: col(&frame, "debt_ratio", &missing),
            liabilities: col(&frame, "total_liabilities", &missing),
            assets: col(&frame, "total_assets", &missing),
            cash_flow: col(&frame, "operating_cash_flow", &missing),
        },
        &policy.warnings,
        &mut issues,
    );
    if ds.column("id").is_some() {
        // Snapshot issues are about a customer id: point at the file's id column.
        let id_header = ds.header_of("id");
        for issue in &mut issues[history_issues..] {
            issue.column.get_or_insert_with(|| id_header.clone());
        }
    }
    let warning_count: Vec<f64> = bits.iter().map(|b| b.count_ones() as f64).collect();
    let mut combo_index: HashMap<u32, u32> = HashMap::new();
    let mut combo_keys = vec![String::new()];
    let combo_codes: Vec<u32> = bits
        .iter()
        .map(|&b| {
            if b == 0 {
                return 0;
            }
            *combo_index.entry(b).or_insert_with(|| {
                combo_keys.push(warnings::keys(b).collect::<Vec<_>>().join(";"));
                combo_keys.len() as u32 - 1
            })
        })
        .collect();
    frame.insert_flags(
        "warnings",
        bits,
        crate::policy::validate::WARNING_KEYS
            .map(String::from)
            .to_vec(),
    );
    frame.insert_num("warning_count", warning_count);
    columns.push(Pending::Done(cat("warnings", combo_codes, combo_keys)));

    step(5);
    // Tiers and life-cycle.
    for (name, list, allowed) in [
        ("risk_tier", &policy.risk_tier, &RISK_TIERS[..]),
        ("value_tier", &policy.value_tier, &VALUE_TIERS[..]),
        ("lifecycle", &policy.lifecycle, &LIFECYCLES[..]),
    ] {
        let codes = apply_rules(list, allowed, &frame);
        frame.insert_cat(name, codes, keyed(allowed));
        columns.push(from_frame(name, 0));
    }

    // Expected loss.
    let has_exposure = frame.num(&policy.lgd.exposure_field).is_some();
    if has_exposure {
        let ead = col(&frame, &policy.lgd.exposure_field, &missing).to_vec();
        let collateral = col(&frame, "collateral_value", &missing);
        let pd = col(&frame, "pd", &missing);
        let l = &policy.lgd;
        let lgd: Vec<f64> = ead
            .iter()
            .zip(collateral)
            .map(|(&e, &c)| {
                if e.is_nan() || e <= 0.0 {
                    return f64::NAN;
                }
                let covered = if c.is_nan() {
                    0.0
                } else {
                    (c * (1.0 - l.collateral_haircut) / e).min(1.0)
                };
                (l.unsecured * (1.0 - covered)).max(l.floor)
            })
            .collect();
        let el: Vec<f64> = (0..n)
            .map(|r| {
                if ead[r] == 0.0 {
                    0.0
                } else {
                    pd[r] * lgd[r] * ead[r]
                }
            })
            .collect();
        frame.insert_num("ead", ead);
        frame.insert_num("lgd", lgd);
        frame.insert_num("el", el);
        columns.push(from_frame("ead", 2));
        columns.push(from_frame("lgd", 4));
        columns.push(from_frame("el", 2));
    }

    // Nearest cluster of a saved portfolio model.
    if let Some(model) = &policy.clusters {
        let cluster = crate::cluster::portfolio::assign_all(model, &frame);
        frame.insert_num(
            "cluster",
            cluster
                .iter()
                .map(|&c| if c == i32::MIN { f64::NAN } else { c as f64 })
                .collect(),
        );
        columns.push(Pending::Done(ResultColumn {
            name: "cluster".into(),
            data: ResultData::Int(cluster),
        }));
    }

    step(6);
    // Segment, action and price.
    let compiled: Vec<_> = policy
        .segments
        .iter()
        .map(|s| s.when.as_ref().map(|c| compile(c, &frame)))
        .collect();
    let conditions: Vec<Option<&_>> = compiled.iter().map(Option::as_ref).collect();
    let segment_codes: Vec<u32> = (1..=conditions.len() as u32).collect();
    let segment = crate::condition::first_match_values(&conditions, &segment_codes, 0, n);
    let lang = opts.lang;
    let seg_keys: Vec<String> = keyed(
        &policy
            .segments
            .iter()
            .map(|s| s.key.as_str())
            .collect::<Vec<_>>(),
    );
    let texts = |f: &dyn Fn(&crate::policy::SegmentRule) -> String| -> Vec<String> {
        std::iter::once(String::new())
            .chain(policy.segments.iter().map(f))
            .collect()
    };
    let guarantee_bp = guarantee_prices(&frame, policy, ds, &mut issues, n);
    let rate: Vec<i32> = (0..n)
        .map(|r| {
            policy.segments[segment[r] as usize - 1]
                .rate_adjustment_bp
                .saturating_add(guarantee_bp[r])
        })
        .collect();
    columns.push(Pending::Done(cat("segment", segment.clone(), seg_keys)));
    columns.push(Pending::Done(cat(
        "segment_name",
        segment.clone(),
        texts(&|s| lang.pick(&s.zh, &s.en).to_string()),
    )));
    columns.push(Pending::Done(cat(
        "action_product",
        segment.clone(),
        texts(&|s| lang.text(&s.action.product).to_string()),
    )));
    columns.push(Pending::Done(cat(
        "action_service",
        segment.clone(),
        texts(&|s| lang.text(&s.action.service).to_string()),
    )));
    columns.push(Pending::Done(cat(
        "review",
        segment,
        texts(&|s| {
            serde_json::to_value(s.action.review)
                .unwrap()
                .as_str()
                .unwrap_or_default()
                .to_string()
        }),
    )));
    columns.push(Pending::Done(ResultColumn {
        name: "rate_adjustment_bp".into(),
        data: ResultData::Int(rate),
    }));
    drop(compiled);
    let mut columns = finish_columns(columns, &mut frame);

    let features = card
        .features
        .iter()
        .map(|f| FeatureInfo {
            field: f.field.clone(),
            label: f.label.clone(),
            reason: f.reason.clone().unwrap_or_else(|| f.label.clone()),
            max_points: f.max_points(),
        })
        .collect();
    columns.insert(
        0,
        ResultColumn {
            name: "id".into(),
            data: ResultData::Text(ids),
        },
    );
    step(STEPS);
    Results {
        columns,
        source_rows: ds.source_rows.clone(),
        points,
        features,
        issues,
    }
}

/// The price adjustment of each row's guarantee type, looked up once per distinct value: the exact
/// key of `pricing.guarantee_bp`, else the same key ignoring case, spaces and full-width forms
/// ("Mortgage", "抵押 "). A value with no price gets 0 bp and is reported once with its first row,
/// so a typo in the file or the policy never silently changes a customer's rate.
fn guarantee_prices(
    frame: &Frame,
    policy: &Policy,
    ds: &Dataset,
    issues: &mut Vec<Issue>,
    n: usize,
) -> Vec<i32> {
    let prices = &policy.pricing.guarantee_bp;
    let Some((codes, keys)) = frame.cat_parts("guarantee_type") else {
        return vec![0; n];
    };
    if prices.is_empty() {
        return vec![0; n];
    }
    let folded: Vec<(String, i32)> = prices
        .iter()
        .map(|(k, bp)| (crate::text::fold_header(k), *bp))
        .collect();
    let per_key: Vec<Option<i32>> = keys
        .iter()
        .enumerate()
        .map(|(code, key)| {
            if code == 0 || key.is_empty() {
                return Some(0);
            }
            prices.get(key).copied().or_else(|| {
                let f = crate::text::fold_header(key);
                folded.iter().find(|(k, _)| *k == f).map(|(_, bp)| *bp)
            })
        })
        .collect();
    for (code, price) in per_key.iter().enumerate() {
        if price.is_some() {
            continue;
        }
        let rows: Vec<usize> = (0..n).filter(|&r| codes[r] as usize == code).collect();
        if let Some(&first) = rows.first() {
            issues.push(Issue {
                row: Some(ds.source_rows[first]),
                column: Some(ds.header_of("guarantee_type")),
                code: "unpriced_guarantee",
                message: format!(
                    "guarantee type '{}' ({} rows) has no price in pricing.guarantee_bp ({}); 0 bp applied",
                    keys[code],
                    rows.len(),
                    prices.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
                severity: Severity::Warning,
            });
        }
    }
    codes
        .iter()
        .map(|&c| per_key[c as usize].unwrap_or(0))
        .collect()
}

/// Fields the scorecard or rules use that the file does not have: said once, so "missing points
/// everywhere" is never a silent surprise.
fn report_missing_columns(ds: &Dataset, policy: &Policy, issues: &mut Vec<Issue>) {
    if ds.n_rows == 0 {
        return;
    }
    for f in &policy.scorecard.features {
        let input = policy.fields.iter().any(|x| x.name == f.field);
        let missing: Vec<&str> = if input {
            if ds.column(&f.field).is_none() {
                vec![f.field.as_str()]
            } else {
                Vec::new()
            }
        } else {
            ratios::inputs(&f.field)
                .into_iter()
                .flatten()
                .filter(|c| ds.column(c).is_none())
                .collect()
        };
        if missing.is_empty() {
            continue;
        }
        let what = if input {
            String::new()
        } else {
            format!(", needed for {},", f.field)
        };
        issues.push(Issue {
            row: None,
            column: None,
            code: "missing_column",
            message: format!("the file has no '{}' column{what} so the scorecard gives every row its missing-value points", missing.join("' or '")),
            severity: Severity::Warning,
        });
    }
}

/// Each row's industry, parsed once per distinct cell: `distinct[index[row]]`.
struct ParsedIndustries {
    distinct: Vec<Result<Industry, IndustryError>>,
    index: Vec<u32>,
}

impl ParsedIndustries {
    fn of(ds: &Dataset) -> ParsedIndustries {
        let Some(texts) = ds.texts("industry") else {
            return ParsedIndustries {
                distinct: vec![Err(IndustryError::Missing)],
                index: vec![0; ds.n_rows],
            };
        };
        let mut distinct = Vec::new();
        let mut seen: rustc_hash::FxHashMap<&str, u32> = Default::default();
        let index = texts
            .iter()
            .map(|s| {
                *seen.entry(s).or_insert_with(|| {
                    distinct.push(Industry::parse(s));
                    distinct.len() as u32 - 1
                })
            })
            .collect();
        ParsedIndustries { distinct, index }
    }
}

fn classify_sizes(
    ds: &Dataset,
    parsed: &ParsedIndustries,
    issues: &mut Vec<Issue>,
) -> (Vec<u32>, Vec<u32>, Vec<String>) {
    let missing = Missing::new(ds.n_rows);
    let employees = missing.or(ds.numbers("employees"));
    let revenue = missing.or(ds.numbers("revenue"));
    let assets = missing.or(ds.numbers("total_assets"));
    let industry_header = ds.header_of("industry");
    let known = |v: f64| (!v.is_nan()).then_some(v);
    let mut codes = Vec::with_capacity(ds.n_rows);
    // Reasons dictionary-encoded as they come (most rows have none): code 0 is no reason.
    let mut reasons = Vec::with_capacity(ds.n_rows);
    let mut reason_keys = vec![String::new()];
    let mut reason_index: rustc_hash::FxHashMap<String, u32> = Default::default();
    for i in 0..ds.n_rows {
        let figures = SizeFigures {
            employees: known(employees[i]),
            revenue_wan: known(revenue[i]).map(|v| v / 10_000.0),
            total_assets_wan: known(assets[i]).map(|v| v / 10_000.0),
        };
        let industry = &parsed.distinct[parsed.index[i] as usize];
        let (class, why) = sme_size::classify(industry, &figures);
        if let Err(err) = industry {
            if *err != IndustryError::Missing {
                issues.push(Issue {
                    row: Some(ds.source_rows[i]),
                    column: Some(industry_header.clone()),
                    code: "unknown_industry",
                    message: err.to_string(),
                    severity: Severity::Warning,
                });
            }
        }
        codes.push(class as u32 + 1);
        reasons.push(match why {
            None => 0,
            Some(why) => *reason_index
                .entry(why.to_string())
                .or_insert_with_key(|key| {
                    reason_keys.push(key.clone());
                    reason_keys.len() as u32 - 1
                }),
        });
    }
    (codes, reasons, reason_keys)
}
