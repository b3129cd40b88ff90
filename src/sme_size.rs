//! Enterprise size class under the 2011 SME standard (工信部联企业〔2011〕300号): the per-industry
//! thresholds, and the classification with three-valued logic so a missing figure gives `unknown`
//! (with the reason) whenever it could change the answer, and never a guess.
//!
//! The standard: an enterprise is SME when **any** of its industry's upper limits holds (the figure
//! is below it, "以下" excludes the limit); among SMEs it is medium when **all** medium minimums hold
//! ("以上" includes the limit), else small when all small minimums hold, else micro.

use crate::industry::{Industry, IndustryError};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    Large,
    Medium,
    Small,
    Micro,
    Unknown,
}

impl SizeClass {
    pub const ALL: [SizeClass; 5] = [
        SizeClass::Large,
        SizeClass::Medium,
        SizeClass::Small,
        SizeClass::Micro,
        SizeClass::Unknown,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SizeClass::Large => "large",
            SizeClass::Medium => "medium",
            SizeClass::Small => "small",
            SizeClass::Micro => "micro",
            SizeClass::Unknown => "unknown",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            SizeClass::Large => "大型",
            SizeClass::Medium => "中型",
            SizeClass::Small => "小型",
            SizeClass::Micro => "微型",
            SizeClass::Unknown => "无法判定",
        }
    }
}

/// A figure the standard measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Metric {
    /// 从业人员, persons.
    Employees,
    /// 营业收入, 万元.
    Revenue,
    /// 资产总额, 万元.
    TotalAssets,
}

impl Metric {
    /// The canonical input field that carries this figure.
    pub fn field(self) -> &'static str {
        match self {
            Metric::Employees => "employees",
            Metric::Revenue => "revenue",
            Metric::TotalAssets => "total_assets",
        }
    }
}

/// One threshold: `metric` compared with `value` (persons or 万元).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limit {
    pub metric: Metric,
    pub value: f64,
}

/// The thresholds of one industry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IndustryRule {
    /// SME when any figure is below its limit.
    pub sme_below_any: &'static [Limit],
    /// Medium when all figures are at least these.
    pub medium_at_least_all: &'static [Limit],
    /// Small when all figures are at least these.
    pub small_at_least_all: &'static [Limit],
}

const fn e(value: f64) -> Limit {
    Limit {
        metric: Metric::Employees,
        value,
    }
}
const fn r(value: f64) -> Limit {
    Limit {
        metric: Metric::Revenue,
        value,
    }
}
const fn a(value: f64) -> Limit {
    Limit {
        metric: Metric::TotalAssets,
        value,
    }
}

