//! The input fields lendseg understands: canonical snake_case names, their kind (number, money,
//! text, date), display names in zh/en and the header aliases (Chinese and English) matched
//! case-, width- and space-insensitively. A column header may also carry its unit in brackets,
//! e.g. `营业收入（万元）`, which overrides the file-wide money unit for that column.

use crate::text::fold_header;
use serde::{Deserialize, Serialize};

/// How a field's cells are read.
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

/// The built-in field list (enterprise and individual customers, behaviour and history fields).
pub fn builtin_fields() -> Vec<FieldSpec> {
    use FieldKind::*;
    let f = |name: &str, kind, zh: &str, en: &str, aliases: &[&str]| FieldSpec {
        name: name.into(),
        kind,
        zh: zh.into(),
        en: en.into(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        min: None,
        max: None,
    };
    let non_negative = |mut spec: FieldSpec| {
        spec.min = Some(0.0);
        spec
    };
    vec![
        f(
            "id",
            Text,
            "客户编号",
            "Customer ID",
            &[
                "客户号",
                "客户编号",
                "客户ID",
                "编号",
                "customer_id",
                "cust_id",
                "client_id",
                "统一社会信用代码",
            ],
        ),
        f(
            "name",
            Text,
            "客户名称",
            "Name",
            &[
                "客户名称",
                "企业名称",
                "名称",
                "姓名",
                "company",
                "company_name",
                "customer_name",
            ],
        ),
        f(
            "as_of",
            Date,
            "数据日期",
            "As of",
            &[
                "数据日期",
                "报告期",
                "日期",
                "snapshot_date",
                "report_date",
                "date",
            ],
        ),
        f(
            "industry",
            Text,
            "行业",
            "Industry",
            &[
                "行业",
                "所属行业",
                "行业代码",
                "行业分类",
                "国标行业",
                "industry_code",
                "sector",
            ],
        ),
        f(
            "region",
            Text,
            "地区",
            "Region",
            &["地区", "区域", "所在地区", "province", "city"],
        ),
        non_negative(f(
            "employees",
            Number,
            "从业人员",
            "Employees",
            &[
                "从业人员",
                "员工人数",
                "从业人数",
                "职工人数",
                "人数",
                "employee_count",
                "staff",
                "headcount",
            ],
        )),
        non_negative(f(
            "revenue",
            Money,
            "营业收入",
            "Revenue",
            &[
                "营业收入",
                "营收",
                "销售收入",
                "主营业务收入",
                "sales",
                "turnover",
                "operating_revenue",
            ],
        )),
        non_negative(f(
            "revenue_prev",
            Money,
            "上年营业收入",
            "Revenue, previous year",
            &[
                "上年营业收入",
                "去年营业收入",
                "上期营业收入",
                "revenue_last_year",
                "prior_revenue",
            ],
        )),
        non_negative(f(
            "total_assets",
            Money,
            "资产总额",
            "Total assets",
            &["资产总额", "总资产", "资产合计", "assets"],
        )),
        non_negative(f(
            "total_liabilities",
            Money,
            "负债总额",
            "Total liabilities",
            &["负债总额", "总负债", "负债合计", "liabilities"],
        )),
        non_negative(f(
            "current_assets",
            Money,
            "流动资产",
            "Current assets",
            &["流动资产", "流动资产合计"],
        )),
        non_negative(f(
            "current_liabilities",
            Money,
            "流动负债",
            "Current liabilities",
            &["流动负债", "流动负债合计"],
        )),
        f(
            "net_profit",
            Money,
            "净利润",
            "Net profit",
            &["净利润", "利润", "profit", "net_income"],
        ),
        f(
            "operating_cash_flow",
            Money,
            "经营活动现金流量净额",
            "Operating cash flow",
            &[
                "经营活动现金流量净额",
                "经营现金流",
                "经营性现金流",
                "cash_flow",
                "ocf",
            ],
        ),
        non_negative(f(
            "accounts_receivable",
            Money,
            "应收账款",
            "Accounts receivable",
            &["应收账款", "应收款", "receivables"],
        )),
        non_negative(f(
            "overdue_receivables",
            Money,
            "逾期应收账款",
            "Overdue receivables",
            &["逾期应收账款", "逾期应收款"],
        )),
        non_negative(f(
            "years_in_business",
            Number,
            "经营年限",
            "Years in business",
            &[
                "经营年限",
                "成立年限",
                "企业年龄",
                "firm_age",
                "company_age",
            ],
        )),
        non_negative(f(
            "overdue_count",
            Number,
            "逾期次数",
            "Overdue count",
            &[
                "逾期次数",
                "历史逾期次数",
                "overdue_times",
                "delinquency_count",
            ],
        )),
        non_negative(f(
            "max_days_past_due",
            Number,
            "最长逾期天数",
            "Max days past due",
            &["最长逾期天数", "逾期天数", "dpd", "days_past_due"],
        )),
        non_negative(f(
            "loan_balance",
            Money,
            "贷款余额",
            "Loan balance",
            &["贷款余额", "授信余额", "用信余额", "outstanding_balance"],
        )),
        non_negative(f(
            "deposit_balance",
            Money,
            "存款余额",
            "Deposit balance",
            &["存款余额", "日均存款", "存款日均余额", "deposits"],
        )),
        non_negative(f(
            "fee_income",
            Money,
            "中间业务收入",
            "Fee income",
            &["中间业务收入", "手续费收入", "fees"],
        )),
        non_negative(f(
            "collateral_value",
            Money,
            "抵质押物价值",
            "Collateral value",
            &["抵质押物价值", "押品价值", "抵押物价值", "collateral"],
        )),
        f(
            "guarantee_type",
            Text,
            "担保方式",
            "Guarantee type",
            &["担保方式", "担保类型", "guarantee"],
        ),
        non_negative(f(
            "relationship_years",
            Number,
            "合作年限",
            "Years with the bank",
            &[
                "合作年限",
                "与本行合作年限",
                "relationship_length",
                "tenure_years",
            ],
        )),
        non_negative(f(
            "products_held",
            Number,
            "持有产品数",
            "Products held",
            &["持有产品数", "产品数", "products", "product_count"],
        )),
        non_negative(f(
            "recency_days",
            Number,
            "最近交易距今天数",
            "Days since last transaction",
            &["最近交易距今天数", "最近交易天数", "recency"],
        )),
        non_negative(f(
            "frequency",
            Number,
            "交易频次",
            "Transaction count",
            &["交易频次", "交易次数", "transaction_count", "txn_count"],
        )),
        f(
            "monetary",
            Money,
            "交易金额",
            "Transaction amount",
            &[
                "交易金额",
                "交易总额",
                "monetary_value",
                "transaction_amount",
                "txn_amount",
            ],
        ),
        f(
            "default_flag",
            Number,
            "违约标志",
            "Default flag",
            &["违约标志", "是否违约", "违约", "default", "bad", "target"],
        ),
    ]
}

/// A recognised header: which field, how sure, and the unit written in the header if any.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HeaderMatch {
    pub field: String,
    /// 1.0 for the canonical name, 0.9 for an alias; lower for a prefix match.
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

/// Match one header against the field list.
pub fn match_header(header: &str, fields: &[FieldSpec]) -> Option<HeaderMatch> {
    let (name_part, unit) = split_unit(header);
    let key = fold_header(&name_part);
    if key.is_empty() {
        return None;
    }
    for spec in fields {
        if fold_header(&spec.name) == key {
            return Some(HeaderMatch {
                field: spec.name.clone(),
                confidence: 1.0,
                unit,
            });
        }
    }
    for spec in fields {
        if spec.aliases.iter().any(|a| fold_header(a) == key)
            || fold_header(&spec.zh) == key
            || fold_header(&spec.en) == key
        {
            return Some(HeaderMatch {
                field: spec.name.clone(),
                confidence: 0.9,
                unit,
            });
        }
    }
    None
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
}
