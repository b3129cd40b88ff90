//! The policy's rule conditions: a small, safe, structured JSON format — no expression parser, no
//! code execution. A condition is `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}` or a
//! comparison `{"field": "debt_ratio", "op": "gte", "value": 0.7}`. Conditions are checked against
//! the variables a policy makes available (with their types) when the policy is validated, and
//! compiled once against the batch's columns so evaluation per row is a tree walk over slices.
//!
//! Missing values: a missing value satisfies no comparison (not even `ne` or `not_in`); only
//! `missing` matches it. A field the file has no column for is missing on every row.

use crate::frame::{Frame, Var, VarKind};
use serde::{Deserialize, Serialize};

/// Comparison operators.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
    /// `value` is `[low, high]`, both included.
    Between,
    /// `value` is a list of category keys.
    In,
    NotIn,
    /// No `value`: the field has no value for this row.
    Missing,
    Present,
    /// For flag lists (warnings): `value` is a flag key the row has.
    Has,
}

/// A condition as written in the policy.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any: Option<Vec<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub op: Option<Op>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
}

impl Condition {
    /// Convenience constructor for code and tests.
    pub fn cmp(field: &str, op: Op, value: serde_json::Value) -> Condition {
        Condition {
            field: Some(field.into()),
            op: Some(op),
            value: Some(value),
            ..Condition::default()
        }
    }
}

/// Check a condition against the variables available at its stage. Every problem is pushed with
/// its JSON path.
pub fn check(
    cond: &Condition,
    path: &str,
    vars: &dyn Fn(&str) -> Option<VarKind>,
    errors: &mut Vec<String>,
) {
    let forms = [
        cond.all.is_some(),
        cond.any.is_some(),
        cond.not.is_some(),
        cond.field.is_some(),
    ];
    if forms.iter().filter(|f| **f).count() != 1 {
        errors.push(format!(
            "{path}: give exactly one of all, any, not, or field/op/value"
        ));
        return;
    }
    if let Some(list) = cond.all.as_ref().or(cond.any.as_ref()) {
        let key = if cond.all.is_some() { "all" } else { "any" };
        if list.is_empty() {
            errors.push(format!("{path}.{key}: empty list"));
        }
        for (i, c) in list.iter().enumerate() {
            check(c, &format!("{path}.{key}[{i}]"), vars, errors);
        }
        return;
    }
    if let Some(inner) = &cond.not {
        check(inner, &format!("{path}.not"), vars, errors);
        return;
    }
    let field = cond.field.as_deref().unwrap_or_default();
    let Some(kind) = vars(field) else {
        errors.push(format!(
            "{path}.field: unknown field '{field}' (not an input, derived value or earlier result)"
        ));
        return;
    };
    let Some(op) = cond.op else {
        errors.push(format!("{path}.op: missing"));
        return;
    };
    let value = cond.value.as_ref();
    let bad = |errors: &mut Vec<String>, why: &str| errors.push(format!("{path}.value: {why}"));
    match (op, &kind) {
        (Op::Missing | Op::Present, _) => {
            if value.is_some() {
                bad(errors, "missing/present take no value");
            }
        }
        (Op::Lt | Op::Lte | Op::Gt | Op::Gte, VarKind::Num) => {
            if !value.is_some_and(|v| v.is_number()) {
                bad(errors, "expected a number");
            }
        }
        (Op::Between, VarKind::Num) => match value.and_then(|v| v.as_array()) {
            Some(a) if a.len() == 2 && a.iter().all(|x| x.is_number()) => {
                if a[0].as_f64() > a[1].as_f64() {
                    bad(errors, "between needs [low, high] with low ≤ high");
                }
            }
            _ => bad(errors, "between needs [low, high]"),
        },
        (Op::Eq | Op::Ne, VarKind::Num) => {
            if !value.is_some_and(|v| v.is_number()) {
                bad(errors, "expected a number");
            }
        }
        (Op::Eq | Op::Ne, VarKind::Cat(keys)) => match value.and_then(|v| v.as_str()) {
            Some(s) => check_key(s, keys, path, errors),
            None => bad(errors, "expected a category key (string)"),
        },
        (Op::In | Op::NotIn, VarKind::Cat(keys)) => match value.and_then(|v| v.as_array()) {
            Some(a) if !a.is_empty() && a.iter().all(|x| x.is_string()) => {
                for s in a.iter().filter_map(|x| x.as_str()) {
                    check_key(s, keys, path, errors);
                }
            }
            _ => bad(errors, "expected a non-empty list of category keys"),
        },
        (Op::Has, VarKind::Flags(keys)) => match value.and_then(|v| v.as_str()) {
            Some(s) => check_key(s, &Some(keys.clone()), path, errors),
            None => bad(errors, "expected a flag key (string)"),
        },
        (op, kind) => errors.push(format!(
            "{path}.op: '{}' does not apply to {} field '{field}'",
            op_name(op),
            kind.describe()
        )),
    }
}

