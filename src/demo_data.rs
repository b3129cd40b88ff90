//! Synthetic but plausible SME customer files for demos, tests and benchmarks. Every industry of
//! the 2011 standard appears; size, balance sheet, profit, cash flow, receivables, credit history,
//! relationship and transaction fields are drawn from one latent size and one latent risk per
//! firm so they correlate the way real portfolios do, and the default flag is drawn from a
//! logistic model of those fields (about 6% bad). Deterministic for a seed on every platform.

use crate::industry::Industry;
use crate::rng::SeededRng;

/// Header language of the generated file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HeaderLang {
    /// Canonical snake_case field names.
    #[default]
    En,
    /// The Chinese names a bank export would use (matched through the aliases).
    Zh,
}

#[derive(Clone, Copy, Debug)]
pub struct DemoOptions {
    pub rows: usize,
    pub seed: u64,
    pub headers: HeaderLang,
    /// The snapshot date written in `as_of`.
    pub as_of: &'static str,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            rows: 1000,
            seed: 42,
            headers: HeaderLang::En,
            as_of: "2025-06-30",
        }
    }
}

/// Column order of the file: (canonical name, Chinese header).
pub const COLUMNS: [(&str, &str); 29] = [
    ("id", "客户编号"),
    ("name", "客户名称"),
    ("as_of", "数据日期"),
    ("industry", "行业代码"),
    ("region", "地区"),
    ("employees", "从业人员"),
    ("revenue", "营业收入"),
    ("revenue_prev", "上年营业收入"),
    ("total_assets", "资产总额"),
    ("total_liabilities", "负债总额"),
    ("current_assets", "流动资产"),
    ("current_liabilities", "流动负债"),
    ("net_profit", "净利润"),
    ("operating_cash_flow", "经营活动现金流量净额"),
    ("accounts_receivable", "应收账款"),
    ("overdue_receivables", "逾期应收账款"),
    ("years_in_business", "经营年限"),
    ("overdue_count", "逾期次数"),
    ("max_days_past_due", "最长逾期天数"),
    ("loan_balance", "贷款余额"),
    ("deposit_balance", "存款余额"),
    ("fee_income", "中间业务收入"),
    ("collateral_value", "抵质押物价值"),
    ("guarantee_type", "担保方式"),
    ("relationship_years", "合作年限"),
    ("products_held", "持有产品数"),
    ("recency_days", "最近交易距今天数"),
    ("frequency", "交易频次"),
    ("monetary", "交易金额"),
];
/// The label column, written after [`COLUMNS`].
pub const LABEL: (&str, &str) = ("default_flag", "违约标志");

/// Per industry: share of the portfolio (‰), median employees, revenue per employee (万元),
/// assets / revenue, and an additive risk term for the default model.
fn profile(industry: Industry) -> (u32, f64, f64, f64, f64) {
    use self::Industry as I;
    match industry {
        I::Agriculture => (50, 30.0, 25.0, 1.2, 0.25),
        I::Industry => (240, 80.0, 60.0, 1.0, 0.0),
        I::Construction => (70, 60.0, 80.0, 1.1, 0.35),
        I::Wholesale => (120, 15.0, 300.0, 0.5, 0.1),
        I::Retail => (110, 20.0, 60.0, 0.6, 0.15),
        I::Transport => (50, 60.0, 40.0, 1.2, 0.1),
        I::Warehousing => (25, 40.0, 40.0, 1.5, 0.05),
        I::Postal => (10, 60.0, 25.0, 0.8, -0.1),
        I::Accommodation => (25, 40.0, 20.0, 2.0, 0.3),
        I::Catering => (50, 30.0, 15.0, 0.8, 0.3),
        I::InformationTransmission => (20, 50.0, 80.0, 1.5, -0.1),
        I::SoftwareIt => (60, 40.0, 40.0, 0.8, -0.05),
        I::RealEstate => (30, 40.0, 150.0, 4.0, 0.45),
        I::PropertyManagement => (25, 120.0, 10.0, 0.5, 0.0),
        I::LeasingBusiness => (45, 25.0, 40.0, 3.0, 0.1),
        I::Other => (70, 30.0, 30.0, 1.0, 0.05),
    }
}

