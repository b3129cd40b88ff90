//! Semantic checks of a parsed policy. Each problem is `json.path: reason`, and all of them are
//! returned together so a risk analyst fixes a policy in one pass. The variables a rule may use
//! depend on its stage (a value tier may use the risk tier, not the other way round); the stage
//! tables live here beside the checks that use them.

use super::*;
use crate::condition::check;
use crate::frame::VarKind;
use crate::industry::Industry;
use crate::ratios::RATIOS;
use crate::text::fold_header;
use std::collections::{HashMap, HashSet};

/// Names the engine computes; an input field may not take one (a rule would be checked against
/// one variable and run against another).
pub const COMPUTED: &[&str] = &[
    "size_class",
    "size_reason",
    "score",
    "pd",
    "grade",
    "reason_1",
    "reason_2",
    "reason_3",
    "industry_risk",
    "r_score",
    "f_score",
    "m_score",
    "rfm_segment",
    "warnings",
    "warning_count",
    "risk_tier",
    "value_tier",
    "lifecycle",
    "ead",
    "lgd",
    "el",
    "cluster",
    "segment",
    "segment_name",
    "action_product",
    "action_service",
    "review",
    "rate_adjustment_bp",
];

/// The largest points one bin may give or take: keeps every score sum far from overflow.
pub const MAX_POINTS: i32 = 10_000;

/// Where a condition is evaluated; each stage sees the results of the stages before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// `grades.default_when`: inputs, ratios, industry, size class.
    BeforeGrade,
    RiskTier,
    ValueTier,
    Lifecycle,
    Segment,
}

/// The fixed flag keys of the early-warning stage.
pub const WARNING_KEYS: [&str; 6] = [
    "revenue_drop",
    "overdue_receivables_rising",
    "dpd_rising",
    "debt_ratio_jump",
    "negative_equity",
    "negative_cash_flow_rising_debt",
];

/// The kind of a variable at a stage, or `None` when it does not exist there.
pub fn variable(policy: &Policy, stage: Stage, name: &str) -> Option<VarKind> {
    // The identity columns are output as they are, never seen by rules.
    if name == "id" || name == "name" {
        return None;
    }
    if let Some(spec) = policy.fields.iter().find(|f| f.name == name) {
        return Some(match (spec.kind, name) {
            (_, "industry") => VarKind::cat(&Industry::ALL.map(|i| i.key())),
            (crate::fields::FieldKind::Text, _) => VarKind::Cat(None),
            _ => VarKind::Num,
        });
    }
    if RATIOS.contains(&name) {
        return Some(VarKind::Num);
    }
    let at = |s: Stage, kind: VarKind| (stage >= s).then_some(kind);
    match name {
        "industry_risk" => Some(VarKind::cat(&INDUSTRY_RISKS)),
        "size_class" => Some(VarKind::cat(
            &crate::sme_size::SizeClass::ALL.map(|c| c.key()),
        )),
        "score" | "pd" | "r_score" | "f_score" | "m_score" | "warning_count" => {
            at(Stage::RiskTier, VarKind::Num)
        }
        "grade" => at(Stage::RiskTier, VarKind::cat(&policy.grade_keys())),
        "rfm_segment" => at(
            Stage::RiskTier,
            VarKind::cat(
                &policy
                    .rfm
                    .segments
                    .iter()
                    .map(|s| s.key.as_str())
                    .collect::<Vec<_>>(),
            ),
        ),
        "warnings" => at(
            Stage::RiskTier,
            VarKind::Flags(WARNING_KEYS.map(String::from).to_vec()),
        ),
        "risk_tier" => at(Stage::ValueTier, VarKind::cat(&RISK_TIERS)),
        "value_tier" => at(Stage::Lifecycle, VarKind::cat(&VALUE_TIERS)),
        "lifecycle" => at(Stage::Segment, VarKind::cat(&LIFECYCLES)),
        "ead" | "lgd" | "el" => at(Stage::Segment, VarKind::Num),
        "cluster" if policy.clusters.is_some() => at(Stage::Segment, VarKind::Num),
        _ => None,
    }
}