fn check_key(key: &str, keys: &Option<Vec<String>>, path: &str, errors: &mut Vec<String>) {
    if let Some(keys) = keys {
        if !keys.iter().any(|k| k == key) {
            errors.push(format!(
                "{path}.value: '{key}' is not one of {}",
                keys.join(", ")
            ));
        }
    }
}

fn op_name(op: Op) -> &'static str {
    match op {
        Op::Eq => "eq",
        Op::Ne => "ne",
        Op::Lt => "lt",
        Op::Lte => "lte",
        Op::Gt => "gt",
        Op::Gte => "gte",
        Op::Between => "between",
        Op::In => "in",
        Op::NotIn => "not_in",
        Op::Missing => "missing",
        Op::Present => "present",
        Op::Has => "has",
    }
}

/// A condition bound to the batch's columns.
pub enum Compiled<'a> {
    Const(bool),
    All(Vec<Compiled<'a>>),
    Any(Vec<Compiled<'a>>),
    Not(Box<Compiled<'a>>),
    /// `lo ≤ x ≤ hi` with open/closed ends encoded in the bounds; NaN (missing) is never inside.
    Range {
        values: &'a [f64],
        lo: f64,
        lo_incl: bool,
        hi: f64,
        hi_incl: bool,
        negate: bool,
    },
    NumMissing {
        values: &'a [f64],
        missing: bool,
    },
    /// Category code in a set (indexed by code); a missing value (code 0) gives `if_missing`.
    CatIn {
        codes: &'a [u32],
        set: Vec<bool>,
        negate: bool,
        if_missing: bool,
    },
    FlagsHas {
        bits: &'a [u32],
        mask: u32,
    },
}

/// Bind a (validated) condition to a frame. Anything that cannot bind evaluates to false.
pub fn compile<'a>(cond: &Condition, frame: &'a Frame) -> Compiled<'a> {
    if let Some(list) = &cond.all {
        return Compiled::All(list.iter().map(|c| compile(c, frame)).collect());
    }
    if let Some(list) = &cond.any {
        return Compiled::Any(list.iter().map(|c| compile(c, frame)).collect());
    }
    if let Some(inner) = &cond.not {
        return Compiled::Not(Box::new(compile(inner, frame)));
    }
    let (Some(field), Some(op)) = (cond.field.as_deref(), cond.op) else {
        return Compiled::Const(false);
    };
    // A field the file does not have is missing on every row: only `missing` holds.
    let Some(var) = frame.get(field) else {
        return Compiled::Const(op == Op::Missing);
    };
    let num = |v: Option<&serde_json::Value>| v.and_then(|x| x.as_f64()).unwrap_or(f64::NAN);
    match (var, op) {
        (Var::Num(values), Op::Missing | Op::Present) => Compiled::NumMissing {
            values,
            missing: op == Op::Missing,
        },
        (Var::Num(values), _) => {
            let v = num(cond.value.as_ref());
            let inf = f64::INFINITY;
            let (lo, lo_incl, hi, hi_incl, negate) = match op {
                Op::Eq => (v, true, v, true, false),
                Op::Ne => (v, true, v, true, true),
                Op::Lt => (-inf, true, v, false, false),
                Op::Lte => (-inf, true, v, true, false),
                Op::Gt => (v, false, inf, true, false),
                Op::Gte => (v, true, inf, true, false),
                Op::Between => {
                    let a = cond.value.as_ref().and_then(|x| x.as_array());
                    let lo = num(a.and_then(|a| a.first()));
                    let hi = num(a.and_then(|a| a.get(1)));
                    (lo, true, hi, true, false)
                }
                _ => return Compiled::Const(false),
            };
            Compiled::Range {
                values,
                lo,
                lo_incl,
                hi,
                hi_incl,
                negate,
            }
        }
        (Var::Cat { codes, keys }, _) => {
            let wanted: Vec<&str> = match (op, cond.value.as_ref()) {
                (Op::Missing | Op::Present, _) => vec![],
                (_, Some(serde_json::Value::String(s))) => vec![s.as_str()],
                (_, Some(serde_json::Value::Array(a))) => {
                    a.iter().filter_map(|x| x.as_str()).collect()
                }
                _ => return Compiled::Const(false),
            };
            let set: Vec<bool> = keys
                .iter()
                .map(|k| !k.is_empty() && wanted.contains(&k.as_str()))
                .collect();
            let negate = matches!(op, Op::Ne | Op::NotIn | Op::Present);
            Compiled::CatIn {
                codes,
                set,
                negate,
                if_missing: op == Op::Missing,
            }
        }
        (Var::Flags { bits, keys }, Op::Has) => {
            let key = cond
                .value
                .as_ref()
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            match keys.iter().position(|k| k == key) {
                Some(i) => Compiled::FlagsHas { bits, mask: 1 << i },
                None => Compiled::Const(false),
            }
        }
        (Var::Flags { .. }, _) => Compiled::Const(false),
    }
}