/// GB/T 4754-2017 codes used for each category, so files look like core-banking exports.
fn codes(industry: Industry) -> &'static [&'static str] {
    use self::Industry as I;
    match industry {
        I::Agriculture => &["A01", "A03", "A04"],
        I::Industry => &["C13", "C18", "C26", "C34", "C38", "C39", "B06", "D44"],
        I::Construction => &["E47", "E48", "E50"],
        I::Wholesale => &["F51", "F5123", "F517"],
        I::Retail => &["F52", "F5211", "F526"],
        I::Transport => &["G54", "G55", "G58"],
        I::Warehousing => &["G59"],
        I::Postal => &["G60"],
        I::Accommodation => &["H61"],
        I::Catering => &["H62"],
        I::InformationTransmission => &["I63", "I64"],
        I::SoftwareIt => &["I65", "I6510"],
        I::RealEstate => &["K701", "K7010"],
        I::PropertyManagement => &["K702"],
        I::LeasingBusiness => &["L71", "L72"],
        I::Other => &["M73", "N77", "O80", "P83", "Q84", "R86"],
    }
}

const REGIONS: [&str; 10] = [
    "北京", "上海", "广东", "浙江", "江苏", "山东", "四川", "湖北", "河南", "福建",
];
const NAME_WORDS: [&str; 20] = [
    "华信",
    "恒泰",
    "鑫源",
    "宏达",
    "瑞丰",
    "金诚",
    "天成",
    "永安",
    "博远",
    "嘉禾",
    "中信达",
    "汇通",
    "盛世",
    "长青",
    "新元",
    "德润",
    "正和",
    "广益",
    "明辉",
    "安盛",
];
const GUARANTEES: [&str; 4] = ["mortgage", "pledge", "guarantee", "credit"];

fn pick<'a, T>(rng: &mut SeededRng, items: &'a [T]) -> &'a T {
    &items[rng.below(items.len() as u64) as usize]
}

fn pick_industry(rng: &mut SeededRng) -> Industry {
    let mut x = rng.below(1000) as u32;
    for industry in Industry::ALL {
        let share = profile(industry).0;
        if x < share {
            return industry;
        }
        x -= share;
    }
    Industry::Other
}

fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    v.max(lo).min(hi)
}

fn yuan(v: f64) -> String {
    format!("{:.0}", v)
}

/// Generate a CSV file (UTF-8, `\n` line ends).
pub fn generate(opts: &DemoOptions) -> String {
    let mut rng = SeededRng::new(opts.seed);
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header: Vec<&str> = COLUMNS
        .iter()
        .chain(std::iter::once(&LABEL))
        .map(|(en, zh)| {
            if opts.headers == HeaderLang::Zh {
                *zh
            } else {
                *en
            }
        })
        .collect();
    w.write_record(&header).expect("in-memory write");
    for i in 0..opts.rows {
        let row = firm(&mut rng, i, opts.as_of);
        w.write_record(&row).expect("in-memory write");
    }
    String::from_utf8(w.into_inner().expect("in-memory write"))
        .expect("all generated text is UTF-8")
}