fn check_condition(
    policy: &Policy,
    stage: Stage,
    cond: &Condition,
    path: &str,
    errors: &mut Vec<String>,
) {
    check(cond, path, &|name| variable(policy, stage, name), errors);
}

pub fn validate(policy: &Policy) -> Vec<String> {
    let mut e = Vec::new();
    if policy.version != POLICY_VERSION {
        e.push(format!(
            "version: this build reads version {POLICY_VERSION}, not {}",
            policy.version
        ));
    }
    if policy.name.trim().is_empty() {
        e.push("name: empty".into());
    }
    fields(policy, &mut e);
    industry_risk(policy, &mut e);
    scorecard(policy, &mut e);
    grades(policy, &mut e);
    rule_list(
        policy,
        Stage::RiskTier,
        "risk_tier",
        &policy.risk_tier,
        &RISK_TIERS,
        &mut e,
    );
    rule_list(
        policy,
        Stage::ValueTier,
        "value_tier",
        &policy.value_tier,
        &VALUE_TIERS,
        &mut e,
    );
    rule_list(
        policy,
        Stage::Lifecycle,
        "lifecycle",
        &policy.lifecycle,
        &LIFECYCLES,
        &mut e,
    );
    rfm(policy, &mut e);
    warnings(policy, &mut e);
    segments(policy, &mut e);
    money_and_quality(policy, &mut e);
    clusters(policy, &mut e);
    e
}

fn clusters(policy: &Policy, e: &mut Vec<String>) {
    let Some(model) = &policy.clusters else {
        return;
    };
    if let Err(err) = model.validate() {
        e.push(format!("clusters: {err}"));
    }
    for (i, c) in model.scaler.numeric_columns.iter().enumerate() {
        if variable(policy, Stage::BeforeGrade, c) != Some(VarKind::Num) {
            e.push(format!(
                "clusters.scaler.numeric_columns[{i}]: '{c}' is not a number field or ratio"
            ));
        }
    }
    for (i, c) in model.scaler.categorical_columns.iter().enumerate() {
        if !matches!(
            variable(policy, Stage::BeforeGrade, c),
            Some(VarKind::Cat(_))
        ) {
            e.push(format!(
                "clusters.scaler.categorical_columns[{i}]: '{c}' is not a category field"
            ));
        }
    }
}

fn fields(policy: &Policy, e: &mut Vec<String>) {
    let mut names = HashSet::new();
    let mut claimed: HashMap<String, String> = HashMap::new();
    for (i, f) in policy.fields.iter().enumerate() {
        let ok_name = !f.name.is_empty()
            && f.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok_name {
            e.push(format!(
                "fields[{i}].name: '{}' is not a snake_case name",
                f.name
            ));
        }
        if !names.insert(f.name.as_str()) {
            e.push(format!("fields[{i}].name: '{}' is defined twice", f.name));
        }
        if RATIOS.contains(&f.name.as_str()) || COMPUTED.contains(&f.name.as_str()) {
            e.push(format!(
                "fields[{i}].name: '{}' is a computed result and cannot be an input field",
                f.name
            ));
        }
        if let (Some(lo), Some(hi)) = (f.min, f.max) {
            if lo > hi {
                e.push(format!("fields[{i}]: min {lo} is above max {hi}"));
            }
        }
        for (j, alias) in std::iter::once(&f.name).chain(&f.aliases).enumerate() {
            let key = fold_header(alias);
            if let Some(other) = claimed.get(&key) {
                if other != &f.name {
                    let at = if j == 0 {
                        "name".to_string()
                    } else {
                        format!("aliases[{}]", j - 1)
                    };
                    e.push(format!(
                        "fields[{i}].{at}: '{alias}' already names field '{other}'"
                    ));
                }
            } else {
                claimed.insert(key, f.name.clone());
            }
        }
    }
    if !names.contains("id") {
        e.push("fields: no 'id' field (results are keyed by it)".into());
    }
    if policy.kind == PolicyKind::Enterprise {
        for needed in ["industry", "employees", "revenue", "total_assets"] {
            if !names.contains(needed) {
                e.push(format!(
                    "fields: enterprise policies need '{needed}' for the size class"
                ));
            }
        }
    }
}