/// The first condition that holds, per row (`None` = no condition holds): ordered rules, first
/// match wins. Evaluated a column at a time over the rows still unmatched, which is several times
/// faster than walking the condition tree row by row and gives the same answer.
pub fn first_match(conditions: &[Option<&Compiled>], n: usize) -> Vec<Option<u32>> {
    let mut out: Vec<Option<u32>> = vec![None; n];
    let mut open: Vec<u32> = (0..n as u32).collect();
    for (i, condition) in conditions.iter().enumerate() {
        if open.is_empty() {
            break;
        }
        let Some(c) = condition else {
            // A catch-all: every row still open takes it.
            for &r in &open {
                out[r as usize] = Some(i as u32);
            }
            open.clear();
            break;
        };
        let holds = c.eval_rows(&open);
        let mut still = Vec::with_capacity(open.len());
        for (&r, h) in open.iter().zip(holds) {
            if h {
                out[r as usize] = Some(i as u32);
            } else {
                still.push(r);
            }
        }
        open = still;
    }
    out
}

impl Compiled<'_> {
    /// [`Compiled::eval`] for each of `rows`, one node at a time.
    pub fn eval_rows(&self, rows: &[u32]) -> Vec<bool> {
        let at = |r: &u32| *r as usize;
        match self {
            Compiled::Const(b) => vec![*b; rows.len()],
            Compiled::All(list) => {
                let mut acc = vec![true; rows.len()];
                for c in list {
                    for (a, v) in acc.iter_mut().zip(c.eval_rows(rows)) {
                        *a &= v;
                    }
                }
                acc
            }
            Compiled::Any(list) => {
                let mut acc = vec![false; rows.len()];
                for c in list {
                    for (a, v) in acc.iter_mut().zip(c.eval_rows(rows)) {
                        *a |= v;
                    }
                }
                acc
            }
            Compiled::Not(inner) => inner.eval_rows(rows).into_iter().map(|v| !v).collect(),
            Compiled::NumMissing { values, missing } => rows
                .iter()
                .map(|r| values[at(r)].is_nan() == *missing)
                .collect(),
            Compiled::FlagsHas { bits, mask } => {
                rows.iter().map(|r| bits[at(r)] & mask != 0).collect()
            }
            // Ranges and category sets: the row-wise rule (one comparison chain per value).
            _ => rows.iter().map(|r| self.eval(at(r))).collect(),
        }
    }

    #[inline]
    pub fn eval(&self, row: usize) -> bool {
        match self {
            Compiled::Const(b) => *b,
            Compiled::All(list) => list.iter().all(|c| c.eval(row)),
            Compiled::Any(list) => list.iter().any(|c| c.eval(row)),
            Compiled::Not(inner) => !inner.eval(row),
            Compiled::Range {
                values,
                lo,
                lo_incl,
                hi,
                hi_incl,
                negate,
            } => {
                let x = values[row];
                if x.is_nan() {
                    return false;
                }
                let above = if *lo_incl { x >= *lo } else { x > *lo };
                let below = if *hi_incl { x <= *hi } else { x < *hi };
                (above && below) != *negate
            }
            Compiled::NumMissing { values, missing } => values[row].is_nan() == *missing,
            Compiled::CatIn {
                codes,
                set,
                negate,
                if_missing,
            } => {
                let code = codes[row] as usize;
                if code == 0 {
                    return *if_missing;
                }
                set.get(code).copied().unwrap_or(false) != *negate
            }
            Compiled::FlagsHas { bits, mask } => bits[row] & mask != 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn frame() -> Frame<'static> {
        let mut f = Frame::new(4);
        f.insert_num("debt_ratio", vec![0.3, 0.8, f64::NAN, 0.7]);
        f.insert_cat_from_strings("grade", ["AAA", "B", "", "BB"]);
        f.insert_flags(
            "warnings",
            vec![0, 1, 3, 0],
            vec!["revenue_drop".into(), "dpd_rising".into()],
        );
        f
    }

    #[test]
    fn column_at_a_time_equals_row_by_row_on_random_conditions() {
        let mut rng = crate::rng::SeededRng::new(5);
        let n = 500;
        let num: Vec<f64> = (0..n)
            .map(|_| {
                if rng.below(6) == 0 {
                    f64::NAN
                } else {
                    rng.below(100) as f64 / 100.0
                }
            })
            .collect();
        let grades = ["", "AAA", "BB", "B", "C"];
        let cat: Vec<&str> = (0..n).map(|_| grades[rng.below(5) as usize]).collect();
        let bits: Vec<u32> = (0..n).map(|_| rng.below(4) as u32).collect();
        let mut f = Frame::new(n);
        f.insert_num("debt_ratio", num);
        f.insert_cat_from_strings("grade", cat.iter().copied());
        f.insert_flags(
            "warnings",
            bits,
            vec!["revenue_drop".into(), "dpd_rising".into()],
        );
        let ops = ["gte", "lt", "ne", "eq", "lte", "gt"];
        let leaf = |rng: &mut crate::rng::SeededRng| -> serde_json::Value {
            match rng.below(5) {
                0 => {
                    json!({"field": "debt_ratio", "op": ops[rng.below(6) as usize], "value": rng.below(100) as f64 / 100.0})
                }
                1 => {
                    json!({"field": "grade", "op": "in", "value": [grades[1 + rng.below(4) as usize], grades[1 + rng.below(4) as usize]]})
                }
                2 => json!({"field": "debt_ratio", "op": "missing"}),
                3 => {
                    let flag = ["revenue_drop", "dpd_rising"][rng.below(2) as usize];
                    json!({"field": "warnings", "op": "has", "value": flag})
                }
                _ => json!({"field": "grade", "op": "not_in", "value": ["AAA"]}),
            }
        };
        let (mut matched, mut unmatched) = (0, 0);
        for _ in 0..200 {
            let mut rules = Vec::new();
            for _ in 0..1 + rng.below(5) {
                let (a, b, c) = (leaf(&mut rng), leaf(&mut rng), leaf(&mut rng));
                rules.push(match rng.below(4) {
                    0 => a,
                    1 => json!({"all": [a, b]}),
                    2 => json!({"any": [a, {"not": b}, c]}),
                    _ => json!({"not": {"all": [a, {"any": [b, c]}]}}),
                });
            }
            let conds: Vec<Condition> = rules
                .into_iter()
                .map(|r| serde_json::from_value(r).unwrap())
                .collect();
            let compiled: Vec<Compiled> = conds.iter().map(|c| compile(c, &f)).collect();
            let mut with_catch_all: Vec<Option<&Compiled>> = compiled.iter().map(Some).collect();
            let fast = first_match(&with_catch_all, n);
            let slow: Vec<Option<u32>> = (0..n)
                .map(|r| compiled.iter().position(|c| c.eval(r)).map(|i| i as u32))
                .collect();
            assert_eq!(fast, slow);
            matched += slow.iter().filter(|m| m.is_some()).count();
            unmatched += slow.iter().filter(|m| m.is_none()).count();
            with_catch_all.push(None);
            let all = first_match(&with_catch_all, n);
            for r in 0..n {
                assert_eq!(all[r], slow[r].or(Some(compiled.len() as u32)));
            }
        }
        assert!(
            matched > 10_000 && unmatched > 10_000,
            "{matched} / {unmatched}"
        );
    }

    fn rows(cond: serde_json::Value) -> Vec<bool> {
        let c: Condition = serde_json::from_value(cond).unwrap();
        let f = frame();
        let compiled = compile(&c, &f);
        (0..4).map(|r| compiled.eval(r)).collect()
    }

    #[test]
    fn comparisons_treat_missing_as_false() {
        assert_eq!(
            rows(json!({"field": "debt_ratio", "op": "gte", "value": 0.7})),
            [false, true, false, true]
        );
        assert_eq!(
            rows(json!({"field": "debt_ratio", "op": "lt", "value": 0.7})),
            [true, false, false, false]
        );
        assert_eq!(
            rows(json!({"field": "debt_ratio", "op": "ne", "value": 0.7})),
            [true, true, false, false]
        );
        assert_eq!(
            rows(json!({"field": "debt_ratio", "op": "between", "value": [0.3, 0.7]})),
            [true, false, false, true]
        );
        assert_eq!(
            rows(json!({"field": "debt_ratio", "op": "missing"})),
            [false, false, true, false]
        );
    }

    #[test]
    fn categories_flags_and_combinators() {
        assert_eq!(
            rows(json!({"field": "grade", "op": "in", "value": ["AAA", "BB"]})),
            [true, false, false, true]
        );
        assert_eq!(
            rows(json!({"field": "grade", "op": "not_in", "value": ["AAA"]})),
            [false, true, false, true]
        );
        assert_eq!(
            rows(json!({"field": "grade", "op": "ne", "value": "B"})),
            [true, false, false, true]
        );
        assert_eq!(
            rows(json!({"field": "grade", "op": "missing"})),
            [false, false, true, false]
        );
        assert_eq!(
            rows(json!({"field": "warnings", "op": "has", "value": "dpd_rising"})),
            [false, false, true, false]
        );
        assert_eq!(
            rows(
                json!({"any": [{"field": "grade", "op": "eq", "value": "B"}, {"not": {"field": "debt_ratio", "op": "present"}}]})
            ),
            [false, true, true, false]
        );
        assert_eq!(
            rows(
                json!({"all": [{"field": "grade", "op": "present"}, {"field": "debt_ratio", "op": "gt", "value": 0.5}]})
            ),
            [false, true, false, true]
        );
    }

    #[test]
    fn a_field_the_file_lacks_is_missing_everywhere() {
        assert_eq!(
            rows(json!({"field": "years_in_business", "op": "missing"})),
            [true; 4]
        );
        assert_eq!(
            rows(json!({"field": "years_in_business", "op": "present"})),
            [false; 4]
        );
        assert_eq!(
            rows(json!({"field": "years_in_business", "op": "ne", "value": 3})),
            [false; 4]
        );
    }

    #[test]
    fn validation_names_the_path_and_reports_every_problem() {
        let c: Condition = serde_json::from_value(json!({"all": [
            {"field": "nope", "op": "eq", "value": 1},
            {"field": "debt_ratio", "op": "in", "value": ["x"]},
            {"field": "grade", "op": "eq", "value": "AAAA"},
            {"field": "debt_ratio", "op": "between", "value": [2, 1]},
            {"any": []}
        ]}))
        .unwrap();
        let f = frame();
        let mut errors = Vec::new();
        check(&c, "segments[0].when", &|name| f.kind(name), &mut errors);
        assert_eq!(errors.len(), 5, "{errors:#?}");
        assert!(errors[0].starts_with("segments[0].when.all[0].field: unknown field 'nope'"));
        assert!(errors[1].contains("all[1].op: 'in' does not apply to number field 'debt_ratio'"));
        assert!(errors[2].contains("all[2].value: 'AAAA' is not one of"));
        assert!(errors[3].contains("all[3].value: between needs [low, high] with low ≤ high"));
        assert!(errors[4].contains("all[4].any: empty list"));
        let both: Condition = serde_json::from_value(json!({"all": [], "field": "grade"})).unwrap();
        let mut errors = Vec::new();
        check(&both, "x", &|name| f.kind(name), &mut errors);
        assert_eq!(
            errors,
            ["x: give exactly one of all, any, not, or field/op/value"]
        );
        assert!(
            serde_json::from_value::<Condition>(json!({"feild": "grade"})).is_err(),
            "unknown keys are rejected"
        );
    }
}