/// One firm's row, in [`COLUMNS`] order plus the label.
fn firm(rng: &mut SeededRng, i: usize, as_of: &str) -> Vec<String> {
    let industry = pick_industry(rng);
    let (_, median_employees, revenue_per_employee, assets_to_revenue, industry_risk) =
        profile(industry);
    let size = rng.normal();
    let risk = rng.normal();

    let employees = (median_employees * crate::detmath::exp(1.3 * size))
        .round()
        .max(1.0);
    let revenue =
        employees * revenue_per_employee * 10_000.0 * crate::detmath::exp(0.5 * rng.normal());
    let growth = clamp(0.06 + 0.15 * rng.normal() - 0.04 * risk, -0.6, 1.5);
    let revenue_prev = revenue / (1.0 + growth);
    let total_assets = revenue * assets_to_revenue * crate::detmath::exp(0.35 * rng.normal());
    let debt_ratio = clamp(0.52 + 0.12 * rng.normal() + 0.08 * risk, 0.05, 1.4);
    let total_liabilities = total_assets * debt_ratio;
    let current_assets = total_assets * (0.3 + 0.5 * rng.uniform());
    let current_liabilities = total_liabilities * (0.4 + 0.5 * rng.uniform());
    let margin = clamp(0.05 + 0.05 * rng.normal() - 0.025 * risk, -0.4, 0.4);
    let net_profit = revenue * margin;
    let operating_cash_flow =
        net_profit * (1.0 + 0.5 * rng.normal()) + revenue * 0.03 * rng.normal();
    let dso_days = 60.0 * crate::detmath::exp(0.5 * rng.normal() + 0.15 * risk);
    let accounts_receivable = revenue * dso_days / 365.0;
    let overdue_share = clamp(
        crate::detmath::exp(-3.0 + 0.9 * risk + 0.6 * rng.normal()),
        0.0,
        1.0,
    );
    let overdue_receivables = accounts_receivable * overdue_share;
    let years_in_business = clamp(
        crate::detmath::exp(1.9 + 0.6 * rng.normal() + 0.15 * size),
        0.5,
        60.0,
    );
    let overdue_rate = crate::detmath::exp(-1.2 + 0.9 * risk);
    let overdue_count = poisson(rng, overdue_rate);
    let max_days_past_due = if overdue_count == 0 {
        0.0
    } else {
        (clamp(
            8.0 * crate::detmath::exp(0.8 * rng.normal() + 0.5 * risk),
            1.0,
            360.0,
        ))
        .round()
    };
    let has_loan = rng.chance(0.85);
    let loan_balance = if has_loan {
        revenue * (0.05 + 0.3 * rng.uniform())
    } else {
        0.0
    };
    let deposit_balance = revenue * 0.08 * crate::detmath::exp(0.7 * rng.normal());
    let fee_income = deposit_balance * 0.01 * crate::detmath::exp(0.6 * rng.normal());
    let guarantee = *pick(rng, &GUARANTEES);
    let collateral_value = match guarantee {
        "mortgage" | "pledge" => loan_balance * (0.8 + 0.8 * rng.uniform()),
        _ => 0.0,
    };
    let relationship_years = (years_in_business * rng.uniform()).min(30.0);
    let products_held =
        1 + rng.below(4) + (size > 0.5) as u64 + (relationship_years > 5.0) as u64 * rng.below(3);
    let recency_days = clamp(
        crate::detmath::exp(2.8 + 1.0 * rng.normal() + 0.3 * risk),
        0.0,
        365.0,
    )
    .round();
    let activity = 30.0 * crate::detmath::exp(0.6 * rng.normal() + 0.3 * size);
    let frequency = poisson(rng, activity).max(1);
    let monetary = revenue
        * 0.15
        * crate::detmath::exp(0.6 * rng.normal())
        * (frequency as f64 / activity).min(3.0);

    let logit = -3.4 + 3.0 * (debt_ratio - 0.55) - 6.0 * margin
        + 0.35 * overdue_count as f64
        + 0.012 * max_days_past_due
        - 0.05 * years_in_business.min(20.0)
        + 1.5 * overdue_share
        - 0.8 * growth
        + industry_risk
        + 0.3 * rng.normal();
    let defaulted = rng.chance(1.0 / (1.0 + crate::detmath::exp(-logit)));

    let name = format!(
        "{}{}{}有限公司",
        pick(rng, &REGIONS),
        pick(rng, &NAME_WORDS),
        industry_suffix(industry)
    );
    vec![
        format!("C{:07}", i + 1),
        name,
        as_of.to_string(),
        pick(rng, codes(industry)).to_string(),
        pick(rng, &REGIONS).to_string(),
        format!("{employees:.0}"),
        yuan(revenue),
        yuan(revenue_prev),
        yuan(total_assets),
        yuan(total_liabilities),
        yuan(current_assets),
        yuan(current_liabilities),
        yuan(net_profit),
        yuan(operating_cash_flow),
        yuan(accounts_receivable),
        yuan(overdue_receivables),
        format!("{years_in_business:.1}"),
        overdue_count.to_string(),
        format!("{max_days_past_due:.0}"),
        yuan(loan_balance),
        yuan(deposit_balance),
        yuan(fee_income),
        yuan(collateral_value),
        guarantee.to_string(),
        format!("{relationship_years:.1}"),
        products_held.to_string(),
        format!("{recency_days:.0}"),
        frequency.to_string(),
        yuan(monetary),
        (defaulted as u8).to_string(),
    ]
}