fn industry_risk(policy: &Policy, e: &mut Vec<String>) {
    for (key, level) in &policy.industry_risk {
        if Industry::from_key(key).is_none() {
            e.push(format!("industry_risk.{key}: not an industry key"));
        }
        if !INDUSTRY_RISKS.contains(&level.as_str()) {
            e.push(format!(
                "industry_risk.{key}: '{level}' is not one of low, medium, high"
            ));
        }
    }
    if policy.kind == PolicyKind::Enterprise {
        for industry in Industry::ALL {
            if !policy.industry_risk.contains_key(industry.key()) {
                e.push(format!(
                    "industry_risk: '{}' has no risk level",
                    industry.key()
                ));
            }
        }
    }
}

fn scorecard(policy: &Policy, e: &mut Vec<String>) {
    let card = &policy.scorecard;
    let s = card.scaling;
    if !(s.pdo > 0.0 && s.pdo.is_finite()) {
        e.push("scorecard.scaling.pdo: must be a positive number".into());
    }
    if !(s.odds0 > 0.0 && s.odds0.is_finite()) {
        e.push("scorecard.scaling.odds0: must be a positive number".into());
    }
    if !s.points0.is_finite() {
        e.push("scorecard.scaling.points0: must be a number".into());
    }
    if !(0.0..0.1).contains(&card.pd_floor) {
        e.push("scorecard.pd_floor: must be in [0, 0.1)".into());
    }
    if card.features.is_empty() {
        e.push("scorecard.features: empty".into());
    }
    if card.features.len() > 64 {
        e.push("scorecard.features: more than 64 features".into());
    }
    let mut seen = HashSet::new();
    for (i, f) in card.features.iter().enumerate() {
        let path = format!("scorecard.features[{i}]");
        let mut points: Vec<(String, i32)> = vec![("missing_points".into(), f.missing_points)];
        if let Some(n) = &f.numeric {
            points.extend(
                n.points
                    .iter()
                    .enumerate()
                    .map(|(j, p)| (format!("numeric.points[{j}]"), *p)),
            );
        }
        if let Some(c) = &f.categorical {
            points.push(("categorical.other_points".into(), c.other_points));
            points.extend(
                c.groups
                    .iter()
                    .enumerate()
                    .map(|(j, g)| (format!("categorical.groups[{j}].points"), g.points)),
            );
        }
        if let Some(sp) = &f.special {
            points.extend(
                sp.iter()
                    .enumerate()
                    .map(|(j, b)| (format!("special[{j}].points"), b.points)),
            );
            if f.numeric.is_none() {
                e.push(format!(
                    "{path}.special: special values apply to numeric features only"
                ));
            }
        }
        for (at, p) in points {
            if p.abs() > MAX_POINTS {
                e.push(format!("{path}.{at}: {p} points is beyond ±{MAX_POINTS}"));
            }
        }
        if !seen.insert(f.field.as_str()) {
            e.push(format!("{path}.field: '{}' is scored twice", f.field));
        }
        let kind = variable(policy, Stage::BeforeGrade, &f.field);
        match (&kind, f.numeric.is_some(), f.categorical.is_some()) {
            (None, _, _) => e.push(format!("{path}.field: unknown field '{}'", f.field)),
            (_, true, true) | (_, false, false) => e.push(format!(
                "{path}: give exactly one of numeric or categorical bins"
            )),
            (Some(VarKind::Num), false, true) => e.push(format!(
                "{path}.categorical: '{}' is a number field",
                f.field
            )),
            (Some(VarKind::Cat(_)), true, false) => {
                e.push(format!("{path}.numeric: '{}' is a category field", f.field))
            }
            _ => {}
        }
        if let Some(n) = &f.numeric {
            if n.cuts.iter().any(|c| !c.is_finite()) {
                e.push(format!(
                    "{path}.numeric.cuts: cut points must be finite numbers"
                ));
            } else if n.cuts.windows(2).any(|w| w[0] >= w[1]) {
                e.push(format!("{path}.numeric.cuts: cut points not increasing"));
            }
            if n.points.len() != n.cuts.len() + 1 {
                e.push(format!(
                    "{path}.numeric.points: {} cut points make {} bins, but {} points are given",
                    n.cuts.len(),
                    n.cuts.len() + 1,
                    n.points.len()
                ));
            }
        }
        if let Some(c) = &f.categorical {
            let mut levels = HashSet::new();
            for (g, group) in c.groups.iter().enumerate() {
                if group.values.is_empty() {
                    e.push(format!("{path}.categorical.groups[{g}].values: empty"));
                }
                for v in &group.values {
                    if !levels.insert(v.as_str()) {
                        e.push(format!("{path}.categorical.groups[{g}].values: '{v}' is already in another group"));
                    }
                    if let Some(VarKind::Cat(Some(keys))) = &kind {
                        if !keys.contains(v) {
                            e.push(format!(
                                "{path}.categorical.groups[{g}].values: '{v}' is not one of {}",
                                keys.join(", ")
                            ));
                        }
                    }
                }
            }
        }
    }
}