/// The standard's table, industry by industry (money in 万元).
pub fn rule_for(industry: Industry) -> IndustryRule {
    use self::Industry as I;
    macro_rules! rule {
        ([$($s:expr),*], [$($m:expr),*], [$($sm:expr),*]) => {
            IndustryRule { sme_below_any: const { &[$($s),*] }, medium_at_least_all: const { &[$($m),*] }, small_at_least_all: const { &[$($sm),*] } }
        };
    }
    match industry {
        I::Agriculture => rule!([r(20000.0)], [r(500.0)], [r(50.0)]),
        I::Industry => rule!(
            [e(1000.0), r(40000.0)],
            [e(300.0), r(2000.0)],
            [e(20.0), r(300.0)]
        ),
        I::Construction => rule!(
            [r(80000.0), a(80000.0)],
            [r(6000.0), a(5000.0)],
            [r(300.0), a(300.0)]
        ),
        I::Wholesale => rule!(
            [e(200.0), r(40000.0)],
            [e(20.0), r(5000.0)],
            [e(5.0), r(1000.0)]
        ),
        I::Retail => rule!(
            [e(300.0), r(20000.0)],
            [e(50.0), r(500.0)],
            [e(10.0), r(100.0)]
        ),
        I::Transport => rule!(
            [e(1000.0), r(30000.0)],
            [e(300.0), r(3000.0)],
            [e(20.0), r(200.0)]
        ),
        I::Warehousing => rule!(
            [e(200.0), r(30000.0)],
            [e(100.0), r(1000.0)],
            [e(20.0), r(100.0)]
        ),
        I::Postal => rule!(
            [e(1000.0), r(30000.0)],
            [e(300.0), r(2000.0)],
            [e(20.0), r(100.0)]
        ),
        I::Accommodation => rule!(
            [e(300.0), r(10000.0)],
            [e(100.0), r(2000.0)],
            [e(10.0), r(100.0)]
        ),
        I::Catering => rule!(
            [e(300.0), r(10000.0)],
            [e(100.0), r(2000.0)],
            [e(10.0), r(100.0)]
        ),
        I::InformationTransmission => {
            rule!(
                [e(2000.0), r(100000.0)],
                [e(100.0), r(1000.0)],
                [e(10.0), r(100.0)]
            )
        }
        I::SoftwareIt => rule!(
            [e(300.0), r(10000.0)],
            [e(100.0), r(1000.0)],
            [e(10.0), r(50.0)]
        ),
        I::RealEstate => rule!(
            [r(200000.0), a(10000.0)],
            [r(1000.0), a(5000.0)],
            [r(100.0), a(2000.0)]
        ),
        I::PropertyManagement => rule!(
            [e(1000.0), r(5000.0)],
            [e(300.0), r(1000.0)],
            [e(100.0), r(500.0)]
        ),
        I::LeasingBusiness => rule!(
            [e(300.0), a(120000.0)],
            [e(100.0), a(8000.0)],
            [e(10.0), a(100.0)]
        ),
        I::Other => rule!([e(300.0)], [e(100.0)], [e(10.0)]),
    }
}

/// The figures of one enterprise: employees in persons, money in 万元. `None` = not known.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SizeFigures {
    pub employees: Option<f64>,
    pub revenue_wan: Option<f64>,
    pub total_assets_wan: Option<f64>,
}

impl SizeFigures {
    fn get(&self, metric: Metric) -> Option<f64> {
        match metric {
            Metric::Employees => self.employees,
            Metric::Revenue => self.revenue_wan,
            Metric::TotalAssets => self.total_assets_wan,
        }
    }
}

/// Why the size class is `unknown`.
#[derive(Clone, Debug, PartialEq)]
pub enum SizeUnknown {
    Industry(IndustryError),
    /// These figures are needed to decide and are missing.
    MissingFigures {
        industry: Industry,
        missing: Vec<Metric>,
    },
}

impl std::fmt::Display for SizeUnknown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SizeUnknown::Industry(err) => write!(f, "{err}"),
            SizeUnknown::MissingFigures { industry, missing } => {
                let names: Vec<&str> = missing.iter().map(|m| m.field()).collect();
                write!(
                    f,
                    "missing {} needed by the {} thresholds",
                    names.join(" and "),
                    industry.key()
                )
            }
        }
    }
}

/// Size class, or `Unknown` with the reason.
pub fn classify(
    industry: &Result<Industry, IndustryError>,
    figures: &SizeFigures,
) -> (SizeClass, Option<SizeUnknown>) {
    let industry = match industry {
        Ok(i) => *i,
        Err(err) => return (SizeClass::Unknown, Some(SizeUnknown::Industry(err.clone()))),
    };
    let rule = rule_for(industry);
    let unknown = |limits: &[Limit]| {
        let mut missing: Vec<Metric> = limits
            .iter()
            .filter(|l| figures.get(l.metric).is_none())
            .map(|l| l.metric)
            .collect();
        missing.sort();
        missing.dedup();
        (
            SizeClass::Unknown,
            Some(SizeUnknown::MissingFigures { industry, missing }),
        )
    };
    match any_below(rule.sme_below_any, figures) {
        Some(false) => return (SizeClass::Large, None),
        None => return unknown(rule.sme_below_any),
        Some(true) => {}
    }
    match all_at_least(rule.medium_at_least_all, figures) {
        Some(true) => return (SizeClass::Medium, None),
        None => return unknown(rule.medium_at_least_all),
        Some(false) => {}
    }
    match all_at_least(rule.small_at_least_all, figures) {
        Some(true) => (SizeClass::Small, None),
        Some(false) => (SizeClass::Micro, None),
        None => unknown(rule.small_at_least_all),
    }
}

