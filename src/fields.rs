//! The input fields lendseg understands: canonical snake_case names, their kind (number, money,
//! text, date), display names in zh/en and the header aliases (Chinese and English) matched
//! case-, width- and space-insensitively. A column header may also carry its unit in brackets,
//! e.g. `营业收入（万元）`, which overrides the file-wide money unit for that column.

use crate::text::fold_header;
use serde::{Deserialize, Serialize};

/// How a field's cells are read.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// A plain number (persons, counts, days, ratios).
    Number,
    /// An amount of money; read in the file's money unit and stored in yuan.
    Money,
    /// Free text or a category key.
    Text,
    /// A calendar date (stored as days since 1970-01-01).
    Date,
}

/// The unit money is written in.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MoneyUnit {
    /// 元
    #[default]
    Yuan,
    /// 万元 (10,000 yuan)
    Wan,
}

impl MoneyUnit {
    /// Factor that turns an amount in this unit into yuan.
    pub fn to_yuan(self) -> f64 {
        match self {
            MoneyUnit::Yuan => 1.0,
            MoneyUnit::Wan => 10_000.0,
        }
    }

    pub fn parse(s: &str) -> Option<MoneyUnit> {
        match s.trim().to_ascii_lowercase().as_str() {
            "yuan" | "元" | "cny" | "rmb" => Some(MoneyUnit::Yuan),
            "wan" | "万元" | "万" | "10k" => Some(MoneyUnit::Wan),
            _ => None,
        }
    }
}

/// One input field.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    pub name: String,
    pub kind: FieldKind,
    pub zh: String,
    pub en: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Smallest plausible value (e.g. 0 for employees); below it the cell is rejected as missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest plausible value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

/// The fields of the built-in enterprise policy (the full SME list: identity, size, balance
/// sheet, profit and cash flow, receivables, credit history, relationship and behaviour).
pub fn builtin_fields() -> Vec<FieldSpec> {
    crate::policy::builtin("enterprise")
        .expect("built in")
        .fields
}

/// A recognised header: which field, how sure, and the unit written in the header if any.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HeaderMatch {
    pub field: String,
    /// 1.0 for the canonical name (or a manual mapping), 0.9 for an alias or display name.
    pub confidence: f64,
    pub unit: Option<MoneyUnit>,
}

/// Split `营业收入（万元）` / `revenue (wan)` into the name part and a bracketed unit.
fn split_unit(header: &str) -> (String, Option<MoneyUnit>) {
    let folded: String = header.chars().map(crate::text::fold_fullwidth).collect();
    if let Some(open) = folded.find(['(', '[']) {
        let inner = folded[open + 1..].trim_end_matches([')', ']']).trim();
        return (folded[..open].to_string(), MoneyUnit::parse(inner));
    }
    (folded, None)
}

/// Every name a field list answers to (canonical names, then aliases and display names), folded
/// once. Matching a file's headers then costs one fold per header instead of one per alias per
/// header — a 10,000-column file would otherwise fold millions of names.
pub struct HeaderMatcher<'a> {
    fields: &'a [FieldSpec],
    /// Folded name → (field index, confidence); the first field to claim a name keeps it.
    keys: rustc_hash::FxHashMap<String, (usize, f64)>,
}

impl<'a> HeaderMatcher<'a> {
    pub fn new(fields: &'a [FieldSpec]) -> HeaderMatcher<'a> {
        let mut keys = rustc_hash::FxHashMap::default();
        for (i, spec) in fields.iter().enumerate() {
            let key = fold_header(&spec.name);
            if !key.is_empty() {
                keys.entry(key).or_insert((i, 1.0));
            }
        }
        for (i, spec) in fields.iter().enumerate() {
            for name in spec.aliases.iter().chain([&spec.zh, &spec.en]) {
                let key = fold_header(name);
                if !key.is_empty() {
                    keys.entry(key).or_insert((i, 0.9));
                }
            }
        }
        HeaderMatcher { fields, keys }
    }

    /// Match one header: a canonical name beats any alias; among aliases the earlier field wins.
    pub fn find(&self, header: &str) -> Option<HeaderMatch> {
        let (name_part, unit) = split_unit(header);
        let &(i, confidence) = self.keys.get(&fold_header(&name_part))?;
        Some(HeaderMatch {
            field: self.fields[i].name.clone(),
            confidence,
            unit,
        })
    }
}

/// Match one header against the field list (for many headers, build a [`HeaderMatcher`] once).
pub fn match_header(header: &str, fields: &[FieldSpec]) -> Option<HeaderMatch> {
    HeaderMatcher::new(fields).find(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_match_case_width_and_space_insensitively() {
        let fields = builtin_fields();
        let m = |h: &str| match_header(h, &fields).map(|m| m.field);
        assert_eq!(m("employees").as_deref(), Some("employees"));
        assert_eq!(m("从业人员").as_deref(), Some("employees"));
        assert_eq!(m(" 员工人数 ").as_deref(), Some("employees"));
        assert_eq!(m("营业收入").as_deref(), Some("revenue"));
        assert_eq!(m("Total Assets").as_deref(), Some("total_assets"));
        assert_eq!(m("总资产").as_deref(), Some("total_assets"));
        assert_eq!(m("资产总额").as_deref(), Some("total_assets"));
        assert_eq!(m("所属行业").as_deref(), Some("industry"));
        assert_eq!(m("行业代码").as_deref(), Some("industry"));
        assert_eq!(m("INDUSTRY").as_deref(), Some("industry"));
        assert_eq!(m("favourite colour"), None);
    }

    #[test]
    fn unit_in_header_is_read() {
        let fields = builtin_fields();
        let hm = match_header("营业收入（万元）", &fields).unwrap();
        assert_eq!(
            (hm.field.as_str(), hm.unit),
            ("revenue", Some(MoneyUnit::Wan))
        );
        let hm = match_header("Revenue (yuan)", &fields).unwrap();
        assert_eq!(
            (hm.field.as_str(), hm.unit),
            ("revenue", Some(MoneyUnit::Yuan))
        );
        assert_eq!(match_header("资产总额", &fields).unwrap().unit, None);
    }

    #[test]
    fn no_alias_is_claimed_by_two_fields() {
        let fields = builtin_fields();
        let mut seen = std::collections::HashMap::new();
        for spec in &fields {
            for a in spec.aliases.iter().chain([&spec.name, &spec.zh, &spec.en]) {
                if let Some(prev) = seen.insert(fold_header(a), spec.name.clone()) {
                    assert_eq!(
                        prev, spec.name,
                        "alias {a} used by {prev} and {}",
                        spec.name
                    );
                }
            }
        }
    }

    #[test]
    fn a_canonical_name_beats_an_alias_and_the_earlier_field_wins_among_aliases() {
        let spec = |name: &str, aliases: &[&str]| FieldSpec {
            name: name.into(),
            kind: FieldKind::Number,
            zh: format!("{name}_zh"),
            en: format!("{name}_en"),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            min: None,
            max: None,
        };
        let fields = [
            spec("a", &["Shared", "b"]),
            spec("b", &["shared"]),
            spec("c", &[]),
        ];
        let matcher = HeaderMatcher::new(&fields);
        let m = |h: &str| matcher.find(h).map(|m| (m.field, m.confidence));
        assert_eq!(m("B"), Some(("b".into(), 1.0)));
        assert_eq!(m("s h a r e d"), Some(("a".into(), 0.9)));
        assert_eq!(m("c_EN"), Some(("c".into(), 0.9)));
        assert_eq!(m("  "), None);
        assert_eq!(m("d"), None);
    }
}