fn grades(policy: &Policy, e: &mut Vec<String>) {
    let g = &policy.grades;
    if g.scale.len() < 7 {
        e.push(format!(
            "grades.scale: {} performing grades; at least 7 are needed (Basel II ¶404)",
            g.scale.len()
        ));
    }
    let mut names = HashSet::new();
    for (i, band) in g.scale.iter().enumerate() {
        if !names.insert(band.grade.as_str()) {
            e.push(format!(
                "grades.scale[{i}].grade: '{}' appears twice",
                band.grade
            ));
        }
        if !(band.max_pd > 0.0 && band.max_pd <= 1.0) {
            e.push(format!("grades.scale[{i}].max_pd: must be in (0, 1]"));
        }
        if i > 0 && band.max_pd <= g.scale[i - 1].max_pd {
            e.push(format!("grades.scale[{i}].max_pd: PD bands not increasing"));
        }
    }
    if g.scale.last().is_some_and(|b| b.max_pd < 1.0) {
        e.push(format!("grades.scale[{}].max_pd: the last performing grade must reach 1 so every PD has a grade", g.scale.len() - 1));
    }
    if names.contains(g.default_grade.as_str()) {
        e.push(format!(
            "grades.default_grade: '{}' is also a performing grade",
            g.default_grade
        ));
    }
    if let Some(c) = &g.default_when {
        check_condition(policy, Stage::BeforeGrade, c, "grades.default_when", e);
    }
}

fn rule_list(
    policy: &Policy,
    stage: Stage,
    name: &str,
    list: &RuleList,
    allowed: &[&str],
    e: &mut Vec<String>,
) {
    for (i, rule) in list.rules.iter().enumerate() {
        if !allowed.contains(&rule.value.as_str()) {
            e.push(format!(
                "{name}.rules[{i}].value: '{}' is not one of {}",
                rule.value,
                allowed.join(", ")
            ));
        }
        check_condition(
            policy,
            stage,
            &rule.when,
            &format!("{name}.rules[{i}].when"),
            e,
        );
    }
    if !allowed.contains(&list.otherwise.as_str()) {
        e.push(format!(
            "{name}.otherwise: '{}' is not one of {}",
            list.otherwise,
            allowed.join(", ")
        ));
    }
}

fn rfm(policy: &Policy, e: &mut Vec<String>) {
    let segs = &policy.rfm.segments;
    let mut keys = HashSet::new();
    for (i, s) in segs.iter().enumerate() {
        if !keys.insert(s.key.as_str()) {
            e.push(format!("rfm.segments[{i}].key: '{}' appears twice", s.key));
        }
        if !(1..=5).contains(&s.r[0]) || !(1..=5).contains(&s.r[1]) || s.r[0] > s.r[1] {
            e.push(format!("rfm.segments[{i}].r: needs [low, high] within 1–5"));
        }
        if !(1.0..=5.0).contains(&s.fm[0]) || !(1.0..=5.0).contains(&s.fm[1]) || s.fm[0] > s.fm[1] {
            e.push(format!(
                "rfm.segments[{i}].fm: needs [low, high] within 1–5"
            ));
        }
    }
    for r in 1..=5u8 {
        for half in 2..=10u8 {
            let fm = half as f64 / 2.0;
            if crate::rfm::segment_index(segs, r, fm).is_none() {
                e.push(format!("rfm.segments: no segment covers R={r}, FM={fm}"));
            }
        }
    }
}