/// Kleene OR of "figure < limit": true as soon as one known figure is below; unknown if none is
/// and some figure is missing.
fn any_below(limits: &[Limit], figures: &SizeFigures) -> Option<bool> {
    let mut saw_missing = false;
    for limit in limits {
        match figures.get(limit.metric) {
            Some(v) if v < limit.value => return Some(true),
            Some(_) => {}
            None => saw_missing = true,
        }
    }
    if saw_missing { None } else { Some(false) }
}

/// Kleene AND of "figure ≥ limit".
fn all_at_least(limits: &[Limit], figures: &SizeFigures) -> Option<bool> {
    let mut saw_missing = false;
    for limit in limits {
        match figures.get(limit.metric) {
            Some(v) if v < limit.value => return Some(false),
            Some(_) => {}
            None => saw_missing = true,
        }
    }
    if saw_missing { None } else { Some(true) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Figures with every metric the rule uses set to `v`, except as overridden.
    fn all(industry: Industry, v: f64) -> SizeFigures {
        let _ = industry;
        SizeFigures {
            employees: Some(v),
            revenue_wan: Some(v),
            total_assets_wan: Some(v),
        }
    }

    fn set(mut f: SizeFigures, metric: Metric, v: Option<f64>) -> SizeFigures {
        match metric {
            Metric::Employees => f.employees = v,
            Metric::Revenue => f.revenue_wan = v,
            Metric::TotalAssets => f.total_assets_wan = v,
        }
        f
    }

    fn class(industry: Industry, f: SizeFigures) -> SizeClass {
        classify(&Ok(industry), &f).0
    }

    /// Figures that meet every limit of `limits` at exactly the threshold, other metrics huge.
    fn at_thresholds(limits: &[Limit]) -> SizeFigures {
        let mut f = all(Industry::Other, 1e12);
        for l in limits {
            f = set(f, l.metric, Some(l.value));
        }
        f
    }

    #[test]
    fn every_sme_upper_limit_on_both_sides() {
        for industry in Industry::ALL {
            let rule = rule_for(industry);
            for limit in rule.sme_below_any {
                // All figures at their medium minimums (so SME ⇒ medium), then push this one to the
                // upper limit: at the limit it is no longer "below", so large if every other upper
                // limit also fails.
                let mut f = at_thresholds(rule.sme_below_any);
                assert_eq!(
                    class(industry, f),
                    SizeClass::Large,
                    "{industry:?} all at upper limits"
                );
                f = set(f, limit.metric, Some(limit.value - 0.01));
                let below = class(industry, f);
                assert_ne!(
                    below,
                    SizeClass::Large,
                    "{industry:?} {:?} just below",
                    limit.metric
                );
                assert_ne!(below, SizeClass::Unknown);
            }
        }
    }

    #[test]
    fn every_medium_and_small_minimum_on_both_sides() {
        for industry in Industry::ALL {
            let rule = rule_for(industry);
            let medium = at_thresholds(rule.medium_at_least_all);
            assert_eq!(
                class(industry, medium),
                SizeClass::Medium,
                "{industry:?} at medium minimums"
            );
            for limit in rule.medium_at_least_all {
                let f = set(medium, limit.metric, Some(limit.value - 0.01));
                // Just below one medium minimum, every figure still ≥ the small minimums.
                assert_eq!(
                    class(industry, f),
                    SizeClass::Small,
                    "{industry:?} {:?} below medium",
                    limit.metric
                );
            }
            let small = at_thresholds(rule.small_at_least_all);
            assert_eq!(
                class(industry, small),
                SizeClass::Small,
                "{industry:?} at small minimums"
            );
            for limit in rule.small_at_least_all {
                let f = set(small, limit.metric, Some(limit.value - 0.01));
                assert_eq!(
                    class(industry, f),
                    SizeClass::Micro,
                    "{industry:?} {:?} below small",
                    limit.metric
                );
            }
        }
    }

    #[test]
    fn spot_checks_against_the_standard_text() {
        let f = |e: f64, r: f64, a: f64| SizeFigures {
            employees: Some(e),
            revenue_wan: Some(r),
            total_assets_wan: Some(a),
        };
        // 工业: 1000 employees and 40000 revenue is large; 999 is SME.
        assert_eq!(
            class(Industry::Industry, f(1000.0, 40000.0, 0.0)),
            SizeClass::Large
        );
        assert_eq!(
            class(Industry::Industry, f(999.0, 50000.0, 0.0)),
            SizeClass::Medium
        );
        assert_eq!(
            class(Industry::Industry, f(299.0, 50000.0, 0.0)),
            SizeClass::Small
        );
        assert_eq!(
            class(Industry::Industry, f(19.0, 50000.0, 0.0)),
            SizeClass::Micro
        );
        // 零售业: 10 employees and 100 revenue is small; 9 employees micro.
        assert_eq!(
            class(Industry::Retail, f(10.0, 100.0, 0.0)),
            SizeClass::Small
        );
        assert_eq!(
            class(Industry::Retail, f(9.0, 100.0, 0.0)),
            SizeClass::Micro
        );
        // 房地产开发经营: assets below 10000 makes it SME whatever the revenue.
        assert_eq!(
            class(Industry::RealEstate, f(0.0, 500000.0, 9999.0)),
            SizeClass::Medium
        );
        assert_eq!(
            class(Industry::RealEstate, f(0.0, 500000.0, 1999.0)),
            SizeClass::Micro
        );
        // 其他: employees only.
        assert_eq!(class(Industry::Other, f(300.0, 0.0, 0.0)), SizeClass::Large);
        assert_eq!(class(Industry::Other, f(9.0, 1e9, 1e9)), SizeClass::Micro);
    }

    #[test]
    fn missing_figure_gives_unknown_when_it_matters_and_names_it() {
        // 工业 with employees at 1500 (not below) and no revenue: could be SME or large.
        let f = SizeFigures {
            employees: Some(1500.0),
            revenue_wan: None,
            total_assets_wan: None,
        };
        let (c, why) = classify(&Ok(Industry::Industry), &f);
        assert_eq!(c, SizeClass::Unknown);
        let why = why.unwrap().to_string();
        assert!(why.contains("revenue"), "{why}");
        // Medium step: employees ≥ 300, revenue missing → medium or small unknown.
        let f = SizeFigures {
            employees: Some(500.0),
            revenue_wan: None,
            total_assets_wan: None,
        };
        assert_eq!(classify(&Ok(Industry::Industry), &f).0, SizeClass::Unknown);
        // Nothing at all.
        let (c, why) = classify(&Ok(Industry::Wholesale), &SizeFigures::default());
        assert_eq!(c, SizeClass::Unknown);
        assert!(why.unwrap().to_string().contains("employees and revenue"));
    }

    #[test]
    fn missing_figure_that_cannot_change_the_answer_is_not_needed() {
        // 工业 with 5 employees: SME (5 < 1000), not medium (5 < 300), not small (5 < 20) → micro
        // whatever the revenue is, exactly as the standard's "20人以下或营业收入300万元以下" says.
        let f = SizeFigures {
            employees: Some(5.0),
            revenue_wan: None,
            total_assets_wan: None,
        };
        assert_eq!(
            classify(&Ok(Industry::Industry), &f),
            (SizeClass::Micro, None)
        );
    }

    #[test]
    fn industry_errors_pass_through() {
        let f = all(Industry::Other, 10.0);
        let (c, why) = classify(&Industry::parse("J66"), &f);
        assert_eq!(c, SizeClass::Unknown);
        assert!(why.unwrap().to_string().contains("finance"));
        let (c, why) = classify(&Industry::parse(""), &f);
        assert_eq!(c, SizeClass::Unknown);
        assert_eq!(why.unwrap().to_string(), "industry is missing");
    }
}