fn industry_suffix(industry: Industry) -> &'static str {
    use self::Industry as I;
    match industry {
        I::Agriculture => "农业",
        I::Industry => "制造",
        I::Construction => "建设",
        I::Wholesale => "贸易",
        I::Retail => "商贸",
        I::Transport => "运输",
        I::Warehousing => "仓储",
        I::Postal => "快递",
        I::Accommodation => "酒店",
        I::Catering => "餐饮",
        I::InformationTransmission => "通信",
        I::SoftwareIt => "软件",
        I::RealEstate => "置业",
        I::PropertyManagement => "物业",
        I::LeasingBusiness => "商务",
        I::Other => "服务",
    }
}

/// Poisson draw by inversion (small rates) or a rounded normal approximation (large rates).
fn poisson(rng: &mut SeededRng, rate: f64) -> u64 {
    if rate > 30.0 {
        return (rate + rate.sqrt() * rng.normal()).round().max(0.0) as u64;
    }
    let limit = crate::detmath::exp(-rate);
    let mut k = 0;
    let mut p = rng.uniform();
    while p > limit {
        k += 1;
        p *= rng.uniform();
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::{self, RunOptions};
    use crate::fields::builtin_fields;
    use crate::ingest::{ReadOptions, read_delimited};

    #[test]
    fn deterministic_for_a_seed_and_different_across_seeds() {
        let a = generate(&DemoOptions {
            rows: 50,
            seed: 7,
            ..Default::default()
        });
        let b = generate(&DemoOptions {
            rows: 50,
            seed: 7,
            ..Default::default()
        });
        let c = generate(&DemoOptions {
            rows: 50,
            seed: 8,
            ..Default::default()
        });
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.lines().count(), 51);
    }

    #[test]
    fn covers_all_industries_and_size_classes_with_a_plausible_default_rate() {
        let csv = generate(&DemoOptions {
            rows: 4000,
            seed: 1,
            headers: HeaderLang::Zh,
            ..Default::default()
        });
        let ds = read_delimited(csv.as_bytes(), &ReadOptions::default(), &builtin_fields());
        assert!(
            ds.issues.is_empty(),
            "{:?}",
            &ds.issues[..ds.issues.len().min(3)]
        );
        assert_eq!(ds.n_rows, 4000);
        let industries: std::collections::HashSet<_> = ds
            .texts("industry")
            .unwrap()
            .iter()
            .map(|s| Industry::parse(s).unwrap())
            .collect();
        assert_eq!(industries.len(), 16);
        let results = batch::run(
            &ds,
            &crate::policy::builtin("enterprise").unwrap(),
            &RunOptions::default(),
        );
        let counts: std::collections::HashMap<String, usize> =
            results.counts("size_class").into_iter().collect();
        for class in ["large", "medium", "small", "micro"] {
            assert!(counts[class] >= 40, "{class}: {counts:?}");
        }
        assert_eq!(counts["unknown"], 0);
        let defaults: f64 = ds.numbers("default_flag").unwrap().iter().sum();
        let rate = defaults / 4000.0;
        assert!((0.02..0.15).contains(&rate), "default rate {rate}");
    }

    #[test]
    fn default_rate_rises_with_debt_ratio_and_overdue_history() {
        let csv = generate(&DemoOptions {
            rows: 6000,
            seed: 3,
            ..Default::default()
        });
        let ds = read_delimited(csv.as_bytes(), &ReadOptions::default(), &builtin_fields());
        let flag = ds.numbers("default_flag").unwrap();
        let overdue = ds.numbers("overdue_count").unwrap();
        let rate = |pred: &dyn Fn(usize) -> bool| {
            let idx: Vec<usize> = (0..ds.n_rows).filter(|&i| pred(i)).collect();
            idx.iter().map(|&i| flag[i]).sum::<f64>() / idx.len() as f64
        };
        assert!(rate(&|i| overdue[i] >= 2.0) > 2.0 * rate(&|i| overdue[i] == 0.0));
        let assets = ds.numbers("total_assets").unwrap();
        let liab = ds.numbers("total_liabilities").unwrap();
        assert!(rate(&|i| liab[i] / assets[i] > 0.7) > rate(&|i| liab[i] / assets[i] < 0.4));
    }
}