fn warnings(policy: &Policy, e: &mut Vec<String>) {
    let w = &policy.warnings;
    for (name, v) in [
        ("revenue_drop", w.revenue_drop),
        ("overdue_share_rise", w.overdue_share_rise),
        ("dpd_rise", w.dpd_rise),
        ("debt_ratio_jump", w.debt_ratio_jump),
    ] {
        if !(v > 0.0 && v.is_finite()) {
            e.push(format!("warnings.{name}: must be a positive number"));
        }
    }
    if w.revenue_drop >= 1.0 {
        e.push("warnings.revenue_drop: a fall of 100% or more can never be seen".into());
    }
}

fn segments(policy: &Policy, e: &mut Vec<String>) {
    let segs = &policy.segments;
    if segs.is_empty() {
        e.push("segments: empty; at least a catch-all is needed".into());
        return;
    }
    let mut keys = HashSet::new();
    for (i, s) in segs.iter().enumerate() {
        let path = format!("segments[{i}]");
        if !keys.insert(s.key.as_str()) {
            e.push(format!("{path}.key: '{}' appears twice", s.key));
        }
        let last = i == segs.len() - 1;
        match (&s.when, last) {
            (Some(c), _) => check_condition(policy, Stage::Segment, c, &format!("{path}.when"), e),
            (None, false) => e.push(format!("{path}.when: only the last segment may be a catch-all; the rules after it could never match")),
            (None, true) => {}
        }
        if last && s.when.is_some() {
            e.push(format!("{path}.when: the last segment must be a catch-all (no `when`) so every customer gets exactly one segment"));
        }
        if s.rate_adjustment_bp.abs() > 2000 {
            e.push(format!(
                "{path}.rate_adjustment_bp: {} bp is beyond ±2000",
                s.rate_adjustment_bp
            ));
        }
    }
}

