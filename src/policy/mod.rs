//! The segmentation policy as data: a versioned JSON document holding the input fields and their
//! aliases, industry risk, the scorecard, the grade master scale, tier and life-cycle rules, the RFM
//! map, early-warning thresholds, segment rules with actions and pricing, LGD, quality checks and
//! stress scenarios. Two defaults (`enterprise`, `individual`) are embedded in the binary.
//!
//! Parsing rejects unknown keys and names the JSON path of a structural error; [`validate`] then
//! checks the meaning (cuts increasing, bands ordered, rules referring to known fields…) and
//! reports every problem at once, each with its path.

pub mod validate;

pub use validate::validate;

use crate::condition::Condition;
use crate::fields::FieldSpec;
use crate::scorecard::{Scorecard, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema version this build reads and writes.
pub const POLICY_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PolicyKind {
    /// SME lending: size class, financial ratios, industry risk.
    Enterprise,
    /// Consumer credit.
    Individual,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    pub grade: String,
    /// Upper PD bound of the grade (inclusive); bands are in increasing order.
    pub max_pd: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Grades {
    /// Performing grades, best first, each with its PD band.
    pub scale: Vec<GradeBand>,
    /// The default grade (Basel: a grade for defaulted borrowers), given when `default_when` holds.
    pub default_grade: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_when: Option<Condition>,
}

/// An ordered list of rules giving one value: the first rule that holds wins, else `otherwise`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RuleList {
    pub rules: Vec<ValueRule>,
    pub otherwise: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ValueRule {
    pub value: String,
    pub when: Condition,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RfmSegment {
    pub key: String,
    pub zh: String,
    pub en: String,
    /// Recency score range [low, high], 1–5 (5 = most recent).
    pub r: [u8; 2],
    /// Range of the mean of the frequency and monetary scores, [low, high] in 1–5.
    pub fm: [f64; 2],
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rfm {
    /// First match wins; together they must cover every (R, FM) pair.
    pub segments: Vec<RfmSegment>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WarningThresholds {
    /// Revenue fall against the previous snapshot (or `revenue_prev`) that raises `revenue_drop` (0.2 = −20%).
    pub revenue_drop: f64,
    /// Rise in the overdue share of receivables (absolute, 0.05 = 5 points) for `overdue_receivables_rising`.
    pub overdue_share_rise: f64,
    /// Rise in max days past due for `dpd_rising`.
    pub dpd_rise: f64,
    /// Rise in the debt ratio (absolute) for `debt_ratio_jump`.
    pub debt_ratio_jump: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewCadence {
    Monthly,
    Quarterly,
    Semiannual,
    Annual,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub product: Text,
    pub service: Text,
    pub review: ReviewCadence,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SegmentRule {
    pub key: String,
    pub zh: String,
    pub en: String,
    /// Absent only on the last rule, the catch-all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    pub action: Action,
    /// Risk-based pricing: basis points over the base rate.
    pub rate_adjustment_bp: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pricing {
    /// Added to the segment's adjustment by guarantee type (e.g. mortgage −20, credit +30).
    #[serde(default)]
    pub guarantee_bp: BTreeMap<String, i32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Lgd {
    /// LGD of an unsecured exposure (Basel F-IRB senior unsecured: 45%).
    pub unsecured: f64,
    /// Lowest LGD however much collateral there is.
    pub floor: f64,
    /// Share of collateral value lost when it is realised.
    pub collateral_haircut: f64,
    /// The field that holds the exposure at default.
    pub exposure_field: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Quality {
    /// Segments holding less than this share of customers are flagged as too small to serve.
    pub min_segment_share: f64,
    /// Segments holding more than this share are flagged as not discriminating.
    pub max_segment_share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Shock {
    pub field: String,
    /// The field moves by `factor − 1` of its size: 0.8 = 20% worse for revenue (a loss 20% deeper),
    /// 1.5 = 50% more for overdue receivables.
    pub factor: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StressScenario {
    pub name: String,
    pub zh: String,
    pub en: String,
    pub shocks: Vec<Shock>,
}

/// A whole policy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Schema version; this build reads version 1.
    pub version: u32,
    pub name: String,
    pub title: Text,
    pub kind: PolicyKind,
    /// Free-text notes explaining the numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub fields: Vec<FieldSpec>,
    /// Industry category key → `low` | `medium` | `high` (enterprise policies).
    #[serde(default)]
    pub industry_risk: BTreeMap<String, String>,
    pub scorecard: Scorecard,
    pub grades: Grades,
    pub risk_tier: RuleList,
    pub value_tier: RuleList,
    pub lifecycle: RuleList,
    pub rfm: Rfm,
    pub warnings: WarningThresholds,
    pub segments: Vec<SegmentRule>,
    #[serde(default)]
    pub pricing: Pricing,
    pub lgd: Lgd,
    pub quality: Quality,
    #[serde(default)]
    pub stress: Vec<StressScenario>,
    /// A k-means model fitted on the portfolio (`lendseg cluster --save-model`): new customers get
    /// the nearest cluster in the `cluster` column, which segment rules may use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "Option<serde_json::Value>")
    )]
    pub clusters: Option<crate::cluster::ClusterModel>,
}

/// The allowed values of the fixed outputs.
pub const RISK_TIERS: [&str; 3] = ["low", "medium", "high"];
pub const VALUE_TIERS: [&str; 3] = ["strategic", "core", "general"];
pub const LIFECYCLES: [&str; 5] = ["startup", "growth", "mature", "decline", "unknown"];
pub const INDUSTRY_RISKS: [&str; 3] = ["low", "medium", "high"];

/// A policy that could not be read or is not valid; each entry is `path: reason`.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyError {
    pub errors: Vec<String>,
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid policy: {}", self.errors.join("; "))
    }
}

impl std::error::Error for PolicyError {}

/// The names of the built-in policies.
pub const BUILTIN: [&str; 2] = ["enterprise", "individual"];

/// A built-in policy by name (they are validated by the tests, so this cannot fail for them).
pub fn builtin(name: &str) -> Option<Policy> {
    let text = match name {
        "enterprise" => include_str!("enterprise.json"),
        "individual" => include_str!("individual.json"),
        _ => return None,
    };
    Some(parse(text).expect("built-in policies are valid"))
}

/// Parse and validate a policy document.
pub fn parse(text: &str) -> Result<Policy, PolicyError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let policy: Policy = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let path = if path == "." {
            String::new()
        } else {
            format!("{path}: ")
        };
        PolicyError {
            errors: vec![format!("{path}{inner}")],
        }
    })?;
    let errors = validate(&policy);
    if errors.is_empty() {
        Ok(policy)
    } else {
        Err(PolicyError { errors })
    }
}

impl Policy {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("policy serialises")
    }

    pub fn grade_keys(&self) -> Vec<String> {
        self.grades
            .scale
            .iter()
            .map(|b| b.grade.clone())
            .chain([self.grades.default_grade.clone()])
            .collect()
    }
}

/// The JSON Schema of the policy document (native builds).
#[cfg(not(target_arch = "wasm32"))]
pub fn json_schema() -> String {
    serde_json::to_string_pretty(&schemars::schema_for!(Policy)).expect("schema serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse_validate_and_round_trip_exactly() {
        for name in BUILTIN {
            let policy = builtin(name).unwrap();
            assert_eq!(policy.name, name);
            let json = policy.to_json();
            let again = parse(&json).unwrap();
            assert_eq!(again, policy);
            assert_eq!(again.to_json(), json);
        }
        assert!(builtin("nope").is_none());
    }

    #[test]
    fn full_precision_numbers_round_trip_bit_for_bit() {
        // Without serde_json's float_roundtrip this cut came back as 985.6906946328696.
        let mut p = builtin("enterprise").unwrap();
        let cuts = &mut p.scorecard.features[0].numeric.as_mut().unwrap().cuts;
        cuts[0] = 212.91890726713459;
        cuts[1] = 479.60756426982596;
        cuts[2] = 985.6906946328695;
        cuts[3] = 1000.0;
        let back = parse(&p.to_json()).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn structural_errors_name_the_path() {
        let mut v: serde_json::Value =
            serde_json::from_str(&builtin("enterprise").unwrap().to_json()).unwrap();
        v["scorecard"]["features"][3]["numeric"]["cutz"] = serde_json::json!([1]);
        let err = parse(&v.to_string()).unwrap_err();
        assert!(
            err.errors[0].starts_with("scorecard.features[3].numeric.cutz: unknown field `cutz`"),
            "{err}"
        );
        let mut v: serde_json::Value =
            serde_json::from_str(&builtin("enterprise").unwrap().to_json()).unwrap();
        v["lgd"]["unsecured"] = serde_json::json!("high");
        let err = parse(&v.to_string()).unwrap_err();
        assert!(
            err.errors[0].starts_with("lgd.unsecured: invalid type"),
            "{err}"
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn schema_describes_the_document() {
        let schema: serde_json::Value = serde_json::from_str(&json_schema()).unwrap();
        assert_eq!(schema["title"], "Policy");
        assert!(schema["properties"]["scorecard"].is_object());
        assert!(
            schema["required"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r == "segments")
        );
    }
}
