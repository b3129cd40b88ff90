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
    /// Category in a set: the answer for each code, decided once when compiling (code 0, a
    /// missing value, included); `otherwise` for a code past the keys.
    CatIn {
        codes: &'a [u32],
        by_code: Vec<bool>,
        otherwise: bool,
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
            let negate = matches!(op, Op::Ne | Op::NotIn | Op::Present);
            let by_code: Vec<bool> = (0..keys.len().max(1))
                .map(|code| match keys.get(code) {
                    // A missing value satisfies only `missing`.
                    _ if code == 0 => op == Op::Missing,
                    Some(k) => (!k.is_empty() && wanted.contains(&k.as_str())) != negate,
                    None => negate,
                })
                .collect();
            Compiled::CatIn {
                codes,
                by_code,
                otherwise: negate,
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
/// match wins. See [`first_match_values`].
pub fn first_match(conditions: &[Option<&Compiled>], n: usize) -> Vec<Option<u32>> {
    let index: Vec<u32> = (0..conditions.len() as u32).collect();
    first_match_values(conditions, &index, u32::MAX, n)
        .into_iter()
        .map(|i| (i != u32::MAX).then_some(i))
        .collect()
}

/// Rows evaluated together: small enough that a block's scratch buffers stay in the L1 cache.
const BLOCK: usize = 512;

/// `values[i]` of the first condition `i` that holds, per row, or `otherwise` when none does (a
/// `None` condition is a catch-all). Evaluated a block of rows at a time, each condition over the
/// whole block as straight loops over its columns — branch-free and vectorisable, which is
/// several times faster than walking the condition tree row by row and gives the same answer —
/// and a block stops as soon as every row in it has its rule.
pub fn first_match_values(
    conditions: &[Option<&Compiled>],
    values: &[u32],
    otherwise: u32,
    n: usize,
) -> Vec<u32> {
    let mut out = vec![otherwise; n];
    let mut holds = [false; BLOCK];
    let mut open = [true; BLOCK];
    for (block, out) in out.chunks_mut(BLOCK).enumerate() {
        let start = block * BLOCK;
        let len = out.len();
        let open = &mut open[..len];
        open.fill(true);
        let mut left = len;
        for (condition, &value) in conditions.iter().zip(values) {
            let Some(c) = condition else {
                for (o, &is_open) in out.iter_mut().zip(open.iter()) {
                    if is_open {
                        *o = value;
                    }
                }
                break;
            };
            let holds = &mut holds[..len];
            c.eval_block(start, holds);
            for ((o, is_open), &h) in out.iter_mut().zip(open.iter_mut()).zip(holds.iter()) {
                if *is_open && h {
                    *o = value;
                    *is_open = false;
                    left -= 1;
                }
            }
            if left == 0 {
                break;
            }
        }
    }
    out
}

/// `out[i] = f(xs[i])` over a block.
#[inline(always)]
fn each<T: Copy>(out: &mut [bool], xs: &[T], f: impl Fn(T) -> bool) {
    for (o, &x) in out.iter_mut().zip(xs) {
        *o = f(x);
    }
}

impl Compiled<'_> {
    /// [`Compiled::eval`] for rows `start .. start + out.len()` (at most [`BLOCK`] rows), one
    /// node at a time.
    pub fn eval_block(&self, start: usize, out: &mut [bool]) {
        let rows = start..start + out.len();
        match self {
            Compiled::Const(b) => out.fill(*b),
            Compiled::All(list) | Compiled::Any(list) => {
                let all = matches!(self, Compiled::All(_));
                out.fill(all);
                let mut part = [false; BLOCK];
                let part = &mut part[..out.len()];
                for c in list {
                    c.eval_block(start, part);
                    for (o, &p) in out.iter_mut().zip(part.iter()) {
                        *o = if all { *o & p } else { *o | p };
                    }
                    // Decided for the whole block: every row false (all) or true (any).
                    if out.iter().all(|&o| o != all) {
                        break;
                    }
                }
            }
            Compiled::Not(inner) => {
                inner.eval_block(start, out);
                for o in out.iter_mut() {
                    *o = !*o;
                }
            }
            Compiled::Range {
                values,
                lo,
                lo_incl,
                hi,
                hi_incl,
                negate,
            } => {
                let (lo, hi, negate) = (*lo, *hi, *negate);
                // A missing value (NaN) is never inside, and never outside either.
                let xs = &values[rows];
                match (lo_incl, hi_incl) {
                    (true, true) => {
                        each(out, xs, |x| ((x >= lo && x <= hi) != negate) & !x.is_nan())
                    }
                    (true, false) => {
                        each(out, xs, |x| ((x >= lo && x < hi) != negate) & !x.is_nan())
                    }
                    (false, true) => {
                        each(out, xs, |x| ((x > lo && x <= hi) != negate) & !x.is_nan())
                    }
                    (false, false) => {
                        each(out, xs, |x| ((x > lo && x < hi) != negate) & !x.is_nan())
                    }
                }
            }
            Compiled::NumMissing { values, missing } => {
                let missing = *missing;
                each(out, &values[rows], |x| x.is_nan() == missing)
            }
            Compiled::CatIn {
                codes,
                by_code,
                otherwise,
            } => each(out, &codes[rows], |c| {
                by_code.get(c as usize).copied().unwrap_or(*otherwise)
            }),
            Compiled::FlagsHas { bits, mask } => {
                let mask = *mask;
                each(out, &bits[rows], |b| b & mask != 0)
            }
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
                by_code,
                otherwise,
            } => by_code
                .get(codes[row] as usize)
                .copied()
                .unwrap_or(*otherwise),
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
    fn block_at_a_time_equals_row_by_row_on_random_conditions() {
        let mut rng = crate::rng::SeededRng::new(5);
        // Several blocks and a partial one.
        let n = 2 * BLOCK + 77;
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
            for c in &compiled {
                for start in (3..n).step_by(BLOCK) {
                    let mut block = vec![false; BLOCK.min(n - start)];
                    c.eval_block(start, &mut block);
                    assert!((0..block.len()).all(|r| block[r] == c.eval(start + r)));
                }
            }
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
            matched > 20_000 && unmatched > 20_000,
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