fn money_and_quality(policy: &Policy, e: &mut Vec<String>) {
    for (key, bp) in &policy.pricing.guarantee_bp {
        if bp.abs() > 2000 {
            e.push(format!(
                "pricing.guarantee_bp.{key}: {bp} bp is beyond ±2000"
            ));
        }
    }
    let l = &policy.lgd;
    if !(0.0 <= l.floor && l.floor <= l.unsecured && l.unsecured <= 1.0) {
        e.push("lgd: needs 0 ≤ floor ≤ unsecured ≤ 1".into());
    }
    if !(0.0..=1.0).contains(&l.collateral_haircut) {
        e.push("lgd.collateral_haircut: must be in [0, 1]".into());
    }
    if variable(policy, Stage::BeforeGrade, &l.exposure_field) != Some(VarKind::Num) {
        e.push(format!(
            "lgd.exposure_field: '{}' is not a number field",
            l.exposure_field
        ));
    }
    let q = &policy.quality;
    if !(0.0 <= q.min_segment_share
        && q.min_segment_share < q.max_segment_share
        && q.max_segment_share <= 1.0)
    {
        e.push("quality: needs 0 ≤ min_segment_share < max_segment_share ≤ 1".into());
    }
    let mut names = HashSet::new();
    for (i, s) in policy.stress.iter().enumerate() {
        if !names.insert(s.name.as_str()) {
            e.push(format!("stress[{i}].name: '{}' appears twice", s.name));
        }
        for (j, shock) in s.shocks.iter().enumerate() {
            let numeric_input = policy.fields.iter().any(|f| {
                f.name == shock.field
                    && matches!(
                        f.kind,
                        crate::fields::FieldKind::Number | crate::fields::FieldKind::Money
                    )
            });
            if !numeric_input {
                e.push(format!(
                    "stress[{i}].shocks[{j}].field: '{}' is not a numeric input field",
                    shock.field
                ));
            }
            if !(shock.factor >= 0.0 && shock.factor.is_finite()) {
                e.push(format!(
                    "stress[{i}].shocks[{j}].factor: must be a number ≥ 0"
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn enterprise_json() -> serde_json::Value {
        serde_json::from_str(&builtin("enterprise").unwrap().to_json()).unwrap()
    }

    #[test]
    fn several_semantic_errors_at_once_each_with_its_path() {
        let mut v = enterprise_json();
        v["scorecard"]["features"][3]["numeric"]["cuts"] = json!([0.5, 0.2, 0.9, 1.2]);
        v["grades"]["scale"][2]["max_pd"] = json!(0.0001);
        v["segments"][1]["when"] = json!({"field": "grade", "op": "eq", "value": "AAAA"});
        v["risk_tier"]["rules"][0]["when"] =
            json!({"field": "value_tier", "op": "eq", "value": "core"});
        let n = v["segments"].as_array().unwrap().len();
        v["segments"][n - 1]["when"] = json!({"field": "score", "op": "gt", "value": 0});
        let err = parse(&v.to_string()).unwrap_err();
        let all = err.errors.join("\n");
        assert!(
            all.contains("scorecard.features[3].numeric.cuts: cut points not increasing"),
            "{all}"
        );
        assert!(
            all.contains("grades.scale[2].max_pd: PD bands not increasing"),
            "{all}"
        );
        assert!(
            all.contains("segments[1].when.value: 'AAAA' is not one of"),
            "{all}"
        );
        assert!(
            all.contains("risk_tier.rules[0].when.field: unknown field 'value_tier'"),
            "{all}"
        );
        assert!(
            all.contains(&format!(
                "segments[{}].when: the last segment must be a catch-all",
                n - 1
            )),
            "{all}"
        );
        assert!(err.errors.len() >= 5);
    }

    #[test]
    fn catch_all_in_the_middle_and_bad_rfm_map_are_rejected() {
        let mut v = enterprise_json();
        v["segments"][0].as_object_mut().unwrap().remove("when");
        v["rfm"]["segments"] =
            json!([{"key": "all", "zh": "全部", "en": "All", "r": [1, 4], "fm": [1.0, 5.0]}]);
        v["version"] = json!(2);
        let all = parse(&v.to_string()).unwrap_err().errors.join("\n");
        assert!(
            all.contains("segments[0].when: only the last segment may be a catch-all"),
            "{all}"
        );
        assert!(
            all.contains("rfm.segments: no segment covers R=5, FM=1"),
            "{all}"
        );
        assert!(
            all.contains("version: this build reads version 1, not 2"),
            "{all}"
        );
    }

    #[test]
    fn points_and_prices_are_bounded_and_rules_cannot_see_identity_or_shadow_results() {
        let mut v = enterprise_json();
        v["scorecard"]["features"][0]["numeric"]["points"][0] = json!(2_147_483_000i64);
        v["pricing"]["guarantee_bp"]["credit"] = json!(2_147_483_647i64);
        v["segments"][1]["when"] = json!({"field": "name", "op": "present"});
        v["fields"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "risk_tier", "kind": "text", "zh": "风险", "en": "Risk"}));
        let all = parse(&v.to_string()).unwrap_err().errors.join("\n");
        assert!(
            all.contains(
                "scorecard.features[0].numeric.points[0]: 2147483000 points is beyond ±10000"
            ),
            "{all}"
        );
        assert!(
            all.contains("pricing.guarantee_bp.credit: 2147483647 bp is beyond ±2000"),
            "{all}"
        );
        assert!(
            all.contains("segments[1].when.field: unknown field 'name'"),
            "{all}"
        );
        assert!(all.contains("'risk_tier' is a computed result"), "{all}");
    }

    #[test]
    fn scorecard_fields_must_exist_and_match_their_bins() {
        let mut v = enterprise_json();
        v["scorecard"]["features"][0]["field"] = json!("shoe_size");
        v["scorecard"]["features"][1]["numeric"]["points"] = json!([1, 2]);
        let all = parse(&v.to_string()).unwrap_err().errors.join("\n");
        assert!(
            all.contains("scorecard.features[0].field: unknown field 'shoe_size'"),
            "{all}"
        );
        assert!(
            all.contains("scorecard.features[1].numeric.points:"),
            "{all}"
        );
    }
}
